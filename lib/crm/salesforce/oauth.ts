// The pure half of Salesforce's OAuth 2.0 web-server flow with PKCE. The
// browser half (chrome.identity.launchWebAuthFlow) lives in the background.
import { crmErrors, fail, ok, requestJson, type CrmResult, type HttpOptions } from '../http.ts';
import { classifySalesforce } from './errors.ts';
import { apiHostFor } from './host.ts';
import * as z from 'zod';
import { OAuthError, TokenResponse } from './schemas.ts';

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** S256: base64url(SHA-256(verifier)), RFC 7636 §4.2. */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/**
 * A fresh verifier (32 random bytes → 43 base64url characters) and its S256
 * challenge. `random` fills a buffer; inject a fixed one in tests.
 */
export async function createPkce(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)): Promise<Pkce> {
  const verifier = base64Url(random(new Uint8Array(32)));
  return { verifier, challenge: await pkceChallenge(verifier) };
}

const LOGIN_HOSTS = new Set(['login.salesforce.com', 'test.salesforce.com']);

/** The https origin that serves /services/oauth2 for a My Domain, a Lightning host, or login/test. */
export function oauthOrigin(myDomain: string): string {
  const host = myDomain.includes('://') ? new URL(myDomain).hostname : myDomain.trim().toLowerCase();
  if (LOGIN_HOSTS.has(host)) return `https://${host}`;
  const api = apiHostFor(host);
  if (!api) throw new Error(`Not a Salesforce My Domain: ${myDomain}`);
  return `https://${api}`;
}

export interface AuthorizeParams {
  myDomain: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  state: string;
  scope?: string;
}

export function authorizeUrl(p: AuthorizeParams): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    state: p.state,
    scope: p.scope ?? 'api refresh_token',
  });
  return `${oauthOrigin(p.myDomain)}/services/oauth2/authorize?${q}`;
}

export interface TokenRequestBase {
  fetch: typeof fetch;
  myDomain: string;
  clientId: string;
  timeoutMs?: number;
  /**
   * Where the token endpoint lives when it is not the My Domain (a mock in
   * tests). Defaults to the My Domain's https origin.
   */
  tokenOrigin?: string;
}

export type TokenResult = CrmResult<TokenResponse>;

function tokenHttp(fetchFn: typeof fetch, timeoutMs: number | undefined): HttpOptions {
  return {
    crm: 'salesforce',
    fetch: fetchFn,
    timeoutMs: timeoutMs ?? 15_000,
    classify: (res) => {
      const e = OAuthError.safeParse(res.body);
      if (!e.success) return classifySalesforce(res, Date.now());
      // invalid_grant: the code expired or was used, or the refresh token was revoked. Signing in again fixes it.
      if (e.data.error === 'invalid_grant') return crmErrors.auth('salesforce', e.data.error_description ?? e.data.error);
      return crmErrors.validation('salesforce', `${e.data.error}${e.data.error_description ? `: ${e.data.error_description}` : ''}`);
    },
  };
}

async function token(p: TokenRequestBase, form: URLSearchParams): Promise<TokenResult> {
  let origin: string;
  try {
    origin = p.tokenOrigin ?? oauthOrigin(p.myDomain);
  } catch (e) {
    return fail(crmErrors.validation('salesforce', (e as Error).message));
  }
  const r = await requestJson(tokenHttp(p.fetch, p.timeoutMs), { method: 'POST', url: `${origin}/services/oauth2/token`, form }, TokenResponse);
  return r.ok ? ok(r.value.data) : r;
}

export function exchangeCode(p: TokenRequestBase & { redirectUri: string; code: string; verifier: string }): Promise<TokenResult> {
  return token(
    p,
    new URLSearchParams({ grant_type: 'authorization_code', code: p.code, client_id: p.clientId, redirect_uri: p.redirectUri, code_verifier: p.verifier }),
  );
}

/**
 * A new access token from a refresh token. No client secret: the External
 * Client App must not require one for the refresh token flow. When the app
 * rotates refresh tokens, the answer carries a new `refresh_token` and the one
 * sent is spent (a second use is `invalid_grant`): the caller must keep the new
 * one, or the next refresh signs the user out.
 */
export function refreshAccessToken(p: TokenRequestBase & { refreshToken: string }): Promise<TokenResult> {
  return token(p, new URLSearchParams({ grant_type: 'refresh_token', refresh_token: p.refreshToken, client_id: p.clientId }));
}

/**
 * Revoke a token at /services/oauth2/revoke (POST, form `token=…`). A refresh
 * token takes every access token issued from it along. Salesforce answers 200,
 * or 400 with `invalid_token` / `unsupported_token_type`; an already invalid
 * token counts as revoked.
 */
export async function revokeToken(p: Omit<TokenRequestBase, 'clientId'> & { token: string }): Promise<CrmResult<void>> {
  let origin: string;
  try {
    origin = p.tokenOrigin ?? oauthOrigin(p.myDomain);
  } catch (e) {
    return fail(crmErrors.validation('salesforce', (e as Error).message));
  }
  const base = tokenHttp(p.fetch, p.timeoutMs);
  const http: HttpOptions = {
    ...base,
    // invalid_token: spent, expired or revoked already, so nothing is left to revoke.
    classify: (res) => (OAuthError.safeParse(res.body).data?.error === 'invalid_token' ? crmErrors.notFound('salesforce', 'invalid_token') : base.classify(res)),
  };
  const r = await requestJson(http, { method: 'POST', url: `${origin}/services/oauth2/revoke`, form: new URLSearchParams({ token: p.token }) }, z.unknown());
  return r.ok || (r.error.kind === 'not-found' && r.error.detail === 'invalid_token') ? ok(undefined) : r;
}
