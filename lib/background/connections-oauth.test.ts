// Salesforce OAuth in connections.ts over the mock's token and revoke
// endpoints: a rotated refresh token is kept, one refresh serves every request
// that hit the expired token, a request is sent again once (never more), and a
// disconnect revokes the token.
import { afterEach, describe, expect, test } from 'vitest';
import { makeWorld, mockWebAuthFlow, oauthClients, SF_HOST, tokenRequests, type World } from '../../tests/support/notes-crm.ts';
import { createConnections } from './connections';
import { SidecarError } from '../messages/envelope';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const ACCOUNT = '001D000000IRFmaIAH';
const accountReads = (w: World) => w.salesforce.state.requests.log.filter((r) => r.method === 'GET' && r.path.endsWith(`/sobjects/Account/${ACCOUNT}`));

async function client(clients: Awaited<ReturnType<typeof oauthClients>>) {
  const sf = await clients.salesforce(SF_HOST);
  if (!sf) throw new Error('not connected');
  return sf.client;
}

const stored = async (w: World) => (await w.db.connections.get('salesforce'))?.secret;

describe('refresh token rotation', () => {
  test('the sign-in keeps a refresh token; a rotated one replaces it and the 2nd refresh uses it', async () => {
    const w = (world = await makeWorld());
    const clients = await oauthClients(w, { rotate: true });
    const signedIn = await stored(w);
    expect(signedIn).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), instanceUrl: 'https://acme.my.salesforce.com' });
    const sf = await client(clients);
    expect((await sf.getAccount(ACCOUNT, ['Name'])).ok).toBe(true);

    // The session times out: the read is refused once, refreshed, sent again, and answered.
    w.salesforce.state.expireAccessTokens();
    const tokensBefore = tokenRequests(w.salesforce);
    expect(await sf.getAccount(ACCOUNT, ['Name'])).toMatchObject({ ok: true, value: { Name: 'Acme Corp' } });
    const first = await stored(w);
    expect(first?.refreshToken).not.toBe(signedIn?.refreshToken);
    expect(first?.accessToken).not.toBe(signedIn?.accessToken);
    expect(w.salesforce.state.refreshTokens.has(signedIn!.refreshToken!)).toBe(false);
    expect(w.salesforce.state.refreshTokens.has(first!.refreshToken!)).toBe(true);

    // Again: only the rotated token can refresh now, and it does.
    w.salesforce.state.expireAccessTokens();
    expect((await sf.getAccount(ACCOUNT, ['Name'])).ok).toBe(true);
    const second = await stored(w);
    expect(second?.refreshToken).not.toBe(first?.refreshToken);
    expect(tokenRequests(w.salesforce) - tokensBefore).toBe(2);
    expect(accountReads(w).map((r) => r.status)).toEqual([200, 401, 200, 401, 200]);
    expect((await w.db.connections.get('salesforce'))?.lastError).toBeUndefined();
  });

  test('without rotation the refresh token stays and keeps working', async () => {
    const w = (world = await makeWorld());
    const clients = await oauthClients(w, { rotate: false });
    const signedIn = await stored(w);
    const sf = await client(clients);
    for (let i = 0; i < 2; i++) {
      w.salesforce.state.expireAccessTokens();
      expect((await sf.getAccount(ACCOUNT, ['Name'])).ok).toBe(true);
    }
    expect((await stored(w))?.refreshToken).toBe(signedIn?.refreshToken);
  });

  test('two requests hitting the expired token share one refresh (a rotated token works once)', async () => {
    const w = (world = await makeWorld());
    const clients = await oauthClients(w, { rotate: true });
    // Two clients, as the outbox and a record refresh each build their own.
    const [a, b] = [await client(clients), await client(clients)];
    w.salesforce.state.expireAccessTokens();
    const before = tokenRequests(w.salesforce);
    const results = await Promise.all([a.getAccount(ACCOUNT, ['Name']), b.getAccount(ACCOUNT, ['Name']), a.countOpenCases(ACCOUNT)]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(tokenRequests(w.salesforce) - before).toBe(1);
    expect((await w.db.connections.get('salesforce'))?.lastError).toBeUndefined();
  });

  test('a request that failed on a token already replaced is sent again without another refresh', async () => {
    const w = (world = await makeWorld());
    const clients = await oauthClients(w, { rotate: true });
    const sf = await client(clients);
    const old = (await stored(w))!.accessToken!;
    // The slow client's 401 is held until the other client has refreshed.
    w.salesforce.state.expireAccessTokens();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = createConnections({
      db: w.db,
      now: () => new Date(w.clock.now),
      fetch: async (input, init) => {
        const res = await w.fetch(input, init);
        if (res.status === 401) await gate;
        return res;
      },
      locale: () => 'en',
      readCookie: async () => null,
      launchWebAuthFlow: mockWebAuthFlow(w.salesforce),
      redirectUri: () => 'https://test.chromiumapp.org/',
      timeoutMs: 5_000,
    });
    const slowClient = (await slow.salesforce(SF_HOST))!.client;
    const pending = slowClient.getAccount(ACCOUNT, ['Name']);
    // Meanwhile the other client refreshes (one token request).
    const before = tokenRequests(w.salesforce);
    expect((await sf.getAccount(ACCOUNT, ['Name'])).ok).toBe(true);
    expect(tokenRequests(w.salesforce) - before).toBe(1);
    expect((await stored(w))?.accessToken).not.toBe(old);
    release();
    expect((await pending).ok).toBe(true);
    expect(tokenRequests(w.salesforce) - before).toBe(1);
  });
});

describe('a request is sent again once, never more', () => {
  test('a refreshed token that is refused too: two tries, one refresh, the 401 stands and the user is asked to sign in', async () => {
    const w = (world = await makeWorld());
    const clients = await oauthClients(w, { rotate: true });
    const sf = await client(clients);
    w.salesforce.state.faults.push({ status: 401, times: Infinity, match: (req) => req.path.includes('/sobjects/Account/') });
    const before = tokenRequests(w.salesforce);
    const r = await sf.getAccount(ACCOUNT, ['Name']);
    expect(r).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(accountReads(w)).toHaveLength(2);
    expect(tokenRequests(w.salesforce) - before).toBe(1);
    // The caller reports it, as the outbox and the record refresh do: no second refresh there.
    await clients.authFailed('salesforce', new SidecarError('auth', 'x'));
    expect(tokenRequests(w.salesforce) - before).toBe(1);
    expect((await w.db.connections.get('salesforce'))?.lastError?.code).toBe('auth');
    expect(await clients.salesforce(SF_HOST)).toBeNull();
  });

  test('a refresh token revoked in Salesforce: one try, the refresh is refused, the 401 stands', async () => {
    const w = (world = await makeWorld());
    const clients = await oauthClients(w, { rotate: true });
    const sf = await client(clients);
    w.salesforce.state.refreshTokens.clear();
    w.salesforce.state.expireAccessTokens();
    expect(await sf.getAccount(ACCOUNT, ['Name'])).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(accountReads(w)).toHaveLength(1);
  });

  test('the app refuses the client id on refresh: the 401 stands (sign in again), not a validation error', async () => {
    const w = (world = await makeWorld());
    const clients = await oauthClients(w, { rotate: true });
    const sf = await client(clients);
    await w.db.connections.update('salesforce', { clientId: 'deleted-app' });
    w.salesforce.state.expireAccessTokens();
    expect(await sf.getAccount(ACCOUNT, ['Name'])).toMatchObject({ ok: false, error: { kind: 'auth' } });
  });

  test('the token endpoint unreachable: the request fails with that (retried later), not as a sign-out', async () => {
    const w = (world = await makeWorld());
    const clients = await oauthClients(w, { rotate: true });
    const sf = await client(clients);
    const signedIn = await stored(w);
    w.salesforce.state.expireAccessTokens();
    w.salesforce.state.faults.push({ status: 503, match: (req) => req.path === '/services/oauth2/token' });
    expect(await sf.getAccount(ACCOUNT, ['Name'])).toMatchObject({ ok: false, error: { kind: 'server', status: 503 } });
    // Nothing was spent: the stored refresh token still works on the next try.
    expect((await stored(w))?.refreshToken).toBe(signedIn?.refreshToken);
    expect((await sf.getAccount(ACCOUNT, ['Name'])).ok).toBe(true);
  });

  test('session mode: a 401 on the session in memory re-reads the cookie once and sends again', async () => {
    const w = (world = await makeWorld());
    let sid = 'sid-old';
    w.salesforce.state.tokens.add('sid-old');
    const clients = createConnections({
      db: w.db,
      now: () => new Date(w.clock.now),
      fetch: w.fetch,
      locale: () => 'en',
      readCookie: async (_url, name) => (name === 'sid' ? { name: 'sid', value: sid, domain: 'acme.my.salesforce.com' } : null),
      launchWebAuthFlow: mockWebAuthFlow(w.salesforce),
      redirectUri: () => 'https://test.chromiumapp.org/',
      timeoutMs: 250,
    });
    await clients.salesforceConfigure({ mode: 'session', myDomain: 'acme.my.salesforce.com', noteMode: 'ContentNote' });
    const sf = (await clients.salesforce(SF_HOST))!.client;
    expect((await sf.getAccount(ACCOUNT, ['Name'])).ok).toBe(true);
    // The user signed in again in another tab: a new sid, the old one ended.
    w.salesforce.state.tokens.delete('sid-old');
    sid = 'sid-new';
    w.salesforce.state.tokens.add('sid-new');
    expect((await sf.getAccount(ACCOUNT, ['Name'])).ok).toBe(true);
    // The same dead cookie: one try, one cookie read, the 401 stands.
    w.salesforce.state.tokens.delete('sid-new');
    expect(await sf.getAccount(ACCOUNT, ['Name'])).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(accountReads(w).map((r) => r.status)).toEqual([200, 401, 200, 401]);
  });
});

describe('disconnect revokes the token', () => {
  test('the refresh token is revoked at Salesforce, and the access tokens issued from it stop working', async () => {
    const w = (world = await makeWorld());
    const clients = await oauthClients(w, { rotate: true });
    const signedIn = (await stored(w))!;
    const status = await clients.salesforceDisconnect();
    expect(status.connected).toBe(false);
    expect(await stored(w)).toBeUndefined();
    expect(w.salesforce.state.revoked).toEqual([signedIn.refreshToken]);
    expect(w.salesforce.state.tokens.has(signedIn.accessToken!)).toBe(false);
    expect(w.salesforce.state.refreshTokens.has(signedIn.refreshToken!)).toBe(false);
  });

  test('after a rotation it is the current refresh token that is revoked', async () => {
    const w = (world = await makeWorld());
    const clients = await oauthClients(w, { rotate: true });
    w.salesforce.state.expireAccessTokens();
    expect((await (await client(clients)).getAccount(ACCOUNT, ['Name'])).ok).toBe(true);
    const rotated = (await stored(w))!.refreshToken;
    await clients.salesforceDisconnect();
    expect(w.salesforce.state.revoked).toEqual([rotated]);
    expect(w.salesforce.state.refreshTokens.size).toBe(0);
  });

  test.each([
    ['Salesforce answers 500', (w: World) => w.salesforce.state.faults.push({ status: 500, match: (req) => req.path === '/services/oauth2/revoke' })],
    ['offline', (w: World) => void (w.control.offline = true)],
    ['the revoke never answers', (w: World) => w.salesforce.state.faults.push({ delayMs: 2_000, match: (req) => req.path === '/services/oauth2/revoke' })],
  ])('%s: the disconnect still happens, and says so in the log', async (_name, fault) => {
    const w = (world = await makeWorld());
    const logged: string[] = [];
    const clients = await oauthClients(w, { rotate: true, log: (m) => logged.push(m) });
    fault(w);
    const status = await clients.salesforceDisconnect();
    expect(status).toMatchObject({ connected: false, lastError: { code: 'disconnected' } });
    expect(await stored(w)).toBeUndefined();
    expect(await clients.salesforce(SF_HOST)).toBeNull();
    expect(logged).toHaveLength(1);
    expect(w.salesforce.state.revoked).toEqual([]);
  });

  test('a disconnect during a refresh wins: the rotated token in the answer is revoked, not stored', async () => {
    const w = (world = await makeWorld());
    await oauthClients(w, { rotate: true });
    // Salesforce has rotated; its answer is still on the way when the user disconnects.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let answered!: () => void;
    const tokenAnswered = new Promise<void>((r) => (answered = r));
    const clients = createConnections({
      db: w.db,
      now: () => new Date(w.clock.now),
      fetch: async (input, init) => {
        const res = await w.fetch(input, init);
        if (String(input).endsWith('/services/oauth2/token')) {
          answered();
          await gate;
        }
        return res;
      },
      locale: () => 'en',
      readCookie: async () => null,
      launchWebAuthFlow: mockWebAuthFlow(w.salesforce),
      redirectUri: () => 'https://test.chromiumapp.org/',
      timeoutMs: 5_000,
    });
    const sf = await client(clients);
    w.salesforce.state.expireAccessTokens();
    const read = sf.getAccount(ACCOUNT, ['Name']);
    await tokenAnswered;
    await clients.salesforceDisconnect();
    release();
    expect(await read).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(await stored(w)).toBeUndefined();
    // The stored token was already spent by the rotation; the one in the answer is revoked, with its access token.
    expect(w.salesforce.state.revoked).toHaveLength(1);
    expect(w.salesforce.state.refreshTokens.size).toBe(0);
    expect(accountReads(w)).toHaveLength(1);
  });
});
