// The portfolio's data (issue 17): every account Sidecar has evaluated, from the cache alone (no
// request per account), as book rows; and what changed since the CSM last looked at the portfolio.
import Dexie from 'dexie';
import { salesforceOrg } from '../crm/detect';
import type { BookAccount, CrmFields } from '../crm/fields.ts';
import type { CrmHandover } from '../crm/handover.ts';
import type { CrmResult } from '../crm/http.ts';
import type { CrmNotes } from '../crm/notes.ts';
import { dayOf } from '../db/health-days';
import type { AccountRow, SidecarDb } from '../db/schema';
import { bookFor } from '../engine/book.ts';
import type { ConfigPack, Evaluation, Locale } from '../engine/types.ts';
import { changesSince, countBook, seenOf, type BookChange, type BookCounts, type BookRow, type SeenRow } from '../portfolio/book.ts';
import { bookReadFields, bookRowFromCrm, LAST_TOUCH_FIELDS, mergeBook, renewalField, type Crm } from '../portfolio/crm-book.ts';
import { bookSignature, mergeChanged, planLoad, type BookMark } from '../portfolio/incremental.ts';
import { buildHandoverSheet, handoverCsv, handoverEmail, handoverText, type HandoverEmail, type HandoverInput, type HandoverSheet } from '../portfolio/handover.ts';
import { RESULT_FIELDS, ratingFields } from '../publish/fields.ts';
import type { NotePlace } from './connections';
import { sidecarError, toSidecarError } from './crm-errors';
import type { OwnersRead } from './people';

const SEEN_ID = 'portfolio';
const TREND_DAYS = 30;
const DAY_MS = 86_400_000;

export interface PortfolioView {
  rows: BookRow[];
  counts: BookCounts;
  changes: BookChange[];
  /** When the CSM last looked at the portfolio (null the first time). */
  lastLookedAt: string | null;
  /** The CSM's own ids in each CRM, for "my accounts". */
  me: { ids: string[] };
}

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

/** Days to the renewal date the pack's renewal signal counts from, read from the account's CRM properties. */
function renewalDays(pack: ConfigPack, row: AccountRow, now: Date): number | null {
  const renewal = pack.signals.find((s) => s.id === pack.lifecycle.renewal.signal);
  const source = renewal?.source;
  const dateSignal = source?.kind === 'computed' ? pack.signals.find((s) => s.id === source.from) : renewal;
  if (dateSignal?.source.kind !== 'crm') return null;
  const field = row.crm === 'hubspot' ? dateSignal.source.hubspot : dateSignal.source.salesforce;
  const raw = field ? row.properties[field] : null;
  const at = raw ? Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw) : Number.NaN;
  return Number.isNaN(at) ? null : Math.ceil((at - now.getTime()) / DAY_MS);
}

/** The CRM side of the portfolio: the book read in pages, and a handover sheet's reads. */
export interface PortfolioCrm {
  fields(crm: Crm): Promise<{ fields: CrmFields; host: string; portalId?: string } | null>;
  handover(crm: Crm): Promise<CrmHandover | null>;
  notes(place: NotePlace): Promise<CrmResult<CrmNotes> | null>;
  hubspotOwners(): Promise<OwnersRead | null>;
  locale(): Locale;
  /** The user's own profile (Options → Profile): their name, company and product, for the change-of-CSM e-mail. */
  profile?: () => Promise<{ csmName?: string; companyName?: string; productName?: string }>;
  /** How to wait when the CRM's usage headers ask for it. */
  sleep?: (ms: number) => Promise<void>;
}

/** Loading the book from the CRM: where it is, for the progress bar. */
export interface LoadStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  /** The CRM being read now (running), or last read. */
  crm: Crm | null;
  /** Accounts of the book read so far in this load. */
  read: number;
  /** The last load's count per CRM, the bar's maximum on the next load. */
  expected: number | null;
  /** The CRMs whose book is loaded, and when. */
  loaded: Array<{ crm: Crm; at: string; count: number }>;
  error: { code: string; message: string } | null;
}

const isCrm = (x: string): x is Crm => x === 'hubspot' || x === 'salesforce';
/** The requests one handover sheet costs, about: the record with its history, its contacts (two), its notes (two), the owners (cached). */
const SHEET_REQUESTS = 6;

/** The host of a Salesforce org's Lightning pages, from its API or My Domain host. */
const lightningHost = (host: string) => host.replace(/\.my\.salesforce\.com$/, '.lightning.force.com');

export function createPortfolio(deps: { db: SidecarDb; now: () => Date; pack: () => Promise<ConfigPack>; crm?: PortfolioCrm }) {
  const { db, now } = deps;
  // The CRM's book lives in the background's memory: it is the CRM's data, read again on each visit; the cache keeps what Sidecar evaluated.
  const fromCrm = new Map<Crm, { rows: BookRow[]; at: string }>();
  // Where the next load of each CRM's book may start from. In memory with the book it marks: a
  // worker that restarts reads the whole book again.
  const marks = new Map<Crm, BookMark>();
  let status: LoadStatus = { state: 'idle', crm: null, read: 0, expected: null, loaded: [], error: null };
  let running: Promise<void> | null = null;

  async function loadOne(crm: Crm, pack: ConfigPack, c: PortfolioCrm): Promise<void> {
    const conn = await c.fields(crm);
    if (!conn) return;
    const book = bookFor(pack, crm);
    let wanted = bookReadFields(pack, crm);
    // Salesforce refuses a query naming a field the org lacks: ask only for those its describe lists.
    if (crm === 'salesforce') {
      const defs = await conn.fields.readDefinitions(wanted);
      if (!defs.ok) throw toSidecarError(defs.error, c.locale());
      wanted = wanted.filter((f) => defs.value.has(f));
    }
    const pace = conn.fields.pace(1);
    if (pace.kind === 'stop') throw sidecarError('rate-limit', 'portfolio.daily-limit', { left: pace.left }, c.locale());
    const previous = fromCrm.get(crm);
    status = { ...status, crm, read: 0, expected: previous?.rows.length ?? null };
    // After a full read, only what the CRM says changed since the last load's start (lib/portfolio/incremental.ts
    // says when a full read is due again: the book or pack changed, a day passed; deletions are not seen otherwise).
    const signature = bookSignature(book, pack);
    const mark = marks.get(crm) ?? null;
    const plan = previous && conn.fields.readChanged ? planLoad(crm, mark, signature, now()) : ({ kind: 'full', reason: 'first' } as const);
    let crmStart: string | null = null;
    const options = { ...(c.sleep ? { sleep: c.sleep } : {}), onPage: (n: number) => (status = { ...status, read: n }), onCrmClock: (at: string | null) => (crmStart ??= at) };
    let changed: { accounts: BookAccount[]; left: string[] } | null = null;
    if (plan.kind === 'since' && conn.fields.readChanged) {
      const r = await conn.fields.readChanged(book, wanted, plan.since, options);
      if (!r.ok) throw toSidecarError(r.error, c.locale());
      if (!r.value.tooMany) changed = r.value;
    }
    const read = changed ? ({ ok: true, value: changed.accounts } as const) : await conn.fields.readBook(book, wanted, options);
    if (!read.ok) throw toSidecarError(read.error, c.locale());
    let names: Map<string, string> | undefined;
    if (crm === 'hubspot') {
      const owners = await c.hubspotOwners().catch(() => null);
      if (owners?.ok) names = new Map([...owners.owners.values()].map((o) => [o.id, o.name]));
    }
    const at = now();
    const scope = crm === 'hubspot' ? (conn.portalId ?? '') : (salesforceOrg(conn.host) ?? conn.host);
    const host = crm === 'hubspot' ? conn.host : lightningHost(conn.host);
    const fresh = read.value.map((a) => bookRowFromCrm(a, { crm, pack, scope, host, ...(conn.portalId ? { portalId: conn.portalId } : {}), now: at, ...(names ? { names } : {}) }));
    const rows = changed && previous ? mergeChanged(previous.rows, fresh, new Set(changed.left.map((id) => `${crm}:${scope}:${id}`))) : fresh;
    fromCrm.set(crm, { rows, at: at.toISOString() });
    // The mark moves only when the load has ended well: an interrupted one is read again from the old mark.
    // Without the CRM's clock (no Date header), the next load is a full one.
    if (crmStart) marks.set(crm, { crmStart, signature, fullAt: changed && mark ? mark.fullAt : at.toISOString() });
    else marks.delete(crm);
    status = { ...status, read: rows.length, loaded: [...status.loaded.filter((l) => l.crm !== crm), { crm, at: at.toISOString(), count: rows.length }] };
  }

  async function loadAll(): Promise<void> {
    const c = deps.crm;
    if (!c) return;
    status = { ...status, state: 'running', read: 0, error: null };
    let error: LoadStatus['error'] = null;
    const pack = await deps.pack();
    // One CRM's failure (a refused key, a limit) does not keep the other's book from the page.
    for (const crm of ['hubspot', 'salesforce'] as const) {
      try {
        await loadOne(crm, pack, c);
      } catch (err) {
        const e = err as { code?: string; message?: string };
        error ??= { code: e.code ?? 'unknown', message: e.message ?? String(err) };
      }
    }
    status = { ...status, state: error ? 'failed' : 'done', error };
  }

  // The cache's rows, kept between views: reading and decoding 10,000 accounts' stored evaluations
  // takes seconds, and the page asks on every visit. Any write to the tables they come from drops
  // them (Dexie's storagemutated: every write goes through this background's database), as do a
  // new day (renewal days, the trend's window) and another pack; a write while they are being
  // read makes the next view read again.
  let memo: { key: string; generation: number; rows: Promise<BookRow[]> } | null = null;
  let generation = 0;
  const watched = ['accounts', 'notes', 'healthDays'].map((t) => `idb://${db.name}/${t}/`);
  Dexie.on('storagemutated', (parts) => {
    if (Object.keys(parts).some((p) => watched.some((w) => p.startsWith(w)))) {
      generation++;
      memo = null;
    }
  });

  async function rows(): Promise<BookRow[]> {
    const pack = await deps.pack();
    const key = `${pack.id}@${pack.version}:${dayOf(now())}`;
    if (memo && memo.key === key && memo.generation === generation) return memo.rows;
    const mine = { key, generation, rows: readRows(pack) };
    memo = mine;
    mine.rows.catch(() => {
      if (memo === mine) memo = null;
    });
    return mine.rows;
  }

  async function readRows(pack: ConfigPack): Promise<BookRow[]> {
    const at = now();
    const from = dayOf(new Date(at.getTime() - (TREND_DAYS - 1) * DAY_MS));
    const [accounts, notes, days] = await Promise.all([
      db.accounts.toArray(),
      db.notes.toArray(),
      db.healthDays.filter((d) => d.day >= from).toArray(),
    ]);
    const lastTouch = new Map<string, { at: string; by?: string }>();
    for (const n of notes) {
      if (n.deletedAt) continue;
      const had = lastTouch.get(n.accountKey);
      if (!had || n.createdAt > had.at) lastTouch.set(n.accountKey, { at: n.createdAt, ...(n.author ? { by: n.author } : {}) });
    }
    const trends = new Map<string, Array<{ day: string; score: number }>>();
    for (const d of days) {
      if (d.score === null) continue;
      const list = trends.get(d.accountKey) ?? [];
      list.push({ day: d.day, score: d.score });
      trends.set(d.accountKey, list);
    }
    const out: BookRow[] = [];
    for (const a of accounts) {
      // A contact or deal page's row stands for its company, which has its own row; samples are not customers.
      if (a.resolvedTo || a.sample) continue;
      const e = evaluationOf(a);
      if (!e) continue;
      const up = [...e.health.drivers.up].sort((x, y) => y.impact - x.impact)[0];
      const down = [...e.health.drivers.down].sort((x, y) => x.impact - y.impact)[0];
      out.push({
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
        renewalDays: renewalDays(pack, a, at),
        lastTouch: lastTouch.get(a.key) ?? null,
        fetchedAt: a.fetchedAt ?? null,
        owner: a.owner ?? null,
        ownerId: a.ownerId ?? null,
        trend: (trends.get(a.key) ?? []).sort((x, y) => x.day.localeCompare(y.day)).map((t) => t.score),
        staleInputs: e.health.stale.length,
      });
    }
    return out;
  }

  /** The cache's rows with the CRM's book over them (lib/portfolio/crm-book.ts). */
  async function merged(): Promise<BookRow[]> {
    const cached = await rows();
    if (!fromCrm.size) return cached;
    return mergeBook(cached, [...fromCrm.values()].flatMap((x) => x.rows), new Set(fromCrm.keys()));
  }

  /** One CRM's connection for a run of sheets: one client, so its usage headers pace the run. */
  type Reading = { reader: CrmHandover | null; conn: { host: string; portalId?: string } | null };
  async function reading(crm: Crm): Promise<Reading> {
    const c = deps.crm!;
    const [reader, conn] = await Promise.all([c.handover(crm), c.fields(crm)]);
    return { reader, conn: conn ? { host: conn.host, ...(conn.portalId ? { portalId: conn.portalId } : {}) } : null };
  }

  /** One account's handover sheet, read from its CRM alone, and what it was built from. */
  async function sheetWithInput(key: string, pack: ConfigPack, locale: Locale, open?: Reading): Promise<{ sheet: HandoverSheet; input: HandoverInput }> {
    const c = deps.crm;
    const m = /^(hubspot|salesforce):(.+):([^:]+)$/.exec(key);
    if (!c || !m || !isCrm(m[1]!)) throw sidecarError('not-found', 'portfolio.no-account', { key }, locale);
    const crm = m[1] as Crm;
    const id = m[3]!;
    const { reader, conn } = open ?? (await reading(crm));
    if (!reader || !conn) throw sidecarError('not-connected', crm === 'hubspot' ? 'connect.hubspot' : 'connect.salesforce', undefined, locale);
    const book = bookFor(pack, crm);
    const renewal = renewalField(pack, crm);
    const ratings = pack.signals.filter((s) => s.source.kind === 'rating').flatMap((s) => Object.values(ratingFields(s.id)).map((f) => f[crm]));
    const wanted = [...new Set([...Object.values(RESULT_FIELDS).map((f) => f[crm]), ...LAST_TOUCH_FIELDS[crm], ...(renewal ? [renewal] : []), ...ratings, book.csmField])];
    const read = await reader.readAccount(id, wanted, RESULT_FIELDS.score[crm]);
    if (!read.ok) throw toSidecarError(read.error, locale);
    const place: NotePlace = crm === 'hubspot' ? { crm, portalId: conn.portalId ?? m[2]!, companyId: id, lookupCompanyOf: null, also: null } : { crm, pageHost: conn.host, accountId: read.value.id };
    const notes = await c.notes(place);
    if (notes && !notes.ok) throw toSidecarError(notes.error, locale);
    const listed = notes ? await notes.value.list() : null;
    if (listed && !listed.ok) throw toSidecarError(listed.error, locale);
    const csmId = read.value.fields[book.csmField];
    let csm = csmId === null || csmId === undefined ? null : String(csmId);
    let names: Map<string, string> | null = null;
    if (crm === 'hubspot') {
      const owners = await c.hubspotOwners().catch(() => null);
      if (owners?.ok) names = new Map([...owners.owners.values()].map((o) => [o.id, o.name]));
      if (csm && names?.has(csm)) csm = names.get(csm)!;
    } else if (csm) {
      // Salesforce: the user's name as the book's read gave it (Owner.Name), or as the cache keeps it; the id only when neither knows.
      const named = fromCrm.get('salesforce')?.rows.find((r) => r.key === key && r.ownerId === csm)?.owner ?? (await db.accounts.get(key))?.owner;
      if (named) csm = named;
    }
    const scope = crm === 'hubspot' ? (conn.portalId ?? m[2]!) : (salesforceOrg(conn.host) ?? conn.host);
    const host = crm === 'hubspot' ? conn.host : lightningHost(conn.host);
    const url = crm === 'hubspot' ? `https://${host}/contacts/${scope}/record/0-2/${read.value.id}` : `https://${host}/lightning/r/Account/${read.value.id}/view`;
    const input: HandoverInput = {
        crm,
        key,
        url,
        name: read.value.name ?? id,
        csm,
        fields: read.value.fields,
        history: read.value.history,
        contacts: read.value.contacts.map((x) => ({
          // Family name first in Japanese (山田 花子), given name first in English.
          name: (locale === 'ja' ? [x.lastName, x.firstName] : [x.firstName, x.lastName]).filter(Boolean).join(' ') || x.email || x.id,
          ...(x.firstName ? { firstName: x.firstName } : {}),
          ...(x.lastName ? { lastName: x.lastName } : {}),
          ...(x.title ? { title: x.title } : {}),
          ...(x.email ? { email: x.email } : {}),
          primary: x.primary,
        })),
        notes: (listed?.value.notes ?? []).map((n) => {
          const by = n.author?.name ?? (n.author && names?.get(n.author.id)) ?? undefined;
          return { at: n.at, text: n.text, ...(by ? { author: by } : {}), ...(n.ratings && !n.edited ? { ratings: n.ratings } : {}) };
        }),
    };
    return { sheet: buildHandoverSheet(input, pack, locale, now()), input };
  }

  return {
    /** Start loading the book from the CRM (one at a time; a second call while it runs joins it). */
    load(): LoadStatus {
      if (!running) running = loadAll().finally(() => (running = null));
      return status;
    },
    loadStatus: (): LoadStatus => status,
    /** For tests: the load now running, if any. */
    loading: (): Promise<void> => running ?? Promise.resolve(),
    /** One account's handover sheet from the CRM, with its text. */
    async handover(key: string): Promise<{ sheet: HandoverSheet; text: string; email: HandoverEmail | null }> {
      const locale = deps.crm?.locale() ?? 'en';
      const pack = await deps.pack();
      const { sheet: s, input } = await sheetWithInput(key, pack, locale);
      const profile = (await deps.crm?.profile?.().catch(() => ({}))) ?? {};
      return { sheet: s, text: handoverText(s, locale), email: handoverEmail(pack, input, profile, locale) };
    },
    /**
     * The whole book's handover sheets as one CSV for Excel: the accounts the portfolio lists (after
     * a load, the CRM's book), each read from its CRM in turn, paced by the CRM's usage headers.
     */
    async handoverCsv(keys?: string[]): Promise<{ csv: string; count: number; failed: Array<{ key: string; message: string }> }> {
      const locale = deps.crm?.locale() ?? 'en';
      const pack = await deps.pack();
      const list = keys ?? (await merged()).filter((r) => !r.outsideBook).map((r) => r.key);
      const sheets: HandoverSheet[] = [];
      const failed: Array<{ key: string; message: string }> = [];
      const open = new Map<Crm, Reading>();
      for (const key of list) {
        const crm = key.split(':')[0] ?? '';
        try {
          if (!deps.crm || !isCrm(crm)) throw sidecarError('not-found', 'portfolio.no-account', { key }, locale);
          if (!open.has(crm)) open.set(crm, await reading(crm));
          const r = open.get(crm)!;
          // About six requests a sheet (the record, its contacts, its notes): wait when the CRM's headers ask for it, stop before the daily reserve.
          const pace = r.reader?.pace(SHEET_REQUESTS);
          if (pace?.kind === 'stop') throw sidecarError('rate-limit', 'portfolio.daily-limit', { left: pace.left }, locale);
          if (pace && pace.waitMs > 0 && deps.crm.sleep) await deps.crm.sleep(pace.waitMs);
          sheets.push((await sheetWithInput(key, pack, locale, r)).sheet);
        } catch (err) {
          failed.push({ key, message: (err as Error).message });
        }
      }
      return { csv: handoverCsv(sheets, locale), count: sheets.length, failed };
    },
    async view(): Promise<PortfolioView> {
      const [book, seenRow, hubspot, salesforce] = await Promise.all([merged(), db.syncState.get(SEEN_ID), db.connections.get('hubspot'), db.connections.get('salesforce')]);
      const seen: Record<string, SeenRow> = seenRow?.seen ?? {};
      return {
        rows: book,
        counts: countBook(book),
        changes: changesSince(seen, book),
        lastLookedAt: seenRow?.lastSuccessAt ?? null,
        me: { ids: [hubspot?.me?.id, salesforce?.me?.id].filter((x): x is string => !!x) },
      };
    },
    /** The CSM has looked: the next "what changed" counts from what the book shows now. */
    async markSeen(): Promise<void> {
      const book = await rows();
      await db.syncState.put({ id: SEEN_ID, lastSuccessAt: now().toISOString(), seen: Object.fromEntries(book.map((r) => [r.key, seenOf(r)])) });
    },
  };
}
export type Portfolio = ReturnType<typeof createPortfolio>;
