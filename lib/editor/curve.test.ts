import { expect, test } from 'vitest';
import { curveChart, mirroredScoring } from './curve.ts';

test.each([
  ['ranges: flat outside, lines between', { kind: 'ranges' as const, points: [{ value: 0, score: 0 }, { value: 100, score: 100 }] }, 'M0 100 L10 100 L110 0 L120 0'],
  ['thresholds: otherwise below the first step', { kind: 'thresholds' as const, steps: [{ atLeast: 10, score: 50 }, { atLeast: 20, score: 100 }], otherwise: 0 }, 'M0 100 H10 V50 H110 V0 H120'],
  ['boolean: false left, true right', { kind: 'boolean' as const, whenTrue: 100, whenFalse: 20 }, 'M0 80 H60 V0 H120'],
])('%s', (_, scoring, path) => {
  expect(curveChart(scoring, 120, 100)?.path).toBe(path);
});

test('a curve being typed (a blank value) draws what it can, and nothing below two points', () => {
  const typing = { kind: 'ranges' as const, points: [{ value: 0, score: 0 }, { value: Number.NaN, score: 50 }, { value: 10, score: 100 }] };
  expect(curveChart(typing, 120, 100)?.dots).toHaveLength(2);
  expect(curveChart({ kind: 'ranges', points: [{ value: 0, score: 0 }, { value: Number.NaN, score: 1 }] }, 120, 100)).toBeNull();
});

test('a change of weight or point moves the chart', () => {
  const a = curveChart({ kind: 'ranges', points: [{ value: 0, score: 0 }, { value: 50, score: 100 }] }, 120, 100)!;
  const b = curveChart({ kind: 'ranges', points: [{ value: 0, score: 0 }, { value: 50, score: 60 }] }, 120, 100)!;
  expect(a.path).not.toBe(b.path);
});

test.each([
  ['ranges', { kind: 'ranges' as const, points: [{ value: 0, score: 0 }, { value: 80, score: 100 }] }, { kind: 'ranges', points: [{ value: 0, score: 100 }, { value: 80, score: 0 }] }],
  ['thresholds', { kind: 'thresholds' as const, steps: [{ atLeast: 10, score: 50 }, { atLeast: 50, score: 90 }], otherwise: 0 }, { kind: 'thresholds', steps: [{ atLeast: 10, score: 50 }, { atLeast: 50, score: 10 }], otherwise: 100 }],
  ['boolean', { kind: 'boolean' as const, whenTrue: 100, whenFalse: 20 }, { kind: 'boolean', whenTrue: 0, whenFalse: 80 }],
])('mirroredScoring turns a %s curve the other way, its values kept', (_, scoring, mirrored) => {
  expect(mirroredScoring(scoring)).toEqual(mirrored);
});
