// The bench's statistics, pure: medians, p95, and a bootstrap 95 % interval for the ratio of two
// medians (a figure with Sidecar over a reference measured in the same run), with a verdict against
// a target. Seeded, so the same samples always print the same interval.

/** A small, fast, seeded PRNG (mulberry32): uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The q-quantile by linear interpolation between closest ranks (q = 0.5: the median). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const median = (xs: readonly number[]) => quantile(xs, 0.5);
export const p95 = (xs: readonly number[]) => quantile(xs, 0.95);

function resample(xs: readonly number[], random: () => number): number[] {
  const out = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[Math.floor(random() * xs.length)]!;
  return out;
}

export interface Interval {
  /** The point estimate: the statistic on the samples themselves. */
  estimate: number;
  low: number;
  high: number;
}

export interface BootstrapOptions {
  /** Resamples drawn (default 2,000). */
  iterations?: number;
  /** Coverage of the interval (default 0.95). */
  level?: number;
  seed?: number;
}

/**
 * median(a) / median(b) with a percentile-bootstrap interval: each sample is resampled on its own
 * (with replacement, same size), and the interval is the middle `level` of the resampled ratios.
 * Resamples whose reference median is 0 are left out; with none left the interval is NaN.
 */
export function ratioOfMedians(a: readonly number[], b: readonly number[], options: BootstrapOptions = {}): Interval {
  const { iterations = 2_000, level = 0.95, seed = 20 } = options;
  if (a.length === 0 || b.length === 0) throw new Error('ratioOfMedians needs two non-empty samples');
  const random = seededRandom(seed);
  const ratios: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const mb = median(resample(b, random));
    const ma = median(resample(a, random));
    if (mb !== 0) ratios.push(ma / mb);
  }
  const mb = median(b);
  const estimate = mb === 0 ? Number.NaN : median(a) / mb;
  if (ratios.length === 0) return { estimate, low: Number.NaN, high: Number.NaN };
  const tail = (1 - level) / 2;
  return { estimate, low: quantile(ratios, tail), high: quantile(ratios, 1 - tail) };
}

/** median(xs) with a percentile-bootstrap interval (for a figure with an absolute target). */
export function medianInterval(xs: readonly number[], options: BootstrapOptions = {}): Interval {
  const { iterations = 2_000, level = 0.95, seed = 20 } = options;
  if (xs.length === 0) throw new Error('medianInterval needs a non-empty sample');
  const random = seededRandom(seed);
  const medians: number[] = [];
  for (let i = 0; i < iterations; i++) medians.push(median(resample(xs, random)));
  const tail = (1 - level) / 2;
  return { estimate: median(xs), low: quantile(medians, tail), high: quantile(medians, 1 - tail) };
}

export type Verdict = 'ok' | 'OVER' | 'INCONCLUSIVE';

/**
 * ok when the whole interval is within the target (its upper bound ≤ target), OVER when the whole
 * interval is above it (lower bound > target), INCONCLUSIVE otherwise (and when there is no interval).
 */
export function verdict(interval: Pick<Interval, 'low' | 'high'>, target: number): Verdict {
  if (Number.isNaN(interval.low) || Number.isNaN(interval.high)) return 'INCONCLUSIVE';
  if (interval.high <= target) return 'ok';
  if (interval.low > target) return 'OVER';
  return 'INCONCLUSIVE';
}
