import type { NoteRow, OutboxRow, SidecarDb, SignalRow } from './schema';

export interface NoteInput {
  id?: string;
  accountKey: string;
  origin: NoteRow['origin'];
  text: string;
  ratings: Record<string, number>;
  touchpoint: NoteRow['touchpoint'];
  author?: string;
}

function ratingSignals(note: NoteRow): SignalRow[] {
  return Object.entries(note.ratings).map(([signalId, value]) => ({
    subject: note.accountKey,
    signalId,
    source: 'note',
    observedAt: note.createdAt,
    value,
  }));
}

/**
 * Save a note, its outbox entry and the ratings it carries in one transaction:
 * when this resolves the note is on disk and queued for the CRM, or nothing
 * changed at all.
 */
export async function saveNote(db: SidecarDb, input: NoteInput, now: Date): Promise<NoteRow> {
  const at = now.toISOString();
  return db.transaction('rw', [db.notes, db.outbox, db.signals], async () => {
    const existing = input.id ? await db.notes.get(input.id) : undefined;
    if (input.id && !existing) throw new Error(`Note ${input.id} no longer exists.`);
    const note: NoteRow = existing
      ? {
          ...existing,
          text: input.text,
          ratings: input.ratings,
          touchpoint: input.touchpoint,
          updatedAt: at,
          status: 'pending',
          error: undefined,
        }
      : {
          id: crypto.randomUUID(),
          accountKey: input.accountKey,
          origin: input.origin,
          text: input.text,
          ratings: input.ratings,
          touchpoint: input.touchpoint,
          ...(input.author ? { author: input.author } : {}),
          createdAt: at,
          updatedAt: at,
          status: 'pending',
        };
    await db.notes.put(note);
    // A note not yet created in the CRM keeps its create entry: the sender reads the latest text.
    const queued = await db.outbox.where('noteId').equals(note.id).toArray();
    const needsEntry = existing?.remoteId ? !queued.some((q) => q.op === 'update') : queued.length === 0;
    if (needsEntry) {
      const entry: OutboxRow = { noteId: note.id, op: existing?.remoteId ? 'update' : 'create', attempts: 0, nextAttemptAt: at, createdAt: at };
      await db.outbox.add(entry);
    }
    if (existing) {
      await db.signals.where('subject').equals(note.accountKey).filter((s) => s.source === 'note' && s.observedAt === note.createdAt).delete();
    }
    await db.signals.bulkPut(ratingSignals(note));
    return note;
  });
}

export function listNotes(db: SidecarDb, accountKey: string): Promise<NoteRow[]> {
  return db.notes
    .where('[accountKey+createdAt]')
    .between([accountKey, ''], [accountKey, '\uffff'])
    .reverse()
    .filter((n) => !n.deletedAt)
    .toArray();
}

/**
 * Remove a note here, as one transaction. Whether the CRM may hold a copy: it
 * does once the create was acknowledged (remoteId), and it may while a create
 * is in flight or its outcome is unknown (the entry is marked `uncertain` on
 * disk before every create request).
 * - Also in the CRM: the note stays hidden (a tombstone) with a 'delete' entry
 *   that inherits the create's uncertainty, so the sender waits for the
 *   create's outcome, looks the note up if needed, and deletes the copy.
 * - CRM copy kept: the tombstone remembers that choice (`keptInCrm`), so the
 *   copy comes back as the user's own note, not as someone else's.
 * - Never sent: the note and its entries simply go.
 */
export async function deleteNote(db: SidecarDb, id: string, alsoInCrm: boolean, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.transaction('rw', [db.notes, db.outbox, db.signals], async () => {
    const note = await db.notes.get(id);
    if (!note) return;
    await db.signals.where('subject').equals(note.accountKey).filter((s) => s.source === 'note' && s.observedAt === note.createdAt).delete();
    const entries = await db.outbox.where('noteId').equals(id).toArray();
    const mayExist = !!note.remoteId || entries.some((e) => e.op !== 'delete' && e.uncertain === true) || entries.some((e) => e.op === 'delete');
    await db.outbox.where('noteId').equals(id).delete();
    if (!mayExist || note.fromCrm && !alsoInCrm) {
      await db.notes.delete(id);
      return;
    }
    if (alsoInCrm) {
      await db.notes.put({ ...note, deletedAt: at, keptInCrm: undefined, status: 'pending', error: undefined });
      await db.outbox.add({ noteId: id, op: 'delete', attempts: 0, nextAttemptAt: at, createdAt: at, uncertain: !note.remoteId });
    } else {
      await db.notes.put({ ...note, deletedAt: at, keptInCrm: true, error: undefined });
    }
  });
}
