// Renaming an id carries through every place the pack refers to it, so a rename never leaves a
// dangling reference (renaming the signal `nps` updates the scorecards' measures, every condition,
// the maturity criteria, computed signals and the renewal signal). Pure: a new pack, the old untouched.
import type { Condition, ConfigPack } from '../engine/types.ts';

export type IdKind =
  | 'signal'
  | 'band'
  | 'segment'
  | 'scorecard'
  | 'level'
  | 'touchModel'
  | 'stage'
  | 'role'
  | 'template'
  | 'playbookRule';

const swap = (id: string, from: string, to: string) => (id === from ? to : id);
const swapAll = (ids: readonly string[] | undefined, from: string, to: string) => ids?.map((id) => swap(id, from, to));

function renameKey<V>(rec: Record<string, V> | undefined, from: string, to: string): Record<string, V> | undefined {
  if (!rec || !Object.hasOwn(rec, from)) return rec;
  // Keep the keys' order: the JSON tab shows them as written.
  return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k === from ? to : k, v]));
}

/** Set an optional key only where it was set: an absent key stays absent (the round trip keeps the pack as written). */
function opt<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): T {
  return value === undefined ? obj : { ...obj, [key]: value };
}

function conditions(list: readonly Condition[] | undefined, from: string, to: string): Condition[] | undefined {
  return list?.map((c) => (c.signal === from ? { ...c, signal: to } : c));
}

/** Every reference to `from` as an id of this kind becomes `to`, the definitions with that id included. */
function renameEverywhere(pack: ConfigPack, kind: IdKind, from: string, to: string): ConfigPack {
  const p = structuredClone(pack);
  const r = (id: string) => swap(id, from, to);
  switch (kind) {
    case 'signal':
      p.signals = p.signals.map((s) => ({
        ...s,
        id: r(s.id),
        source: s.source.kind === 'computed' ? { ...s.source, from: r(s.source.from) } : s.source,
      }));
      p.segments = p.segments.map((s) => ({ ...s, when: conditions(s.when, from, to)! }));
      p.scorecards = p.scorecards.map((sc) => ({ ...sc, measures: sc.measures.map((m) => ({ ...m, signal: r(m.signal) })) }));
      p.maturity.levels = p.maturity.levels.map((l) => ({ ...l, criteria: l.criteria.map((c) => ({ ...c, condition: conditions([c.condition], from, to)![0]! })) }));
      p.touch.assign = p.touch.assign.map((a) => opt(a, 'when', conditions(a.when, from, to)));
      p.lifecycle.renewal.signal = r(p.lifecycle.renewal.signal);
      p.lifecycle.rules = p.lifecycle.rules.map((x) => opt(x, 'when', conditions(x.when, from, to)));
      p.playbook = p.playbook.map((x) => ({ ...x, when: opt(x.when, 'signals', conditions(x.when.signals, from, to)) }));
      return p;
    case 'band':
      p.bands = p.bands.map((b) => ({ ...b, id: r(b.id) }));
      p.scorecards = p.scorecards.map((sc) => ({
        ...opt(sc, 'bandCutoffs', renameKey(sc.bandCutoffs, from, to)),
        rules: sc.rules.map((x) => ({ ...x, when: { ...x.when, band: r(x.when.band) }, then: { capBand: r(x.then.capBand) } })),
      }));
      p.playbook = p.playbook.map((x) => ({ ...x, when: opt(x.when, 'bands', swapAll(x.when.bands, from, to)) }));
      return p;
    case 'segment':
      p.segments = p.segments.map((s) => ({ ...s, id: r(s.id) }));
      p.scorecards = p.scorecards.map((sc) => ({ ...sc, segments: sc.segments.map(r) }));
      p.touch.assign = p.touch.assign.map((a) => opt(a, 'segments', swapAll(a.segments, from, to)));
      p.playbook = p.playbook.map((x) => ({ ...x, when: opt(x.when, 'segments', swapAll(x.when.segments, from, to)) }));
      return p;
    case 'touchModel':
      p.touch.models = p.touch.models.map((m) => ({ ...m, id: r(m.id) }));
      p.touch.assign = p.touch.assign.map((a) => ({ ...a, touchModel: r(a.touchModel) }));
      p.touch.default = r(p.touch.default);
      p.playbook = p.playbook.map((x) => ({ ...x, when: opt(x.when, 'touchModels', swapAll(x.when.touchModels, from, to)) }));
      return p;
    case 'stage':
      p.lifecycle.stages = p.lifecycle.stages.map((s) => ({ ...s, id: r(s.id) }));
      p.lifecycle.renewal.stage = r(p.lifecycle.renewal.stage);
      p.lifecycle.rules = p.lifecycle.rules.map((x) => ({ ...x, stage: r(x.stage) }));
      p.lifecycle.default = r(p.lifecycle.default);
      p.playbook = p.playbook.map((x) => ({ ...x, when: opt(x.when, 'stages', swapAll(x.when.stages, from, to)) }));
      return p;
    case 'role':
      p.roles = p.roles.map((x) => ({ ...x, id: r(x.id) }));
      p.lifecycle.stages = p.lifecycle.stages.map((s) => ({ ...s, owner: r(s.owner) }));
      p.playbook = p.playbook.map((x) => ({ ...x, action: { ...x.action, ownerRole: r(x.action.ownerRole) } }));
      return p;
    case 'template':
      p.templates = p.templates.map((x) => ({ ...x, id: r(x.id) }));
      p.playbook = p.playbook.map((x) => ({ ...x, action: { ...x.action, templateIds: x.action.templateIds.map(r) } }));
      return p;
    // Nothing else in the pack refers to these: the definition alone changes.
    case 'scorecard':
      p.scorecards = p.scorecards.map((x) => ({ ...x, id: r(x.id) }));
      return p;
    case 'level':
      p.maturity.levels = p.maturity.levels.map((x) => ({ ...x, id: r(x.id) }));
      return p;
    case 'playbookRule':
      p.playbook = p.playbook.map((x) => ({ ...x, id: r(x.id) }));
      return p;
  }
}

/** The definitions of this kind, in pack order: their ids (duplicates kept, so an index names one item). */
export function idsOf(pack: ConfigPack, kind: IdKind): string[] {
  switch (kind) {
    case 'signal': return pack.signals.map((x) => x.id);
    case 'band': return pack.bands.map((x) => x.id);
    case 'segment': return pack.segments.map((x) => x.id);
    case 'scorecard': return pack.scorecards.map((x) => x.id);
    case 'level': return pack.maturity.levels.map((x) => x.id);
    case 'touchModel': return pack.touch.models.map((x) => x.id);
    case 'stage': return pack.lifecycle.stages.map((x) => x.id);
    case 'role': return pack.roles.map((x) => x.id);
    case 'template': return pack.templates.map((x) => x.id);
    case 'playbookRule': return pack.playbook.map((x) => x.id);
  }
}

/** Set the id of the one item at `index`, leaving every reference as it is. */
function setIdAt(pack: ConfigPack, kind: IdKind, index: number, to: string): ConfigPack {
  const p = structuredClone(pack);
  const set = <T extends { id: string }>(list: T[]) => list.map((x, i) => (i === index ? { ...x, id: to } : x));
  switch (kind) {
    case 'signal': p.signals = set(p.signals); break;
    case 'band': p.bands = set(p.bands); break;
    case 'segment': p.segments = set(p.segments); break;
    case 'scorecard': p.scorecards = set(p.scorecards); break;
    case 'level': p.maturity.levels = set(p.maturity.levels); break;
    case 'touchModel': p.touch.models = set(p.touch.models); break;
    case 'stage': p.lifecycle.stages = set(p.lifecycle.stages); break;
    case 'role': p.roles = set(p.roles); break;
    case 'template': p.templates = set(p.templates); break;
    case 'playbookRule': p.playbook = set(p.playbook); break;
  }
  return p;
}

/** How many places refer to `id` as an id of this kind (the definitions themselves not counted). */
export function referenceCount(pack: ConfigPack, kind: IdKind, id: string): number {
  // Rename to a marker no id can be (ids start with a letter) and count the marker outside the definitions.
  const marker = '\u0000ref';
  const renamed = renameEverywhere(pack, kind, id, marker);
  const defs = idsOf(renamed, kind).filter((x) => x === marker).length;
  return countString(renamed, marker) - defs;
}

function countString(value: unknown, needle: string): number {
  if (typeof value === 'string') return value === needle ? 1 : 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countString(v, needle), 0);
  if (value && typeof value === 'object') return Object.entries(value).reduce((n, [k, v]) => n + (k === needle ? 1 : 0) + countString(v, needle), 0);
  return 0;
}

/**
 * Give the item at `index` the id `to`. When its old id was its own (no other item shares it) and
 * `to` is free, every reference follows (renaming the signal `nps` updates the measures, conditions,
 * criteria, computed signals and the renewal signal). Onto an id already taken, or from an id two
 * items share, only the item changes: two sets of references never merge, and the check names the
 * duplicate. The same id returns the pack itself.
 */
export function renameId(pack: ConfigPack, kind: IdKind, index: number, to: string): ConfigPack {
  const ids = idsOf(pack, kind);
  const from = ids[index];
  if (from === undefined || from === to) return pack;
  const shared = ids.filter((x) => x === from).length > 1;
  if (shared || ids.includes(to)) return setIdAt(pack, kind, index, to);
  return renameEverywhere(pack, kind, from, to);
}
