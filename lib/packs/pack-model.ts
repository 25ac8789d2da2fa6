import { parseConfigPack } from '../engine/index';
import type { ConfigPack, Locale, Localized, SignalDef } from '../engine/types';
import type { MappableSignal } from '../import/mapping';

// What the options page reads out of a pack (installed or draft): the signals an
// admin can type values for or map CSV columns to, and the band labels.

export interface SignalField {
  id: string;
  type: SignalDef['type'];
  label: string;
  unit?: string;
  /** The column name the pack expects for CSV-fed signals. */
  csvColumn?: string;
  points?: Array<{ value: number; label: string }>;
  /** The same signal as the CSV import reads it (both languages filled). */
  mappable: MappableSignal;
}

export interface PackModel {
  pack: ConfigPack;
  signals: SignalField[];
  bandLabel: (id: string | null) => string;
  signalLabel: (id: string) => string;
  /** Roles, segments and scorecards by id → their label in the UI language. */
  label: (kind: 'role' | 'segment' | 'scorecard', id: string) => string;
}

function pick(text: Localized | undefined, locale: Locale, fallback: Locale): string {
  if (!text) return '';
  return text[locale] ?? text[fallback] ?? text.ja ?? text.en ?? '';
}

/** null when the JSON is not a valid pack: the caller shows the check's errors instead. */
export function packModel(json: string | undefined, locale: Locale): PackModel | null {
  if (!json) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = parseConfigPack(raw);
  if (!parsed.ok) return null;
  const pack = parsed.pack;
  const fb = pack.locales.default;
  // Computed signals (days since a date) are derived by the engine: nobody types or imports them.
  const signals: SignalField[] = pack.signals
    .filter((s) => s.source.kind !== 'computed')
    .map((s) => ({
      id: s.id,
      type: s.type,
      label: pick(s.label, locale, fb) || s.id,
      ...(s.unit ? { unit: pick(s.unit, locale, fb) } : {}),
      ...(s.source.kind === 'csv' ? { csvColumn: s.source.column } : {}),
      ...(s.points ? { points: s.points.map((p) => ({ value: p.value, label: pick(p.label, locale, fb) })) } : {}),
      mappable: {
        id: s.id,
        type: s.type,
        label: { ja: pick(s.label, 'ja', fb), en: pick(s.label, 'en', fb) },
        ...(s.unit ? { unit: { ja: pick(s.unit, 'ja', fb), en: pick(s.unit, 'en', fb) } } : {}),
        source: s.source.kind === 'csv' ? { kind: 'csv', column: s.source.column } : { kind: s.source.kind },
      },
    }));
  const labels = new Map(pack.signals.map((s) => [s.id, pick(s.label, locale, fb) || s.id]));
  const bands = new Map(pack.bands.map((b) => [b.id, pick(b.label, locale, fb) || b.id]));
  const named = {
    role: new Map(pack.roles.map((r) => [r.id, pick(r.label, locale, fb)])),
    segment: new Map(pack.segments.map((r) => [r.id, pick(r.label, locale, fb)])),
    scorecard: new Map(pack.scorecards.map((r) => [r.id, pick(r.label, locale, fb)])),
  };
  return {
    pack,
    signals,
    label: (kind, id) => named[kind].get(id) || id,
    bandLabel: (id) => (id === null ? '—' : (bands.get(id) ?? id)),
    signalLabel: (id) => labels.get(id) ?? id,
  };
}
