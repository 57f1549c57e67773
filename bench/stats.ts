/** Timing helpers: every figure is a median over several runs, with the min and max next to it. */
import { performance } from 'node:perf_hooks';

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function spread(values: number[]): Spread {
  if (!values.length) throw new Error('no values to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), min: sorted[0], max: sorted[sorted.length - 1], runs: values.length };
}

/** The q-quantile of already sorted values, interpolated between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Milliseconds one call of `fn` takes. */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Runs `fn` `runs` times after one untimed warm-up, and summarises the milliseconds. */
export async function timeRuns(runs: number, fn: (run: number) => unknown, { warmUp = true } = {}): Promise<Spread> {
  if (warmUp) await fn(-1);
  const values: number[] = [];
  for (let run = 0; run < runs; run++) values.push(await timeMs(() => fn(run)));
  return spread(values);
}

/** The same spread expressed as a rate: `count` things per second for each run's time. */
export function rateOf(msSpread: number[], count: number): Spread {
  return spread(msSpread.map((ms) => (count * 1000) / ms));
}
