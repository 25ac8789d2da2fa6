// The notes outbox's writes: each touches a note and its outbox entries
// together, so each is one named method around one transaction. The sender
// (lib/background/outbox.ts) decides what happens; these keep the two tables
// consistent whatever stops the worker between two of them.
import type { NoteRow, OutboxRow, SidecarDb } from './schema';

/** nextAttemptAt of an entry that waits for the user (failed): only a retry or an edit wakes it. */
export const PARKED = '9999-12-31T00:00:00.000Z';

type EntryPatch = Partial<Pick<OutboxRow, 'uncertain' | 'attempts' | 'lastError' | 'nextAttemptAt'>>;

/** Before the request: the note shows as syncing and the entry carries its uncertainty, on disk. */
export async function markSending(db: SidecarDb, seq: number, noteId: string, uncertain: boolean): Promise<void> {
  await db.transaction('rw', [db.notes, db.outbox], async () => {
    await db.outbox.update(seq, { uncertain });
    await db.notes.update(noteId, { status: 'syncing' });
  });
}

/** A try failed and another is due later: the entry waits, the note says why. */
export async function retryLater(db: SidecarDb, seq: number, noteId: string, entry: EntryPatch, message: string): Promise<void> {
  await db.transaction('rw', [db.notes, db.outbox], async () => {
    await db.outbox.update(seq, { ...entry, lastError: message });
    await db.notes.update(noteId, { status: 'pending', error: message });
  });
}

/** The entry stops until the user retries or edits the note; `uncertain` still guards the next try. */
export async function parkFailed(db: SidecarDb, seq: number, noteId: string, entry: Pick<OutboxRow, 'attempts' | 'uncertain'>, message: string): Promise<void> {
  await db.transaction('rw', [db.notes, db.outbox], async () => {
    await db.outbox.update(seq, { attempts: entry.attempts, uncertain: entry.uncertain ?? false, lastError: message, nextAttemptAt: PARKED });
    await db.notes.update(noteId, { status: 'failed', error: message });
  });
}

/**
 * The CRM refused the credentials: this entry, and every other note of that
 * CRM (`ofCrm`), waits for the user to reconnect; a failed note stays failed.
 */
export async function waitForSignIn(db: SidecarDb, seq: number, entry: EntryPatch, ofCrm: (note: NoteRow) => boolean, message: string, untilMs: number): Promise<void> {
  await db.transaction('rw', [db.notes, db.outbox], async () => {
    await db.outbox.update(seq, { ...entry, lastError: message, nextAttemptAt: new Date(untilMs).toISOString() });
    for (const e of await db.outbox.toArray()) {
      const n = await db.notes.get(e.noteId);
      if (!n || !ofCrm(n)) continue;
      if (e.nextAttemptAt !== PARKED && Date.parse(e.nextAttemptAt) < untilMs) await db.outbox.update(e.seq!, { nextAttemptAt: new Date(untilMs).toISOString() });
      if (n.status !== 'failed') await db.notes.update(n.id, { status: 'needs-auth', error: message });
    }
  });
}

export type Acknowledged = { kind: 'sent'; remoteId?: string } | { kind: 'deleted' };

/**
 * The CRM acknowledged the entry. A delete removes the hidden note; a create or
 * update records the CRM id; a note edited while it was being sent keeps its
 * entry, turned into an update (the CRM has the older text).
 */
export async function acknowledgeSend(db: SidecarDb, entry: OutboxRow, note: NoteRow, outcome: Acknowledged, sentVersion: string, at: string): Promise<void> {
  await db.transaction('rw', [db.notes, db.outbox], async () => {
    const fresh = await db.notes.get(note.id);
    if (outcome.kind === 'deleted') {
      await db.outbox.delete(entry.seq!);
      if (fresh?.deletedAt) await db.notes.delete(note.id);
      return;
    }
    const remoteId = outcome.remoteId ?? note.remoteId;
    if (!fresh) {
      await db.outbox.delete(entry.seq!);
      return;
    }
    if (fresh.updatedAt !== sentVersion && !fresh.deletedAt) {
      await db.outbox.update(entry.seq!, { op: 'update', attempts: 0, uncertain: false, nextAttemptAt: at, lastError: undefined });
      await db.notes.update(note.id, { remoteId, status: 'pending', error: undefined });
      return;
    }
    await db.outbox.delete(entry.seq!);
    if (fresh.deletedAt) await db.notes.update(note.id, { remoteId });
    else await db.notes.update(note.id, { remoteId, status: 'synced', error: undefined });
  });
}

/** Notes that waited for a reconnect whose CRM has credentials again (`ready`) are due at `at`. */
export async function wakeReconnected(db: SidecarDb, ready: (note: NoteRow) => boolean, at: string): Promise<void> {
  const waiting = await db.notes.where('status').equals('needs-auth').toArray();
  if (!waiting.length) return;
  await db.transaction('rw', [db.notes, db.outbox], async () => {
    for (const n of waiting) {
      if (!ready(n)) continue;
      await db.outbox.where('noteId').equals(n.id).modify((e) => {
        e.nextAttemptAt = at;
      });
      await db.notes.update(n.id, { status: 'pending' });
    }
  });
}

/** A parked entry whose note was edited since (saveNote sets it pending) is due at `at`, its tries counted afresh. */
export async function wakeEdited(db: SidecarDb, at: string): Promise<void> {
  const parked = await db.outbox.where('nextAttemptAt').equals(PARKED).toArray();
  if (!parked.length) return;
  await db.transaction('rw', [db.notes, db.outbox], async () => {
    for (const e of parked) {
      const note = await db.notes.get(e.noteId);
      if (note?.status === 'pending') await db.outbox.update(e.seq!, { nextAttemptAt: at, attempts: 0 });
    }
  });
}

/** "Retry now": every waiting entry is due at `at` (parked ones with fresh tries), failed and signed-out notes pending. */
export async function wakeAll(db: SidecarDb, at: string): Promise<void> {
  const atMs = Date.parse(at);
  await db.transaction('rw', [db.notes, db.outbox], async () => {
    for (const e of await db.outbox.toArray()) {
      if (Date.parse(e.nextAttemptAt) > atMs) await db.outbox.update(e.seq!, { nextAttemptAt: at, ...(e.nextAttemptAt === PARKED ? { attempts: 0 } : {}) });
      const n = await db.notes.get(e.noteId);
      if (n && (n.status === 'failed' || n.status === 'needs-auth')) await db.notes.update(n.id, { status: 'pending' });
    }
  });
}
