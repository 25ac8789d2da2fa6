import { describe, expect, test } from 'vitest';
import { median, medianInterval, p95, quantile, ratioOfMedians, seededRandom, verdict } from '../bench/stats';

// The bench's statistics (tests/bench/stats.ts). Lives here because the unit project's globs
// cover tests/unit, not tests/bench.

describe('seededRandom', () => {
  test('the same seed gives the same sequence, in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 1_000 }, () => a());
    expect(Array.from({ length: 1_000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    // Roughly uniform: each tenth holds about a tenth.
    for (let d = 0; d < 10; d++) {
      const n = xs.filter((x) => x >= d / 10 && x < (d + 1) / 10).length;
      expect(n).toBeGreaterThan(60);
      expect(n).toBeLessThan(140);
    }
  });
  test('another seed, another sequence', () => {
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });
});

describe('quantile', () => {
  test.each([
    [[5], 0.5, 5],
    [[3, 1, 2], 0.5, 2],
    [[4, 1, 3, 2], 0.5, 2.5],
    [[1, 2, 3, 4, 5], 0, 1],
    [[1, 2, 3, 4, 5], 1, 5],
    [[1, 2, 3, 4, 5], 0.25, 2],
    [[10, 20], 0.95, 19.5],
  ])('quantile(%j, %s) = %s', (xs, q, expected) => {
    expect(quantile(xs, q)).toBeCloseTo(expected, 10);
  });
  test('empty: NaN; the input is left unsorted', () => {
    expect(quantile([], 0.5)).toBeNaN();
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
  test('p95 of 1..100', () => {
    expect(p95(Array.from({ length: 100 }, (_, i) => i + 1))).toBeCloseTo(95.05, 10);
  });
});

describe('ratioOfMedians', () => {
  test('identical constant samples: exactly 1, no spread', () => {
    expect(ratioOfMedians([100, 100, 100], [100, 100, 100])).toEqual({ estimate: 1, low: 1, high: 1 });
  });
  test('samples without spread: their ratio, and no spread', () => {
    expect(ratioOfMedians([200, 200, 200, 200], [100, 100, 100])).toEqual({ estimate: 2, low: 2, high: 2 });
  });
  test('each sample is resampled on its own: a scaled copy still has an interval around the ratio', () => {
    const b = [90, 100, 110, 95, 105, 98, 102];
    const r = ratioOfMedians(b.map((x) => x * 2), b);
    expect(r.estimate).toBe(2);
    expect(r.low).toBeLessThan(2);
    expect(r.high).toBeGreaterThan(2);
  });
  test('seeded: the same samples and seed give the same interval; it holds the estimate', () => {
    const rnd = seededRandom(3);
    const a = Array.from({ length: 30 }, () => 180 + 40 * rnd());
    const b = Array.from({ length: 30 }, () => 100 + 30 * rnd());
    const r1 = ratioOfMedians(a, b, { seed: 11 });
    expect(ratioOfMedians(a, b, { seed: 11 })).toEqual(r1);
    expect(r1.low).toBeLessThanOrEqual(r1.estimate);
    expect(r1.high).toBeGreaterThanOrEqual(r1.estimate);
    expect(r1.low).toBeGreaterThan(1.4);
    expect(r1.high).toBeLessThan(2.2);
  });
  test('more loads, a narrower interval', () => {
    const draw = (n: number, seed: number) => {
      const rnd = seededRandom(seed);
      return Array.from({ length: n }, () => 100 + 50 * rnd());
    };
    const width = (n: number) => {
      const r = ratioOfMedians(draw(n, 1), draw(n, 2));
      return r.high - r.low;
    };
    expect(width(200)).toBeLessThan(width(10));
  });
  test('a reference whose median is 0 gives no ratio', () => {
    const r = ratioOfMedians([0, 0, 5], [0, 0, 0]);
    expect(r.estimate).toBeNaN();
    expect(r.low).toBeNaN();
  });
  test('empty samples are refused', () => {
    expect(() => ratioOfMedians([], [1])).toThrow();
  });
});

describe('medianInterval', () => {
  test('the interval holds the median and lies within the sample', () => {
    const xs = [9, 10, 11, 12, 30, 8, 10, 11];
    const r = medianInterval(xs);
    expect(r.estimate).toBe(10.5);
    expect(r.low).toBeGreaterThanOrEqual(8);
    expect(r.high).toBeLessThanOrEqual(30);
    expect(r.low).toBeLessThanOrEqual(10.5);
    expect(r.high).toBeGreaterThanOrEqual(10.5);
  });
});

describe('verdict', () => {
  test.each([
    [{ low: 0.9, high: 1.04 }, 1.05, 'ok'],
    [{ low: 0.9, high: 1.05 }, 1.05, 'ok'],
    [{ low: 1.06, high: 1.3 }, 1.05, 'OVER'],
    [{ low: 1.05, high: 1.3 }, 1.05, 'INCONCLUSIVE'],
    [{ low: 1.0, high: 1.1 }, 1.05, 'INCONCLUSIVE'],
    [{ low: Number.NaN, high: Number.NaN }, 1.05, 'INCONCLUSIVE'],
  ] as const)('%j against %s: %s', (interval, target, expected) => {
    expect(verdict(interval, target)).toBe(expected);
  });
});
