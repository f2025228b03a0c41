import { useState, type ReactNode } from 'react';

/**
 * Small charts drawn with SVG and CSS, each with its numbers a toggle away as a table: the chart for a
 * glance, the table for reading exact values and for screen readers. Every bar can be reached with Tab
 * and says its value.
 */
export interface Bar {
  label: string;
  value: number;
  /** What the value reads as (42%, 13.5 words). */
  display: string;
  /** A second value drawn beside it (the generic interviewer, a range). */
  compare?: { value: number; display: string };
}

export function ChartCard({
  title,
  caption,
  table,
  children,
}: {
  title: string;
  caption?: string;
  table: { head: string[]; rows: ReactNode[][] };
  children: ReactNode;
}) {
  const [asTable, setAsTable] = useState(false);
  return (
    <figure className="tw-chart">
      <figcaption>
        <span className="tw-chart-title">{title}</span>
        <button type="button" className="btn btn-ghost btn-small" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {asTable ? 'Chart' : 'Table'}
        </button>
      </figcaption>
      {caption && <p className="tw-chart-caption">{caption}</p>}
      {asTable ? (
        <table className="tw-table">
          <thead>
            <tr>
              {table.head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) =>
                  j === 0 ? (
                    <th key={j} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={j}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        children
      )}
    </figure>
  );
}

/** Horizontal bars on a 0–max scale; a compared value is drawn as a thin second bar. */
export function Bars({ bars, max, legend }: { bars: Bar[]; max: number; legend?: [string, string] }) {
  const pct = (v: number) => `${Math.max(0, Math.min(100, (v / (max || 1)) * 100))}%`;
  return (
    <div className="tw-bars">
      {legend && (
        <div className="tw-legend" aria-hidden="true">
          <span className="tw-key tw-key-a" /> {legend[0]}
          <span className="tw-key tw-key-b" /> {legend[1]}
        </div>
      )}
      <ul>
        {bars.map((b) => (
          <li
            key={b.label}
            tabIndex={0}
            aria-label={`${b.label}: ${b.display}${b.compare && legend ? `; ${legend[1]} ${b.compare.display}` : ''}`}
          >
            <span className="tw-bar-label">{b.label}</span>
            <span className="tw-bar-track">
              <span className="tw-bar tw-bar-a" style={{ width: pct(b.value) }} />
              {b.compare && <span className="tw-bar tw-bar-b" style={{ width: pct(b.compare.value) }} />}
            </span>
            <span className="tw-bar-value">
              {b.display}
              {b.compare && <span className="tw-bar-compare"> / {b.compare.display}</span>}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A line per series over evaluation runs, 0–1. */
export function TrendLines({ series, labels }: { series: Array<{ name: string; values: number[]; kind: 'a' | 'b' }>; labels: string[] }) {
  const w = 320;
  const h = 120;
  const n = Math.max(1, labels.length - 1);
  const x = (i: number) => 28 + (i / n) * (w - 40);
  const y = (v: number) => 8 + (1 - Math.max(0, Math.min(1, v))) * (h - 28);
  return (
    <svg className="tw-trend" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`Trend over ${labels.length} runs`}>
      {[0, 0.5, 1].map((g) => (
        <g key={g}>
          <line x1={28} x2={w - 12} y1={y(g)} y2={y(g)} className="tw-grid" />
          <text x={2} y={y(g) + 4} className="tw-axis">
            {g}
          </text>
        </g>
      ))}
      {series.map((s) => (
        <g key={s.name} className={`tw-line tw-line-${s.kind}`}>
          <polyline points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} fill="none" />
          {s.values.map((v, i) => (
            <circle key={i} cx={x(i)} cy={y(v)} r={3} />
          ))}
        </g>
      ))}
      <text x={28} y={h - 4} className="tw-axis">
        {labels[0]}
      </text>
      {labels.length > 1 && (
        <text x={w - 12} y={h - 4} className="tw-axis" textAnchor="end">
          {labels.at(-1)}
        </text>
      )}
    </svg>
  );
}
