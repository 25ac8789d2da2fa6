import { afterEach, describe, expect, test } from 'vitest';
import { makeWorld, type World } from '../../tests/support/notes-crm.ts';
import { defaultConfigPack } from '../engine/index.ts';
import { CHANNEL } from '../messages/envelope';
import type { Settings } from '../messages/protocol';
import { sha256Hex } from '../team/pack-source.ts';
import { notAllowed } from './connections';
import { quietWorld } from '../../tests/support/background.ts';
import { createBackground, TEAM_ALARM } from './create-background';

// The team's pack through the background factory: what a policy or a pack URL installs, and that
// a source that fails never takes the last good pack away.

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const PACK_URL = 'https://ops.example.com/sidecar/pack.json';
const pack = (version: string) => JSON.stringify({ ...defaultConfigPack('en'), id: 'acme-cs', name: 'ACME CS map', version });

/** The pack server the background fetches from: the test sets what it answers. */
function packServer() {
  const state = { status: 200, body: pack('3'), type: 'application/json', hits: 0 };
  const fetch = (async (input: RequestInfo | URL) => {
    state.hits++;
    const res = new Response(state.body, { status: state.status, headers: { 'content-type': state.type } });
    Object.defineProperty(res, 'url', { value: String(input) });
    return res;
  }) as typeof globalThis.fetch;
  return { state, fetch };
}

interface BuildOptions {
  policy?: Record<string, unknown>;
  granted?: boolean;
  /** Managed storage answers only when the test releases it (Chromium at a slow browser start). */
  slowPolicy?: { release: Promise<void> };
  /** The policy last seen, as the entrypoint keeps it in extension storage. */
  cache?: { raw: unknown; writes: number; onWrite?: () => void };
}

function build(w: World, options: BuildOptions = {}) {
  const settings: Settings = { locale: 'en' };
  const server = packServer();
  let policy = options.policy ?? {};
  let onPolicy: (() => void) | undefined;
  const cache = options.cache;
  const bg = createBackground({
    db: w.db,
    now: () => new Date(w.clock.now),
    fetch: w.fetch,
    fetchPack: server.fetch,
    browserLocale: () => 'en-US',
    settings: { get: async () => settings, set: async () => {} },
    ...quietWorld,
    readManaged: async () => {
      if (options.slowPolicy) await options.slowPolicy.release;
      return policy;
    },
    ...(cache
      ? {
          policyCache: {
            get: async () => cache.raw,
            set: async (raw: unknown) => {
              cache.raw = raw;
              cache.writes++;
              cache.onWrite?.();
            },
          },
        }
      : {}),
    policyWaitMs: 20,
    onManagedChanged: (listener) => void (onPolicy = listener),
    hasOrigin: async () => options.granted ?? true,
  });
  const ask = async (type: string, data: unknown = {}) => bg.onMessage({ channel: CHANNEL, type, data }, { fromExtensionPage: true, fromTab: false });
  return {
    bg,
    server,
    ask,
    status: async () => ((await ask('team.status')) as { data: Record<string, never> & { pack: { name: string; version: string; source: string }; lastCheck?: { ok: boolean; message?: string; errors: Array<{ path: string }> } } }).data,
    setPolicy(next: Record<string, unknown>) {
      policy = next;
      onPolicy?.();
    },
  };
}

describe('a policy URL', () => {
  test('installs the team’s pack at start; a URL that then fails (404, HTML, invalid pack, another hash) keeps the last good pack and says why', async () => {
    const w = (world = await makeWorld());
    const t = build(w, { policy: { packUrl: PACK_URL, role: 'csops' } });
    await t.bg.start();
    let s = await t.status();
    expect(s).toMatchObject({ governs: 'policy-url', managed: true, role: 'csops', roleManaged: true, pack: { name: 'ACME CS map', version: '3', source: 'policy', url: PACK_URL }, lastCheck: { ok: true } });
    expect((await t.bg.handlers['pack.view']({}, { fromExtensionPage: true })).source).toBe('policy');

    t.server.state.status = 404;
    t.bg.onAlarm(TEAM_ALARM);
    await expect.poll(async () => (await t.status()).lastCheck?.ok, { timeout: 5_000 }).toBe(false);
    s = await t.status();
    expect(s.pack).toMatchObject({ name: 'ACME CS map', version: '3', source: 'policy' });
    expect(s.lastCheck?.message).toMatch(/HTTP 404.*keeps the last good pack/);

    t.server.state.status = 200;
    t.server.state.type = 'text/html';
    t.server.state.body = '<!doctype html><title>Sign in</title>';
    await t.bg.start();
    expect((await t.status()).lastCheck?.message).toMatch(/returned a web page/);

    const invalid = JSON.parse(pack('4')) as { scorecards: Array<{ measures: Array<{ weight: number }> }> };
    invalid.scorecards[0]!.measures[0]!.weight = -1;
    t.server.state.type = 'application/json';
    t.server.state.body = JSON.stringify(invalid);
    await t.bg.start();
    s = await t.status();
    expect(s.pack.version).toBe('3');
    expect(s.lastCheck?.errors[0]?.path).toMatch(/^scorecards\[0\]\.measures\[0\]\.weight/);

    // The policy now pins a hash the served pack does not have.
    t.server.state.body = pack('5');
    t.setPolicy({ packUrl: PACK_URL, packSha256: 'ab'.repeat(32) });
    await expect.poll(async () => (await t.status()).lastCheck?.message ?? '', { timeout: 5_000 }).toMatch(/does not match the pinned SHA-256/);
    expect((await t.status()).pack.version).toBe('3');

    // The right hash: version 5 goes in, version 3 stays in history.
    t.setPolicy({ packUrl: PACK_URL, packSha256: await sha256Hex(new TextEncoder().encode(pack('5'))) });
    await expect.poll(async () => (await t.status()).pack.version, { timeout: 5_000 }).toBe('5');
    expect((await w.db.packs.toArray()).filter((r) => r.id.startsWith('history:')).length).toBeGreaterThanOrEqual(1);
  });

  test('a pack managed by policy cannot be installed, reset or re-pointed here, and the role is IT’s', async () => {
    const w = (world = await makeWorld());
    const t = build(w, { policy: { pack: pack('7'), role: 'csm' } });
    await t.bg.start();
    expect(await t.status()).toMatchObject({ governs: 'policy-inline', managed: true, pack: { version: '7', source: 'policy' } });
    expect(await t.ask('pack.install', { json: pack('8'), source: 'editor' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/IT administrator manages the config pack/) } });
    expect(await t.ask('pack.reset')).toMatchObject({ ok: false, error: { code: 'pack-managed' } });
    expect(await t.ask('team.role.set', { role: 'csops' })).toMatchObject({ ok: false, error: { code: 'role-managed' } });
    expect((await t.status()).pack.version).toBe('7');
  });

  test('a policy that breaks its schema: the bad values are left out and named, the good ones apply', async () => {
    const w = (world = await makeWorld());
    const t = build(w, { policy: { packUrl: 'http://ops.example.com/pack.json', role: 'boss', allowedHubspotPortals: '123' } });
    await t.bg.start();
    const s = await t.status();
    expect(s).toMatchObject({ governs: 'local', managed: false, role: 'csm', roleManaged: false });
    expect((s as unknown as { policy: { problems: Array<{ path: string }> } }).policy.problems.map((p) => p.path)).toEqual(['packUrl', 'role', 'allowedHubspotPortals']);
    expect(t.server.state.hits).toBe(0);
  });
});

describe('the user’s pack URL', () => {
  test('only HTTPS is saved; without the origin’s permission nothing is fetched and the status says what to do', async () => {
    const w = (world = await makeWorld());
    const t = build(w, { granted: false });
    expect(await t.ask('team.url.set', { url: 'http://ops.example.com/pack.json' })).toMatchObject({ ok: false, error: { code: 'invalid-url' } });
    const answer = (await t.ask('team.url.set', { url: PACK_URL })) as { data: { governs: string; lastCheck: { message: string } } };
    expect(answer.data.governs).toBe('user-url');
    expect(answer.data.lastCheck.message).toMatch(/may not read https:\/\/ops\.example\.com yet/);
    expect(t.server.state.hits).toBe(0);
  });

  test('a URL pack is installed as "url"; installing a file is refused while the URL governs; removing the URL frees it', async () => {
    const w = (world = await makeWorld());
    const t = build(w);
    expect(await t.ask('team.url.set', { url: PACK_URL })).toMatchObject({ ok: true, data: { governs: 'user-url', pack: { source: 'url', version: '3' } } });
    expect(await t.ask('pack.install', { json: pack('9'), source: 'editor' })).toMatchObject({ ok: false, error: { code: 'pack-managed' } });
    await t.ask('team.url.set', { url: null });
    expect(await t.ask('pack.install', { json: pack('9'), source: 'editor' })).toMatchObject({ ok: true, data: { ok: true } });
    expect((await t.status()).pack).toMatchObject({ version: '9', source: 'editor' });
  });
});

describe('allowed portals and orgs', () => {
  test.each([
    [null, { crm: 'hubspot', portalId: '1' }, null],
    [{ hubspot: ['1'] }, { crm: 'hubspot', portalId: '1' }, null],
    [{ hubspot: ['1'] }, { crm: 'hubspot', portalId: '2' }, 'account.not-allowed-portal'],
    [{ hubspot: [] }, { crm: 'hubspot', portalId: '1' }, 'account.not-allowed-portal'],
    [{ hubspot: ['1'] }, { crm: 'salesforce', pageHost: 'acme.lightning.force.com' }, null],
    [{ salesforce: ['acme.my.salesforce.com'] }, { crm: 'salesforce', pageHost: 'acme.lightning.force.com' }, null],
    [{ salesforce: ['acme.my.salesforce.com'] }, { crm: 'salesforce', pageHost: 'acme--uat.sandbox.lightning.force.com' }, 'account.not-allowed-org'],
    [{ salesforce: ['acme.my.salesforce.com'] }, { crm: 'salesforce', pageHost: 'evil.lightning.force.com' }, 'account.not-allowed-org'],
  ] as const)('%j, %j → %s', (allowed, page, key) => {
    const err = notAllowed(allowed, page);
    if (key === null) expect(err).toBeNull();
    else expect(err?.key).toBe(key);
  });

  test('a note on a portal outside the policy’s list never reaches the CRM', async () => {
    const w = (world = await makeWorld());
    const t = build(w, { policy: { allowedHubspotPortals: ['999'] } });
    const saved = await t.ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: 'Not here', ratings: {}, touchpoint: 'call' });
    expect(saved).toMatchObject({ ok: true });
    await expect.poll(async () => (await w.db.notes.toArray())[0]?.status, { timeout: 5_000 }).toBe('failed');
    expect((await w.db.notes.toArray())[0]?.error).toMatch(/allows Sidecar in the HubSpot portals 999 only/);
    expect(w.hubspot.state.objects.notes.size).toBe(0);
  });
});

describe('a browser start where Chromium is slow to answer the policy', () => {
  /** The answer re-checks the pack and the outbox may still be running: let both finish before the world closes. */
  async function settle(t: ReturnType<typeof build>) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    await t.status();
    await t.ask('outbox.retry');
  }

  /** A gate the test opens: managed storage answers only then. */
  function gate() {
    let open = () => {};
    const release = new Promise<void>((resolve) => (open = resolve));
    return { release, open };
  }

  test('the policy last seen governs meanwhile: a note on a portal it does not allow never reaches the CRM, and nothing waits on the read', async () => {
    const w = (world = await makeWorld());
    const slow = gate();
    const cache = { raw: { allowedHubspotPortals: ['999'] } as unknown, writes: 0 };
    const t = build(w, { policy: { allowedHubspotPortals: ['999'] }, slowPolicy: slow, cache });
    await t.ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: 'Not here either', ratings: {}, touchpoint: 'call' });
    await expect.poll(async () => (await w.db.notes.toArray())[0]?.status, { timeout: 5_000 }).toBe('failed');
    expect((await w.db.notes.toArray())[0]?.error).toMatch(/allows Sidecar in the HubSpot portals 999 only/);
    expect(w.hubspot.state.objects.notes.size).toBe(0);
    expect(cache.writes).toBe(0);
    slow.open();
    await expect.poll(() => cache.writes).toBe(1);
    await settle(t);
  });

  test('a queued note is sent while the read is still out, when the policy last seen allows its portal', async () => {
    const w = (world = await makeWorld());
    const slow = gate();
    const cache = { raw: {} as unknown, writes: 0 };
    const t = build(w, { slowPolicy: slow, cache });
    await t.ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: 'Sent without waiting', ratings: {}, touchpoint: 'call' });
    await expect.poll(async () => (await w.db.notes.toArray())[0]?.status, { timeout: 5_000 }).toBe('synced');
    expect(w.hubspot.state.objects.notes.size).toBe(1);
    slow.open();
    await expect.poll(() => cache.writes).toBe(1);
    await settle(t);
  });

  test('the status answers at once from the stand-in; when the read answers, the policy’s pack is checked and installed', async () => {
    const w = (world = await makeWorld());
    const slow = gate();
    const cache: { raw: unknown; writes: number; onWrite?: () => void } = { raw: {}, writes: 0 };
    const t = build(w, { policy: { packUrl: PACK_URL }, slowPolicy: slow, cache });
    await t.bg.start();
    let s = await t.status();
    expect(s).toMatchObject({ governs: 'local', managed: false, policyPending: true, policy: { present: false } });
    expect(t.server.state.hits).toBe(0);
    // Asked the moment Chromium's answer is in, before the check it starts has run: the status waits for that check.
    const asked = new Promise<Awaited<ReturnType<typeof t.status>>>((resolve) => (cache.onWrite = () => resolve(t.status())));
    slow.open();
    s = await asked;
    expect(s).toMatchObject({ governs: 'policy-url', managed: true, policyPending: false, pack: { name: 'ACME CS map', version: '3', source: 'policy', url: PACK_URL } });
    expect(cache.raw).toEqual({ packUrl: PACK_URL });
    await settle(t);
  });
});
