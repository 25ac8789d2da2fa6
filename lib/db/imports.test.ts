import { expect, test } from 'vitest';
import { importIdFor, importObservations } from './imports';
import { SidecarDb } from './schema';

const now = new Date('2026-11-20T00:00:00Z');
const obs = (n: number, value = 1) =>
  Array.from({ length: n }, (_, i) => ({ subject: `domain:c${i}.example`, signalId: 'emailsSent30d', value: value + i, observedAt: '2026-11-19T00:00:00.000Z' }));

test('re-importing the same file changes nothing', async () => {
  const db = new SidecarDb(`imp-${crypto.randomUUID()}`);
  const input = { importId: 'a', fileName: 'usage.csv', encoding: 'utf-8', observations: obs(12_000), rejected: [] };
  await importObservations(db, input, now);
  await importObservations(db, input, now);
  expect(await db.signals.count()).toBe(12_000);
  expect(await db.imports.count()).toBe(1);
});

test('a failed import leaves what was stored before untouched', async () => {
  const db = new SidecarDb(`imp-${crypto.randomUUID()}`);
  await importObservations(db, { importId: 'first', fileName: 'a.csv', encoding: 'utf-8', observations: obs(10, 100), rejected: [] }, now);
  const before = await db.signals.toArray();
  const bad = obs(8_000);
  // A key Dexie cannot store (an object subject) fails the transaction half-way, after the first chunk.
  (bad[6_000] as { subject: unknown }).subject = { not: 'a key' };
  await expect(importObservations(db, { importId: 'second', fileName: 'b.csv', encoding: 'utf-8', observations: bad, rejected: [] }, now)).rejects.toThrow();
  expect(await db.signals.toArray()).toEqual(before);
  expect(await db.imports.get('second')).toBeUndefined();
});

test('progress is reported up to the total', async () => {
  const db = new SidecarDb(`imp-${crypto.randomUUID()}`);
  const seen: number[] = [];
  await importObservations(db, { importId: 'p', fileName: 'p.csv', encoding: 'utf-8', observations: obs(11_000), rejected: [] }, now, (d) => seen.push(d));
  expect(seen).toEqual([5_000, 10_000, 11_000]);
});

test.each([
  [new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]), true],
  [new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]), false],
])('importIdFor is a function of the bytes', async (a, b, same) => {
  expect((await importIdFor(a)) === (await importIdFor(b))).toBe(same);
});
