import { useEffect, useState } from 'react';

/**
 * The chart colours, read from the app's CSS variables so the charts follow light and dark like
 * everything else. SVG presentation attributes cannot take `var(…)`, so the values are read here and
 * read again whenever the system switches scheme.
 */
export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  accent: string;
  previous: string;
  best: string;
  series: string[];
}

function read(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    text: v('--text'),
    muted: v('--muted'),
    grid: v('--border'),
    surface: v('--surface'),
    accent: v('--accent'),
    previous: v('--chart-previous'),
    best: v('--success'),
    series: [v('--chart-1'), v('--chart-2'), v('--chart-3'), v('--chart-4'), v('--chart-5'), v('--chart-6')],
  };
}

export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(read);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setTheme(read());
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  return theme;
}
