import { afterEach, describe, expect, test } from 'vitest';
import { buildAccounts } from '../../tests/bench/engine.ts';
import { patchBookRows, readBookRow, readBookRows } from '../db/book-rows';
import { SidecarDb, type AccountRow, type NoteRow } from '../db/schema';
import { createEvaluator, defaultConfigPack } from '../engine/index.ts';
import type { ConfigPack } from '../engine/types.ts';
import { filterBook, sortBook, type BookFilters, type SortKey } from '../portfolio/book.ts';
import { createPortfolio } from './portfolio';

// The portfolio's book from the cache (issue 17): one compact row per account (bookRows, v5), kept
// across worker restarts and derived again for exactly the accounts a write touches.

const NOW = new Date('2026-12-05T09:00:00Z');
const pack = defaultConfigPack('en');
const evaluate = createEvaluator(pack);
const inputs = buildAccounts(40, 'en', 11);

const dbs: SidecarDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await SidecarDb.delete(db.name);
  }
});

function account(i: number, input = inputs[i]!): AccountRow {
  return {
    key: `hubspot:7:${i}`,
    crm: 'hubspot',
    host: 'app.hubspot.com',
    portalId: '7',
    recordId: String(i),
    name: `${['株式会社サンプル', 'Globex Inc.', 'Initech'][i % 3]} ${i}`,
    owner: `CSM ${i % 4}`,
    ownerId: String(500 + (i % 4)),
    properties: { sidecar_renewal_date: `2027-0${1 + (i % 9)}-15` },
    firstSeenAt: '2026-10-01T00:00:00.000Z',
    lastSeenAt: '2026-12-01T00:00:00.000Z',
    fetchedAt: '2026-12-01T00:00:00.000Z',
    lastEvaluation: evaluate(input, NOW),
  };
}
const note = (id: string, accountKey: string, createdAt: string, author?: string): NoteRow => ({
  id,
  accountKey,
  origin: { objectType: 'company', recordId: '1' },
  text: 'Call',
  ratings: {},
  touchpoint: 'call',
  ...(author ? { author } : {}),
  createdAt,
  updatedAt: createdAt,
  status: 'synced',
});

async function seeded(n = 40) {
  const db = new SidecarDb(`portfolio-${crypto.randomUUID()}`);
  dbs.push(db);
  await db.accounts.bulkPut(Array.from({ length: n }, (_, i) => account(i)));
  return db;
}

/** Counts the stored evaluations (accounts) a portfolio decodes: what a cold open must not do. */
function countAccountReads(db: SidecarDb) {
  const counter = { reads: 0 };
  db.accounts.hook('reading', (row) => {
    counter.reads++;
    return row;
  });
  return counter;
}

const portfolio = (db: SidecarDb, current: () => ConfigPack = () => pack) => createPortfolio({ db, now: () => NOW, pack: async () => current() });
/** The rows in key order: the view's order is the page's to choose. */
const byKey = <T extends { key: string }>(rows: T[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));
const settle = () => new Promise((r) => setTimeout(r, 400));

describe('the book from the cache', () => {
  test('every evaluated account once; a worker restart reads the kept rows, not the 40 stored evaluations', async () => {
    const db = await seeded();
    const first = await portfolio(db).view();
    expect(first.rows).toHaveLength(40);
    expect((await readBookRows(db, `${pack.id}@${pack.version}`))?.rows).toHaveLength(40);
    const reads = countAccountReads(db);
    const restarted = await portfolio(db).view();
    expect(reads.reads).toBe(0);
    expect(byKey(restarted.rows)).toEqual(byKey(first.rows));
  });

  test('a write to an account, its notes or its days changes its row at the next view, in memory and in the table', async () => {
    const db = await seeded();
    const p = portfolio(db);
    await p.view();
    const reads = countAccountReads(db);
    // A record view's new evaluation (the sidebar's write), a note with its author, a day of health.
    await db.accounts.update('hubspot:7:3', { lastEvaluation: evaluate(inputs[20]!, NOW), name: '株式会社サンプル 3 改' });
    await db.notes.put(note('n1', 'hubspot:7:3', '2026-12-04T10:00:00.000Z', '佐藤 花子'));
    await db.healthDays.put({ accountKey: 'hubspot:7:5', day: '2026-12-05', score: 77, band: 'green', computedBand: 'green', level: 3, measures: {}, evaluatedAt: NOW.toISOString() });
    const after = await p.view();
    const row = after.rows.find((r) => r.key === 'hubspot:7:3')!;
    expect(row.name).toBe('株式会社サンプル 3 改');
    expect(row.score).toBe(evaluate(inputs[20]!, NOW).health.score);
    expect(row.lastTouch).toEqual({ at: '2026-12-04T10:00:00.000Z', by: '佐藤 花子' });
    expect(after.rows.find((r) => r.key === 'hubspot:7:5')?.trend).toEqual([77]);
    // Only the two accounts touched were read again.
    expect(reads.reads).toBe(2);
    expect((await readBookRow(db, 'hubspot:7:3'))?.lastTouch?.by).toBe('佐藤 花子');
    // A restarted worker sees the same.
    expect(byKey((await portfolio(db).view()).rows)).toEqual(byKey(after.rows));
  });

  test('derived soon after a write, not only at the next view: a worker stopped later still has it', async () => {
    const db = await seeded();
    const p = portfolio(db);
    await p.view();
    await db.notes.put(note('n2', 'hubspot:7:8', '2026-12-03T00:00:00.000Z', 'B'));
    await settle();
    expect((await readBookRow(db, 'hubspot:7:8'))?.lastTouch).toEqual({ at: '2026-12-03T00:00:00.000Z', by: 'B' });
  });

  test('a worker that has not opened the portfolio puts a written account’s row without reading the table whole; a bulk write leaves all to the next open', async () => {
    const db = await seeded();
    const before = portfolio(db);
    await before.view();
    before.stop();
    const restarted = portfolio(db);
    let chunkReads = 0;
    db.bookRows.hook('reading', (c) => {
      chunkReads++;
      return c;
    });
    await db.notes.put(note('n3', 'hubspot:7:11', '2026-12-02T00:00:00.000Z', 'C'));
    await settle();
    // Its own chunk only, of 32.
    expect(chunkReads).toBe(1);
    expect((await readBookRow(db, 'hubspot:7:11'))?.lastTouch?.by).toBe('C');
    // 60 notes (no keys named): the rows are disowned, not derived here; the next open derives them all.
    const reads = countAccountReads(db);
    await db.notes.bulkPut(Array.from({ length: 60 }, (_, i) => note(`c${i}`, `hubspot:7:${i % 40}`, '2026-12-04T12:00:00.000Z', 'Bulk')));
    await settle();
    expect(reads.reads).toBe(0);
    expect(await db.syncState.get('book-rows')).toBeUndefined();
    const view = await restarted.view();
    expect(reads.reads).toBe(40);
    expect(view.rows.every((r) => r.lastTouch?.by === 'Bulk')).toBe(true);
  });

  test('a note marked deleted or deleted outright: the last touch falls back to the note before', async () => {
    const db = await seeded();
    await db.notes.bulkPut([note('old', 'hubspot:7:1', '2026-11-01T00:00:00.000Z', 'A'), note('new', 'hubspot:7:1', '2026-12-01T00:00:00.000Z', 'B')]);
    const p = portfolio(db);
    expect((await p.view()).rows.find((r) => r.key === 'hubspot:7:1')?.lastTouch?.by).toBe('B');
    await db.notes.update('new', { deletedAt: '2026-12-02T00:00:00.000Z' });
    expect((await p.view()).rows.find((r) => r.key === 'hubspot:7:1')?.lastTouch?.by).toBe('A');
    await db.notes.delete('old');
    expect((await p.view()).rows.find((r) => r.key === 'hubspot:7:1')?.lastTouch).toBeNull();
  });

  test('an account that stops being a customer row (now a contact page’s, or sample data) leaves the book and the table', async () => {
    const db = await seeded();
    const p = portfolio(db);
    await p.view();
    await db.accounts.update('hubspot:7:2', { resolvedTo: 'hubspot:7:0' });
    await db.accounts.delete('hubspot:7:4');
    const keys = (await p.view()).rows.map((r) => r.key);
    expect(keys).not.toContain('hubspot:7:2');
    expect(keys).not.toContain('hubspot:7:4');
    expect((await readBookRows(db, `${pack.id}@${pack.version}`))?.rows).toHaveLength(38);
  });

  test('rows kept for more than a day are shown, then all derived again soon after (a write this background never saw is gone within a day)', async () => {
    const db = await seeded();
    let clock = NOW;
    const p = () => createPortfolio({ db, now: () => clock, pack: async () => pack });
    await p().view();
    // Written behind the background's back (as by a worker stopped between a write and its rows).
    await patchBookRows(db, `${pack.id}@${pack.version}`, [{ ...(await readBookRow(db, 'hubspot:7:9'))!, name: 'Stale name' }], []);
    expect((await p().view()).rows.find((r) => r.key === 'hubspot:7:9')?.name).toBe('Stale name');
    clock = new Date(NOW.getTime() + 25 * 3_600_000);
    const restarted = p();
    expect((await restarted.view()).rows.find((r) => r.key === 'hubspot:7:9')?.name).toBe('Stale name');
    await settle();
    expect((await restarted.view()).rows.find((r) => r.key === 'hubspot:7:9')?.name).toBe('株式会社サンプル 9');
    expect((await db.syncState.get('book-rows'))?.lastSuccessAt).toBe(clock.toISOString());
  });

  test('a write during the first read of the book is in the next view (concurrent)', async () => {
    const db = await seeded();
    const p = portfolio(db);
    const reading = p.view();
    const writing = db.accounts.update('hubspot:7:6', { name: 'Renamed mid-read' });
    await Promise.all([reading, writing]);
    expect((await p.view()).rows.find((r) => r.key === 'hubspot:7:6')?.name).toBe('Renamed mid-read');
  });

  test('another pack version, or a bulk write naming no accounts, derives every row again', async () => {
    const db = await seeded();
    let current = pack;
    const p = portfolio(db, () => current);
    await p.view();
    const reads = countAccountReads(db);
    current = { ...pack, version: `${pack.version}-next` };
    await p.view();
    expect(reads.reads).toBe(40);
    expect((await db.syncState.get('book-rows'))?.builtFor).toBe(`${pack.id}@${pack.version}-next`);
    // 60 notes at once (a CRM pull): Dexie names no keys, so every row is derived again, with them.
    await db.notes.bulkPut(Array.from({ length: 60 }, (_, i) => note(`b${i}`, `hubspot:7:${i % 40}`, '2026-12-04T00:00:00.000Z', 'Team')));
    const after = await p.view();
    expect(reads.reads).toBe(80);
    expect(after.rows.every((r) => r.lastTouch?.by === 'Team')).toBe(true);
  });
});

describe('the page opening (portfolio.open, from its boot script)', () => {
  /** A worker restarted over a book kept by the one before it, counting the kept chunks it reads. */
  async function restarted() {
    const db = await seeded();
    await portfolio(db).view();
    const chunkReads = { n: 0 };
    db.bookRows.hook('reading', (row) => (chunkReads.n++, row));
    return { db, p: portfolio(db), chunkReads };
  }

  test('a restarted worker reads and lists the book ahead: the first screenful then reads nothing', async () => {
    const { db, p, chunkReads } = await restarted();
    p.prepare();
    await settle();
    expect(chunkReads.n).toBeGreaterThan(0);
    const before = chunkReads.n;
    const reads = countAccountReads(db);
    const first = await p.view({ filters: null, by: 'score', dir: 'asc', limit: 5 });
    expect(first.rows).toHaveLength(5);
    expect(chunkReads.n).toBe(before);
    expect(reads.reads).toBe(0);
  });

  test('a view asked while the book is still being read ahead waits for that read, and does not read again', async () => {
    const { p, chunkReads } = await restarted();
    p.prepare();
    const view = await p.view();
    const once = chunkReads.n;
    expect(view.rows).toHaveLength(40);
    await p.view();
    expect(chunkReads.n).toBe(once);
  });

  test('a failure while reading ahead is not thrown there: the view that asks reports it', async () => {
    const db = await seeded();
    let broken = true;
    const p = createPortfolio({ db, now: () => NOW, pack: async () => (broken ? Promise.reject(new Error('pack unreadable')) : pack) });
    expect(() => p.prepare()).not.toThrow();
    await settle();
    await expect(p.view()).rejects.toThrow('pack unreadable');
    broken = false;
    expect((await p.view()).rows).toHaveLength(40);
  });
});

describe('the first screenful', () => {
  test.each<[{ filters: BookFilters; by: SortKey; dir: 'asc' | 'desc' }]>([
    [{ filters: {}, by: 'score', dir: 'asc' }],
    [{ filters: { owner: '501' }, by: 'name', dir: 'asc' }],
    [{ filters: { levels: [2, 3], renewalWithinDays: 200 }, by: 'renewal', dir: 'asc' }],
    [{ filters: { query: 'ｻﾝﾌﾟﾙ' }, by: 'level', dir: 'desc' }],
  ])('the whole view’s first rows, filtered and sorted as the page does it, with how many it shows: %j', async (view) => {
    const db = await seeded();
    const p = portfolio(db);
    const whole = await p.view();
    const expected = sortBook(filterBook(whole.rows, view.filters, whole.me), view.by, view.dir);
    const first = await p.view({ filters: view.filters, by: view.by, dir: view.dir, limit: 7 });
    expect(expected.length).toBeGreaterThan(0);
    expect(first.rows).toEqual(expected.slice(0, 7));
    expect(first.first).toEqual({ shown: expected.length });
    // The counts and what changed are the whole book's.
    expect(first.counts).toEqual(whole.counts);
    expect(first.changes).toEqual(whole.changes);
  });

  test('a first visit (no kept view) opens on the CSM’s own accounts when the book has any, else the whole book', async () => {
    const db = await seeded();
    const p = portfolio(db);
    const visit = () => p.view({ filters: null, by: 'score', dir: 'asc', limit: 100 });
    expect((await visit()).first?.shown).toBe(40);
    expect((await visit()).hasMine).toBe(false);
    await db.connections.put({ id: 'hubspot', me: { id: '502' } } as never);
    const mine = await visit();
    expect(mine.hasMine).toBe(true);
    expect(mine.first?.shown).toBe(10);
    expect(mine.rows.every((r) => r.ownerId === '502')).toBe(true);
  });
});
