// Publishing to the CRM (issue 16): a job a person can trust. It reads the book, plans the fewest
// writes (lib/publish/plan.ts), stores the plan, then sends it batch by batch, paced by the CRM's
// usage headers, recording each batch's outcome before the next: a closed browser resumes at the
// next start, and a batch whose answer never arrived is checked against the CRM before it is sent
// again, so nothing is written twice and nothing is lost. It ends with a report.
import type { BookAccount, CrmFields, RecordResult } from '../crm/fields.ts';
import { accountKey } from '../crm/detect.ts';
import type { CrmError } from '../crm/http.ts';
import { batchItems, countRequests, createPublishJob, failedItems, finishPublishJob, latestPublishJob, markBatchInFlight, recordBatch, reopenPublishJob, unfinishedJobs, type BatchOutcome } from '../db/publish.ts';
import type { Crm, PublishItemRow, PublishJobRow, SidecarDb } from '../db/schema';
import { latestSignals } from '../db/signals.ts';
import { bookFor } from '../engine/book.ts';
import type { ConfigPack, Evaluation, Locale } from '../engine/types.ts';
import { errorText, type ErrorKey } from '../i18n/errors.ts';
import type { Vars } from '../i18n/index.ts';
import { PUBLISHED_BY, publicationStamp, RESULT_FIELDS, USAGE_AS_OF, signalField, type PublishedField } from '../publish/fields.ts';
import { associationSignals } from '../engine/index.ts';
import { bookInputNames, scoreBook } from '../publish/score-book.ts';
import { planPublication, sameValue, type AccountValues, type PublishValue } from '../publish/plan.ts';
import { failureReportCsv, failureText, type FailureRow } from '../publish/report.ts';
import type { ScheduleView } from '../messages/publish';
import { sidecarError } from './crm-errors';
import { subjectsFor } from './subjects';

export type PublishKind = PublishJobRow['kind'];

export interface PublisherDeps {
  db: SidecarDb;
  now: () => Date;
  locale: () => Locale;
  fields: (crm: Crm) => Promise<{ fields: CrmFields; host: string; portalId?: string } | null>;
  pack: () => Promise<ConfigPack>;
  /** What to publish per account of the book (publishValues below unless a test gives its own). */
  values?: (kind: PublishKind, crm: Crm, accounts: BookAccount[], pack: ConfigPack, keyOf: (id: string) => string) => Promise<AccountValues[]>;
  sleep?: (ms: number) => Promise<void>;
  /** Who is publishing, for the stamp each written record carries: the CRM user's e-mail, else the profile's. */
  who?: (crm: Crm) => Promise<string | null>;
  /** Tries per batch after a 429 or a record the CRM asks to try again (a locked row). */
  maxAttempts?: number;
  newId?: () => string;
}

/** The extra field a book account is read with for matching CSV rows by domain. */
const DOMAIN_FIELD: Record<Crm, string> = { hubspot: 'domain', salesforce: 'Website' };

/** The fields a publication of this kind writes. */
export function fieldsFor(kind: PublishKind, pack: ConfigPack): PublishedField[] {
  if (kind === 'scores') return Object.values(RESULT_FIELDS);
  const csv = pack.signals.filter((s) => s.source.kind === 'csv');
  // The usage data goes with the date it describes, so every CSM's Sidecar ages it as CS Ops's does.
  return csv.length ? [...csv.map((s) => signalField(s.id, s.type)), USAGE_AS_OF] : [];
}

const text = (t: { ja?: string; en?: string } | undefined, locale: Locale): string | null => (t ? (t[locale] ?? t.en ?? t.ja ?? null) : null);

/**
 * The values Sidecar has for the book's accounts. signals: the newest imported (CSV) value of each
 * CSV signal, matched as the sidebar matches rows (CRM id, domain, name). scores (when a test asks
 * for them this way): the evaluation this browser last made of the account. A real "score the book"
 * evaluates every account from the CRM instead (scoreBookFromCrm).
 */
export async function publishValues(db: SidecarDb, kind: PublishKind, crm: Crm, accounts: BookAccount[], pack: ConfigPack, keyOf: (id: string) => string): Promise<AccountValues[]> {
  const out: AccountValues[] = [];
  if (kind === 'signals') {
    const csv = pack.signals.filter((s) => s.source.kind === 'csv');
    for (const a of accounts) {
      const domain = a.fields[DOMAIN_FIELD[crm]];
      const subjects = subjectsFor({ key: keyOf(a.id), crm, recordId: a.id, ...(typeof domain === 'string' && domain ? { domain } : {}), ...(a.name ? { name: a.name } : {}) });
      const latest = await latestSignals(db, subjects);
      const values: Record<string, PublishValue> = {};
      let asOf = '';
      for (const s of csv) {
        const v = latest[s.id];
        if (v && v.source === 'csv' && v.value !== null) {
          values[`sig:${s.id}`] = v.value;
          if (v.observedAt > asOf) asOf = v.observedAt;
        }
      }
      if (Object.keys(values).length) out.push({ id: a.id, values: { ...values, usageAsOf: asOf } });
    }
    return out;
  }
  const rows = await db.accounts.bulkGet(accounts.map((a) => keyOf(a.id)));
  accounts.forEach((a, i) => {
    const e = rows[i]?.lastEvaluation as Evaluation | undefined;
    if (!e?.health || !e.maturity) return;
    const best = e.nextAction?.best;
    out.push({
      id: a.id,
      values: {
        score: e.health.score,
        band: e.health.band,
        level: e.maturity.level,
        nextActionId: best?.ruleId ?? null,
        nextAction: best ? text(best.title, pack.locales.default) : null,
        packId: pack.id,
        packVersion: pack.version,
      },
    });
  });
  return out;
}

/** Every account of the book evaluated from what the CRM holds (lib/publish/score-book.ts), association counts read in bulk. */
async function scoreBookFromCrm(fields: CrmFields, crm: Crm, accounts: BookAccount[], pack: ConfigPack, now: Date, locale: Locale): Promise<AccountValues[]> {
  const counts = new Map<string, Record<string, number>>();
  const ids = accounts.map((a) => a.id);
  for (const a of associationSignals(pack)) {
    const r = await fields.countAssociations(ids, a.association);
    // A scope the key lacks (tickets): that signal stays unread, as it does in the sidebar, and the rest scores.
    if (!r.ok && r.error.kind === 'forbidden') continue;
    if (!r.ok) throw sidecarError(r.error.kind, r.error.key, r.error.params, locale);
    for (const [id, n] of r.value) counts.set(id, { ...counts.get(id), [a.signalId]: n });
  }
  return scoreBook(pack, crm, accounts, counts, now);
}

export interface PublishSummary {
  id: string;
  crm: Crm;
  kind: PublishKind;
  status: PublishJobRow['status'];
  pack: { id: string; version: string };
  accounts: number;
  total: number;
  sent: number;
  skipped: number;
  failed: number;
  left: number;
  newerPack: number;
  batches: number;
  nextBatch: number;
  requests: number;
  windowLeftMin?: number;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  stop?: { code: string; message: string };
}

export interface PublishReport {
  job: PublishSummary;
  failures: Array<{ id: string; name: string | null; code: string; crmCode?: string; message: string; fields?: string[] }>;
  /** The failures as a CSV for Excel (UTF-8 with BOM, formulas defused). */
  csv: string;
}

const REPORT_ROWS = 5_000;

export function createPublisher(deps: PublisherDeps) {
  const { db, now } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxAttempts = deps.maxAttempts ?? 4;
  const runs = new Map<string, Promise<void>>();
  const resuming = new Set<Promise<void>>();
  // The connection a start read the book with: its client has seen the CRM's usage headers, so the first batch is paced too.
  const conns = new Map<Crm, { fields: CrmFields; host: string; portalId?: string }>();
  const connFor = async (crm: Crm) => conns.get(crm) ?? (await deps.fields(crm).catch(() => null));
  const at = () => now().toISOString();

  function summary(job: PublishJobRow): PublishSummary {
    const locale = deps.locale();
    return {
      id: job.id,
      crm: job.crm,
      kind: job.kind,
      status: job.status,
      pack: job.pack,
      accounts: job.accounts,
      total: job.total,
      sent: job.sent,
      skipped: job.skipped,
      failed: job.failed,
      left: Math.max(0, job.total - job.sent - job.failed),
      newerPack: job.newerPack,
      batches: job.batches,
      nextBatch: job.nextBatch,
      requests: job.requests,
      ...(job.windowLeftMin !== undefined ? { windowLeftMin: job.windowLeftMin } : {}),
      startedAt: job.startedAt,
      updatedAt: job.updatedAt,
      ...(job.by ? { by: job.by } : {}),
      ...(job.recorded !== undefined ? { recorded: job.recorded } : {}),
      ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
      ...(job.stop ? { stop: { code: job.stop.key, message: errorText(job.stop.key as ErrorKey, job.stop.params as Vars | undefined, locale) } } : {}),
    };
  }

  /** A whole-request error that ends this run (the job resumes at the next start). */
  function stopFor(crm: Crm, e: CrmError): NonNullable<PublishJobRow['stop']> {
    return { key: 'publish.stopped', params: { message: e.message[deps.locale()], crm: crm === 'hubspot' ? 'HubSpot' : 'Salesforce' } };
  }

  /** A batch's records, less those the CRM already holds (checked after a send whose answer was lost). */
  async function stillToWrite(fields: CrmFields, crm: Crm, items: PublishItemRow[]): Promise<{ todo: PublishItemRow[]; there: string[]; requests: number } | { error: CrmError }> {
    const names = [...new Set(items.flatMap((i) => Object.keys(i.fields)))];
    const r = await fields.readRecords(items.map((i) => i.id), names);
    if (!r.ok) return { error: r.error };
    const held = new Map(r.value.map((a) => [a.id, a.fields]));
    const all = new Map(publishedFieldsByName(crm, names).map((f) => [f[crm], f]));
    const todo: PublishItemRow[] = [];
    const there: string[] = [];
    for (const item of items) {
      const now = held.get(item.id);
      const done = now && Object.entries(item.fields).every(([name, v]) => {
        const f = all.get(name);
        return f ? sameValue(f, crm, now[name], v) : now[name] === v;
      });
      if (done) there.push(item.id);
      else todo.push(item);
    }
    return { todo, there, requests: 1 };
  }

  /** Send one batch until every record is written, refused for good, or the tries run out. */
  async function sendBatch(fields: CrmFields, crm: Crm, items: PublishItemRow[]): Promise<{ outcome: BatchOutcome } | { stop: NonNullable<PublishJobRow['stop']>; requests: number }> {
    const outcome: BatchOutcome = { sent: [], failed: [], alreadyThere: [], requests: 0, windowLeft: null };
    let pending = items;
    for (let attempt = 1; pending.length; attempt++) {
      const r = await fields.writeBatch(pending.map((i) => ({ id: i.id, fields: i.fields })));
      outcome.requests++;
      const left = fields.windowLeft();
      if (left !== null) outcome.windowLeft = Math.min(outcome.windowLeft ?? 1, left);
      if (!r.ok) {
        const e = r.error;
        const daily = e.kind === 'rate-limit' && (e.policy === 'DAILY' || e.policy === 'REQUEST_LIMIT_EXCEEDED');
        if (e.kind === 'rate-limit' && !daily && attempt < maxAttempts) {
          await sleep(e.retryAfterMs);
          continue;
        }
        if (e.kind === 'validation') {
          // The whole request refused for its content (a field the CRM lacks): every record in it, with why.
          for (const i of pending) outcome.failed.push({ id: i.id, failure: { code: e.fields?.length ? 'no-field' : 'validation', message: e.detail ?? e.message[deps.locale()], ...(e.fields ? { fields: e.fields } : {}) } });
          return { outcome };
        }
        return { stop: stopFor(crm, e), requests: outcome.requests };
      }
      const again: PublishItemRow[] = [];
      const byId = new Map(pending.map((i) => [i.id, i]));
      for (const res of r.value) {
        if (res.ok) outcome.sent.push(res.id);
        else if (res.retryable && attempt < maxAttempts) again.push(byId.get(res.id)!);
        else outcome.failed.push({ id: res.id, failure: failureOf(res) });
      }
      pending = again;
      if (pending.length) await sleep(1_000 * attempt);
    }
    return { outcome };
  }

  async function run(jobId: string): Promise<void> {
    let job = await db.publishJobs.get(jobId);
    if (!job || job.status !== 'running') return;
    const conn = await connFor(job.crm);
    if (!conn) return finishPublishJob(db, jobId, 'stopped', at(), { key: 'publish.not-connected', params: { crm: job.crm === 'hubspot' ? 'HubSpot' : 'Salesforce' } });
    const { fields } = conn;
    for (let b = job.nextBatch; b < job.batches; b++) {
      let items = (await batchItems(db, jobId, b)).filter((i) => i.status === 'pending');
      let there: string[] = [];
      if (job.inFlight === b && items.length) {
        const checked = await stillToWrite(fields, job.crm, items);
        if ('error' in checked) return finishPublishJob(db, jobId, 'stopped', at(), stopFor(job.crm, checked.error));
        await countRequests(db, jobId, checked.requests, fields.windowLeft());
        items = checked.todo;
        there = checked.there;
      }
      const pace = fields.pace(1);
      if (pace.kind === 'stop') {
        return finishPublishJob(db, jobId, 'stopped', at(), { key: 'publish.daily-limit', params: { crm: job.crm === 'hubspot' ? 'HubSpot' : 'Salesforce', left: pace.left, reserve: pace.reserve } });
      }
      if (pace.waitMs > 0) await sleep(pace.waitMs);
      await markBatchInFlight(db, jobId, b, at());
      const sent = items.length ? await sendBatch(fields, job.crm, items) : { outcome: { sent: [], failed: [], alreadyThere: [], requests: 0, windowLeft: null } };
      if ('stop' in sent) {
        await countRequests(db, jobId, sent.requests, fields.windowLeft());
        return finishPublishJob(db, jobId, 'stopped', at(), sent.stop);
      }
      const next = await recordBatch(db, jobId, b, { ...sent.outcome, alreadyThere: there }, at());
      if (!next) return;
      job = next;
    }
    await finishPublishJob(db, jobId, 'done', at());
  }

  function runOnce(jobId: string): Promise<void> {
    const running = runs.get(jobId);
    if (running) return running;
    const p = run(jobId)
      .catch((err: unknown) => finishPublishJob(db, jobId, 'stopped', at(), { key: 'publish.stopped', params: { message: err instanceof Error ? err.message : String(err), crm: '' } }))
      .finally(() => runs.delete(jobId));
    runs.set(jobId, p);
    return p;
  }

  return {
    /** Read the book, plan, store the plan and start sending; answers once the plan is stored. */
    async start(crm: Crm, kind: PublishKind): Promise<PublishSummary> {
      const locale = deps.locale();
      const busy = (await unfinishedJobs(db)).find((j) => j.crm === crm && j.status === 'running');
      if (busy) throw sidecarError('conflict', 'publish.running', { crm: crm === 'hubspot' ? 'HubSpot' : 'Salesforce', done: busy.sent + busy.failed, total: busy.total }, locale);
      const conn = await deps.fields(crm);
      if (conn) conns.set(crm, conn);
      if (!conn) throw sidecarError('not-connected', 'publish.not-connected', { crm: crm === 'hubspot' ? 'HubSpot' : 'Salesforce' }, locale);
      const pack = await deps.pack();
      const book = bookFor(pack, crm);
      const list = fieldsFor(kind, pack);
      const names = list.map((f) => f[crm]);
      // Scoring reads every input the pack names with the book, in the same pages: no request per account.
      const readFields = kind === 'scores' ? [...new Set([...names, RESULT_FIELDS.asOf[crm], ...bookInputNames(pack, crm)])] : [...names, DOMAIN_FIELD[crm]];
      const accounts = await conn.fields.readBook(book, readFields, { sleep });
      if (!accounts.ok) throw sidecarError(accounts.error.kind, accounts.error.key, accounts.error.params, locale);
      const keyOf = (id: string) => accountKey({ crm, host: conn.host, ...(conn.portalId ? { portalId: conn.portalId } : {}), recordId: id });
      const values = deps.values
        ? await deps.values(kind, crm, accounts.value, pack, keyOf)
        : kind === 'scores'
          ? await scoreBookFromCrm(conn.fields, crm, accounts.value, pack, now(), locale)
          : await publishValues(db, kind, crm, accounts.value, pack, keyOf);
      const startedAt = at();
      const id = deps.newId?.() ?? crypto.randomUUID();
      // The audit trail: every record written says who published it, what and when. A CRM set up
      // before the stamp's field existed still gets its values; the card then asks for the CRM check.
      const by = (await deps.who?.(crm).catch(() => null)) ?? null;
      const stampField = await conn.fields.readDefinitions([PUBLISHED_BY[crm]]);
      const recorded = stampField.ok && stampField.value.has(PUBLISHED_BY[crm]);
      const stamp = recorded ? { field: PUBLISHED_BY, value: publicationStamp({ by, kind, pack: { id: pack.id, version: pack.version }, at: startedAt, jobId: id }) } : undefined;
      const plan = planPublication({ crm, fields: list, pack: { id: pack.id, version: pack.version }, asOf: startedAt, accounts: accounts.value, publish: values, ...(stamp ? { stamp } : {}) });
      const names2 = new Map(accounts.value.map((a) => [a.id, a.name]));
      const job: PublishJobRow = {
        id, crm, kind, pack: { id: pack.id, version: pack.version }, asOf: startedAt, status: 'running', startedAt, updatedAt: startedAt,
        accounts: accounts.value.length, total: plan.writes, sent: 0, skipped: plan.skipped.length, failed: 0, batches: plan.batches.length, nextBatch: 0,
        newerPack: plan.newerPack.length, requests: 0, by, recorded,
      };
      const items: PublishItemRow[] = plan.batches.flatMap((batch, b) => batch.map((w) => ({ jobId: id, id: w.id, name: names2.get(w.id) ?? null, batch: b, fields: w.fields, status: 'pending' as const, attempts: 0 })));
      await createPublishJob(db, job, items);
      void runOnce(id);
      return summary(job);
    },

    /** Every start of the worker: carry on with what was running; at a browser start also what a limit stopped. */
    resume(options: { reopenStopped?: boolean } = {}): Promise<void> {
      // A browser start: the usage headers seen before (yesterday's daily count) no longer say anything.
      if (options.reopenStopped) conns.clear();
      const task = (async () => {
        const jobs = await unfinishedJobs(db);
        await Promise.all(
          jobs.map(async (j) => {
            if (j.status === 'stopped') {
              if (!options.reopenStopped) return;
              await reopenPublishJob(db, j.id, at());
            }
            await runOnce(j.id);
          }),
        );
      })().finally(() => resuming.delete(task));
      resuming.add(task);
      return task;
    },

    async status(crm?: Crm): Promise<{ job: PublishSummary | null }> {
      const job = await latestPublishJob(db, crm);
      return { job: job ? summary(job) : null };
    },

    async report(jobId?: string): Promise<PublishReport> {
      const locale = deps.locale();
      const job = jobId ? await db.publishJobs.get(jobId) : await latestPublishJob(db);
      if (!job) throw sidecarError('not-found', 'publish.no-job', undefined, locale);
      const rows: FailureRow[] = (await failedItems(db, job.id)).slice(0, REPORT_ROWS).map((i) => ({
        id: i.id,
        name: i.name,
        code: (i.failure?.code ?? 'other') as FailureRow['code'],
        message: i.failure?.message ?? '',
        ...(i.failure?.crmCode ? { crmCode: i.failure.crmCode } : {}),
        ...(i.failure?.fields ? { fields: i.failure.fields } : {}),
      }));
      return {
        job: summary(job),
        failures: rows.map((r) => ({ id: r.id, name: r.name, code: r.code, message: failureText(r, locale), ...(r.crmCode ? { crmCode: r.crmCode } : {}), ...(r.fields ? { fields: r.fields } : {}) })),
        csv: failureReportCsv(rows, locale),
      };
    },

    /** Resolves when every job this background is running has stopped or ended (tests). */
    async idle(): Promise<void> {
      while (runs.size || resuming.size) await Promise.all([...runs.values(), ...resuming]);
    },
  };
}

export type Publisher = ReturnType<typeof createPublisher>;

function failureOf(res: Extract<RecordResult, { ok: false }>): NonNullable<PublishItemRow['failure']> {
  return { code: res.code, message: res.message, ...(res.crmCode ? { crmCode: res.crmCode } : {}), ...(res.fields ? { fields: res.fields } : {}) };
}

/** The published fields these CRM names belong to (results and any signal or rating field named so). */
function publishedFieldsByName(crm: Crm, names: string[]): PublishedField[] {
  const known = Object.values(RESULT_FIELDS).filter((f) => names.includes(f[crm]));
  const rest = names.filter((n) => !known.some((f) => f[crm] === n));
  // A signal field's type is unknown here: compared as text, so "62" and 62 agree, and a number written as "62.0" is sent again (harmless).
  return [...known, ...rest.map((n): PublishedField => ({ key: n, hubspot: n, salesforce: n, type: 'string', label: { en: n, ja: n } }))];
}


/**
 * The publishing messages. Only CS Ops may publish (the role from the team layer: policy, or the
 * options page); anyone may see the progress and the report. Without a publisher (a background
 * built without one) every request is answered with "nothing published yet".
 */
export function publishHandlers(
  publisher: Publisher | undefined,
  role: (() => Promise<'csm' | 'csops'>) | undefined,
  locale: () => Locale,
  schedule?: (crm: Crm) => Promise<ScheduleView>,
) {
  const none = () => sidecarError('not-found', 'publish.no-job', undefined, locale());
  return {
    'publish.start': async (d: { crm: Crm; kind: PublishKind }) => {
      if (!publisher) throw none();
      if ((await role?.()) !== 'csops') throw sidecarError('forbidden', 'publish.not-csops', undefined, locale());
      return publisher.start(d.crm, d.kind);
    },
    'publish.status': async (d: { crm?: Crm | undefined }) => {
      const status = publisher ? await publisher.status(d.crm) : { job: null };
      if (!schedule) return status;
      const crms: Crm[] = d.crm ? [d.crm] : ['hubspot', 'salesforce'];
      return { ...status, schedule: await Promise.all(crms.map((c) => schedule(c))) };
    },
    'publish.report': async (d: { jobId?: string | undefined }) => {
      if (!publisher) throw none();
      return publisher.report(d.jobId);
    },
  };
}
