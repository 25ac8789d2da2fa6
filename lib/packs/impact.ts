// Impact before install: every cached account scored with the installed pack and with the new one,
// so CS Ops sees "12 accounts move from yellow to red, and why" before the team does. Pure: the
// accounts' inputs come in (the background reads them from the cache), nothing is written.
import { createEvaluator } from '../engine/evaluate.ts';
import { localText } from '../engine/text.ts';
import type { AccountInput, ConfigPack, Evaluation, LocalText } from '../engine/types.ts';

export interface ImpactAccount {
  key: string;
  name: string;
  /** The account's signals as the installed pack reads them. */
  input: AccountInput;
  /** As the new pack reads them, when that differs (the team's ratings combine as each pack says). */
  inputAfter?: AccountInput;
}

/** Where one account stands under one pack. */
export interface Standing {
  score: number | null;
  band: string | null;
  level: number;
  action: { id: string; title: LocalText } | null;
}

/** What moved the account: the measure whose pull on the score (sub-score × weight) changed most, else the maturity criterion that flipped. */
export type ImpactDriver =
  | { kind: 'measure'; signalId: string; label: LocalText; /** Its pull on the score in points, signed. */ before: number; after: number }
  | { kind: 'criterion'; level: number; criterionId: string; label: LocalText; met: boolean }
  /** The band moved because its bounds did: the new score would have kept the old band under the old bounds. */
  | { kind: 'bounds'; scoreBefore: number; scoreAfter: number };

export interface AccountImpact {
  key: string;
  name: string;
  before: Standing;
  after: Standing;
  band: boolean;
  level: boolean;
  action: boolean;
  driver: ImpactDriver | null;
}

export interface ImpactSummary {
  /** Every cached account. */
  total: number;
  /** Accounts with enough data for a score under either pack: the comparison is based on these. */
  based: number;
  bandChanged: number;
  levelChanged: number;
  actionChanged: number;
  /** Band moves, largest first: "yellow → red: 12". */
  moves: Array<{ from: string | null; to: string | null; count: number }>;
  /** The accounts that changed, worst news first (band down, then up, level, action). At most `limit`. */
  accounts: AccountImpact[];
  /** Band labels of both packs, for the moves and the list. */
  bands: Record<string, { label: LocalText; rank: number; color?: string }>;
}

function standing(e: Evaluation): Standing {
  const best = e.nextAction?.best;
  return { score: e.health.score, band: e.health.band, level: e.maturity.level, action: best ? { id: best.ruleId, title: best.title } : null };
}

/**
 * Each measure's pull on the score, in points: (sub-score − the scorecard's neutral) × its weight's
 * share of the weights that have values: the engine's own driver measure, so a heavier NPS on a
 * detractor reads as NPS pulling harder, not as every other measure shrinking.
 */
function pulls(e: Evaluation, pack: ConfigPack): Map<string, number> {
  const card = pack.scorecards.find((c) => c.id === e.health.context.scorecard);
  const neutral = card?.neutral ?? 50;
  const available = e.health.measures.reduce((n, m) => n + (m.subScore === null ? 0 : m.weight), 0);
  return new Map(e.health.measures.map((m) => [m.signalId, m.subScore === null || available === 0 ? 0 : ((m.subScore - neutral) * m.weight) / available]));
}

/** The one thing that moved this account most, or null when only band bounds, rules or the playbook changed. */
export function driverOf(before: Evaluation, after: Evaluation, packBefore: ConfigPack, pack: ConfigPack): ImpactDriver | null {
  const fallback = pack.locales.default;
  const b = pulls(before, packBefore);
  const a = pulls(after, pack);
  let best: { id: string; from: number; to: number } | null = null;
  for (const id of new Set([...b.keys(), ...a.keys()])) {
    const from = b.get(id) ?? 0;
    const to = a.get(id) ?? 0;
    // Below a tenth of a point it is rounding, not a reason.
    if (Math.abs(to - from) < 0.1) continue;
    if (!best || Math.abs(to - from) > Math.abs(best.to - best.from)) best = { id, from, to };
  }
  if (best) {
    const s = pack.signals.find((x) => x.id === best.id);
    return { kind: 'measure', signalId: best.id, label: s ? localText(s.label, fallback) : { ja: best.id, en: best.id }, before: best.from, after: best.to };
  }
  if (before.maturity.level !== after.maturity.level) {
    // The lowest level whose verdict changed: its first criterion that flipped (or that is new).
    for (const la of after.maturity.levels) {
      const lb = before.maturity.levels.find((x) => x.level === la.level);
      if (lb && lb.met === la.met) continue;
      const flipped = la.criteria.find((c) => lb?.criteria.find((x) => x.id === c.id)?.met !== c.met) ?? la.criteria.find((c) => !c.met) ?? la.criteria[0];
      const def = pack.maturity.levels.find((x) => x.level === la.level)?.criteria.find((x) => x.id === flipped?.id);
      if (flipped) return { kind: 'criterion', level: la.level, criterionId: flipped.id, label: def ? localText(def.label, fallback) : { ja: flipped.id, en: flipped.id }, met: flipped.met };
    }
  }
  return null;
}

/** The band a pack's bounds give a score on one scorecard, before any band rule. */
export function bandUnder(pack: ConfigPack, scorecardId: string, score: number): string | null {
  const card = pack.scorecards.find((c) => c.id === scorecardId);
  const bounds = pack.bands.map((x) => ({ id: x.id, min: card?.bandCutoffs?.[x.id] ?? x.min })).sort((x, y) => x.min - y.min);
  let id: string | null = bounds[0]?.id ?? null;
  for (const x of bounds) if (score >= x.min) id = x.id;
  return id;
}

/** Compare one account's two evaluations. */
export function compareAccount(key: string, name: string, before: Evaluation, after: Evaluation, packBefore: ConfigPack, pack: ConfigPack): AccountImpact {
  const b = standing(before);
  const a = standing(after);
  const hb = before.health;
  const ha = after.health;
  // A band that moved while the new score would still sit in the old band under the old bounds moved
  // because the bounds did: naming a measure then would explain the wrong thing. (Band rules: not this case.)
  const byBounds =
    b.band !== a.band &&
    hb.score !== null &&
    ha.score !== null &&
    hb.rulesApplied.length === 0 &&
    ha.rulesApplied.length === 0 &&
    bandUnder(packBefore, hb.context.scorecard, ha.score) === hb.computedBand;
  return {
    key,
    name,
    before: b,
    after: a,
    band: b.band !== a.band,
    level: b.level !== a.level,
    action: (b.action?.id ?? null) !== (a.action?.id ?? null),
    driver: byBounds ? { kind: 'bounds', scoreBefore: hb.score!, scoreAfter: ha.score! } : driverOf(before, after, packBefore, pack),
  };
}

export function bandTable(before: ConfigPack, after: ConfigPack): ImpactSummary['bands'] {
  const out: ImpactSummary['bands'] = {};
  // The new pack's words and order win; a band only the old pack has keeps its own.
  for (const pack of [before, after]) {
    const sorted = [...pack.bands].sort((x, y) => x.min - y.min);
    sorted.forEach((b, i) => (out[b.id] = { label: localText(b.label, pack.locales.default), rank: i, ...(b.color ? { color: b.color } : {}) }));
  }
  return out;
}

/**
 * Score every account with both packs and summarise what moves. `limit` caps the list (the counts
 * always cover every account). Accounts without enough data for a score under either pack are
 * counted in `total` only: their band cannot move, and saying so would be guessing.
 */
export function packImpact(accounts: readonly ImpactAccount[], before: ConfigPack, after: ConfigPack, now: Date, limit = 500): ImpactSummary {
  const evalBefore = createEvaluator(before);
  const evalAfter = createEvaluator(after);
  const bands = bandTable(before, after);
  const rank = (id: string | null) => (id === null ? -1 : (bands[id]?.rank ?? -1));
  let based = 0;
  let bandChanged = 0;
  let levelChanged = 0;
  let actionChanged = 0;
  const moves = new Map<string, { from: string | null; to: string | null; count: number }>();
  const changed: AccountImpact[] = [];
  for (const acc of accounts) {
    const eb = evalBefore(acc.input, now);
    const ea = evalAfter(acc.inputAfter ?? acc.input, now);
    if (eb.health.status !== 'ok' && ea.health.status !== 'ok') continue;
    based++;
    const c = compareAccount(acc.key, acc.name, eb, ea, before, after);
    if (c.band) {
      bandChanged++;
      const k = `${c.before.band}→${c.after.band}`;
      const m = moves.get(k) ?? { from: c.before.band, to: c.after.band, count: 0 };
      m.count++;
      moves.set(k, m);
    }
    if (c.level) levelChanged++;
    if (c.action) actionChanged++;
    if (c.band || c.level || c.action) changed.push(c);
  }
  // Worst news first: a band down, by how far; then a band up; then level and action changes.
  const weight = (c: AccountImpact) => (c.band ? (rank(c.after.band) < rank(c.before.band) ? 3000 + (rank(c.before.band) - rank(c.after.band)) * 100 : 2000) : 0) + (c.level ? (c.after.level < c.before.level ? 600 : 500) : 0) + (c.action ? 100 : 0);
  changed.sort((x, y) => weight(y) - weight(x) || x.name.localeCompare(y.name));
  return {
    total: accounts.length,
    based,
    bandChanged,
    levelChanged,
    actionChanged,
    moves: [...moves.values()].sort((x, y) => y.count - x.count || rank(x.to) - rank(y.to)),
    accounts: changed.slice(0, limit),
    bands,
  };
}
