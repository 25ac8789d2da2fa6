import { describe, expect, test } from 'vitest';
import { deleteNote, listNotes, saveNote } from './notes';
import { SidecarDb } from './schema';
import { latestSignals } from './signals';

const key = 'hubspot:1:42';
const base = { accountKey: key, origin: { objectType: 'company', recordId: '42' }, touchpoint: 'call' as const };
const t0 = new Date('2026-11-20T09:00:00Z');
const later = new Date('2026-11-20T10:00:00Z');
const fresh = () => new SidecarDb(`notes-${crypto.randomUUID()}`);

describe('saveNote', () => {
  test('writes the note, one outbox entry and its ratings together', async () => {
    const db = fresh();
    const note = await saveNote(db, { ...base, text: 'QBR booked', ratings: { promotion: 4 } }, t0);
    expect(await db.notes.get(note.id)).toMatchObject({ text: 'QBR booked', status: 'pending' });
    expect(await db.outbox.toArray()).toMatchObject([{ noteId: note.id, op: 'create', attempts: 0 }]);
    expect((await latestSignals(db, [key])).promotion).toMatchObject({ value: 4, source: 'note' });
  });

  test.each([
    ['not yet in the CRM: the create entry is reused', undefined, ['create']],
    ['already in the CRM: an update is queued', '9001', ['update']],
  ])('editing a note %s', async (_name, remoteId, ops) => {
    const db = fresh();
    const note = await saveNote(db, { ...base, text: 'v1', ratings: { promotion: 2 } }, t0);
    if (remoteId) {
      await db.notes.update(note.id, { remoteId, status: 'synced' });
      await db.outbox.clear();
    }
    const edited = await saveNote(db, { ...base, id: note.id, text: 'v2', ratings: { promotion: 5 } }, later);
    expect(edited).toMatchObject({ id: note.id, text: 'v2', createdAt: t0.toISOString(), updatedAt: later.toISOString(), status: 'pending' });
    expect((await db.outbox.toArray()).map((o) => o.op)).toEqual(ops);
    // The edited rating replaces the old one rather than adding a second observation.
    expect(await db.signals.where('subject').equals(key).count()).toBe(1);
    expect((await latestSignals(db, [key])).promotion?.value).toBe(5);
  });

  test('a failure inside the transaction leaves nothing behind', async () => {
    const db = fresh();
    await expect(saveNote(db, { ...base, id: 'no-such-note', text: 'x', ratings: {} }, t0)).rejects.toThrow(/no longer exists/);
    expect(await db.notes.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('deleteNote', () => {
  test.each([
    ['never sent', false, undefined, false, { notes: 0, ops: [] as string[], kept: undefined }],
    ['never sent, also in the CRM: nothing there to delete', true, undefined, false, { notes: 0, ops: [] as string[], kept: undefined }],
    ['synced, CRM copy kept', false, '77', false, { notes: 1, ops: [] as string[], kept: true }],
    ['synced, also in the CRM', true, '77', false, { notes: 1, ops: ['delete'], kept: undefined }],
    ['create in flight or its outcome unknown, also in the CRM: the delete waits for it', true, undefined, true, { notes: 1, ops: ['delete'], kept: undefined }],
    ['create in flight or its outcome unknown, CRM copy kept', false, undefined, true, { notes: 1, ops: [] as string[], kept: true }],
  ])('%s', async (_name, alsoInCrm, remoteId, uncertain, expected) => {
    const db = fresh();
    const note = await saveNote(db, { ...base, text: 'bye', ratings: { promotion: 3 } }, t0);
    if (remoteId) {
      await db.notes.update(note.id, { remoteId, status: 'synced' });
      await db.outbox.clear();
    }
    if (uncertain) await db.outbox.where('noteId').equals(note.id).modify({ uncertain: true });
    await deleteNote(db, note.id, alsoInCrm, later);
    expect(await db.notes.count()).toBe(expected.notes);
    const entries = await db.outbox.toArray();
    expect(entries.map((o) => o.op)).toEqual(expected.ops);
    // A delete whose create may have arrived looks the note up first.
    if (entries[0]) expect(entries[0].uncertain).toBe(!remoteId);
    expect((await db.notes.get(note.id))?.keptInCrm).toBe(expected.kept);
    expect(await listNotes(db, key)).toEqual([]);
    expect(await db.signals.count()).toBe(0);
  });
});
