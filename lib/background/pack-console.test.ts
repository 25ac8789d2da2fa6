import { describe, expect, test } from 'vitest';
import { makeBackground } from '../../tests/support/background';
import { HEALTHY } from '../engine/test-support.ts';
import { defaultConfigPack } from '../engine/index.ts';
import type { ConfigPack } from '../engine/types.ts';
import { sidecarError } from './crm-errors';
import { createPackConsole } from './pack-console';
import { createPackStore } from './pack-store';
import type { Sender } from './router';

const page: Sender = { fromExtensionPage: true };

const packJson = (edit: (p: ConfigPack) => void = () => {}) => {
  const p = defaultConfigPack('en');
  edit(p);
  return JSON.stringify(p);
};
const v2 = packJson((p) => {
  p.version = '1.1.0';
  p.scorecards.find((c) => c.id === 'standard')!.measures.find((m) => m.signal === 'nps')!.weight = 100;
});

/** Cached accounts as the sidebar leaves them: the account row and its signals from the CRM. */
async function seedBook(db: ReturnType<typeof makeBackground>['db'], at: string) {
  const book = [
    // The English pack's mid-market (ARR in USD), scored on the standard scorecard.
    { id: '1', name: 'Healthy KK', values: { ...HEALTHY, arr: 50_000 } },
    { id: '2', name: 'Detractor KK', values: { ...HEALTHY, arr: 50_000, nps: 0, active_user_rate: 55 } },
    { id: '3', name: 'Unknown KK', values: {} },
  ];
  for (const a of book) {
    const key = `hubspot:24681357:${a.id}`;
    await db.accounts.put({ key, crm: 'hubspot', host: 'app.hubspot.com', portalId: '24681357', recordId: a.id, name: a.name, properties: {}, firstSeenAt: at, lastSeenAt: at });
    // The engine's test account is dated 2025; its dates are kept relative to now here.
    for (const [signalId, value] of Object.entries(a.values)) {
      const v = typeof value === 'string' ? new Date(Date.parse(at) + (Date.parse(value) - Date.parse('2025-06-01T00:00:00Z'))).toISOString() : value;
      await db.signals.put({ subject: key, signalId, source: 'hubspot', observedAt: at, value: v });
    }
  }
  // A contact page's row and a sample are not accounts of the book.
  await db.accounts.put({ key: 'hubspot:24681357:c9', crm: 'hubspot', host: 'app.hubspot.com', recordId: 'c9', properties: {}, firstSeenAt: at, lastSeenAt: at, resolvedTo: 'hubspot:24681357:1' });
}

describe('versions', () => {
  test('each install is a version with who, when and a note; two versions diff in words; rollback is one more version', async () => {
    const bg = makeBackground();
    await bg.db.connections.put({ id: 'hubspot', me: { id: '77', name: '佐藤 花子', how: 'picked' } });
    expect(await bg.call('pack.versions', {})).toEqual({ versions: [], governs: 'local' });

    expect((await bg.call('pack.install', { json: packJson(), source: 'editor', note: 'first map' })).ok).toBe(true);
    bg.advance(60_000);
    expect((await bg.call('pack.install', { json: v2, source: 'file', fileName: 'v2.json', note: '  NPS matters more  ' })).ok).toBe(true);
    let { versions } = await bg.call('pack.versions', {});
    expect(versions.map((v) => [v.n, v.version, v.by, v.note, v.active])).toEqual([
      [2, '1.1.0', '佐藤 花子', 'NPS matters more', true],
      [1, '1.0.0', '佐藤 花子', 'first map', false],
    ]);

    const diff = await bg.call('pack.diff', { from: versions[1]!.id, to: versions[0]!.id });
    expect(diff.changes).toEqual(['Version: 1.0.0 → 1.1.0', 'Weight of NPS (Standard): 15 → 100']);
    // From the built-in pack too.
    expect((await bg.call('pack.diff', { from: 'default', to: versions[0]!.id })).changes).toContain('Weight of NPS (Standard): 15 → 100');

    bg.advance(60_000);
    const back = await bg.call('pack.rollback', { id: versions[1]!.id, note: 'too harsh' });
    expect(back).toMatchObject({ ok: true, summary: { version: '1.0.0' } });
    ({ versions } = await bg.call('pack.versions', {}));
    expect(versions[0]).toMatchObject({ n: 3, version: '1.0.0', rollbackOf: 1, note: 'too harsh', active: true });
    expect(versions).toHaveLength(3);
    expect(JSON.parse((await bg.call('pack.current', {})).json).version).toBe('1.0.0');
    expect((await bg.packs.active()).pack.scorecards[1]!.measures.find((m) => m.signal === 'nps')!.weight).toBe(15);
  });

  test('versions kept before issue 18 (no who, no note; one from the pack URL) are listed as they are', async () => {
    const bg = makeBackground();
    const pack = JSON.parse(packJson()) as unknown;
    // As pack.install and the team layer wrote them before: the replaced pack under history:<when it was replaced>.
    await bg.db.packs.put({ id: 'history:2026-11-02T00:00:00.000Z', pack, installedAt: '2026-11-01T00:00:00.000Z', source: 'file', fileName: 'acme.json' });
    await bg.db.packs.put({ id: 'active', pack: JSON.parse(v2) as unknown, installedAt: '2026-11-02T00:00:00.000Z', source: 'url', url: 'https://ops.example.com/pack.json' });
    const { versions } = await bg.call('pack.versions', {});
    expect(versions.map((v) => [v.n, v.version, v.source, v.by ?? null, v.note ?? null, v.fileName ?? null, v.active])).toEqual([
      [2, '1.1.0', 'url', null, null, null, true],
      [1, '1.0.0', 'file', null, null, 'acme.json', false],
    ]);
    expect((await bg.call('pack.diff', { from: versions[1]!.id, to: versions[0]!.id })).changes).toContain('Weight of NPS (Standard): 15 → 100');
  });

  test('a version that is not kept is named, and nothing changes', async () => {
    const bg = makeBackground();
    await expect(bg.call('pack.rollback', { id: '2020-01-01T00:00:00.000Z' })).rejects.toThrow(/Version 2020-01-01T00:00:00.000Z is no longer kept in this browser/);
    expect(await bg.db.packs.count()).toBe(0);
  });

  test('while policy or a pack URL governs, rollback is refused and the list says who governs', async () => {
    const bg = makeBackground();
    await bg.call('pack.install', { json: packJson(), source: 'editor' });
    const { versions } = await bg.call('pack.versions', {});
    const handlers = createPackConsole({
      db: bg.db,
      now: () => bg.now,
      packs: createPackStore(bg.db, () => 'en'),
      team: {
        status: async () => ({ governs: 'policy-url' }) as never,
        assertPackEditable: async () => {
          throw sidecarError('pack-managed', 'pack.managed', undefined, 'en');
        },
      },
    });
    expect((await handlers['pack.versions']({}, page)).governs).toBe('policy-url');
    await expect(handlers['pack.rollback']({ id: versions[0]!.id }, page)).rejects.toThrow(/IT administrator manages the config pack/);
    expect(await bg.db.packs.count()).toBe(1);
  });
});

describe('impact before install', () => {
  test('scores the cached book with both packs, names what moved and why, and writes nothing', async () => {
    const bg = makeBackground();
    await seedBook(bg.db, bg.now.toISOString());
    const before = { accounts: await bg.db.accounts.toArray(), days: await bg.db.healthDays.count(), packs: await bg.db.packs.count() };
    const impact = await bg.call('pack.impact', { json: v2 });
    expect(impact).toMatchObject({ total: 3, based: 2, bandChanged: 1, moves: [{ from: 'yellow', to: 'red', count: 1 }], against: { version: '1.0.0' } });
    expect(impact.accounts[0]).toMatchObject({ name: 'Detractor KK', band: true, driver: { kind: 'measure', signalId: 'nps', label: { en: 'NPS' } } });
    expect(await bg.db.accounts.toArray()).toEqual(before.accounts);
    expect(await bg.db.healthDays.count()).toBe(before.days);
    expect(await bg.db.packs.count()).toBe(before.packs);
  });

  test('an invalid pack is refused with words, not scored', async () => {
    const bg = makeBackground();
    await expect(bg.call('pack.impact', { json: '{"id": ' })).rejects.toThrow(/The pack is not valid: \(file\)/);
  });
});

describe('export', () => {
  test('for the URL and for policy, each with its version, hash and the diff from the version before', async () => {
    const bg = makeBackground();
    await bg.call('pack.install', { json: packJson(), source: 'editor' });
    bg.advance(1_000);
    await bg.call('pack.install', { json: v2, source: 'editor' });
    const url = await bg.call('pack.export', { target: 'url', extensionId: 'abcdefghijklmnopabcdefghijklmnop' });
    expect(url).toMatchObject({ fileName: 'sidecar-default-en-1.1.0.json', version: '1.1.0', previousVersion: '1.0.0', changes: ['Version: 1.0.0 → 1.1.0', 'Weight of NPS (Standard): 15 → 100'] });
    expect(url.sha256).toMatch(/^[0-9a-f]{64}$/);
    const policy = await bg.call('pack.export', { target: 'policy', extensionId: 'abcdefghijklmnopabcdefghijklmnop' });
    expect(Object.keys(JSON.parse(policy.text)['3rdparty'].extensions)).toEqual(['abcdefghijklmnopabcdefghijklmnop']);
    await expect(bg.call('pack.export', { target: 'policy', extensionId: 'x"; rm -rf' })).rejects.toThrow();
  });
});
