import type { RemoteNoteRead } from '../crm/notes.ts';
import type { NoteRow, OutboxRow, SidecarDb, SignalRow } from './schema';

export interface NoteInput {
  id?: string;
  accountKey: string;
  origin: NoteRow['origin'];
  text: string;
  ratings: Record<string, number>;
  touchpoint: NoteRow['touchpoint'];
  author?: string;
  authorId?: string;
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
          ...(input.authorId ? { authorId: input.authorId } : {}),
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

/** The author the CRM records for a note (id, and name when known); a name already known for the same id is kept. */
function authorOf(r: RemoteNoteRead, before?: NoteRow): Pick<NoteRow, 'author' | 'authorId'> {
  if (!r.author) return before ? { author: before.author, authorId: before.authorId } : {};
  const name = r.author.name ?? (before?.authorId === r.author.id ? before.author : undefined);
  return { authorId: r.author.id, ...(name ? { author: name } : { author: undefined }) };
}

function authorChanged(n: NoteRow, r: RemoteNoteRead): boolean {
  if (!r.author) return false;
  return n.authorId !== r.author.id || (!!r.author.name && n.author !== r.author.name);
}

export interface PullReport {
  /** Notes others wrote, newly stored. */
  added: number;
  /** Notes already stored whose text changed in the CRM. */
  updated: number;
  /** Sidecar's own notes found in the CRM whose state here changed (synced, or a kept copy back). */
  reconciled: number;
  /** Notes from the CRM that are no longer there. */
  removed: number;
}

/**
 * Store what the CRM holds for this account. The CRM never gives a local note
 * its identity here: that is the outbox's look-up, which knows what it sent.
 * - A CRM note is this browser's own only when its own marker names a local
 *   note OF THE SAME ACCOUNT that already has that CRM id; then it is marked
 *   synced when nothing is queued for it.
 * - A local note deleted here with its CRM copy kept comes back, still the
 *   user's own (editable, deletable).
 * - A note whose marker names a local note still being sent, or being
 *   deleted, is not shown: the outbox settles it.
 * - Everything else (colleagues' notes, or a copy carrying a planted marker) is
 *   stored read-only (`fromCrm`) under its own CRM id, so it can never take a
 *   local note's place.
 * `complete` false means the CRM list was capped, so notes missing from it are kept.
 */
export async function mergeCrmNotes(
  db: SidecarDb,
  accountKey: string,
  origin: NoteRow['origin'],
  remote: RemoteNoteRead[],
  complete: boolean,
  now: Date,
  /** An earlier Sidecar's rating label → the pack's signal id (ja or en label). */
  labelToId: (label: string) => string | undefined = () => undefined,
): Promise<PullReport> {
  const report: PullReport = { added: 0, updated: 0, reconciled: 0, removed: 0 };
  const at = now.toISOString();
  /** A teammate's ratings, as the note's block says: they count in the score like the CSM's own. */
  const ratingsOf = (r: RemoteNoteRead): Record<string, number> => {
    if (r.edited) return {};
    if (r.ratings) return r.ratings;
    const out: Record<string, number> = {};
    for (const l of r.ratingLabels ?? []) {
      const id = labelToId(l.label);
      if (id) out[id] = l.value;
    }
    return out;
  };
  const sameRatings = (a: Record<string, number>, b: Record<string, number>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  /** The note's rating observations replaced by these (none when it has none). */
  const observe = async (note: NoteRow, ratings: Record<string, number>) => {
    await db.signals.where('subject').equals(accountKey).filter((s) => s.source === 'note' && s.observedAt === note.createdAt).delete();
    await db.signals.bulkPut(ratingSignals({ ...note, ratings }));
  };
  await db.transaction('rw', [db.notes, db.outbox, db.signals], async () => {
    const seen = new Set<string>();
    for (const r of remote) {
      seen.add(r.remoteId);
      const named = r.clientId ? await db.notes.get(r.clientId) : undefined;
      const own = named && !named.fromCrm && named.accountKey === accountKey ? named : undefined;
      if (own && (own.remoteId === r.remoteId || !own.remoteId)) {
        if (own.deletedAt) {
          // Deleted here, copy kept in the CRM: it is the user's note again.
          if (own.keptInCrm && !(await db.outbox.where('noteId').equals(own.id).count())) {
            await db.notes.put({ ...own, deletedAt: undefined, keptInCrm: undefined, remoteId: r.remoteId, status: 'synced', error: undefined });
            report.reconciled++;
          }
          continue;
        }
        if (!own.remoteId) continue; // still being sent: the outbox's look-up decides
        const queued = await db.outbox.where('noteId').equals(own.id).count();
        // With work queued the outbox has the last word.
        if (queued === 0 && own.status !== 'local-only' && own.status !== 'synced') {
          await db.notes.put({ ...own, ...authorOf(r, own), status: 'synced', error: undefined });
          report.reconciled++;
        } else if (authorChanged(own, r)) {
          // Who wrote it is what the CRM records, not what this browser assumed when saving.
          await db.notes.put({ ...own, ...authorOf(r, own) });
        }
        continue;
      }
      const existing = await db.notes.where('remoteId').equals(r.remoteId).filter((n) => n.accountKey === accountKey).first();
      const ratings = ratingsOf(r);
      if (existing) {
        if (existing.fromCrm && (existing.text !== r.text || !!existing.cut !== !!r.cut || !sameRatings(existing.ratings, ratings) || !!existing.editedInCrm !== !!r.edited || authorChanged(existing, r))) {
          const next: NoteRow = { ...existing, ...authorOf(r, existing), text: r.text, ratings, cut: r.cut ? true : undefined, editedInCrm: r.edited ? true : undefined, updatedAt: at };
          await db.notes.put(next);
          await observe(next, ratings);
          report.updated++;
        }
        continue;
      }
      const row: NoteRow = {
        // Keyed by the account and the CRM id, never by a marker someone could copy.
        id: `${accountKey}#${r.remoteId}`,
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
        ...(r.cut ? { cut: true } : {}),
        ...(r.edited ? { editedInCrm: true } : {}),
        ...authorOf(r),
      };
      row.ratings = ratings;
      await db.notes.put(row);
      await observe(row, ratings);
      report.added++;
    }
    if (complete) {
      const gone = await db.notes
        .where('accountKey')
        .equals(accountKey)
        .filter((n) => n.fromCrm === true && !!n.remoteId && !seen.has(n.remoteId))
        .toArray();
      for (const n of gone) await observe(n, {});
      await db.notes.bulkDelete(gone.map((n) => n.id));
      report.removed = gone.length;
    }
  });
  return report;
}

/**
 * Store notes restored from a file (already checked, see note-import.ts), each
 * with a create entry marked uncertain, and its ratings, in one transaction:
 * an export made after a note was sent is found in the CRM, not written twice.
 */
export async function importNotes(db: SidecarDb, notes: NoteRow[], at: string): Promise<number> {
  return db.transaction('rw', [db.notes, db.outbox, db.signals], async () => {
    let added = 0;
    for (const n of notes) {
      // Checked again inside the transaction: the same file imported twice at once adds each note once.
      if (await db.notes.get(n.id)) continue;
      added++;
      await db.notes.put(n);
      await db.outbox.add({ noteId: n.id, op: 'create', attempts: 0, nextAttemptAt: at, createdAt: at, uncertain: true });
      await db.signals.bulkPut(ratingSignals(n));
    }
    return added;
  });
}
