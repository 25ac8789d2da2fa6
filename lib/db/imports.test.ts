import { expect, test } from 'vitest';
import { importIdFor, importObservations, toChunks } from './imports';
import { CSV_CHUNK_ROWS, SidecarDb } from './schema';
import { latestSignals } from './signals';

const now = new Date('2026-11-20T00:00:00Z');
const at = '2026-11-19T00:00:00.000Z';
// Two signals per company, as a BI export gives several columns per row.
const obs = (n: number, value = 1) =>
  Array.from({ length: n }, (_, i) => [
    { subject: `domain:c${i}.example`, signalId: 'emails_sent_30d', value: value + i, observedAt: at },
    { subject: `domain:c${i}.example`, signalId: 'nps', value: 10, observedAt: at },
  ]).flat();

test('rows are grouped per account and time, then chunked', () => {
  const chunks = toChunks('x', obs(CSV_CHUNK_ROWS + 5));
  expect(chunks.map((c) => c.rows.length)).toEqual([CSV_CHUNK_ROWS, 5]);
  expect(chunks[1]!.rows[0]).toEqual({ subject: `domain:c${CSV_CHUNK_ROWS}.example`, observedAt: at, values: { emails_sent_30d: 1 + CSV_CHUNK_ROWS, nps: 10 } });
  expect(chunks[0]!.subjects).toHaveLength(CSV_CHUNK_ROWS);
});

test('imported values are what the account reads, and re-importing the same file changes nothing', async () => {
  const db = new SidecarDb(`imp-${crypto.randomUUID()}`);
  const input = { importId: 'a', fileName: 'usage.csv', encoding: 'utf-8', observations: obs(12_000), rejected: [] };
  await importObservations(db, input, now);
  await importObservations(db, input, now);
  expect(await db.csvChunks.count()).toBe(12);
  expect(await db.imports.count()).toBe(1);
  expect(await latestSignals(db, ['domain:c11999.example', 'hubspot:1:2'])).toEqual({
    emails_sent_30d: { value: 12_000, observedAt: at, source: 'csv' },
    nps: { value: 10, observedAt: at, source: 'csv' },
  });
});

test('a newer import wins, an older value of another signal stays', async () => {
  const db = new SidecarDb(`imp-${crypto.randomUUID()}`);
  await importObservations(db, { importId: 'old', fileName: 'a.csv', encoding: 'utf-8', observations: obs(3), rejected: [] }, now);
  await importObservations(
    db,
    { importId: 'new', fileName: 'b.csv', encoding: 'utf-8', observations: [{ subject: 'domain:c1.example', signalId: 'nps', value: 50, observedAt: '2026-11-20T00:00:00.000Z' }], rejected: [] },
    now,
  );
  const got = await latestSignals(db, ['domain:c1.example']);
  expect(got.nps?.value).toBe(50);
  expect(got.emails_sent_30d?.value).toBe(2);
});

test('a failed import leaves what was stored before untouched', async () => {
  const db = new SidecarDb(`imp-${crypto.randomUUID()}`);
  await importObservations(db, { importId: 'first', fileName: 'a.csv', encoding: 'utf-8', observations: obs(10, 100), rejected: [] }, now);
  const before = await db.csvChunks.toArray();
  const bad = obs(25_000);
  // A value IndexedDB cannot store fails the transaction after earlier chunks were written.
  (bad[45_000] as { value: unknown }).value = () => 'not storable';
  await expect(importObservations(db, { importId: 'second', fileName: 'b.csv', encoding: 'utf-8', observations: bad, rejected: [] }, now)).rejects.toThrow();
  expect(await db.csvChunks.toArray()).toEqual(before);
  expect(await db.imports.get('second')).toBeUndefined();
});

test('progress is reported up to the total', async () => {
  const db = new SidecarDb(`imp-${crypto.randomUUID()}`);
  const seen: number[] = [];
  await importObservations(db, { importId: 'p', fileName: 'p.csv', encoding: 'utf-8', observations: obs(15_000), rejected: [] }, now, (d) => seen.push(d));
  expect(seen).toEqual([20_000, 30_000]);
});

test.each([
  [new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]), true],
  [new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]), false],
])('importIdFor is a function of the bytes', async (a, b, same) => {
  expect((await importIdFor(a)) === (await importIdFor(b))).toBe(same);
});
