// "Score the book" (issue 16), pure: every account of the book evaluated from what the CRM holds,
// so the score CS Ops publishes is the one each CSM's Sidecar computes on the record. The inputs
// are those a CSM's sidebar reads: the CRM fields the pack names, the published usage data (the
// CSV signals, dated as published), the latest rating per signal from the rating fields (the team's
// notes write them), and association counts read in bulk. No request per account.
import { associationSignals, createEvaluator, signalIdsForCrm } from '../engine/index.ts';
import { pickText } from '../engine/text.ts';
import type { AccountInput, ConfigPack } from '../engine/types.ts';
import { readCrmValue } from '../crm/values.ts';
import { ratingFields, RESULT_FIELDS, type Crm } from './fields.ts';
import type { AccountValues, PublishValue } from './plan.ts';
import { publishedReadNames, readPublished } from './read.ts';

/** One account of the book as read: its id, name and the fields asked for (bookInputNames). */
export interface BookRow {
  id: string;
  name: string | null;
  fields: Readonly<Record<string, PublishValue | undefined>>;
}

/** Per account id, per association signal id: the count read in bulk (open tickets, contacts, open cases). */
export type AssociationCounts = ReadonlyMap<string, Readonly<Record<string, number>>>;

/** The CRM fields the book is read with to score it (beside the published results the plan compares). */
export function bookInputNames(pack: ConfigPack, crm: Crm): string[] {
  const names = new Set<string>();
  for (const m of signalIdsForCrm(pack, crm)) names.add(m.property);
  // The published usage data (not the results: the plan reads those to compare).
  const results = new Set(Object.values(RESULT_FIELDS).map((f) => f[crm]));
  for (const n of publishedReadNames(pack, crm)) if (!results.has(n)) names.add(n);
  for (const s of pack.signals) {
    if (s.source.kind !== 'rating') continue;
    const r = ratingFields(s.id);
    names.add(r.value[crm]);
    names.add(r.at[crm]);
  }
  return [...names];
}

function isoOf(raw: unknown): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const s = String(raw).trim();
  const t = /^\d{10,14}$/.test(s) ? Number(s) : Date.parse(s);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/** One account's inputs, as the sidebar would gather them on its record, read now. */
export function bookAccountInput(pack: ConfigPack, crm: Crm, row: BookRow, counts: Readonly<Record<string, number>> | undefined, now: Date): AccountInput {
  const at = now.toISOString();
  const signals: AccountInput['signals'] = {};
  const byId = new Map(pack.signals.map((s) => [s.id, s]));
  for (const m of signalIdsForCrm(pack, crm)) {
    const value = readCrmValue(byId.get(m.signalId)!.type, row.fields[m.property]);
    signals[m.signalId] = { value, observedAt: at };
  }
  for (const p of readPublished(pack, crm, row.fields, at).signals) signals[p.signalId] = { value: p.value, observedAt: p.observedAt };
  for (const s of pack.signals) {
    if (s.source.kind !== 'rating') continue;
    const r = ratingFields(s.id);
    const value = readCrmValue('rating', row.fields[r.value[crm]]);
    const ratedAt = isoOf(row.fields[r.at[crm]]);
    // A rating without its date cannot be aged: it is left out rather than taken as fresh.
    if (value !== null && ratedAt) signals[s.id] = { value, observedAt: ratedAt };
  }
  for (const a of associationSignals(pack)) {
    const n = counts?.[a.signalId];
    if (n !== undefined) signals[a.signalId] = { value: n, observedAt: at };
  }
  return { signals, attributes: row.name ? { name: row.name } : {} };
}

/**
 * The results to publish for every account with a score. An account without enough data for a
 * score publishes nothing (its fields keep what they hold), so a gap in the inputs never blanks a
 * dashboard.
 */
export function scoreBook(pack: ConfigPack, crm: Crm, rows: readonly BookRow[], counts: AssociationCounts, now: Date): AccountValues[] {
  const evaluate = createEvaluator(pack);
  const out: AccountValues[] = [];
  for (const row of rows) {
    const e = evaluate(bookAccountInput(pack, crm, row, counts.get(row.id), now), now);
    if (e.health.score === null || !e.maturity) continue;
    const best = e.nextAction?.best;
    out.push({
      id: row.id,
      values: {
        // Whole points, as the sidebar shows it: a reporting field, not a computation input.
        score: Math.round(e.health.score),
        band: e.health.band,
        level: e.maturity.level,
        nextActionId: best?.ruleId ?? null,
        nextAction: best ? pickText(best.title, pack.locales.default, pack.locales.default === 'ja' ? 'en' : 'ja') : null,
        packId: pack.id,
        packVersion: pack.version,
      },
    });
  }
  return out;
}
