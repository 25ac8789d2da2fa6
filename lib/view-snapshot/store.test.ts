import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { recordIdentity, type RecordRef } from '../crm/detect';
import { isViewSnapshot, SNAPSHOT_MAX_AGE_MS, SNAPSHOT_MAX_HTML, snapshotKeyOf, type SnapshotArea } from './read';
import { createSnapshotStore, SNAPSHOT_LIMIT, ViewSnapshotSchema } from './store';

const company = (recordId: string): RecordRef => ({ crm: 'hubspot', host: 'app.hubspot.com', portalId: '24681357', objectType: 'company', recordId });
const keyOf = (ref: RecordRef) => snapshotKeyOf(recordIdentity(ref));
const view = (html = '<main>61</main>') => ({ accountKey: 'hubspot:24681357:9001', lang: 'ja' as const, html });

/** session storage as the browser keeps it: a map, with an optional quota in characters, with or without getKeys. */
function memoryArea(quota = Infinity, withGetKeys = false) {
  const items = new Map<string, unknown>();
  const area: SnapshotArea = {
    async get(keys) {
      if (keys === null) return Object.fromEntries(items);
      return Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter((k) => items.has(k)).map((k) => [k, items.get(k)]));
    },
    ...(withGetKeys ? { getKeys: async () => [...items.keys()] } : {}),
    async set(next) {
      const size = JSON.stringify(Object.fromEntries([...items, ...Object.entries(next)])).length;
      if (size > quota) throw new Error('QUOTA_BYTES quota exceeded');
      for (const [k, v] of Object.entries(next)) items.set(k, v);
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) items.delete(k);
    },
  };
  return { area, items };
}

function setup(quota?: number, withGetKeys = false) {
  let now = Date.UTC(2026, 10, 30, 9);
  const { area, items } = memoryArea(quota, withGetKeys);
  const store = createSnapshotStore(area, () => now);
  return { store, items, advance: (ms: number) => (now += ms) };
}

describe('stored sidebar snapshots', () => {
  test('what is saved for a record is read back for that record only', async () => {
    const { store } = setup();
    await store.save(company('9001'), view());
    expect(await store.read(company('9001'))).toMatchObject({ v: 1, ...view() });
    expect(await store.read(company('9002'))).toBeNull();
  });

  test.each([
    ['just saved', 0, true],
    ['at the age limit', SNAPSHOT_MAX_AGE_MS, true],
    ['past the age limit', SNAPSHOT_MAX_AGE_MS + 1, false],
    ['saved "in the future" (clock moved back)', -60_000, false],
  ])('a snapshot %s is painted: %s', async (_name, age, painted) => {
    const { store, advance } = setup();
    await store.save(company('9001'), view());
    advance(age);
    expect((await store.read(company('9001'))) !== null).toBe(painted);
  });

  test.each([
    ['not an object', 'just text'],
    ['an older shape', { html: '<p/>', lang: 'ja' }],
    ['an unknown language', { v: 1, accountKey: 'k', lang: 'fr', html: '<p/>', savedAt: 1 }],
    ['empty markup', { v: 1, accountKey: 'k', lang: 'en', html: '', savedAt: 1 }],
  ])('an unreadable entry (%s) is not painted, and is dropped', async (_name, value) => {
    const { store, items } = setup();
    items.set(keyOf(company('9001')), value);
    expect(await store.read(company('9001'))).toBeNull();
    expect(items.has(keyOf(company('9001')))).toBe(false);
  });

  test('markup too large to keep is not saved (that record paints the slower way)', async () => {
    const { store, items } = setup();
    await store.save(company('9001'), view('x'.repeat(SNAPSHOT_MAX_HTML + 1)));
    expect(items.size).toBe(0);
  });

  test.each([
    ['counting by reading every entry', false],
    ['counting keys alone (getKeys)', true],
  ])(`past ${SNAPSHOT_LIMIT} records, the least recently saved go (%s)`, async (_name, withGetKeys) => {
    const { store, items, advance } = setup(undefined, withGetKeys);
    for (let i = 0; i < SNAPSHOT_LIMIT + 3; i++) {
      await store.save(company(String(9000 + i)), view());
      advance(1_000);
    }
    // Saving an old one again makes it recent: it stays, and the next new record pushes out the next oldest.
    await store.save(company('9003'), view());
    advance(1_000);
    await store.save(company('9999'), view());
    expect(items.size).toBe(SNAPSHOT_LIMIT);
    const kept = async (id: string) => (await store.read(company(id))) !== null;
    expect(await Promise.all(['9000', '9001', '9002', '9004'].map(kept))).toEqual([false, false, false, false]);
    expect(await store.read(company('9003'))).not.toBeNull();
    expect(await store.read(company(String(9000 + SNAPSHOT_LIMIT + 2)))).not.toBeNull();
  });

  test('a full session storage starts the cache afresh instead of failing', async () => {
    const { store, items } = setup(2_000);
    await store.save(company('9001'), view('a'.repeat(600)));
    await store.save(company('9002'), view('b'.repeat(600)));
    await expect(store.save(company('9003'), view('c'.repeat(900)))).resolves.toBeUndefined();
    expect(items.size).toBe(0);
  });

  test('clear drops every snapshot and nothing else', async () => {
    const { store, items } = setup();
    items.set('someone-else', 1);
    await store.save(company('9001'), view());
    await store.save(company('9002'), view());
    await store.clear();
    expect([...items.keys()]).toEqual(['someone-else']);
  });

  test('without session storage nothing is kept and nothing read', async () => {
    const store = createSnapshotStore(null, () => 0);
    await store.save(company('9001'), view());
    expect(await store.read(company('9001'))).toBeNull();
    await expect(store.clear()).resolves.toBeUndefined();
  });

  test('the boot script’s check accepts exactly what the schema every write goes through accepts', () => {
    const nearlyValid = fc.record(
      {
        v: fc.oneof(fc.constant(1), fc.integer(), fc.string()),
        accountKey: fc.oneof(fc.string({ maxLength: 320 }), fc.integer()),
        lang: fc.oneof(fc.constantFrom('ja', 'en', 'fr', ''), fc.integer()),
        html: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(''), fc.constant(null)),
        savedAt: fc.oneof(fc.double(), fc.integer(), fc.string()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(nearlyValid, fc.anything()), (value) => {
        expect(isViewSnapshot(value)).toBe(ViewSnapshotSchema.safeParse(value).success);
      }),
      { numRuns: 2_000 },
    );
  });
});
