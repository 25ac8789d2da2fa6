import type { CompiledPack } from './compile.ts';
import { testAll, type Value } from './conditions.ts';

/** Segments pick scorecards and touch models; the first segment whose conditions all hold wins, else the last. */
export function computeSegment(c: CompiledPack, values: readonly Value[]): string {
  for (const s of c.segments) if (testAll(s.when, values)) return s.id;
  return c.segments[c.segments.length - 1]!.id;
}

export function computeTouchModel(c: CompiledPack, segment: string, values: readonly Value[], maturity: number): string {
  for (const a of c.touchAssign) {
    if (a.segments && !a.segments.includes(segment)) continue;
    if (maturity < a.min || maturity > a.max) continue;
    if (!testAll(a.when, values)) continue;
    return a.touchModel;
  }
  return c.touchDefault;
}
