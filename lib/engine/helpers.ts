import { pickText } from './text.ts';
import type { ConfigPack, Evaluation, Locale, SignalDef } from './types.ts';

/** What the note composer needs to render a rating: the question and one label per point. */
export interface RatingSignal {
  id: string;
  label: string;
  description?: string;
  freshnessDays?: number;
  points: Array<{ value: number; label: string }>;
}

export function ratingSignals(pack: ConfigPack, locale: Locale = pack.locales.default): RatingSignal[] {
  const fb = pack.locales.default;
  return pack.signals
    .filter((s) => s.type === 'rating' && s.source.kind === 'rating')
    .map((s) => {
      const out: RatingSignal = {
        id: s.id,
        label: pickText(s.label, locale, fb),
        points: (s.points ?? []).map((p) => ({ value: p.value, label: pickText(p.label, locale, fb) })),
      };
      if (s.description) out.description = pickText(s.description, locale, fb);
      if (s.freshnessDays !== undefined) out.freshnessDays = s.freshnessDays;
      return out;
    });
}

/** CRM property (HubSpot) or field API (Salesforce) names to fetch, mapped to the signal ids they feed. */
export function signalIdsForCrm(pack: ConfigPack, crm: 'hubspot' | 'salesforce'): Array<{ signalId: string; property: string }> {
  const out: Array<{ signalId: string; property: string }> = [];
  for (const s of pack.signals) {
    if (s.source.kind !== 'crm') continue;
    const property = s.source[crm];
    if (property) out.push({ signalId: s.id, property });
  }
  return out;
}

/** CSV columns the import can map, with the signal each one feeds. */
export function csvColumns(pack: ConfigPack): Array<{ signalId: string; column: string; type: SignalDef['type'] }> {
  const out: Array<{ signalId: string; column: string; type: SignalDef['type'] }> = [];
  for (const s of pack.signals) if (s.source.kind === 'csv') out.push({ signalId: s.id, column: s.source.column, type: s.type });
  return out;
}

/** Signals fed by CRM associations (open tickets, contacts, open cases). */
export function associationSignals(pack: ConfigPack): Array<{ signalId: string; association: 'openTickets' | 'contacts' | 'openCases' }> {
  const out: Array<{ signalId: string; association: 'openTickets' | 'contacts' | 'openCases' }> = [];
  for (const s of pack.signals) if (s.source.kind === 'association') out.push({ signalId: s.id, association: s.source.association });
  return out;
}

export interface MergeBase {
  company?: { name?: string };
  contact?: { lastName?: string; firstName?: string };
  csm?: { name?: string; email?: string; company?: string };
  product?: { name?: string };
  renewal?: { date?: string; daysLeft?: number };
  event?: { name?: string; date?: string; url?: string };
  link?: { booking?: string; survey?: string; help?: string };
  /** A change of CSM: who hands over, and to whom (the handover sheet knows them). */
  handover?: { fromName?: string; toName?: string; toEmail?: string };
}

/** Adds the engine's own merge fields (health, maturity, days to renewal) to what the caller knows. */
export function mergeContextFor(pack: ConfigPack, evaluation: Evaluation, locale: Locale, base: MergeBase = {}): Record<string, unknown> {
  const fb = pack.locales.default;
  const band = pack.bands.find((b) => b.id === evaluation.health.band);
  const levelLabel = (n: number) => {
    const lv = pack.maturity.levels.find((l) => l.level === n);
    return lv ? pickText(lv.label, locale, fb) : undefined;
  };
  const daysLeftIdx = pack.lifecycle.renewal.signal;
  const renewalDays = evaluation.health.measures.find((m) => m.signalId === daysLeftIdx)?.value;
  return {
    ...base,
    health: {
      score: evaluation.health.score === null ? undefined : Math.round(evaluation.health.score),
      band: band ? pickText(band.label, locale, fb) : undefined,
    },
    maturity: {
      current: levelLabel(evaluation.maturity.level),
      next: evaluation.maturity.next ? levelLabel(evaluation.maturity.next.level) : undefined,
    },
    // Days to renewal is a measure only if a scorecard weighs it; otherwise the caller's value stands.
    renewal: { ...base.renewal, daysLeft: typeof renewalDays === 'number' ? renewalDays : base.renewal?.daysLeft },
  };
}
