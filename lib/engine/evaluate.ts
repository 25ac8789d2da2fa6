import { compilePack, type CompiledPack } from './compile.ts';
import { computeHealth, resolveOverride } from './health.ts';
import { computeStage } from './lifecycle.ts';
import { computeMaturity } from './maturity.ts';
import { nextActionAt, situationKeyAt } from './playbook.ts';
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
  // Read before the signals: the account's parts are separate objects, and asking for them together lets their cache
  // misses overlap.
  const forced = account.attributes?.stage;
  const resolved = resolveSignals(c, account, nowMs);
  const { values } = resolved;
  const segment = computeSegment(c, values);
  const sc = segment.scorecard;
  const maturity = computeMaturity(c, values);
  const stage = computeStage(c, values, maturity.level, forced);
  const touchModel = computeTouchModel(c, segment, values, maturity.level);
  const override = resolveOverride(c, account.override, nowMs);
  const context = { segment: segment.id, scorecard: sc.id, stage: stage.id, touchModel: touchModel.id };
  const health = computeHealth(c, sc, resolved, override, context, previous ?? undefined);
  const situation = { stage: stage.id, band: health.band, touchModel: touchModel.id, segment: segment.id, maturity: maturity.level };
  const key = situationKeyAt(c, stage.part, health.band, touchModel.part, segment.part, maturity.level);
  const nextAction = nextActionAt(c, key, situation, values, nowMs);
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
