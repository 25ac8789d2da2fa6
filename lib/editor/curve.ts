// A measure's scoring curve as the small chart beside it draws it: value (x) → sub-score (y, 0–100),
// in the chart's own coordinates. Pure, so the chart only renders a path. A curve the check would
// refuse (values out of order, blanks) still draws what it can: the chart updates as you type.
import type { Scoring } from '../engine/types.ts';

export interface CurveChart {
  /** SVG path data, in a box of `width` × `height` (y grows downwards: score 100 at the top). */
  path: string;
  /** Points to mark (the curve's own points or steps), in the same box. */
  dots: Array<{ x: number; y: number }>;
  /** The value axis' ends, for its two labels. */
  from: number;
  to: number;
}

const finite = (n: number) => Number.isFinite(n);
const clampScore = (s: number) => Math.max(0, Math.min(100, s));

/** The chart of a scoring, or null when there is nothing drawable yet (no two finite points). */
export function curveChart(scoring: Scoring, width: number, height: number): CurveChart | null {
  const y = (score: number) => Math.round((height - (clampScore(score) / 100) * height) * 10) / 10;
  if (scoring.kind === 'boolean') {
    // Two levels: false on the left half, true on the right.
    const f = finite(scoring.whenFalse) ? scoring.whenFalse : 0;
    const t = finite(scoring.whenTrue) ? scoring.whenTrue : 0;
    const mid = width / 2;
    return { path: `M0 ${y(f)} H${mid} V${y(t)} H${width}`, dots: [{ x: width / 4, y: y(f) }, { x: (3 * width) / 4, y: y(t) }], from: 0, to: 1 };
  }
  const pts =
    scoring.kind === 'ranges'
      ? scoring.points.filter((p) => finite(p.value) && finite(p.score)).map((p) => ({ v: p.value, s: p.score }))
      : scoring.steps.filter((p) => finite(p.atLeast) && finite(p.score)).map((p) => ({ v: p.atLeast, s: p.score }));
  if (pts.length === 0 || (scoring.kind === 'ranges' && pts.length < 2)) return null;
  const sorted = [...pts].sort((a, b) => a.v - b.v);
  const lo = sorted[0]!.v;
  const hi = sorted[sorted.length - 1]!.v;
  // A margin on each side shows the flat ends (and a single step's both sides).
  const span = hi - lo || Math.max(1, Math.abs(hi));
  const from = lo - span * 0.1;
  const to = hi + span * 0.1;
  const x = (v: number) => Math.round(((v - from) / (to - from)) * width * 10) / 10;
  const dots = sorted.map((p) => ({ x: x(p.v), y: y(p.s) }));
  let path: string;
  if (scoring.kind === 'ranges') {
    // Flat outside the points, straight lines between them (the engine's piecewise-linear reading).
    path = `M0 ${dots[0]!.y} ` + dots.map((d) => `L${d.x} ${d.y}`).join(' ') + ` L${width} ${dots[dots.length - 1]!.y}`;
  } else {
    // The highest step reached; below the first step, `otherwise`.
    const other = finite(scoring.otherwise) ? scoring.otherwise : 0;
    path = `M0 ${y(other)} ` + dots.map((d) => `H${d.x} V${d.y}`).join(' ') + ` H${width}`;
  }
  return { path, dots, from, to };
}

/**
 * The curve turned upside down (each score s becomes 100 − s), its values kept: what a measure needs when its signal
 * is changed to one that faces the other way ("higher is better" to "lower is better"), which the pack check would
 * otherwise refuse ("scores must fall as the value rises").
 */
export function mirroredScoring(scoring: Scoring): Scoring {
  const flip = (s: number) => 100 - s;
  switch (scoring.kind) {
    case 'ranges':
      return { kind: 'ranges', points: scoring.points.map((p) => ({ value: p.value, score: flip(p.score) })) };
    case 'thresholds':
      return { kind: 'thresholds', steps: scoring.steps.map((s) => ({ atLeast: s.atLeast, score: flip(s.score) })), otherwise: flip(scoring.otherwise) };
    case 'boolean':
      return { kind: 'boolean', whenTrue: flip(scoring.whenTrue), whenFalse: flip(scoring.whenFalse) };
  }
}
