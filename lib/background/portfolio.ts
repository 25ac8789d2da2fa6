// The portfolio's data (issue 17): every account Sidecar has evaluated, from the cache alone (no
// request per account), as book rows; and what changed since the CSM last looked at the portfolio.
import Dexie from 'dexie';
import { salesforceOrg } from '../crm/detect';
import type { BookAccount, CrmFields } from '../crm/fields.ts';
import type { CrmHandover } from '../crm/handover.ts';
import type { CrmResult } from '../crm/http.ts';
import type { CrmNotes } from '../crm/notes.ts';
import { dayOf } from '../db/health-days';
import { bookChangesOf, disownBookRows, patchBookRows, readBookRows, replaceBookRows, watchNoteChanges } from '../db/book-rows';
import type { BookRowRecord, SidecarDb, SyncStateRow } from '../db/schema';
import { bookFor } from '../engine/book.ts';
import type { ConfigPack, Locale } from '../engine/types.ts';
import { bookRecordOf, bookRowOf, TREND_DAYS } from '../portfolio/book-row.ts';
import { changesSince, countBook, filterBook, openingFilters, seenOf, sortBook, type BookChange, type BookCounts, type BookFilters, type BookRow, type SeenRow, type SortKey } from '../portfolio/book.ts';
import { bookReadFields, bookRowFromCrm, LAST_TOUCH_FIELDS, mergeBook, renewalField, type Crm } from '../portfolio/crm-book.ts';
import { bookSignature, mergeChanged, planLoad, type BookMark } from '../portfolio/incremental.ts';
import { buildHandoverSheet, handoverCsv, handoverEmail, handoverText, type HandoverEmail, type HandoverInput, type HandoverSheet } from '../portfolio/handover.ts';
import { RESULT_FIELDS, ratingFields } from '../publish/fields.ts';
import type { NotePlace } from './connections';
import { sidecarError, toSidecarError } from './crm-errors';
import type { OwnersRead } from './people';

const SEEN_ID = 'portfolio';
const DAY_MS = 86_400_000;
/** How soon after a write its accounts' rows are derived again (the write's own work first). */
const PATCH_DELAY_MS = 250;

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

export interface PortfolioView {
  rows: BookRow[];
  counts: BookCounts;
  changes: BookChange[];
  /** When the CSM last looked at the portfolio (null the first time). */
  lastLookedAt: string | null;
  /** The CSM's own ids in each CRM, for "my accounts". */
  me: { ids: string[] };
  /** The book holds accounts of the CSM's own. */
  hasMine: boolean;
  /** Answering a first screenful: how many rows the view shows in all. */
  first?: { shown: number };
}

/** The page's first screenful: the first `limit` rows of its view (null filters: a first visit). */
export interface FirstScreen {
  filters: BookFilters | null;
  by: SortKey;
  dir: 'asc' | 'desc';
  limit: number;
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
    version++;
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

  // The book's rows: one compact record per account (lib/portfolio/book-row.ts), kept in bookRows
  // (v5) across worker restarts and in memory while the worker lives, so an open reads a few MB, not
  // 10,000 stored evaluations (52 MB). A write to accounts, notes or healthDays marks the accounts it
  // touched (Dexie's storagemutated, after the commit: every write goes through this background's
  // database), and their rows are derived again before the next view and soon after the write; a
  // write that names no keys (a bulk write, a clear), or another pack, derives them all again.
  type Book = { pack: string; rows: Map<string, BookRowRecord> };
  let book: Book | null = null;
  // Moves with every change to what the view lists (the book's records, the CRM's book): the view's
  // list, counts and changes are worked out once per change and day, not on every open.
  let version = 0;
  const dirty = new Set<string>();
  let dirtyAll = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // One refresh at a time: a patch never races a rebuild.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const next = queue.then(f, f);
    queue = next.catch(() => undefined);
    return next;
  };
  const mark = (accounts: readonly string[], all = false) => {
    if (all) dirtyAll = true;
    for (const a of accounts) dirty.add(a);
    // Soon, but after the write's own work (a sidebar view): the rows are ready for the next open.
    timer ??= setTimeout(() => {
      timer = null;
      void flush().catch(() => undefined);
    }, PATCH_DELAY_MS);
  };
  const onMutated = (parts: Parameters<typeof bookChangesOf>[0]) => {
    const c = bookChangesOf(parts, db.name);
    if (c && (c.all || c.accounts.length)) mark(c.accounts, c.all);
  };
  Dexie.on('storagemutated', onMutated);
  const unwatchNotes = watchNoteChanges(db, (key) => mark([key]));

  /**
   * Accounts' records derived from the stored tables: every account's (`keys` absent) or these
   * accounts' (null for one that has none now: gone, a contact's row, a sample).
   */
  async function derive(pack: ConfigPack, keys?: string[]): Promise<Map<string, BookRowRecord | null>> {
    const at = now();
    const from = dayOf(new Date(at.getTime() - (TREND_DAYS - 1) * DAY_MS));
    const [accounts, notes, days] = await Promise.all(
      keys
        ? [db.accounts.bulkGet(keys), db.notes.where('accountKey').anyOf(keys).toArray(), db.healthDays.where('accountKey').anyOf(keys).filter((d) => d.day >= from).toArray()]
        : [db.accounts.toArray(), db.notes.toArray(), db.healthDays.filter((d) => d.day >= from).toArray()],
    );
    const notesOf = groupBy(notes, (n) => n.accountKey);
    const daysOf = groupBy(days, (d) => d.accountKey);
    const out = new Map<string, BookRowRecord | null>((keys ?? []).map((k) => [k, null]));
    for (const a of accounts) if (a) out.set(a.key, bookRecordOf(pack, a, notesOf.get(a.key) ?? [], daysOf.get(a.key) ?? [], at));
    return out;
  }

  /** Every account's record derived from the stored tables, and kept. */
  async function rebuild(pack: ConfigPack, packKey: string): Promise<Map<string, BookRowRecord>> {
    const rows = new Map<string, BookRowRecord>();
    for (const [key, r] of await derive(pack)) if (r) rows.set(key, r);
    await replaceBookRows(db, packKey, [...rows.values()], now());
    return rows;
  }

  /** The marked accounts' records derived again: in the table, and in memory when the book is there. */
  async function patchMarked(pack: ConfigPack, packKey: string, inMemory: Book | null): Promise<void> {
    if (!dirty.size) return;
    const keys = [...dirty];
    dirty.clear();
    try {
      const put: BookRowRecord[] = [];
      const drop: string[] = [];
      for (const [key, r] of await derive(pack, keys)) {
        if (r) put.push(r);
        else drop.push(key);
      }
      for (const r of put) inMemory?.rows.set(r.key, r);
      for (const k of drop) inMemory?.rows.delete(k);
      version++;
      await patchBookRows(db, packKey, put, drop);
    } catch (err) {
      // Not derived: marked again, for the next call.
      for (const k of keys) dirty.add(k);
      throw err;
    }
  }

  /** The book in memory, fresh: else from the table, else derived; then the marked accounts derived again. */
  async function refresh(pack: ConfigPack, packKey: string): Promise<Book> {
    if (book?.pack !== packKey || dirtyAll) {
      // A write that named no accounts leaves the table as much in doubt as the memory: all are derived again.
      const all = dirtyAll;
      // What is marked from here on is derived again on the next call.
      dirtyAll = false;
      dirty.clear();
      try {
        const kept = all ? null : await readBookRows(db, packKey);
        book = { pack: packKey, rows: kept ? new Map(kept.rows.map((r) => [r.key, r])) : await rebuild(pack, packKey) };
        version++;
        // Rows kept more than a day: shown, then all derived again soon after. What a write could
        // leave behind unseen (a worker stopped between a write and its rows, a write from outside
        // this background) lasts a day at most.
        const builtAt = kept?.builtAt ? Date.parse(kept.builtAt) : Number.NaN;
        if (kept && !(now().getTime() - builtAt < DAY_MS)) mark([], true);
      } catch (err) {
        book = null;
        dirtyAll = true;
        throw err;
      }
    }
    await patchMarked(pack, packKey, book);
    return book;
  }

  /** The book's records, fresh (for a view). */
  const records = (): Promise<Map<string, BookRowRecord>> =>
    serial(async () => {
      const pack = await deps.pack();
      return (await refresh(pack, `${pack.id}@${pack.version}`)).rows;
    });

  /**
   * Soon after a write. With the book in memory (the portfolio was opened), as a view would. Without
   * it, the table alone, never read whole: the marked accounts' rows put, or, for a write that named
   * no accounts, the rows disowned so that the next open derives them all (not here, in the middle of
   * a CSM's work in the CRM: that is seconds of the worker's time with 10,000 accounts).
   */
  const flush = (): Promise<void> =>
    serial(async () => {
      if (!dirtyAll && !dirty.size) return;
      const pack = await deps.pack();
      const packKey = `${pack.id}@${pack.version}`;
      if (book?.pack === packKey) {
        await refresh(pack, packKey);
        return;
      }
      if (dirtyAll) {
        dirtyAll = false;
        dirty.clear();
        await disownBookRows(db);
        return;
      }
      await patchMarked(pack, packKey, null);
    });

  // What the CSM saw at their last look (10,000 entries with a full book): written only by markSeen, here.
  let seen: Promise<SyncStateRow | undefined> | null = null;
  const seenState = () => {
    const read = (seen ??= db.syncState.get(SEEN_ID));
    read.catch(() => {
      if (seen === read) seen = null;
    });
    return read;
  };

  /** The book's rows on today's date (days to renewal, the trend's window). */
  async function rows(): Promise<BookRow[]> {
    const recs = await records();
    const at = now();
    return [...recs.values()].map((r) => bookRowOf(r, at));
  }

  /**
   * The cache's rows with the CRM's book over them (lib/portfolio/crm-book.ts), and what the view
   * says of them: worked out once per change, day and last look, not on every open (10,000 rows).
   */
  let listed: { key: string; rows: BookRow[]; counts: BookCounts; changes: BookChange[]; hasMine: boolean } | null = null;
  async function listing(seen: SyncStateRow | undefined, me: { ids: string[] }) {
    const recs = await records(); // first: the marked accounts' rows derived again (the version moves)
    const at = now();
    const key = `${version}:${dayOf(at)}:${seen?.lastSuccessAt ?? ''}:${me.ids.join(',')}`;
    if (listed?.key === key) return listed;
    const cached = [...recs.values()].map((r) => bookRowOf(r, at));
    const list = fromCrm.size ? mergeBook(cached, [...fromCrm.values()].flatMap((x) => x.rows), new Set(fromCrm.keys())) : cached;
    const seenRows: Record<string, SeenRow> = seen?.seen ?? {};
    listed = {
      key,
      rows: list,
      counts: countBook(list),
      changes: changesSince(seenRows, list),
      hasMine: list.some((r) => r.ownerId !== null && me.ids.includes(r.ownerId)),
    };
    return listed;
  }
  const merged = async (): Promise<BookRow[]> => (await listing(await seenState(), await myIds())).rows;
  const myIds = async () => {
    const [hubspot, salesforce] = await Promise.all([db.connections.get('hubspot'), db.connections.get('salesforce')]);
    return { ids: [hubspot?.me?.id, salesforce?.me?.id].filter((x): x is string => !!x) };
  };

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
    /** Stops watching the database (a worker that stops; tests that start another over the same database). */
    stop(): void {
      Dexie.on('storagemutated').unsubscribe(onMutated);
      unwatchNotes();
      if (timer) clearTimeout(timer);
      timer = null;
    },
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
    /**
     * The book for the page. With `first`, only the first rows of the page's view (its filters and
     * sort, applied here as the page applies them) and how many it shows: a few KB the page draws at
     * once, before the whole book (some MB with 10,000 accounts) has crossed to it.
     */
    async view(first?: FirstScreen): Promise<PortfolioView> {
      const [seenRow, me] = await Promise.all([seenState(), myIds()]);
      const { rows: list, counts, changes, hasMine } = await listing(seenRow, me);
      const base = { counts, changes, lastLookedAt: seenRow?.lastSuccessAt ?? null, me, hasMine };
      if (!first) return { ...base, rows: list };
      const shown = sortBook(filterBook(list, openingFilters(first.filters, hasMine), me), first.by, first.dir);
      return { ...base, rows: shown.slice(0, first.limit), first: { shown: shown.length } };
    },
    /**
     * The page is opening: the book read and listed now (a stopped worker reads 10,000 rows in a few
     * hundred ms), in the background's own queue, so the page's first question finds it done or under
     * way. A failure here is the view's to report, when it asks.
     */
    prepare(): void {
      void Promise.all([seenState(), myIds()])
        .then(([seenRow, me]) => listing(seenRow, me))
        .catch(() => undefined);
    },
    /** The CSM has looked: the next "what changed" counts from what the book shows now. */
    async markSeen(): Promise<void> {
      const list = await rows();
      const row: SyncStateRow = { id: SEEN_ID, lastSuccessAt: now().toISOString(), seen: Object.fromEntries(list.map((r) => [r.key, seenOf(r)])) };
      seen = null;
      await db.syncState.put(row);
    },
  };
}
export type Portfolio = ReturnType<typeof createPortfolio>;
