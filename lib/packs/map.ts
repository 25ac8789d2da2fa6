// The pack drawn as the team's operations map (issue 18), as plain data the map view lays out:
// the maturity curve with each level's criteria; the scored signals grouped by kind with their
// weights as shares of 100 per scorecard; the touch models and who gets each; the lifecycle
// stages with owners; the playbook actions placed in a stage × band grid where they fire.
import { pickText } from '../engine/text.ts';
import type { ConfigPack, Locale, Localized } from '../engine/types.ts';
import { conditionsText, conditionText } from './diff.ts';

export type SignalKind = 'usage' | 'support' | 'touch';
/** The grid's catch-all row or column: a rule that names no stage (or no band) fires in every one. */
export const ANY = '*';

export interface PackMap {
  name: string;
  version: string;
  levels: Array<{ level: number; label: string; description: string | null; criteria: Array<{ label: string; condition: string }> }>;
  bands: Array<{ id: string; label: string; min: number; color: string | null }>;
  scorecards: Array<{ id: string; label: string; segments: string[] }>;
  /** Scored signals by kind; `shares[i]` is the signal's share of 100 in scorecards[i] (null: not scored there). */
  signals: Array<{ kind: SignalKind; items: Array<{ id: string; label: string; shares: Array<number | null>; critical: boolean[] }> }>;
  touch: Array<{ id: string; label: string; description: string | null; who: string[]; isDefault: boolean }>;
  stages: Array<{ id: string; label: string; owner: string }>;
  renewalDays: number;
  playbook: {
    rows: Array<{ id: string; label: string }>;
    columns: Array<{ id: string; label: string; color: string | null }>;
    /** Actions by `${row}|${column}`. */
    cells: Record<string, Array<{ id: string; title: string; owner: string; dueInDays: number; priority: string; levels: string | null; touch: string[]; segments: string[] }>>;
  };
}

const SUPPORT = /ticket|case|support|help/i;
const levelRange = (min: number, max: number) => (min === max ? `Lv.${min}` : `Lv.${min}–${max}`);

/** Where a signal comes from, for the map's grouping: a touchpoint rating, support, or the product's logs. */
export function signalKind(s: ConfigPack['signals'][number]): SignalKind {
  if (s.source.kind === 'rating' || s.category === 'qualitative') return 'touch';
  if (s.source.kind === 'association' || SUPPORT.test(s.id)) return 'support';
  return 'usage';
}

/** Weights as whole shares of 100 that add up to exactly 100 (largest remainders round up). */
export function sharesOf100(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (w / total) * 100);
  const out = raw.map(Math.floor);
  let left = 100 - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

export function packMap(pack: ConfigPack, locale: Locale): PackMap {
  const fb = pack.locales.default;
  const tx = (l: Localized | undefined) => (l ? pickText(l, locale, fb) : '');
  const label = (list: ReadonlyArray<{ id: string; label: Localized }>, id: string) => tx(list.find((x) => x.id === id)?.label) || id;
  const sep = locale === 'ja' ? '、' : ', ';

  const levels = [...pack.maturity.levels]
    .sort((a, b) => a.level - b.level)
    .map((l) => ({
      level: l.level,
      label: tx(l.label),
      description: l.description ? tx(l.description) : null,
      criteria: l.criteria.map((c) => ({ label: tx(c.label), condition: tx(conditionText(pack, c.condition)) })),
    }));

  const bandsHighFirst = [...pack.bands].sort((a, b) => b.min - a.min);
  const bands = bandsHighFirst.map((b) => ({ id: b.id, label: tx(b.label), min: b.min, color: b.color ?? null }));

  const scorecards = pack.scorecards.map((c) => ({ id: c.id, label: tx(c.label), segments: c.segments.map((s) => label(pack.segments, s)) }));
  const shares = pack.scorecards.map((c) => {
    const s = sharesOf100(c.measures.map((m) => m.weight));
    return new Map(c.measures.map((m, i) => [m.signal, { share: s[i]!, critical: !!m.critical }]));
  });
  const scored = pack.signals.filter((s) => shares.some((m) => m.has(s.id)));
  const signals = (['usage', 'support', 'touch'] as const)
    .map((kind) => ({
      kind,
      items: scored
        .filter((s) => signalKind(s) === kind)
        .map((s) => ({ id: s.id, label: tx(s.label), shares: shares.map((m) => m.get(s.id)?.share ?? null), critical: shares.map((m) => m.get(s.id)?.critical ?? false) })),
    }))
    .filter((g) => g.items.length > 0);

  const touch = pack.touch.models.map((m) => {
    const who = pack.touch.assign
      .filter((a) => a.touchModel === m.id)
      .map((a) => {
        const parts: string[] = [];
        if (a.segments?.length) parts.push(a.segments.map((s) => label(pack.segments, s)).join(locale === 'ja' ? '・' : ', '));
        if (a.minMaturity !== undefined && a.maxMaturity !== undefined) parts.push(`Lv.${a.minMaturity}–${a.maxMaturity}`);
        else if (a.minMaturity !== undefined) parts.push(locale === 'ja' ? `Lv.${a.minMaturity} 以上` : `Lv.${a.minMaturity}+`);
        else if (a.maxMaturity !== undefined) parts.push(locale === 'ja' ? `Lv.${a.maxMaturity} 以下` : `up to Lv.${a.maxMaturity}`);
        if (a.when?.length) parts.push(tx(conditionsText(pack, a.when)));
        return parts.join(sep);
      });
    return { id: m.id, label: tx(m.label), description: m.description ? tx(m.description) : null, who, isDefault: pack.touch.default === m.id };
  });

  const stages = pack.lifecycle.stages.map((s) => ({ id: s.id, label: tx(s.label), owner: label(pack.roles, s.owner) }));

  // The grid: stages down, bands across (healthiest first), with a catch-all row and column only where a rule needs one.
  const rowIds = new Set<string>();
  const colIds = new Set<string>();
  for (const r of pack.playbook) {
    for (const s of r.when.stages?.length ? r.when.stages : [ANY]) rowIds.add(s);
    for (const b of r.when.bands?.length ? r.when.bands : [ANY]) colIds.add(b);
  }
  const rows = [...pack.lifecycle.stages.filter((s) => rowIds.has(s.id)).map((s) => ({ id: s.id, label: tx(s.label) })), ...(rowIds.has(ANY) ? [{ id: ANY, label: '' }] : [])];
  const known = new Set(pack.bands.map((b) => b.id));
  const columns = [
    ...bandsHighFirst.filter((b) => colIds.has(b.id)).map((b) => ({ id: b.id, label: tx(b.label), color: b.color ?? null })),
    // 'unknown' is the band of an account without enough data.
    ...[...colIds].filter((id) => id !== ANY && !known.has(id)).map((id) => ({ id, label: id, color: null })),
    ...(colIds.has(ANY) ? [{ id: ANY, label: '', color: null }] : []),
  ];
  const cells: PackMap['playbook']['cells'] = {};
  for (const r of pack.playbook) {
    const m = r.when.maturity;
    const item = {
      id: r.id,
      title: tx(r.action.title),
      owner: label(pack.roles, r.action.ownerRole),
      dueInDays: r.action.dueInDays,
      priority: r.action.priority,
      levels: m ? levelRange(m.min ?? 0, m.max ?? Math.max(...pack.maturity.levels.map((l) => l.level))) : null,
      touch: (r.when.touchModels ?? []).map((t) => label(pack.touch.models, t)),
      segments: (r.when.segments ?? []).map((s) => label(pack.segments, s)),
    };
    for (const s of r.when.stages?.length ? r.when.stages : [ANY]) {
      for (const b of r.when.bands?.length ? r.when.bands : [ANY]) (cells[`${s}|${b}`] ??= []).push(item);
    }
  }

  return {
    name: pack.name,
    version: pack.version,
    levels,
    bands,
    scorecards,
    signals,
    touch,
    stages,
    renewalDays: pack.lifecycle.renewal.windowDays,
    playbook: { rows, columns, cells },
  };
}
