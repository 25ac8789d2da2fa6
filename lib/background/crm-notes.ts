// What a Sidecar note becomes in each CRM, where it goes there, the team's
// notes read back from the CRM, deleting a note there, and storage failures
// put in words. The outbox (outbox.ts) drives these; they hold no state.
import * as z from 'zod';
import type { RecordRef } from '../crm/detect';
import { crmErrors, fail, ok, requestJson, type CrmError, type CrmResult, type HttpOptions } from '../crm/http.ts';
import { classifyHubspot } from '../crm/hubspot/errors.ts';
import { noteBodyHtml, type NoteRating } from '../crm/hubspot/note-body.ts';
import type { CreateNoteInput as HubspotCreateInput, HubspotNote, NoteTarget } from '../crm/hubspot/client.ts';
import type { CreateNoteInput as SalesforceCreateInput, NoteMode, SalesforceNote } from '../crm/salesforce/client.ts';
import { classifySalesforce } from '../crm/salesforce/errors.ts';
import { apiBaseUrl } from '../crm/salesforce/host.ts';
import { sessionFromCookie, sidCookieFor, type CookieLike } from '../crm/salesforce/session.ts';
import { toId18 } from '../crm/salesforce-id.ts';
import type { AccountRow, NoteRow, SidecarDb } from '../db/schema';
import { ratingSignals } from '../engine/index.ts';
import type { ConfigPack, Locale } from '../engine/types.ts';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';
import { SidecarError } from '../messages/envelope';
import type { CrmClients } from './connections';
import { toSidecarError } from './crm-errors';

export type CrmName = 'hubspot' | 'salesforce';

// ---------------------------------------------------------------------------
// Where a note goes

/** An account key split into its parts: `hubspot:{portal}:{companyId}` or `salesforce:{org}:{id18}`. */
export interface ParsedAccountKey {
  crm: CrmName;
  /** Portal id (HubSpot) or org (Salesforce). */
  scope: string;
  recordId: string;
}

export function parseAccountKey(key: string): ParsedAccountKey | null {
  const m = /^(hubspot|salesforce):(.+):([^:]+)$/.exec(key);
  if (!m) return null;
  return { crm: m[1] as CrmName, scope: m[2]!, recordId: m[3]! };
}

export function crmOfNote(note: Pick<NoteRow, 'accountKey'>): CrmName | null {
  return parseAccountKey(note.accountKey)?.crm ?? null;
}

export type NoteDestination =
  | {
      crm: 'hubspot';
      /** The company, when known without asking HubSpot. */
      companyId: string | null;
      /** A contact or deal whose company must be looked up (a note written before the company was known). */
      lookupCompanyOf: { type: 'contacts' | 'deals'; id: string } | null;
      /** The contact or deal the note was written from, linked as well. */
      also: { toObjectType: NoteTarget; toId: string } | null;
    }
  | { crm: 'salesforce'; accountId: string; pageHost: string };

const ORIGIN_TARGET: Record<string, NoteTarget | undefined> = { contact: 'contact', deal: 'deal', contacts: 'contact', deals: 'deal' };

/**
 * Where the note belongs in its CRM. A note's account key names the company
 * (or Salesforce account); a note written on a contact or deal page before its
 * company was known names the contact or deal, and the company is found then.
 */
export function noteDestination(note: Pick<NoteRow, 'accountKey' | 'origin'>, account: AccountRow | undefined, resolved: AccountRow | undefined): NoteDestination | null {
  const key = parseAccountKey(note.accountKey);
  if (!key) return null;
  if (key.crm === 'salesforce') {
    const accountId = toId18(account?.recordId ?? key.recordId);
    if (!accountId) return null;
    return { crm: 'salesforce', accountId, pageHost: account?.host ?? `${key.scope}.my.salesforce.com` };
  }
  const originTarget = ORIGIN_TARGET[note.origin.objectType];
  const also = originTarget ? { toObjectType: originTarget, toId: note.origin.recordId } : null;
  const keyNamesOrigin = originTarget !== undefined && key.recordId === note.origin.recordId;
  if (resolved) return { crm: 'hubspot', companyId: resolved.recordId, lookupCompanyOf: null, also };
  if (keyNamesOrigin) {
    return { crm: 'hubspot', companyId: null, lookupCompanyOf: { type: originTarget === 'deal' ? 'deals' : 'contacts', id: note.origin.recordId }, also };
  }
  return { crm: 'hubspot', companyId: key.recordId, lookupCompanyOf: null, also };
}

/** HubSpot associations: the company always, and the contact or deal the note was written from. */
export function hubspotAssociations(companyId: string, also: { toObjectType: NoteTarget; toId: string } | null): HubspotCreateInput['associations'] {
  const out: HubspotCreateInput['associations'] = [{ toObjectType: 'company', toId: companyId }];
  if (also && also.toId !== companyId) out.push(also);
  return out;
}

// ---------------------------------------------------------------------------
// What a note says

const CATALOG = { en, ja } as const;

export function touchpointLabel(touchpoint: NoteRow['touchpoint'], locale: Locale): string {
  return CATALOG[locale][`touchpoint.${touchpoint}`];
}

/** The note's ratings with the pack's labels and scale, in the pack's order; unknown ids keep their id. */
export function noteRatings(ratings: Record<string, number>, pack: ConfigPack, locale: Locale): NoteRating[] {
  const known = ratingSignals(pack, locale);
  const out: NoteRating[] = [];
  for (const r of known) {
    const value = ratings[r.id];
    if (value === undefined) continue;
    const source = pack.signals.find((x) => x.id === r.id)?.source;
    const max = source?.kind === 'rating' ? source.scale : r.points.length ? Math.max(...r.points.map((p) => p.value)) : 5;
    out.push({ label: r.label, value, max });
  }
  // A rating the current pack no longer defines is still the CSM's data: send it under its id.
  for (const [id, value] of Object.entries(ratings)) {
    if (!known.some((k) => k.id === id)) out.push({ label: id, value, max: 5 });
  }
  return out;
}

export function hubspotNoteBody(note: Pick<NoteRow, 'id' | 'text' | 'ratings' | 'touchpoint'>, pack: ConfigPack, locale: Locale): CrmResult<string> {
  return noteBodyHtml({ text: note.text, ratings: noteRatings(note.ratings, pack, locale), touchpoint: touchpointLabel(note.touchpoint, locale), clientId: note.id, locale });
}

export function hubspotCreateInput(note: NoteRow, companyId: string, also: { toObjectType: NoteTarget; toId: string } | null, pack: ConfigPack, locale: Locale): CrmResult<HubspotCreateInput> {
  const body = hubspotNoteBody(note, pack, locale);
  if (!body.ok) return body;
  return ok({ bodyHtml: body.value, timestamp: note.createdAt, associations: hubspotAssociations(companyId, also) });
}

const TITLE_MAX = 80;

/** A Salesforce title: the note's first line, else "Touchpoint · date". */
export function salesforceTitle(note: Pick<NoteRow, 'text' | 'touchpoint' | 'createdAt'>, locale: Locale): string {
  const first = note.text.trim().split(/\r?\n/)[0]?.replace(/\s+/g, ' ').trim() ?? '';
  if (first) return first.length > TITLE_MAX ? `${first.slice(0, TITLE_MAX - 1)}…` : first;
  return `${touchpointLabel(note.touchpoint, locale)} · ${note.createdAt.slice(0, 10)}`;
}

export function salesforceCreateInput(note: NoteRow, accountId: string, mode: NoteMode, pack: ConfigPack, locale: Locale): SalesforceCreateInput {
  return {
    accountId,
    mode,
    title: salesforceTitle(note, locale),
    text: note.text,
    clientId: note.id,
    ratings: noteRatings(note.ratings, pack, locale),
    touchpoint: touchpointLabel(note.touchpoint, locale),
    locale,
    date: new Date(note.createdAt),
  };
}

/** Salesforce ids: ContentNote (a ContentDocument) 069…, Task 00T…; the mode a note was written in follows from its id. */
export function salesforceModeOf(remoteId: string, fallback: NoteMode): NoteMode {
  if (remoteId.startsWith('069')) return 'ContentNote';
  if (remoteId.startsWith('00T')) return 'Task';
  return fallback;
}

// ---------------------------------------------------------------------------
// Deleting a note in the CRM. The clients have no delete yet, so this goes
// through the same request layer with the same credentials they use.

export interface RemoteNote {
  crm: CrmName;
  remoteId: string;
  /** Salesforce: the page host the org is reached through, and the note's kind. */
  pageHost?: string;
  mode?: NoteMode;
}

/** Delete one note in its CRM; a note already gone counts as deleted. */
export type RemoteDelete = (note: RemoteNote) => Promise<CrmResult<void>>;

export interface RemoteDeleteDeps {
  db: SidecarDb;
  fetch: typeof fetch;
  /** chrome.cookies.get, as connections.ts uses it: the Salesforce session is read, never stored. */
  readCookie: (url: string, name: string) => Promise<CookieLike | null>;
  hubspotBaseUrl?: string;
  salesforceApiVersion?: string;
  timeoutMs?: number;
  now?: () => number;
}

const Empty = z.unknown();
const NUMERIC_ID = /^\d{1,20}$/;

export function createRemoteDelete(deps: RemoteDeleteDeps): RemoteDelete {
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const goneIsDone = (r: CrmResult<unknown>): CrmResult<void> => (r.ok || r.error.kind === 'not-found' ? ok(undefined) : fail(r.error));

  async function hubspot(remoteId: string): Promise<CrmResult<void>> {
    if (!NUMERIC_ID.test(remoteId)) return fail(crmErrors.validation('hubspot', `"${remoteId}" is not a HubSpot note id`));
    const row = await deps.db.connections.get('hubspot');
    const token = row?.secret?.token;
    if (!token || row?.lastError) return fail(crmErrors.auth('hubspot'));
    const http: HttpOptions = { crm: 'hubspot', fetch: deps.fetch, timeoutMs, classify: (res) => classifyHubspot(res, now()) };
    const base = (deps.hubspotBaseUrl ?? 'https://api.hubapi.com').replace(/\/+$/, '');
    return goneIsDone(await requestJson(http, { method: 'DELETE', url: `${base}/crm/v3/objects/notes/${remoteId}`, headers: { authorization: `Bearer ${token}` } }, Empty));
  }

  async function salesforceSession(pageHost: string): Promise<{ instanceUrl: string; accessToken: string } | null> {
    const row = await deps.db.connections.get('salesforce');
    if (row?.lastError) return null;
    if (row?.mode === 'oauth') return row.secret?.accessToken && row.secret.instanceUrl ? { instanceUrl: row.secret.instanceUrl, accessToken: row.secret.accessToken } : null;
    const which = sidCookieFor(pageHost);
    const cookie = which ? await deps.readCookie(which.url, which.name) : null;
    return cookie ? sessionFromCookie(cookie) : null;
  }

  async function salesforce(note: RemoteNote): Promise<CrmResult<void>> {
    const id = toId18(note.remoteId);
    if (!id) return fail(crmErrors.validation('salesforce', `"${note.remoteId}" is not a Salesforce id`));
    const session = note.pageHost ? await salesforceSession(note.pageHost) : null;
    if (!session) return fail(crmErrors.auth('salesforce'));
    const type = salesforceModeOf(id, note.mode ?? 'ContentNote');
    const http: HttpOptions = { crm: 'salesforce', fetch: deps.fetch, timeoutMs, classify: (res) => classifySalesforce(res, now()) };
    const url = `${apiBaseUrl(session.instanceUrl)}/services/data/${deps.salesforceApiVersion ?? 'v67.0'}/sobjects/${type}/${id}`;
    return goneIsDone(await requestJson(http, { method: 'DELETE', url, headers: { authorization: `Bearer ${session.accessToken}` } }, Empty));
  }

  return (note) => (note.crm === 'hubspot' ? hubspot(note.remoteId) : salesforce(note));
}

// ---------------------------------------------------------------------------
// The team's notes, read from the CRM

export interface PullDeps {
  db: SidecarDb;
  clients: CrmClients;
  now: () => Date;
  locale: () => Locale;
}

export interface PullReport {
  /** Notes others wrote, newly stored. */
  added: number;
  /** Notes already stored whose text changed in the CRM. */
  updated: number;
  /** Sidecar's own notes found in the CRM and matched to the local note. */
  reconciled: number;
  /** Notes from the CRM that are no longer there. */
  removed: number;
}

/** A CRM note as the pull stores it, whichever CRM it came from. */
export interface RemoteNoteRead {
  remoteId: string;
  clientId: string | null;
  text: string;
  at: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** A note's HTML as plain text: paragraphs and breaks as new lines, tags gone, entities decoded, no Sidecar ID line. */
export function noteHtmlToText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z0-9]+);/gi, (m, e: string) => {
      if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith('#') && e !== '#39') return String.fromCodePoint(Number(e.slice(1)));
      return ENTITIES[e.toLowerCase()] ?? m;
    });
  return withoutMarker(text);
}

function withoutMarker(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*Sidecar ID:\s*\S+\s*$/.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function isoOr(value: string | null | undefined, fallback: string): string {
  const t = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(t) ? fallback : new Date(t).toISOString();
}

export function fromHubspot(n: HubspotNote, fallbackAt: string): RemoteNoteRead {
  return { remoteId: n.id, clientId: n.clientId, text: noteHtmlToText(n.bodyHtml), at: isoOr(n.timestamp ?? n.createdAt, fallbackAt) };
}

export function fromSalesforce(n: SalesforceNote, fallbackAt: string): RemoteNoteRead {
  const body = withoutMarker(n.text ?? '');
  const title = (n.title ?? '').replace(/\s*\(Sidecar ID:[^)]*\)\s*$/, '').trim();
  // A ContentNote's TextPreview may not repeat its title; show the title when the body lacks it.
  const text = title && !body.startsWith(title) ? (body ? `${title}\n\n${body}` : title) : body;
  return { remoteId: n.id, clientId: n.clientId, text, at: isoOr(n.createdAt, fallbackAt) };
}

/**
 * Store what the CRM holds for this account: notes others wrote as read-only
 * rows (`fromCrm`, matched by remoteId so a repeated pull adds nothing), and
 * Sidecar's own notes matched to the local note by their Sidecar ID. `complete`
 * false means the CRM list was capped, so notes missing from it are kept.
 */
export async function storeCrmNotes(db: SidecarDb, accountKey: string, origin: NoteRow['origin'], remote: RemoteNoteRead[], complete: boolean, now: Date): Promise<PullReport> {
  const report: PullReport = { added: 0, updated: 0, reconciled: 0, removed: 0 };
  const at = now.toISOString();
  await db.transaction('rw', [db.notes, db.outbox], async () => {
    const seen = new Set<string>();
    for (const r of remote) {
      seen.add(r.remoteId);
      const own = r.clientId ? await db.notes.get(r.clientId) : undefined;
      if (own && !own.fromCrm) {
        if (own.deletedAt) continue;
        const queued = await db.outbox.where('noteId').equals(own.id).count();
        // With work queued the outbox has the last word (it turns a create into an update once remoteId is known).
        const status = queued === 0 && own.status !== 'local-only' ? 'synced' : own.status;
        if (own.remoteId !== r.remoteId || own.status !== status) {
          await db.notes.put({ ...own, remoteId: r.remoteId, status, ...(status === 'synced' ? { error: undefined } : {}) });
          report.reconciled++;
        }
        continue;
      }
      const existing = own ?? (await db.notes.where('remoteId').equals(r.remoteId).filter((n) => n.accountKey === accountKey).first());
      if (existing) {
        if (existing.fromCrm && existing.text !== r.text) {
          await db.notes.put({ ...existing, text: r.text, updatedAt: at });
          report.updated++;
        }
        continue;
      }
      await db.notes.put({
        // A note another Sidecar wrote keeps its Sidecar ID, so it is the same note everywhere.
        id: r.clientId ?? `${accountKey}#${r.remoteId}`,
        accountKey,
        origin,
        text: r.text,
        ratings: {},
        touchpoint: 'other',
        createdAt: r.at,
        updatedAt: r.at,
        status: 'synced',
        remoteId: r.remoteId,
        fromCrm: true,
      });
      report.added++;
    }
    if (complete) {
      const gone = await db.notes
        .where('accountKey')
        .equals(accountKey)
        .filter((n) => n.fromCrm === true && !!n.remoteId && !seen.has(n.remoteId))
        .primaryKeys();
      await db.notes.bulkDelete(gone);
      report.removed = gone.length;
    }
  });
  return report;
}

// listAccountNotes caps Sidecar's Tasks at 200.
const SALESFORCE_TASK_CAP = 200;

/**
 * Read the account's notes from its CRM and store them (see storeCrmNotes).
 * Nothing happens when the CRM is not connected. A failure throws a
 * SidecarError, after reporting a 401/403 to the connections; what was stored stays.
 */
export async function pullCrmNotes(deps: PullDeps, ref: RecordRef, accountKey: string): Promise<PullReport & { skipped?: 'not-connected' }> {
  const now = deps.now();
  const fallback = now.toISOString();
  const failWith = async (crm: CrmName, error: CrmError): Promise<never> => {
    const e = toSidecarError(error, deps.locale());
    if (error.kind === 'auth' || error.kind === 'forbidden') await deps.clients.authFailed(crm, e);
    throw e;
  };
  if (ref.crm === 'hubspot') {
    const client = await deps.clients.hubspot();
    if (!client) return { added: 0, updated: 0, reconciled: 0, removed: 0, skipped: 'not-connected' };
    const listed = await client.listCompanyNotes(ref.recordId);
    if (!listed.ok) return failWith('hubspot', listed.error);
    const remote = listed.value.map((n) => fromHubspot(n, fallback));
    return storeCrmNotes(deps.db, accountKey, { objectType: 'company', recordId: ref.recordId }, remote, true, now);
  }
  const sf = await deps.clients.salesforce(ref.host);
  if (!sf) return { added: 0, updated: 0, reconciled: 0, removed: 0, skipped: 'not-connected' };
  const listed = await sf.client.listAccountNotes(ref.recordId);
  if (!listed.ok) return failWith('salesforce', listed.error);
  const remote = listed.value.map((n) => fromSalesforce(n, fallback));
  const complete = listed.value.filter((n) => n.mode === 'Task').length < SALESFORCE_TASK_CAP;
  return storeCrmNotes(deps.db, accountKey, { objectType: 'account', recordId: toId18(ref.recordId) ?? ref.recordId }, remote, complete, now);
}

// ---------------------------------------------------------------------------
// Storage failures

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
}

function errorChain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let cur: unknown = err;
  for (let i = 0; i < 5 && typeof cur === 'object' && cur !== null; i++) {
    const e = cur as ErrorLike;
    out.push(e);
    cur = e.inner ?? e.cause;
  }
  return out;
}

const STORAGE_ERRORS = new Set(['QuotaExceededError', 'DatabaseClosedError', 'InvalidStateError', 'UnknownError', 'VersionError', 'OpenFailedError', 'DataCloneError']);

/**
 * A failed IndexedDB write (Dexie wraps the browser's DOMException, sometimes
 * inside an AbortError) → a SidecarError that says what happened and what to
 * do; null when the error is not about storage. A full disk must never look
 * like a saved note.
 */
export function describeStorageError(err: unknown, locale: Locale): SidecarError | null {
  const chain = errorChain(err);
  const names = chain.map((e) => (typeof e.name === 'string' ? e.name : ''));
  const text = chain.map((e) => (typeof e.message === 'string' ? e.message : '')).join(' ');
  const quota = names.includes('QuotaExceededError') || /quota|disk (is )?full|no space/i.test(text);
  if (quota) {
    return new SidecarError(
      'storage-full',
      locale === 'ja'
        ? 'ブラウザの保存領域がいっぱいのため、メモを保存できませんでした。入力内容は残っています。オプションの「メモと送信待ち」からメモをエクスポートするか、ブラウザの空き容量を増やしてから、もう一度保存してください。'
        : 'The note was not saved: the browser’s storage for Sidecar is full. Your text is still in the editor. Export your notes from Options → Notes & outbox, or free up disk space, then save again.',
      { storage: 'quota' },
    );
  }
  const named = names.find((n) => STORAGE_ERRORS.has(n));
  if (named) {
    return new SidecarError(
      'storage',
      locale === 'ja'
        ? `ブラウザのデータベースに書き込めなかったため、保存できませんでした（${named}）。入力内容は残っています。ブラウザを再起動してから、もう一度保存してください。`
        : `The note was not saved: the browser’s database refused the write (${named}). Your text is still in the editor. Restart the browser, then save again.`,
      { storage: named },
    );
  }
  return null;
}

/**
 * The same handlers, with IndexedDB failures turned into describeStorageError's
 * SidecarError: a full disk reaches the user as such, never as "internal".
 */
export function withStorageErrors<H extends object>(handlers: H, locale: () => Locale): H {
  const out: Record<string, unknown> = {};
  for (const [key, h] of Object.entries(handlers as Record<string, unknown>)) {
    if (typeof h !== 'function') {
      out[key] = h;
      continue;
    }
    const call = h as (...args: unknown[]) => Promise<unknown>;
    out[key] = async (...args: unknown[]) => {
      try {
        return await call(...args);
      } catch (err) {
        throw describeStorageError(err, locale()) ?? err;
      }
    };
  }
  return out as H;
}

export interface StorageEstimate {
  usage?: number;
  quota?: number;
}

/** navigator.storage.estimate() → a warning when Sidecar's storage is nearly full (90 %), else null. */
export function storagePressure(estimate: StorageEstimate, locale: Locale): string | null {
  if (!estimate.quota || estimate.usage === undefined) return null;
  const used = estimate.usage / estimate.quota;
  if (used < 0.9) return null;
  const pct = Math.round(used * 100);
  return locale === 'ja'
    ? `ブラウザの保存領域が ${pct}% 使用されています。メモをエクスポートするか、空き容量を増やしてください。`
    : `Sidecar’s browser storage is ${pct}% full. Export your notes or free up disk space.`;
}
