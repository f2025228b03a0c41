const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const shortDate = (at: string | number) => day.format(new Date(at));
export const longDate = (at: string | number) => full.format(new Date(at));
export const score = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(Math.round(v)));
export const signed = (v: number | null | undefined, unit = '') =>
  v === null || v === undefined ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(Math.round(v * 10) / 10)}${unit}`;
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
