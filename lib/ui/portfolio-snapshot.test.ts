import { describe, expect, test } from 'vitest';
import { readBookSnapshot, SNAPSHOT_KEY, SNAPSHOT_MAX_HTML, writeBookSnapshot, type BookSnapshot } from './portfolio-snapshot';

const identity = { lang: 'ja' as const, pack: 'default@1', user: 'a@example.com|A', view: '{"filters":{},"sort":0}' };
const picture = (html?: string): BookSnapshot => ({ v: 1, identity, takenAt: '2026-12-06T01:00:00.000Z', total: 1, shown: 1, bands: {}, levels: {}, rows: [], ...(html === undefined ? {} : { html }) });
const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
};

describe('writeBookSnapshot: the markup kept beside the picture', () => {
  test.each([
    { name: 'markup within its bound is kept', html: '<main>株式会社サンプル</main>', kept: true },
    { name: 'markup past its bound is left out; the picture still reads', html: 'x'.repeat(SNAPSHOT_MAX_HTML + 1), kept: false },
    { name: 'no markup', html: undefined, kept: false },
  ])('$name', ({ html, kept }) => {
    const store = memory();
    writeBookSnapshot(store, picture(html));
    const read = readBookSnapshot(store, identity);
    expect(read).not.toBeNull();
    expect(read?.html !== undefined).toBe(kept);
    expect(JSON.parse(store.getItem(SNAPSHOT_KEY)!).identity).toEqual(identity);
  });
});
