import type { CompiledPack, CompiledSegment, SituationPart } from './compile.ts';
import { testAll, type Value } from './conditions.ts';

/** Segments pick scorecards and touch models; the first segment whose conditions all hold wins, else the last. */
export function computeSegment(c: CompiledPack, values: readonly Value[]): CompiledSegment {
  for (const s of c.segments) if (testAll(s.when, values)) return s;
  return c.segments[c.segments.length - 1]!;
}

export function computeTouchModel(c: CompiledPack, segment: CompiledSegment, values: readonly Value[], maturity: number): SituationPart {
  for (const a of c.touchAssign) {
    if (a.segments && !a.segments.includes(segment.part)) continue;
    if (maturity < a.min || maturity > a.max) continue;
    if (!testAll(a.when, values)) continue;
    return a.touchModel;
  }
  return c.touchDefault;
}
