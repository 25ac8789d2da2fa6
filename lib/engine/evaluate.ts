import { compilePack, type CompiledPack } from './compile.ts';
import { computeHealth, resolveOverride } from './health.ts';
import { computeStage } from './lifecycle.ts';
import { computeMaturity } from './maturity.ts';
import { computeNextAction } from './playbook.ts';
import { resolveSignals } from './signals.ts';
import { computeSegment, computeTouchModel } from './touch.ts';
import type { AccountInput, ConfigPack, Evaluation } from './types.ts';

// A memo, not state: the compiled form is a pure function of the (immutable, parsed) pack object.
const compiled = new WeakMap<ConfigPack, CompiledPack>();

function compiledFor(pack: ConfigPack): CompiledPack {
  let c = compiled.get(pack);
  if (!c) {
    c = compilePack(pack);
    compiled.set(pack, c);
  }
  return c;
}

export function evaluateCompiled(c: CompiledPack, account: AccountInput, now: Date, previous?: Evaluation | null): Evaluation {
  const nowMs = now.getTime();
  const resolved = resolveSignals(c, account, nowMs);
  const { values } = resolved;
  const segment = computeSegment(c, values);
  const sc = c.scorecardBySegment.get(segment)!;
  const maturity = computeMaturity(c, values);
  const stage = computeStage(c, values, maturity.level, account.attributes?.stage);
  const touchModel = computeTouchModel(c, segment, values, maturity.level);
  const override = resolveOverride(c, account.override, nowMs);
  const health = computeHealth(c, sc, resolved, override, { segment, scorecard: sc.id, stage, touchModel }, previous ?? undefined);
  const nextAction = computeNextAction(c, { stage, band: health.band, touchModel, segment, maturity: maturity.level }, values, nowMs);
  return { health, maturity, nextAction };
}

/**
 * Scores one account against a parsed pack. `pack` must come from `parseConfigPack` or `defaultConfigPack`:
 * it is not validated again here.
 */
export function evaluateAccount(pack: ConfigPack, account: AccountInput, now: Date, previous?: Evaluation | null): Evaluation {
  return evaluateCompiled(compiledFor(pack), account, now, previous);
}

/** For callers that evaluate many accounts against one pack and prefer to hold the compiled form themselves. */
export function createEvaluator(pack: ConfigPack): (account: AccountInput, now: Date, previous?: Evaluation | null) => Evaluation {
  const c = compilePack(pack);
  return (account, now, previous) => evaluateCompiled(c, account, now, previous);
}
