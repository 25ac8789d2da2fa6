// One account's row in the book (issue 17), pure: derived once from what the background stores for
// it (the account row with its last evaluation, its notes, its daily health) into the compact record
// the portfolio keeps (bookRows), and read back as the table's row on a given day.
import type { AccountRow, BookRowRecord, HealthDayRow, NoteRow } from '../db/schema.ts';
import type { ConfigPack, Evaluation } from '../engine/types.ts';
import type { BookRow } from './book.ts';

/** Days of daily health the trend shows. */
export const TREND_DAYS = 30;
const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The CRM record's own page for an account. */
export function recordUrl(row: Pick<AccountRow, 'crm' | 'host' | 'portalId' | 'recordId'>): string {
  if (row.crm === 'hubspot') return `https://${row.host}/contacts/${row.portalId ?? ''}/record/0-2/${row.recordId}`;
  return `https://${row.host}/lightning/r/Account/${row.recordId}/view`;
}

function evaluationOf(row: AccountRow): Evaluation | null {
  const e = row.lastEvaluation as Evaluation | undefined;
  // Stored by this background (record-view.ts); an older or damaged row is left out, not guessed at.
  return e && typeof e === 'object' && e.health && e.maturity ? e : null;
}

/** The renewal date's raw value: the field of the date the pack's renewal signal counts from. */
export function renewalOf(pack: ConfigPack, row: Pick<AccountRow, 'crm' | 'properties'>): string | null {
  const renewal = pack.signals.find((s) => s.id === pack.lifecycle.renewal.signal);
  const source = renewal?.source;
  const dateSignal = source?.kind === 'computed' ? pack.signals.find((s) => s.id === source.from) : renewal;
  if (dateSignal?.source.kind !== 'crm') return null;
  const field = row.crm === 'hubspot' ? dateSignal.source.hubspot : dateSignal.source.salesforce;
  return (field ? row.properties[field] : null) ?? null;
}

type NoteLite = Pick<NoteRow, 'createdAt' | 'author' | 'deletedAt'>;
type DayLite = Pick<HealthDayRow, 'day' | 'score'>;

/**
 * The account's book record, or null when it has none: a contact or deal page's row (its company has
 * its own), a sample, or an account never evaluated here.
 */
export function bookRecordOf(pack: ConfigPack, a: AccountRow, notes: readonly NoteLite[], days: readonly DayLite[], now: Date): BookRowRecord | null {
  if (a.resolvedTo || a.sample) return null;
  const e = evaluationOf(a);
  if (!e) return null;
  let lastTouch: BookRowRecord['lastTouch'] = null;
  for (const n of notes) {
    if (n.deletedAt) continue;
    if (!lastTouch || n.createdAt > lastTouch.at) lastTouch = { at: n.createdAt, ...(n.author ? { by: n.author } : {}) };
  }
  const from = dayOf(now.getTime() - (TREND_DAYS - 1) * DAY_MS);
  const up = [...e.health.drivers.up].sort((x, y) => y.impact - x.impact)[0];
  const down = [...e.health.drivers.down].sort((x, y) => x.impact - y.impact)[0];
  return {
    key: a.key,
    crm: a.crm,
    name: a.name ?? a.recordId,
    url: recordUrl(a),
    score: e.health.score,
    band: e.health.band,
    level: e.maturity.level,
    stage: e.health.context.stage,
    touchModel: e.health.context.touchModel,
    nextAction: e.nextAction ? { id: e.nextAction.best.ruleId, title: e.nextAction.best.title, dueDate: e.nextAction.best.dueDate } : null,
    drivers: { up: up ? up.text : null, down: down ? down.text : null },
    renewal: renewalOf(pack, a),
    lastTouch,
    fetchedAt: a.fetchedAt ?? null,
    owner: a.owner ?? null,
    ownerId: a.ownerId ?? null,
    days: days
      .filter((d): d is { day: string; score: number } => d.score !== null && d.day >= from)
      .map((d) => ({ day: d.day, score: d.score }))
      .sort((x, y) => x.day.localeCompare(y.day)),
    staleInputs: e.health.stale.length,
  };
}

/** Days from `now` to a date as the CRM gives it (a day, or a date-time); null when it is not one. */
export function daysUntil(raw: string | null, now: Date): number | null {
  const at = raw ? Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw) : Number.NaN;
  // `|| 0`: a renewal later today is 0 days away, not -0.
  return Number.isNaN(at) ? null : Math.ceil((at - now.getTime()) / DAY_MS) || 0;
}

/** The table's row on the day of `now`: days to renewal counted, the trend cut to its window. */
export function bookRowOf(r: BookRowRecord, now: Date): BookRow {
  const from = dayOf(now.getTime() - (TREND_DAYS - 1) * DAY_MS);
  const { renewal, days, ...rest } = r;
  return { ...rest, renewalDays: daysUntil(renewal, now), trend: days.filter((d) => d.day >= from).map((d) => d.score) };
}
