// The outbox sender: takes the notes queued in IndexedDB to their CRM, one at
// a time, and records every step in IndexedDB before the next network step,
// so a service worker stopped at any point resumes correctly. Retries wait in
// the outbox rows (woken by an alarm), never in timers.
import { backoffDelay, crmErrors, isRetryable, isUnknownOutcome, type CrmError } from '../crm/http.ts';
import { saysTheSame, type RemoteNoteRead } from '../crm/notes.ts';
import * as repo from '../db/outbox';
import { PARKED } from '../db/outbox';
import type { NoteRow, OutboxRow, SidecarDb } from '../db/schema';
import type { ConfigPack, Locale } from '../engine/types.ts';
import type { CrmClients } from './connections';
import { toSidecarError } from './crm-errors';
import { crmOfNote, noteDestination, outgoingNote, type CrmName } from './crm-notes';
import { storagePressure, type StorageEstimate } from './storage-errors';
import type { PackStore } from './pack-store';

export interface OutboxDeps {
  db: SidecarDb;
  now: () => Date;
  clients: CrmClients;
  packs: Pick<PackStore, 'active'>;
  locale: () => Locale;
  /** Math.random, injected for the jitter. */
  random: () => number;
  /** Wake the sender at this time (the background wires chrome.alarms). */
  schedule: (atMs: number) => void;
  /** The longest one note's send may take before it counts as an unknown outcome. */
  timeoutMs?: number;
  /** The user's time zone (IANA), for the calendar date a note is filed under; the runtime's own when omitted. */
  timeZone?: string;
  /** Tries before a note shows as failed (its entry stays for retryNow). */
  maxAttempts?: number;
  /** navigator.storage.estimate, for a warning in status() when storage runs out. */
  estimateStorage?: () => Promise<StorageEstimate>;
  /** Where a send that threw (a bug, not a CRM answer) is reported; console.error by default. */
  log?: (message: string, err: unknown) => void;
  /** A note with ratings reached the CRM (created or updated): its account's rating fields may follow. */
  onRatingsSent?: (note: NoteRow) => void;
}

export interface RunReport {
  /** Entries the CRM acknowledged (created, updated or deleted). */
  sent: number;
  /** Entries that failed and wait for their next try. */
  retrying: number;
  /** Entries that stopped: a validation error, or too many tries. */
  failed: number;
  /** Entries waiting for the user to reconnect their CRM. */
  needsAuth: number;
  /** Entries not tried because their CRM asked to wait (429) or was unreachable. */
  deferred: number;
}

export interface OutboxStatusView {
  pending: number;
  failed: number;
  needsAuth: number;
  nextAttemptAt?: string;
  lastError?: string;
}

export interface Outbox {
  /** Send every due entry. A call while a run is under way returns that run, which goes round once more. */
  run(): Promise<RunReport>;
  /** run() without waiting: after a note is queued, on an alarm, at start-up. */
  kick(): void;
  status(): Promise<OutboxStatusView>;
  /** Make every waiting entry due now (failed ones too) and run. */
  retryNow(): Promise<OutboxStatusView>;
}

export const OUTBOX_ALARM = 'sidecar-outbox';
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;
export const DEFAULT_MAX_ATTEMPTS = 8;
/** How often a CRM waiting for reconnection is checked again (a reconnect also kicks the sender). */
export const AUTH_RECHECK_MS = 15 * 60_000;
export { PARKED };
/** How long a note whose send was abandoned (timeoutMs) waits before it is looked at again. */
const ABANDONED_RECHECK_MS = 5_000;

const CRMS: CrmName[] = ['hubspot', 'salesforce'];

type Outcome =
  | { kind: 'sent'; remoteId?: string }
  /** The CRM copy is gone (delete acknowledged, or it was never there). */
  | { kind: 'deleted' }
  | { kind: 'error'; error: CrmError }
  /** No credentials at all: nothing to invalidate, the user has to connect. */
  | { kind: 'not-connected'; error: CrmError };

/** The wait before try number `attempts + 1`: full jitter, base 30 s, cap 1 h. */
export function retryDelay(attempts: number, random: () => number): number {
  return backoffDelay(Math.max(0, attempts - 1), { baseMs: BACKOFF_BASE_MS, maxMs: BACKOFF_MAX_MS, random });
}

/** What an error means for the queue. Pure, so the policy is tested as a table. */
export function classifyFailure(err: CrmError, attempts: number, maxAttempts: number): 'auth' | 'rate-limit' | 'retry' | 'failed' {
  if (err.kind === 'auth' || err.kind === 'forbidden') return 'auth';
  if (err.kind === 'rate-limit') return err.policy === 'DAILY' || isRetryable(err) ? 'rate-limit' : 'failed';
  // A garbled answer to a write is an unknown outcome: the lookup before the next try settles it.
  if (isRetryable(err) || err.kind === 'malformed') return attempts >= maxAttempts ? 'failed' : 'retry';
  return 'failed';
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const { db, clients } = deps;
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const timeoutMs = deps.timeoutMs ?? 120_000;
  const log = deps.log ?? ((message: string, err: unknown) => console.error(message, err));
  const nowMs = () => deps.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();

  let current: Promise<RunReport> | null = null;
  let again = false;
  /** Sends abandoned after timeoutMs that have not settled: their note is not sent again until they do. */
  const abandoned = new Map<string, Promise<unknown>>();

  // -------------------------------------------------------------------------
  // Per-CRM pauses: a 429's wait or an unreachable CRM holds every note of that
  // CRM. Kept in syncState too, so a restarted worker honours a wait.

  const pauses = new Map<CrmName, number>();

  async function pausedUntil(crm: CrmName): Promise<number> {
    const mem = pauses.get(crm);
    if (mem !== undefined) return mem;
    const row = await db.syncState.get(`crm:${crm}`);
    const at = row?.retryAt ? Date.parse(row.retryAt) : 0;
    pauses.set(crm, Number.isNaN(at) ? 0 : at);
    return pauses.get(crm)!;
  }

  async function pause(crm: CrmName, untilMs: number, error: CrmError | null): Promise<void> {
    const prev = await pausedUntil(crm);
    const until = Math.max(prev, untilMs);
    pauses.set(crm, until);
    const row = (await db.syncState.get(`crm:${crm}`)) ?? { id: `crm:${crm}` };
    await db.syncState.put({
      ...row,
      retryAt: iso(until),
      lastAttemptAt: iso(nowMs()),
      ...(error ? { lastError: { code: error.kind, message: error.message[deps.locale()], at: iso(nowMs()) } } : {}),
    });
  }

  async function recordError(message: string | undefined): Promise<void> {
    const row = (await db.syncState.get('outbox')) ?? { id: 'outbox' };
    const at = iso(nowMs());
    await db.syncState.put(message ? { ...row, lastAttemptAt: at, lastError: { code: 'outbox', message, at } } : { ...row, lastAttemptAt: at, lastSuccessAt: at, lastError: undefined });
  }

  // -------------------------------------------------------------------------
  // Sending one entry

  /** The send, or a timeout (an unknown outcome) when it takes longer than timeoutMs. */
  async function withTimeout(noteId: string, work: Promise<Outcome>, crm: CrmName): Promise<Outcome> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const guard = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const result = await Promise.race([work, guard]);
    clearTimeout(timer);
    if (result !== 'timeout') return result;
    // The send goes on in the background; until it settles this note must not be sent again.
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    abandoned.set(noteId, settled);
    void settled.then(() => abandoned.delete(noteId));
    return { kind: 'error', error: crmErrors.timeout(crm) };
  }

  /**
   * One entry's request, through the note's CRM folder (CrmNotes): the outbox
   * never builds a CRM request itself. `lookFirst`: an earlier send may have
   * arrived, so the note's own Sidecar ID is looked up before writing.
   */
  async function send(entry: OutboxRow, note: NoteRow, crm: CrmName, pack: ConfigPack, lookFirst: boolean): Promise<Outcome> {
    const locale = deps.locale();
    const [account, resolvedTo] = await accountsOf(note);
    const place = noteDestination(note, account, resolvedTo);
    if (!place) return { kind: 'error', error: crmErrors.invalid(crm, 'note.unknown-account', { key: note.accountKey }) };
    const notes = await clients.notes(place);
    if (!notes) return entry.op === 'delete' && !note.remoteId && !lookFirst ? { kind: 'deleted' } : { kind: 'not-connected', error: crmErrors.auth(crm) };
    if (!notes.ok) return { kind: 'error', error: notes.error };

    if (entry.op === 'delete') {
      const r = await notes.value.remove({ ...(note.remoteId ? { remoteId: note.remoteId } : {}), clientId: note.id, createdAt: note.createdAt, mayExist: lookFirst });
      return r.ok ? { kind: 'deleted' } : { kind: 'error', error: r.error };
    }
    const out = outgoingNote(note, pack, locale, deps.timeZone);
    if (note.remoteId) {
      const r = await notes.value.update(note.remoteId, out);
      return r.ok ? { kind: 'sent', remoteId: r.value } : { kind: 'error', error: r.error };
    }
    // A restored note is taken as a CRM copy found under its id only when that copy says the same.
    const accept = note.importedAt ? (found: RemoteNoteRead) => saysTheSame(found, note.text) : undefined;
    const r = await notes.value.createOnce(out, { lookFirst, ...(accept ? { accept } : {}) });
    return r.ok ? { kind: 'sent', remoteId: r.value } : { kind: 'error', error: r.error };
  }

  async function accountsOf(note: NoteRow) {
    const account = await db.accounts.get(note.accountKey);
    const resolvedTo = account?.resolvedTo ? await db.accounts.get(account.resolvedTo) : undefined;
    return [account, resolvedTo] as const;
  }

  // -------------------------------------------------------------------------
  // One pass

  interface PassState {
    report: RunReport;
    /** CRMs that stopped for this run (auth, 429, unreachable); their entries wait. */
    stopped: Set<CrmName>;
    /** Entries of a stopped CRM, moved to its pause's end after the run. */
    deferred: Map<CrmName, Set<number>>;
  }

  /** Notes waiting for a reconnect are due again once their CRM has credentials. */
  async function wakeReconnected(): Promise<void> {
    const ready = new Map<CrmName, boolean>();
    for (const crm of CRMS) ready.set(crm, await clients.hasCredentials(crm));
    await repo.wakeReconnected(
      db,
      (n) => {
        const crm = crmOfNote(n);
        return crm !== null && ready.get(crm) === true;
      },
      iso(nowMs()),
    );
  }

  async function processEntry(seq: number, state: PassState, pack: ConfigPack): Promise<void> {
    const entry = await db.outbox.get(seq);
    const now = nowMs();
    if (!entry || Date.parse(entry.nextAttemptAt) > now) return;
    const note = await db.notes.get(entry.noteId);
    // The note was removed here (deleteNote drops its entries too): nothing left to send.
    if (!note || (note.deletedAt && entry.op !== 'delete')) {
      await db.outbox.delete(seq);
      return;
    }
    if (abandoned.has(note.id)) {
      // An earlier send of this note is still out there: look again once it has had time to settle.
      await db.outbox.update(seq, { nextAttemptAt: iso(now + ABANDONED_RECHECK_MS) });
      return;
    }
    const crm = crmOfNote(note);
    if (!crm) {
      await settleFailed(entry, note, crmErrors.validation('hubspot', `Unknown account ${note.accountKey}`));
      state.report.failed++;
      return;
    }
    // A colleague's note read from the CRM is theirs: it is never rewritten from here (deleting it, when confirmed, is allowed).
    if (note.fromCrm && entry.op !== 'delete') {
      await settleFailed(
        entry,
        note,
        crmErrors.invalid(crm, 'note.from-crm'),
      );
      state.report.failed++;
      return;
    }
    if (state.stopped.has(crm) || (await pausedUntil(crm)) > now) {
      if (!state.stopped.has(crm)) state.stopped.add(crm);
      const set = state.deferred.get(crm) ?? new Set<number>();
      set.add(seq);
      state.deferred.set(crm, set);
      return;
    }

    // Before the request: the note is syncing and the entry marked uncertain, on disk,
    // so a worker stopped mid-send leaves the mark and the next try looks first.
    const lookFirst = entry.uncertain === true;
    const sentVersion = note.updatedAt;
    await repo.markSending(db, seq, note.id, entry.op === 'create' ? true : (entry.uncertain ?? false));

    let outcome: Outcome;
    try {
      outcome = await withTimeout(note.id, send(entry, note, crm, pack, lookFirst), crm);
    } catch (err) {
      // A bug, not a CRM answer: keep the note queued (uncertain) and say so.
      log(`Sidecar outbox: sending note ${note.id} threw`, err);
      outcome = { kind: 'error', error: crmErrors.malformed(crm, err instanceof Error ? err.message : String(err)) };
    }

    if (outcome.kind === 'sent' || outcome.kind === 'deleted') {
      await acknowledge(entry, note, outcome, sentVersion);
      state.report.sent++;
      return;
    }
    const err = outcome.error;
    const message = err.message[deps.locale()];
    const uncertain = entry.op === 'create' && (lookFirst || isUnknownOutcome(err));
    const attempts = entry.attempts + 1;
    switch (classifyFailure(err, attempts, maxAttempts)) {
      case 'auth': {
        if (outcome.kind === 'error') await clients.authFailed(crm, toSidecarError(err, deps.locale()));
        // Not this note's fault: its tries are not counted.
        await repo.waitForSignIn(db, seq, { uncertain }, (n) => crmOfNote(n) === crm, message, now + AUTH_RECHECK_MS);
        state.stopped.add(crm);
        state.report.needsAuth++;
        await recordError(message);
        return;
      }
      case 'rate-limit': {
        const wait = err.kind === 'rate-limit' ? err.retryAfterMs : BACKOFF_BASE_MS;
        await pause(crm, now + wait, err);
        await repo.retryLater(db, seq, note.id, { uncertain, nextAttemptAt: iso(now + wait) }, message);
        state.stopped.add(crm);
        state.report.retrying++;
        await recordError(message);
        return;
      }
      case 'retry': {
        const delay = retryDelay(attempts, deps.random);
        await repo.retryLater(db, seq, note.id, { uncertain, attempts, nextAttemptAt: iso(now + delay) }, message);
        // Unreachable or failing: the other notes of this CRM wait as long as this one.
        if (err.kind === 'network' || err.kind === 'timeout' || err.kind === 'server') {
          await pause(crm, now + delay, null);
          state.stopped.add(crm);
        }
        state.report.retrying++;
        await recordError(message);
        return;
      }
      case 'failed': {
        await settleFailed({ ...entry, attempts, uncertain }, note, err);
        state.report.failed++;
        return;
      }
    }
  }

  async function acknowledge(entry: OutboxRow, note: NoteRow, outcome: Outcome, sentVersion: string): Promise<void> {
    if (outcome.kind !== 'sent' && outcome.kind !== 'deleted') return;
    await repo.acknowledgeSend(db, entry, note, outcome, sentVersion, iso(nowMs()));
    await recordError(undefined);
    if (outcome.kind === 'sent' && Object.keys(note.ratings).length > 0) deps.onRatingsSent?.(note);
  }

  async function settleFailed(entry: OutboxRow, note: NoteRow, err: CrmError): Promise<void> {
    const message = err.message[deps.locale()];
    await repo.parkFailed(db, entry.seq!, note.id, entry, message);
    await recordError(message);
  }

  /** Entries of a CRM that stopped this run move to when it may be tried again, so the next wake finds work. */
  async function deferStopped(state: PassState): Promise<void> {
    for (const [crm, seqs] of state.deferred) {
      const until = Math.max(await pausedUntil(crm), nowMs());
      await db.transaction('rw', db.outbox, async () => {
        for (const seq of seqs) {
          const e = await db.outbox.get(seq);
          if (e && e.nextAttemptAt !== PARKED && Date.parse(e.nextAttemptAt) < until) await db.outbox.update(seq, { nextAttemptAt: iso(until) });
        }
      });
    }
  }

  async function reschedule(): Promise<void> {
    // PARKED sorts last, so the first entry is the next due unless every entry is parked.
    const next = await db.outbox.orderBy('nextAttemptAt').first();
    if (next && next.nextAttemptAt !== PARKED) deps.schedule(Math.max(Date.parse(next.nextAttemptAt), nowMs()));
  }

  async function runOnce(): Promise<RunReport> {
    const state: PassState = { report: { sent: 0, retrying: 0, failed: 0, needsAuth: 0, deferred: 0 }, stopped: new Set(), deferred: new Map() };
    await wakeReconnected();
    await repo.wakeEdited(db, iso(nowMs()));
    const { pack } = await deps.packs.active();
    // Passes until nothing due is left: an entry may become due again (an edit during its send).
    for (let pass = 0; pass < 50; pass++) {
      const due = await db.outbox.where('nextAttemptAt').belowOrEqual(iso(nowMs())).primaryKeys();
      const todo = due.sort((a, b) => a - b);
      let touched = 0;
      for (const seq of todo) {
        const before = state.report.sent + state.report.failed + state.report.retrying + state.report.needsAuth;
        await processEntry(seq, state, pack);
        if (state.report.sent + state.report.failed + state.report.retrying + state.report.needsAuth > before) touched++;
      }
      if (touched === 0) break;
    }
    await deferStopped(state);
    for (const set of state.deferred.values()) state.report.deferred += set.size;
    await reschedule();
    return state.report;
  }

  async function run(): Promise<RunReport> {
    if (current) {
      again = true;
      return current;
    }
    current = (async () => {
      const total: RunReport = { sent: 0, retrying: 0, failed: 0, needsAuth: 0, deferred: 0 };
      try {
        do {
          again = false;
          const r = await runOnce();
          total.sent += r.sent;
          total.retrying += r.retrying;
          total.failed += r.failed;
          total.needsAuth += r.needsAuth;
          total.deferred = r.deferred;
        } while (again);
        return total;
      } finally {
        current = null;
      }
    })();
    return current;
  }

  async function status(): Promise<OutboxStatusView> {
    const [pending = 0, syncing = 0, failed = 0, needsAuth = 0] = await Promise.all(
      (['pending', 'syncing', 'failed', 'needs-auth'] as const).map((s) => db.notes.where('status').equals(s).count()),
    );
    const next = await db.outbox.orderBy('nextAttemptAt').first();
    const outboxRow = await db.syncState.get('outbox');
    let lastError = failed + pending + syncing + needsAuth > 0 ? outboxRow?.lastError?.message : undefined;
    if (deps.estimateStorage) {
      const pressure = storagePressure(await deps.estimateStorage().catch(() => ({})), deps.locale());
      if (pressure) lastError = lastError ? `${pressure} ${lastError}` : pressure;
    }
    return {
      pending: pending + syncing,
      failed,
      needsAuth,
      ...(next && next.nextAttemptAt !== PARKED ? { nextAttemptAt: next.nextAttemptAt } : {}),
      ...(lastError ? { lastError } : {}),
    };
  }

  async function retryNow(): Promise<OutboxStatusView> {
    await repo.wakeAll(db, iso(nowMs()));
    // A CRM's own wait (a 429) still holds: asking again early only earns another 429.
    await run();
    return status();
  }

  return {
    run,
    kick() {
      run().catch((err: unknown) => log('Sidecar outbox: run failed', err));
    },
    status,
    retryNow,
  };
}
