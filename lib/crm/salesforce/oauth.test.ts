import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startSalesforceMock, type SalesforceMock } from '../../../tests/mocks/salesforce-server.ts';
import { createSalesforceClient } from './client.ts';
import { authorizeUrl, createPkce, exchangeCode, pkceChallenge, refreshAccessToken, revokeToken } from './oauth.ts';

// RFC 7636, appendix B.
const RFC_BYTES = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE', () => {
  test('RFC 7636 appendix B: the known verifier gives the known challenge', async () => {
    expect(await pkceChallenge(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
  });

  test('createPkce with injected random bytes reproduces the RFC pair', async () => {
    const pkce = await createPkce((buf) => {
      buf.set(RFC_BYTES);
      return buf;
    });
    expect(pkce).toEqual({ verifier: RFC_VERIFIER, challenge: RFC_CHALLENGE });
  });

  test('the default random gives 43-character base64url verifiers that differ', async () => {
    const a = await createPkce();
    const b = await createPkce();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
  });
});

describe('authorizeUrl', () => {
  test.each([
    ['acme.my.salesforce.com', 'https://acme.my.salesforce.com'],
    ['acme.lightning.force.com', 'https://acme.my.salesforce.com'],
    ['https://acme--uat.sandbox.my.salesforce.com/', 'https://acme--uat.sandbox.my.salesforce.com'],
    ['login.salesforce.com', 'https://login.salesforce.com'],
  ])('%s → %s', (myDomain, origin) => {
    const url = new URL(authorizeUrl({ myDomain, clientId: 'cid', redirectUri: 'https://ext.chromiumapp.org/sf', challenge: RFC_CHALLENGE, state: 's1' }));
    expect(url.origin).toBe(origin);
    expect(url.pathname).toBe('/services/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'https://ext.chromiumapp.org/sf',
      code_challenge: RFC_CHALLENGE,
      code_challenge_method: 'S256',
      state: 's1',
      scope: 'api refresh_token',
    });
  });

  test('refuses a host that is not Salesforce', () => {
    expect(() => authorizeUrl({ myDomain: 'evil.example', clientId: 'c', redirectUri: 'r', challenge: 'x', state: 's' })).toThrow(/My Domain/);
  });
});

describe('exchangeCode against the mock token endpoint', () => {
  let mock: SalesforceMock;
  beforeEach(async () => {
    mock = await startSalesforceMock();
  });
  afterEach(async () => {
    await mock.close();
  });
  const base = () => ({ fetch, myDomain: 'acme.my.salesforce.com', tokenOrigin: mock.url, clientId: 'cid', redirectUri: 'https://ext.chromiumapp.org/sf' });

  test('the right verifier gets tokens that work on the API', async () => {
    const pkce = await createPkce();
    const code = mock.state.issueCode({ clientId: 'cid', redirectUri: 'https://ext.chromiumapp.org/sf', challenge: pkce.challenge });
    const r = await exchangeCode({ ...base(), code, verifier: pkce.verifier });
    expect(r).toMatchObject({ ok: true, value: { instance_url: mock.url, refresh_token: expect.any(String) } });
    if (!r.ok) return;
    const client = createSalesforceClient({ fetch, getSession: async () => ({ instanceUrl: r.value.instance_url, accessToken: r.value.access_token }) });
    expect((await client.getAccount('001D000000IRFma', ['Name'])).ok).toBe(true);
    const refreshed = await refreshAccessToken({ ...base(), refreshToken: r.value.refresh_token! });
    expect(refreshed).toMatchObject({ ok: true, value: { access_token: expect.any(String) } });
  });

  test('a wrong verifier is invalid_grant → auth (sign in again)', async () => {
    const pkce = await createPkce();
    const code = mock.state.issueCode({ clientId: 'cid', redirectUri: 'https://ext.chromiumapp.org/sf', challenge: pkce.challenge });
    const r = await exchangeCode({ ...base(), code, verifier: RFC_VERIFIER });
    expect(r).toMatchObject({ ok: false, error: { kind: 'auth', detail: 'invalid code verifier' } });
  });

  test('a mismatched redirect URI is a validation error', async () => {
    const pkce = await createPkce();
    const code = mock.state.issueCode({ clientId: 'cid', redirectUri: 'https://elsewhere.example/cb', challenge: pkce.challenge });
    expect(await exchangeCode({ ...base(), code, verifier: pkce.verifier })).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  test('a garbled token answer is malformed', async () => {
    const pkce = await createPkce();
    const code = mock.state.issueCode({ clientId: 'cid', redirectUri: 'https://ext.chromiumapp.org/sf', challenge: pkce.challenge });
    mock.state.faults.push({ applyAfterWrite: true, malformedJson: true });
    expect(await exchangeCode({ ...base(), code, verifier: pkce.verifier })).toMatchObject({ ok: false, error: { kind: 'malformed' } });
  });
});

describe('refresh token rotation and revocation against the mock', () => {
  let mock: SalesforceMock;
  beforeEach(async () => {
    mock = await startSalesforceMock();
  });
  afterEach(async () => {
    await mock.close();
  });
  const base = () => ({ fetch, myDomain: 'acme.my.salesforce.com', tokenOrigin: mock.url, clientId: 'cid', redirectUri: 'https://ext.chromiumapp.org/sf' });
  async function signIn() {
    const pkce = await createPkce();
    const code = mock.state.issueCode({ clientId: 'cid', redirectUri: 'https://ext.chromiumapp.org/sf', challenge: pkce.challenge });
    const r = await exchangeCode({ ...base(), code, verifier: pkce.verifier });
    if (!r.ok || !r.value.refresh_token) throw new Error('no sign-in');
    return { accessToken: r.value.access_token, refreshToken: r.value.refresh_token };
  }
  const api = (accessToken: string) => createSalesforceClient({ fetch, getSession: async () => ({ instanceUrl: mock.url, accessToken }) }).getAccount('001D000000IRFma', ['Name']);

  test('with rotation the answer carries a new refresh token, and the one sent is spent', async () => {
    mock.state.rotateRefreshTokens = true;
    const first = await signIn();
    const r1 = await refreshAccessToken({ ...base(), refreshToken: first.refreshToken });
    expect(r1).toMatchObject({ ok: true, value: { access_token: expect.any(String), refresh_token: expect.any(String) } });
    if (!r1.ok) return;
    const rotated = r1.value.refresh_token!;
    expect(rotated).not.toBe(first.refreshToken);
    // The spent token is refused as Salesforce refuses it: invalid_grant → auth (sign in again).
    expect(await refreshAccessToken({ ...base(), refreshToken: first.refreshToken })).toMatchObject({ ok: false, error: { kind: 'auth' } });
    const r2 = await refreshAccessToken({ ...base(), refreshToken: rotated });
    expect(r2).toMatchObject({ ok: true, value: { refresh_token: expect.any(String) } });
    if (r2.ok) expect((await api(r2.value.access_token)).ok).toBe(true);
  });

  test('without rotation the answer has no refresh token and the same one keeps working', async () => {
    const first = await signIn();
    const r1 = await refreshAccessToken({ ...base(), refreshToken: first.refreshToken });
    expect(r1.ok && r1.value.refresh_token).toBe(undefined);
    expect((await refreshAccessToken({ ...base(), refreshToken: first.refreshToken })).ok).toBe(true);
  });

  test('a refresh under another client id is refused', async () => {
    const first = await signIn();
    expect(await refreshAccessToken({ ...base(), clientId: 'other', refreshToken: first.refreshToken })).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  test('revoking the refresh token revokes it and the access tokens issued from it', async () => {
    const first = await signIn();
    expect((await api(first.accessToken)).ok).toBe(true);
    expect(await revokeToken({ ...base(), token: first.refreshToken })).toEqual({ ok: true, value: undefined });
    expect(mock.state.revoked).toEqual([first.refreshToken]);
    expect(await api(first.accessToken)).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(await refreshAccessToken({ ...base(), refreshToken: first.refreshToken })).toMatchObject({ ok: false, error: { kind: 'auth' } });
  });

  test('a token already invalid counts as revoked; a server error or no network is an error', async () => {
    expect(await revokeToken({ ...base(), token: 'never-issued' })).toEqual({ ok: true, value: undefined });
    mock.state.faults.push({ status: 500 });
    expect(await revokeToken({ ...base(), token: 'x' })).toMatchObject({ ok: false, error: { kind: 'server' } });
    const offline: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await revokeToken({ ...base(), fetch: offline, token: 'x' })).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  test('the revoke request is a form POST to /services/oauth2/revoke on the My Domain', async () => {
    const seen: Array<{ url: string; method?: string; type?: string | null; body?: string }> = [];
    const spy: typeof fetch = async (input, init) => {
      seen.push({ url: String(input), method: init?.method, type: new Headers(init?.headers).get('content-type'), body: String(init?.body) });
      return new Response(null, { status: 200 });
    };
    expect((await revokeToken({ fetch: spy, myDomain: 'acme--uat.sandbox.lightning.force.com', token: 'a b&c' })).ok).toBe(true);
    expect(seen).toEqual([{ url: 'https://acme--uat.sandbox.my.salesforce.com/services/oauth2/revoke', method: 'POST', type: 'application/x-www-form-urlencoded', body: 'token=a+b%26c' }]);
  });
});
