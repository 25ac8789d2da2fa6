import type { RecordRef } from '../crm/detect';
import { dayOf, healthTrend, recordHealthDay } from '../db/health-days';
import type { AccountRow, HealthDayRow, SidecarDb, SourceName } from '../db/schema';
import { latestSignals } from '../db/signals';
import { evaluateAccount } from '../engine/index.ts';
import { pickText } from '../engine/text.ts';
import type { AccountInput, ConfigPack, Evaluation, Locale } from '../engine/types.ts';
import type { ErrorInfo } from '../messages/envelope';
import type { RecordView, Settings, TeamRatingView } from '../messages/protocol';
import { publishedDiffers, publishedStale, readPublished } from '../publish/read.ts';
import { teamRatings, type RatedNote, type TeamRating } from '../team/ratings.ts';
import { sampleSignals } from './sample';
import { subjectsFor } from './subjects';

export interface ViewInputs {
  db: SidecarDb;
  pack: ConfigPack;
  settings: Settings;
  locale: Locale;
  now: Date;
  connected: boolean;
}

export interface SyncOutcome {
  status: RecordView['sync']['status'];
  error?: ErrorInfo;
}

/** Evaluate the account from what is stored, keep today's snapshot, and shape the sidebar's view. */
export async function buildRecordView(
  io: ViewInputs,
  ref: RecordRef,
  row: AccountRow,
  sync: SyncOutcome,
  via?: RecordView['via'],
): Promise<RecordView> {
  const { db, pack, now } = io;
  // The view's reads, side by side (each is a round trip to the browser's database process); the
  // ratings and the trend are dropped again for sample data.
  const subjects = subjectsFor(row);
  const [stored, rated, override, storedTrend] = await Promise.all([
    latestSignals(db, subjects),
    ratingsOf(db, pack, subjects, now),
    db.overrides.get(row.key),
    healthTrend(db, row.key, now),
  ]);
  const sample = !io.connected && Object.keys(stored).length === 0;
  const signals: AccountInput['signals'] = sample
    ? sampleSignals(pack, row.key, now)
    : Object.fromEntries(Object.entries(stored).map(([id, s]) => [id, { value: s.value, observedAt: s.observedAt }]));
  // The team's ratings, combined as the pack says: every Sidecar on this account reads the same notes the same way.
  const ratings = sample ? {} : rated;
  for (const [id, r] of Object.entries(ratings)) signals[id] = { value: r.value, observedAt: r.observedAt };
  const input: AccountInput = {
    signals,
    ...(override ? { override: { band: override.band, reason: override.reason, expiresAt: override.expiresAt, setAt: override.setAt } } : {}),
    attributes: { ...(row.name ? { name: row.name } : {}) },
  };
  const evaluation = evaluateAccount(pack, input, now, (row.visitBaseline as Evaluation | undefined) ?? undefined);
  const day: HealthDayRow = {
    accountKey: row.key,
    day: dayOf(now),
    score: evaluation.health.score,
    band: evaluation.health.band,
    computedBand: evaluation.health.computedBand,
    level: evaluation.maturity.level,
    measures: Object.fromEntries(evaluation.health.measures.map((m) => [m.signalId, m.subScore])),
    evaluatedAt: now.toISOString(),
  };

  // The cache read (record.open) answers in ≤ 10 ms (issue 20): a read-write transaction is most of
  // what a view costs, so it is skipped when it would store what is already stored (the same
  // evaluation, and today's day with the same figures), as on every view of a record after its first
  // of the day. The trend is read first to know.
  let trend = sample ? [] : storedTrend;
  const today = trend.find((d) => d.day === day.day);
  const unchanged =
    row.sample === sample &&
    sameJson(row.lastEvaluation, evaluation) &&
    (sample || (today !== undefined && sameJson({ ...today, evaluatedAt: '' }, { ...day, evaluatedAt: '' })));
  if (!unchanged) {
    await db.transaction('rw', [db.accounts, db.healthDays], async () => {
      await db.accounts.update(row.key, { lastEvaluation: evaluation, ...(sample ? { sample: true } : { sample: false }) });
      if (!sample) await recordHealthDay(db, day, now);
    });
    if (!sample) trend = await healthTrend(db, row.key, now);
  }
  // CS Ops's published result, read with the record: shown beside the live score when the two differ.
  const pub = sample ? null : readPublished(pack, row.crm, row.properties, now.toISOString()).result;
  const live = evaluation.health.score;
  const sources = new Set<SourceName>(sample ? ['sample'] : Object.values(stored).map((s) => s.source));
  const observed = Object.values(signals).map((s) => s.observedAt).sort();
  const asOf = [row.fetchedAt, observed[observed.length - 1]].filter((x): x is string => !!x).sort().pop();

  return {
    ref,
    account: {
      key: row.key,
      ...(row.name ? { name: row.name } : {}),
      ...(row.domain ? { domain: row.domain } : {}),
      ...(row.owner ? { owner: row.owner } : {}),
      ...(row.ownerUnavailable ? { ownerUnavailable: row.ownerUnavailable } : {}),
      ...(row.lifecycleStage ? { lifecycleStage: row.lifecycleStage } : {}),
      firstSeenAt: row.firstSeenAt,
      lastSeenAt: row.lastSeenAt,
      ...(row.previousSeenAt ? { previousSeenAt: row.previousSeenAt } : {}),
      ...(row.fetchedAt ? { fetchedAt: row.fetchedAt } : {}),
      ...(sample ? { sample: true } : {}),
    },
    ...(via ? { via } : {}),
    evaluation,
    trend: trend.map((d) => ({ day: d.day, score: d.score, band: d.band })),
    sources: [...sources].filter((s) => s !== 'note' || sources.size === 1),
    ...(asOf ? { asOf: new Date(asOf).toISOString() } : {}),
    sync: { ...sync, ...(row.fetchedAt ? { fetchedAt: row.fetchedAt } : {}) },
    merge: mergeContext(io, row, evaluation, signals),
    sample,
    ...(row.contacts?.length ? { contacts: row.contacts } : {}),
    ...(row.contactId ? { contactId: row.contactId } : {}),
    ...(Object.keys(ratings).length ? { ratings: Object.fromEntries(Object.entries(ratings).map(([id, r]) => [id, ratingView(r)])) } : {}),
    ...(pub
      ? {
          published: {
            score: pub.score,
            band: pub.band,
            level: pub.level,
            packId: pub.packId,
            packVersion: pub.packVersion,
            asOf: pub.asOf,
            differs: live === null || publishedDiffers({ score: live, packId: pack.id, packVersion: pack.version }, pub),
            stale: publishedStale(pub, now),
          },
        }
      : {}),
  };
}

/**
 * Same data, as stored (the key order of what one code path builds is stable). A next action's due
 * date moves with the clock: only its day counts, as it is shown (the portfolio shows the stored one).
 */
const sameJson = (a: unknown, b: unknown) => {
  const byDay = (k: string, v: unknown) => (k === 'dueDate' && typeof v === 'string' ? v.slice(0, 10) : v);
  return a !== undefined && JSON.stringify(a, byDay) === JSON.stringify(b, byDay);
};

/** The account's notes (the CSM's and the team's, read from the CRM) as rated notes; deleted ones never count. */
export async function ratedNotesOf(db: SidecarDb, subjects: string[]): Promise<RatedNote[]> {
  const notes = await db.notes.where('accountKey').anyOf(subjects).toArray();
  return notes
    .filter((n) => !n.deletedAt && Object.keys(n.ratings).length > 0)
    .map((n) => ({ ratings: n.ratings, createdAt: n.createdAt, own: !n.fromCrm, ...(n.author ? { author: n.author } : {}), ...(n.authorId ? { authorId: n.authorId } : {}) }));
}

/** The team's ratings of the account, combined as the pack says (or always the latest, for the CRM's fields). */
export async function ratingsOf(db: SidecarDb, pack: ConfigPack, subjects: string[], now: Date, latestOnly = false): Promise<Record<string, TeamRating>> {
  const rated = pack.signals.filter((s) => s.source.kind === 'rating');
  if (!rated.length) return {};
  const signals = rated.map((s) => ({
    id: s.id,
    ...(!latestOnly && s.source.kind === 'rating' && s.source.combine ? { combine: s.source.combine } : {}),
    ...(s.freshnessDays !== undefined ? { freshnessDays: s.freshnessDays } : {}),
  }));
  return teamRatings(signals, await ratedNotesOf(db, subjects), now.getTime());
}

function ratingView(r: TeamRating): TeamRatingView {
  return {
    value: r.value,
    mode: r.mode,
    ...(r.days !== undefined ? { days: r.days } : {}),
    ...(r.outsideWindow ? { outsideWindow: true } : {}),
    raters: r.raters.map((x) => ({ ...(x.name ? { name: x.name } : {}), own: x.own, value: x.value, at: x.at, stale: x.stale })),
  };
}

function mergeContext(io: ViewInputs, row: AccountRow, evaluation: Evaluation, signals: AccountInput['signals']): RecordView['merge'] {
  const { pack, locale, settings, now } = io;
  const fallback = pack.locales.default;
  const band = pack.bands.find((b) => b.id === evaluation.health.band);
  const levelLabel = (n: number) => {
    const l = pack.maturity.levels.find((x) => x.level === n);
    return l ? pickText(l.label, locale, fallback) : undefined;
  };
  // The renewal signal is usually a day count computed from a date signal: the template wants the date.
  const renewalDef = pack.signals.find((x) => x.id === pack.lifecycle.renewal.signal);
  const renewalDateSignal = renewalDef?.source.kind === 'computed' ? renewalDef.source.from : pack.lifecycle.renewal.signal;
  const renewal = signals[renewalDateSignal]?.value;
  const renewalDate = typeof renewal === 'string' && !Number.isNaN(Date.parse(renewal)) ? renewal.slice(0, 10) : undefined;
  const clean = (o: Record<string, string | number | undefined | null>) =>
    Object.fromEntries(Object.entries(o).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null && e[1] !== ''));
  return {
    company: clean({ name: row.name, domain: row.domain }),
    csm: clean({ name: settings.csmName, email: settings.csmEmail, company: settings.companyName }),
    product: clean({ name: settings.productName }),
    health: clean({ score: evaluation.health.score, band: band ? pickText(band.label, locale, fallback) : undefined }),
    maturity: clean({
      current: levelLabel(evaluation.maturity.level),
      next: evaluation.maturity.next ? levelLabel(evaluation.maturity.next.level) : undefined,
    }),
    renewal: clean({
      date: renewalDate,
      daysLeft: renewalDate ? Math.ceil((Date.parse(renewalDate) - now.getTime()) / 86_400_000) : undefined,
    }),
  };
}

