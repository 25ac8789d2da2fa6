import Dexie, { type IntervalTree } from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { BOOK_ROW_CHUNKS, bookChangesOf, chunkOf, patchBookRows, readBookRow, readBookRows, replaceBookRows, watchNoteChanges } from './book-rows';
import { SidecarDb, type BookRowRecord, type NoteRow } from './schema';

const dbs: SidecarDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await SidecarDb.delete(db.name);
  }
});
function fresh(): SidecarDb {
  const db = new SidecarDb(`book-rows-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
}

/** The parts Dexie reports for this database's next committed write. */
function nextMutation(db: SidecarDb): Promise<Record<string, IntervalTree>> {
  return new Promise((resolve) => {
    const on = (parts: Record<string, IntervalTree>) => {
      if (!Object.keys(parts).some((p) => p.startsWith(`idb://${db.name}/`))) return;
      Dexie.on('storagemutated').unsubscribe(on);
      resolve(parts);
    };
    Dexie.on('storagemutated', on);
  });
}

const account = (key: string) => ({ key, crm: 'hubspot' as const, host: 'app.hubspot.com', portalId: '7', recordId: key.split(':')[2]!, properties: {}, firstSeenAt: '2026-12-01T00:00:00.000Z', lastSeenAt: '2026-12-01T00:00:00.000Z' });
const note = (id: string, accountKey: string): NoteRow => ({
  id,
  accountKey,
  origin: { objectType: 'company', recordId: '1' },
  text: 'x',
  ratings: {},
  touchpoint: 'call',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  status: 'synced',
});
const day = (accountKey: string, d: string) => ({ accountKey, day: d, score: 50, band: 'yellow', computedBand: 'yellow', level: 2, measures: {}, evaluatedAt: `${d}T00:00:00.000Z` });

describe('which accounts a committed write touched (Dexie storagemutated)', () => {
  test.each<[string, (db: SidecarDb) => Promise<Record<string, IntervalTree> | void>, { all: boolean; accounts: string[] } | null]>([
    ['an account put', async (db) => void (await db.accounts.put(account('hubspot:7:1'))), { all: false, accounts: ['hubspot:7:1'] }],
    ['an account updated', async (db) => {
      await db.accounts.put(account('hubspot:7:2'));
      const m = nextMutation(db);
      await db.accounts.update('hubspot:7:2', { name: 'Acme' });
      return m;
    }, { all: false, accounts: ['hubspot:7:2'] }],
    ['an account deleted', async (db) => {
      await db.accounts.put(account('hubspot:7:3'));
      const m = nextMutation(db);
      await db.accounts.delete('hubspot:7:3');
      return m;
    }, { all: false, accounts: ['hubspot:7:3'] }],
    ['a note put: its account, by the accountKey index', async (db) => void (await db.notes.put(note('n1', 'hubspot:7:4'))), { all: false, accounts: ['hubspot:7:4'] }],
    ['two notes of two accounts in one bulk put', async (db) => void (await db.notes.bulkPut([note('n2', 'hubspot:7:5'), note('n3', 'hubspot:7:6')])), { all: false, accounts: ['hubspot:7:5', 'hubspot:7:6'] }],
    ['a day of health put', async (db) => void (await db.healthDays.put(day('hubspot:7:7', '2026-12-01'))), { all: false, accounts: ['hubspot:7:7'] }],
    ['60 notes in one bulk put: no keys named, so all', async (db) => void (await db.notes.bulkPut(Array.from({ length: 60 }, (_, i) => note(`b${i}`, `hubspot:7:${i}`)))), { all: true, accounts: [] }],
    ['the accounts cleared: all', async (db) => void (await db.accounts.clear()), { all: true, accounts: [] }],
    ['another table only (signals): none', async (db) => void (await db.signals.put({ subject: 'hubspot:7:1', signalId: 's', source: 'csv', observedAt: '2026-12-01T00:00:00.000Z', value: 1 })), null],
    ['the book rows themselves: none', async (db) => void (await db.bookRows.put({ chunk: 0, rows: [] })), null],
  ])('%s', async (_what, write, expected) => {
    const db = fresh();
    await db.open();
    const seen = nextMutation(db);
    // A case that writes before the write it is about returns that write's parts itself.
    const parts = (await write(db)) ?? (await seen);
    const c = bookChangesOf(parts, db.name);
    expect(c ? { all: c.all, accounts: [...c.accounts].sort() } : null).toEqual(expected);
  });

  test('a note changed in place or deleted outright names only its id: watchNoteChanges gives its account, after the commit', async () => {
    const db = fresh();
    const deleted: string[] = [];
    watchNoteChanges(db, (k) => deleted.push(k));
    await db.notes.put(note('gone', 'hubspot:7:9'));
    expect(deleted).toEqual([]);
    // Marked deleted by the user (kept for the outbox): the note's account, though the write names only its id.
    await db.notes.update('gone', { deletedAt: '2026-12-02T00:00:00.000Z' });
    const marked = nextMutation(db);
    await db.notes.put({ ...note('gone', 'hubspot:7:9'), text: 'put over' });
    expect(bookChangesOf(await marked, db.name)?.accounts).toEqual([]);
    expect(deleted).toEqual(['hubspot:7:9', 'hubspot:7:9']);
    deleted.length = 0;
    await db.transaction('rw', db.notes, async () => {
      await db.notes.delete('gone');
      // Not before the transaction has committed: a rolled-back delete touched nothing.
      expect(deleted).toEqual([]);
    });
    expect(deleted).toEqual(['hubspot:7:9']);
    await db.transaction('rw', db.notes, async () => {
      await db.notes.put(note('kept', 'hubspot:7:10'));
      await db.notes.delete('kept');
      throw new Error('rolled back');
    }).catch(() => undefined);
    expect(deleted).toEqual(['hubspot:7:9']);
  });
});

describe('the rows kept under a pack', () => {
  const row = (key: string, score: number) => ({ key, score }) as BookRowRecord;

  test('read back only under the pack they were derived under; a patch under another pack writes nothing', async () => {
    const db = fresh();
    expect(await readBookRows(db, 'p@1')).toBeNull();
    await replaceBookRows(db, 'p@1', [row('a', 1), row('b', 2)], new Date('2026-12-05T00:00:00Z'));
    expect((await readBookRows(db, 'p@1'))?.rows.map((r) => r.key).sort()).toEqual(['a', 'b']);
    expect(await readBookRows(db, 'p@2')).toBeNull();
    expect((await readBookRows(db, 'p@1'))?.builtAt).toBe('2026-12-05T00:00:00.000Z');
    expect(await patchBookRows(db, 'p@1', [row('a', 9), row('c', 3)], ['b'])).toBe(true);
    expect((await readBookRows(db, 'p@1'))?.rows.map((r) => [r.key, r.score]).sort()).toEqual([
      ['a', 9],
      ['c', 3],
    ]);
    expect(await readBookRow(db, 'c')).toEqual(row('c', 3));
    expect(await readBookRow(db, 'b')).toBeUndefined();
    // A damaged chunk vouches for nothing: the rows are derived again, not read half.
    await db.bookRows.put({ chunk: chunkOf('c'), rows: { key: 'c' } as never });
    expect(await readBookRows(db, 'p@1')).toBeNull();
    // Rebuilt under p@2 meanwhile: a late patch derived under p@1 must not land in p@2's rows.
    await replaceBookRows(db, 'p@2', [row('a', 5)], new Date('2026-12-05T00:00:00Z'));
    expect(await patchBookRows(db, 'p@1', [row('z', 0)], ['a'])).toBe(false);
    expect((await readBookRows(db, 'p@2'))?.rows.map((r) => [r.key, r.score])).toEqual([['a', 5]]);
  });
});

describe('the chunks the rows are kept in', () => {
  test('an account is always in the same chunk, and 10,000 accounts spread over all of them, none holding more than twice its share', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => (i % 3 ? `hubspot:24681357:${500_000 + i}` : `salesforce:acme:001D0000${String(i).padStart(7, '0')}AAA`));
    const counts = new Array<number>(BOOK_ROW_CHUNKS).fill(0);
    for (const k of keys) counts[chunkOf(k)]!++;
    expect(chunkOf(keys[7]!)).toBe(chunkOf(String(keys[7])));
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThan((2 * keys.length) / BOOK_ROW_CHUNKS);
  });

  test('a rebuild leaves 32 records whatever the book; a patch rewrites only the chunks it touches', async () => {
    const db = fresh();
    const rows = Array.from({ length: 300 }, (_, i) => ({ key: `hubspot:7:${i}`, score: i }) as BookRowRecord);
    await replaceBookRows(db, 'p@1', rows, new Date('2026-12-05T00:00:00Z'));
    expect(await db.bookRows.count()).toBe(BOOK_ROW_CHUNKS);
    let written = 0;
    db.bookRows.hook('updating', () => void written++);
    await patchBookRows(db, 'p@1', [{ key: 'hubspot:7:5', score: 99 } as BookRowRecord], ['hubspot:7:6']);
    expect(written).toBe(new Set([chunkOf('hubspot:7:5'), chunkOf('hubspot:7:6')]).size);
    const back = (await readBookRows(db, 'p@1'))!.rows;
    expect(back).toHaveLength(299);
    expect(back.find((r) => r.key === 'hubspot:7:5')?.score).toBe(99);
  });
});
