import { describe, expect, test } from 'vitest';
import { createSnapshotMemory } from './memory';
import { SNAPSHOT_MAX_AGE_MS, snapshotKeyOf, type SnapshotArea, type ViewSnapshot } from './read';

const NOW = 1_800_000_000_000;
const snap = (accountKey: string, savedAt = NOW - 1000): ViewSnapshot => ({ v: 1, accountKey, lang: 'ja', html: `<p>${accountKey}</p>`, savedAt });
const A = 'hubspot|app.hubspot.com|1|company|9001';
const B = 'hubspot|app.hubspot.com|1|company|9002';

/** A session area whose reads can be held back, to change it while the memory's first read is out. */
function area(initial: Record<string, unknown>) {
  const data = { ...initial };
  let hold: Promise<void> = Promise.resolve();
  const a: SnapshotArea & { hold(p: Promise<void>): void; data: Record<string, unknown> } = {
    data,
    hold: (p) => void (hold = p),
    async getKeys() {
      return Object.keys(data);
    },
    async get(keys) {
      const snapshot = { ...data };
      await hold;
      const list = keys === null ? Object.keys(snapshot) : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => k in snapshot).map((k) => [k, snapshot[k]]));
    },
    async set(items) {
      Object.assign(data, items);
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
    },
  };
  return a;
}

describe('snapshots held in the frame', () => {
  test('nothing is held before the first read; then every valid stored snapshot, and nothing else', async () => {
    const m = createSnapshotMemory(area({ [snapshotKeyOf(A)]: snap('a'), [snapshotKeyOf(B)]: { v: 1, html: 42 }, 'sidecar.other': snap('x') }));
    expect(m.get(A, NOW)).toBeNull();
    await m.load();
    expect(m.get(A, NOW)?.accountKey).toBe('a');
    expect(m.get(B, NOW)).toBeNull();
  });

  test.each([
    ['saved a moment ago', NOW - 1000, 'a'],
    ['at the age limit', NOW - SNAPSHOT_MAX_AGE_MS, 'a'],
    ['older than the limit', NOW - SNAPSHOT_MAX_AGE_MS - 1, null],
    ['from the future (clock moved back)', NOW + 60_000, null],
  ])('a snapshot %s: %s', async (_name, savedAt, expected) => {
    const m = createSnapshotMemory(area({ [snapshotKeyOf(A)]: snap('a', savedAt) }));
    await m.load();
    expect(m.get(A, NOW)?.accountKey ?? null).toBe(expected);
  });

  test('changes to the area are applied: a retaken picture replaces, a removal or a bad value drops', async () => {
    const m = createSnapshotMemory(area({ [snapshotKeyOf(A)]: snap('a') }));
    await m.load();
    m.apply({ [snapshotKeyOf(A)]: { newValue: snap('a, retaken') }, [snapshotKeyOf(B)]: { newValue: snap('b') } });
    expect(m.get(A, NOW)?.accountKey).toBe('a, retaken');
    expect(m.get(B, NOW)?.accountKey).toBe('b');
    m.apply({ [snapshotKeyOf(A)]: {}, [snapshotKeyOf(B)]: { newValue: 'garbage' } });
    expect(m.get(A, NOW)).toBeNull();
    expect(m.get(B, NOW)).toBeNull();
  });

  test('a change that lands while the first read is out is not overwritten by that read', async () => {
    const a = area({ [snapshotKeyOf(A)]: snap('a, old'), [snapshotKeyOf(B)]: snap('b') });
    let release!: () => void;
    a.hold(new Promise<void>((r) => (release = r)));
    const m = createSnapshotMemory(a);
    const loading = m.load();
    await Promise.resolve();
    m.apply({ [snapshotKeyOf(A)]: {} });
    release();
    await loading;
    expect(m.get(A, NOW)).toBeNull();
    expect(m.get(B, NOW)?.accountKey).toBe('b');
  });

  test('without session storage nothing is held, and loading twice reads once', async () => {
    const none = createSnapshotMemory(null);
    await none.load();
    expect(none.get(A, NOW)).toBeNull();
    const a = area({ [snapshotKeyOf(A)]: snap('a') });
    let reads = 0;
    const get = a.get.bind(a);
    a.get = (keys) => (reads++, get(keys));
    const m = createSnapshotMemory(a);
    await Promise.all([m.load(), m.load()]);
    await m.load();
    expect(reads).toBe(1);
  });
});
