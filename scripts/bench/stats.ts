/**
 * The benchmark's rows and the arithmetic every scenario shares: medians of repeated runs,
 * and ratios to a baseline measured in the same run (never a timed assertion: this machine is
 * shared and noisy).
 */

/** One figure of the benchmark, as written to bench-results.json. */
export interface BenchRow {
  name: string;
  unit: string;
  median: number;
  baseline?: number;
  ratio?: number;
}

/** The median of some samples. */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** `x` to `digits` decimals, for printing. */
export const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/** A row in milliseconds: the median of `samples` against the median of `baseline`'s. */
export const versus = (name: string, samples: number[], baseline: number[]): BenchRow => ({
  name,
  unit: 'ms',
  median: round(median(samples), 1),
  baseline: round(median(baseline), 1),
  ratio: round(median(samples) / median(baseline)),
});

/** Says on stderr what the benchmark is doing, so a long run shows where it is. */
export const progress = (what: string) => console.error(`… ${what}`);
