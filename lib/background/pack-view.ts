import { localText } from '../engine/text.ts';
import type { ConfigPack } from '../engine/types.ts';
import type { PackView } from '../messages/protocol';

/** The part of the pack the sidebar needs, every text in both locales. */
export function toPackView(pack: ConfigPack, from?: { source: NonNullable<PackView['source']> }): PackView {
  const d = pack.locales.default;
  const lt = (t: Parameters<typeof localText>[0]) => localText(t, d);
  const opt = (t: Parameters<typeof localText>[0] | undefined) => (t ? lt(t) : undefined);
  return {
    id: pack.id,
    name: pack.name,
    version: pack.version,
    ...(from ? { source: from.source } : {}),
    defaultLocale: d,
    bands: pack.bands.map((b) => ({ id: b.id, label: lt(b.label), min: b.min, ...(b.color ? { color: b.color } : {}) })),
    levels: pack.maturity.levels.map((l) => ({
      level: l.level,
      id: l.id,
      label: lt(l.label),
      ...(l.description ? { description: lt(l.description) } : {}),
      criteria: l.criteria.map((c) => ({ id: c.id, label: lt(c.label) })),
    })),
    stages: pack.lifecycle.stages.map((s) => ({ id: s.id, label: lt(s.label) })),
    touchModels: pack.touch.models.map((m) => ({ id: m.id, label: lt(m.label) })),
    segments: pack.segments.map((s) => ({ id: s.id, label: lt(s.label) })),
    roles: pack.roles.map((r) => ({ id: r.id, label: lt(r.label) })),
    signals: pack.signals.map((s) => ({ id: s.id, type: s.type, label: lt(s.label), ...(s.unit ? { unit: lt(s.unit) } : {}) })),
    ratings: pack.signals
      .filter((s) => s.source.kind === 'rating')
      .map((s) => ({
        id: s.id,
        label: lt(s.label),
        ...(s.description ? { description: lt(s.description) } : {}),
        points: (s.points ?? []).map((p) => ({ value: p.value, label: lt(p.label) })),
        ...(s.freshnessDays ? { freshnessDays: s.freshnessDays } : {}),
      })),
    templates: pack.templates.map((t) => ({
      id: t.id,
      kind: t.kind,
      title: lt(t.title),
      ...(opt(t.subject) ? { subject: opt(t.subject)! } : {}),
      body: lt(t.body),
    })),
  };
}
