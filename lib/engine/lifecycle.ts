import type { CompiledPack, SituationPart } from './compile.ts';
import { testAll, type Value } from './conditions.ts';

/**
 * Renewal comes first: once the renewal date is within the window (or past) the account is in renewal whatever else
 * is true. Then the pack's rules in order, then the default. A stage set on the account wins over all of these.
 */
export function computeStage(c: CompiledPack, values: readonly Value[], maturity: number, forced?: string): SituationPart {
  if (forced !== undefined) {
    const stage = c.stageById.get(forced);
    if (stage) return stage;
  }
  const days = c.renewal.idx >= 0 ? values[c.renewal.idx] : null;
  if (typeof days === 'number' && days <= c.renewal.windowDays) return c.renewal.stage;
  for (const r of c.stageRules) {
    if (maturity >= r.minMaturity && testAll(r.when, values)) return r.stage;
  }
  return c.stageDefault;
}
