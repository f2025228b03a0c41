import { performance } from 'node:perf_hooks';

const filter = process.env.BENCH_FILTER ?? '';

export function wanted(name: string): boolean {
  return name.startsWith(filter);
}

/** Median time of `fn` in microseconds over `runs`, after a warm-up. */
export function medianMicros(fn: () => void, runs = 200, warmup = 20): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) * 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function report(name: string, value: number, unit: string, baseline?: number): string {
  const line =
    `bench: ${name} ${value.toFixed(2)} ${unit}` +
    (baseline !== undefined ? ` baseline ${baseline.toFixed(2)} ratio ${(value / baseline).toFixed(2)}` : '');
  console.log(line);
  return line;
}
