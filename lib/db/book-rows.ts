import { cmp, type IntervalTree, type Transaction } from 'dexie';
import type { BookRowChunk, BookRowRecord, NoteRow, SidecarDb } from './schema';

// The portfolio's compact rows (bookRows, v5, in chunks): one per account, derived from accounts, notes and
// healthDays under the installed pack. A cache the portfolio can always rebuild, so every write here
// states the pack it was derived under, and a read under another pack finds nothing to vouch for.

const META_ID = 'book-rows';

/** How many records the rows are kept in: few enough to read at once, small enough to rewrite for one account. */
export const BOOK_ROW_CHUNKS = 32;

/** The chunk an account's row is kept in (FNV-1a of its key): the same on every read and write. */
export function chunkOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % BOOK_ROW_CHUNKS;
}

/**
 * The rows derived under `pack` (id@version) and when they were all derived, or null when they were
 * derived under another pack, or never.
 */
export async function readBookRows(db: SidecarDb, pack: string): Promise<{ rows: BookRowRecord[]; builtAt: string | null } | null> {
  return db.transaction('r', [db.bookRows, db.syncState], async () => {
    const meta = await db.syncState.get(META_ID);
    if (meta?.builtFor !== pack) return null;
    const chunks = await db.bookRows.toArray();
    // A chunk of another shape (damaged): nothing to vouch for, so the rows are derived again (a cache; nothing is lost).
    if (!chunks.every((c) => Array.isArray(c.rows))) return null;
    return { rows: chunks.flatMap(rowsOf), builtAt: meta.lastSuccessAt ?? null };
  });
}

const rowsOf = (c: BookRowChunk): BookRowRecord[] => (Array.isArray(c.rows) ? c.rows : []);
const chunk = (n: number, rows: Iterable<BookRowRecord>): BookRowChunk => ({ chunk: n, rows: [...rows] });

/** One account's kept row, whatever the pack. */
export async function readBookRow(db: SidecarDb, key: string): Promise<BookRowRecord | undefined> {
  const c = await db.bookRows.get(chunkOf(key));
  return c ? rowsOf(c).find((r) => r.key === key) : undefined;
}

/** Every row derived afresh under `pack`, replacing what was there. */
export async function replaceBookRows(db: SidecarDb, pack: string, rows: readonly BookRowRecord[], at: Date): Promise<void> {
  const grouped: BookRowRecord[][] = Array.from({ length: BOOK_ROW_CHUNKS }, () => []);
  for (const r of rows) grouped[chunkOf(r.key)]!.push(r);
  await db.transaction('rw', [db.bookRows, db.syncState], async () => {
    await db.bookRows.clear();
    await db.bookRows.bulkPut(grouped.map((g, n) => chunk(n, g)));
    await db.syncState.put({ id: META_ID, builtFor: pack, lastSuccessAt: at.toISOString() });
  });
}

/**
 * Some accounts' rows derived again: `put` replaces theirs, `drop` removes those that have none now;
 * only their chunks are rewritten. Written only while the table still holds `pack`'s rows (a rebuild
 * under another pack may have replaced them meanwhile); says whether it was.
 */
export async function patchBookRows(db: SidecarDb, pack: string, put: readonly BookRowRecord[], drop: readonly string[]): Promise<boolean> {
  return db.transaction('rw', [db.bookRows, db.syncState], async () => {
    if ((await db.syncState.get(META_ID))?.builtFor !== pack) return false;
    const touched = [...new Set([...put.map((r) => r.key), ...drop].map(chunkOf))];
    const chunks = await db.bookRows.bulkGet(touched);
    const byChunk = new Map(touched.map((c, i) => [c, new Map((chunks[i] ? rowsOf(chunks[i]) : []).map((r) => [r.key, r]))]));
    for (const r of put) byChunk.get(chunkOf(r.key))!.set(r.key, r);
    for (const k of drop) byChunk.get(chunkOf(k))!.delete(k);
    await db.bookRows.bulkPut([...byChunk].map(([n, rows]) => chunk(n, rows.values())));
    return true;
  });
}

/** The rows no longer vouched for under any pack: the next read derives them all again. */
export async function disownBookRows(db: SidecarDb): Promise<void> {
  await db.syncState.delete(META_ID);
}

/** The accounts whose book rows a committed write may have changed; `all` when it cannot say which. */
export interface BookChanges {
  all: boolean;
  accounts: string[];
}

/** The single keys of one of Dexie's key sets; null when it holds a range (a bulk write of 50 or more, a clear). */
function singleKeys(tree: IntervalTree | undefined): unknown[] | null {
  const out: unknown[] = [];
  const walk = (t: IntervalTree | null | undefined): boolean => {
    if (!t || !('from' in t)) return true;
    if (cmp(t.from, t.to) !== 0) return false;
    out.push(t.from);
    return walk(t.l) && walk(t.r);
  };
  return walk(tree) ? out : null;
}

/**
 * From Dexie's `storagemutated` parts (fired after a commit): the accounts whose rows a write to
 * accounts, notes or healthDays touched. Accounts by primary key; daily health by its key's account;
 * notes by their `accountKey` index, which Dexie names for a new note. A note changed in place or
 * deleted outright names only its id: `watchNoteChanges` reports those. Null when none of the three tables was written.
 */
export function bookChangesOf(parts: Record<string, IntervalTree>, dbName: string): BookChanges | null {
  const part = (table: string, index: string) => parts[`idb://${dbName}/${table}/${index}`];
  const watched = ['accounts', 'notes', 'healthDays'].some((t) => Object.keys(parts).some((p) => p.startsWith(`idb://${dbName}/${t}/`)));
  if (!watched) return null;
  const accounts = new Set<string>();
  const sets: Array<[IntervalTree | undefined, (k: unknown) => unknown]> = [
    [part('accounts', ''), (k) => k],
    [part('accounts', ':dels'), (k) => k],
    [part('healthDays', ''), (k) => (Array.isArray(k) ? k[0] : undefined)],
    [part('healthDays', ':dels'), (k) => (Array.isArray(k) ? k[0] : undefined)],
    [part('healthDays', 'accountKey'), (k) => k],
    [part('notes', 'accountKey'), (k) => k],
  ];
  for (const [tree, toAccount] of sets) {
    const keys = singleKeys(tree);
    if (!keys) return { all: true, accounts: [] };
    for (const k of keys) {
      const a = toAccount(k);
      if (typeof a === 'string') accounts.add(a);
    }
  }
  // A bulk put of notes (50 or more) names no keys: a range on their primary key.
  if (!singleKeys(part('notes', ''))) return { all: true, accounts: [] };
  return { all: false, accounts: [...accounts] };
}

/**
 * Calls `changed` with the account of each note changed in place or deleted outright, once its
 * transaction has committed (Dexie names only the note's id for those; a new note's account is in
 * bookChangesOf's parts). A rolled-back write calls nothing.
 */
export function watchNoteChanges(db: SidecarDb, changed: (accountKey: string) => void): () => void {
  const after = (note: NoteRow | undefined, tx: { on(event: 'complete', f: () => void): void }) => {
    const key = note?.accountKey;
    if (key) tx.on('complete', () => changed(key));
  };
  const updating = (_mods: unknown, _id: unknown, note: NoteRow, tx: Transaction) => void after(note, tx);
  const deleting = (_id: unknown, note: NoteRow | undefined, tx: Transaction) => after(note, tx);
  db.notes.hook('updating', updating);
  db.notes.hook('deleting', deleting);
  return () => {
    db.notes.hook('updating').unsubscribe(updating);
    db.notes.hook('deleting').unsubscribe(deleting);
  };
}
