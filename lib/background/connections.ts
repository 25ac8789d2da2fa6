import { crmErrors, fail, ok, type CrmError, type CrmResult } from '../crm/http.ts';
import { createHubspotClient, type HubspotClient } from '../crm/hubspot/client.ts';
import { createHubspotNotes, type HubspotNotePlace } from '../crm/hubspot/notes.ts';
import type { CrmFields } from '../crm/fields.ts';
import { createHubspotFields } from '../crm/hubspot/fields.ts';
import { createHubspotHandover } from '../crm/hubspot/handover.ts';
import { createSalesforceHandover } from '../crm/salesforce/handover.ts';
import type { CrmHandover } from '../crm/handover.ts';
import type { CrmNotes } from '../crm/notes.ts';
import { createSalesforceFields } from '../crm/salesforce/fields.ts';
import type { CrmSetup } from '../crm/setup.ts';
import { createHubspotSetup } from '../crm/hubspot/setup.ts';
import { createSalesforceSetup } from '../crm/salesforce/setup.ts';
import { createSalesforceNotes } from '../crm/salesforce/notes.ts';
import { createSalesforceClient, type NoteMode, type SalesforceClient, type SalesforceSession } from '../crm/salesforce/client.ts';
import { apiHostFor } from '../crm/salesforce/host.ts';
import { authorizeUrl, createPkce, exchangeCode, refreshAccessToken, revokeToken } from '../crm/salesforce/oauth.ts';
import { sessionFromCookie, sidCookieFor, type CookieLike } from '../crm/salesforce/session.ts';
import type { ConnectionRow, SidecarDb } from '../db/schema';
import type { Locale } from '../engine/types.ts';
import { type SidecarError } from '../messages/envelope';
import type { ConnectionsStatus } from '../messages/options';
import { errorText } from '../i18n/errors.ts';
import { sidecarError, toSidecarError } from './crm-errors';
import type { AllowedAccounts } from '../team/policy.ts';
import type { Connections } from './options-handlers';

export interface ConnectionDeps {
  db: SidecarDb;
  now: () => Date;
  fetch: typeof fetch;
  locale: () => Locale;
  /** chrome.cookies.get, injected: the background reads the org's session cookie and keeps it in memory only. */
  readCookie: (url: string, name: string) => Promise<CookieLike | null>;
  /** chrome.identity.launchWebAuthFlow, injected; resolves to the redirect URL. */
  launchWebAuthFlow: (url: string) => Promise<string>;
  redirectUri: () => string;
  hubspotBaseUrl?: string;
  /** Per-request timeout for the clients (their default when omitted). */
  timeoutMs?: number;
  /** Sees what is worth knowing but not worth an error: a token Salesforce could not be asked to revoke. */
  log?: (message: string, detail?: unknown) => void;
  /** The portals and orgs IT's policy allows (lib/background/team.ts); null or absent: all. */
  allowed?: () => Promise<AllowedAccounts | null>;
}

/** How long a disconnect waits for Salesforce to revoke the token before it is done anyway. */
export const REVOKE_TIMEOUT_MS = 5_000;

/** Where one account's notes live: the portal or page host says which connection may touch them. */
export type NotePlace =
  | ({ crm: 'hubspot'; portalId: string } & HubspotNotePlace)
  | { crm: 'salesforce'; pageHost: string; accountId: string };

export interface CrmClients {
  /**
   * A client for the connected portal; null when HubSpot is not connected.
   * With `portalId`, a page of another portal throws a 'wrong-account' SidecarError naming both.
   */
  hubspot(portalId?: string): Promise<HubspotClient | null>;
  /**
   * A client for the org a page on `pageHost` belongs to, and how notes are written there.
   * An OAuth connection to another org (a sandbox's included) throws a 'wrong-account' SidecarError naming both.
   */
  salesforce(pageHost: string): Promise<{ client: SalesforceClient; noteMode: NoteMode } | null>;
  /** One account's notes in its CRM; null when not connected; a failure when the account is not the connected one's. */
  notes(place: NotePlace): Promise<CrmResult<CrmNotes> | null>;
  /**
   * The connected CRM's fields for publishing (lib/crm/fields.ts), and the host records are keyed by
   * (the HubSpot portal, the Salesforce org's My Domain); null when not connected.
   */
  /** `pageHost`: the Salesforce org to use when the connection names none (a session connection: the org of the record in hand). */
  fields(crm: 'hubspot' | 'salesforce', pageHost?: string): Promise<{ fields: CrmFields; host: string; portalId?: string } | null>;
  /** The connected CRM's field setup (lib/crm/setup.ts: check, create, grant), as fields(crm) gives its fields; null when not connected. */
  setup(crm: 'hubspot' | 'salesforce'): Promise<CrmSetup | null>;
  /** The connected CRM's reads for a handover sheet (lib/crm/handover.ts), as fields(crm) gives its fields; null when not connected. */
  handover(crm: 'hubspot' | 'salesforce'): Promise<CrmHandover | null>;
  /** A 401 or 403: stop using these credentials until the user reconnects. */
  authFailed(crm: 'hubspot' | 'salesforce', error: SidecarError): Promise<void>;
  hasCredentials(crm: 'hubspot' | 'salesforce'): Promise<boolean>;
  /** How Salesforce is reached: the browser's session (needs a signed-in tab's cookie) or OAuth (a token of its own). */
  salesforceMode(): Promise<'session' | 'oauth'>;
}

/**
 * Why this connection must not touch a record of `portalId` (HubSpot) or a
 * page on `pageHost` (Salesforce OAuth), or null. Sandbox copies share record
 * ids with production, so the org is compared with its sandbox suffix.
 */
export function wrongAccount(row: ConnectionRow, page: { crm: 'hubspot'; portalId: string } | { crm: 'salesforce'; pageHost: string }): CrmError | null {
  if (page.crm === 'hubspot') {
    if (!row.portalId || row.portalId === page.portalId) return null;
    return crmErrors.invalid('hubspot', 'account.wrong-portal', { page: page.portalId, connected: row.portalId });
  }
  if ((row.mode ?? 'session') !== 'oauth') return null;
  const pageOrg = apiHostFor(page.pageHost) ?? page.pageHost;
  let connected: string | null = null;
  try {
    connected = row.secret?.instanceUrl ? (apiHostFor(new URL(row.secret.instanceUrl).hostname) ?? new URL(row.secret.instanceUrl).hostname) : null;
  } catch {
    connected = null;
  }
  connected ??= row.myDomain ? apiHostFor(row.myDomain) : null;
  if (!connected || connected === pageOrg) return null;
  return crmErrors.invalid('salesforce', 'account.wrong-org', { page: pageOrg, connected });
}

/**
 * A page outside the portals or orgs IT's policy allows: Sidecar neither reads nor writes there.
 * Salesforce orgs are compared by their My Domain API host, so a sandbox is its own org.
 */
export function notAllowed(allowed: AllowedAccounts | null | undefined, page: { crm: 'hubspot'; portalId: string } | { crm: 'salesforce'; pageHost: string }): CrmError | null {
  if (!allowed) return null;
  if (page.crm === 'hubspot') {
    if (!allowed.hubspot || allowed.hubspot.includes(page.portalId)) return null;
    return crmErrors.invalid('hubspot', 'account.not-allowed-portal', { page: page.portalId, allowed: allowed.hubspot.join(', ') || '—' });
  }
  if (!allowed.salesforce) return null;
  const org = apiHostFor(page.pageHost) ?? page.pageHost;
  if (allowed.salesforce.includes(org)) return null;
  return crmErrors.invalid('salesforce', 'account.not-allowed-org', { page: org, allowed: allowed.salesforce.join(', ') || '—' });
}

export function createConnections(deps: ConnectionDeps): Connections & CrmClients {
  const { db, now } = deps;
  // Salesforce session ids live here only, never on disk, and are dropped on a 401.
  const sessions = new Map<string, { instanceUrl: string; accessToken: string }>();

  const row = async (id: 'hubspot' | 'salesforce'): Promise<ConnectionRow> => (await db.connections.get(id)) ?? { id };
  const refused = async (page: Parameters<typeof notAllowed>[1]) => notAllowed(deps.allowed ? await deps.allowed() : null, page);
  const errorInfo = (r: ConnectionRow) => (r.lastError ? { lastError: { code: r.lastError.code, message: r.lastError.message } } : {});

  async function hubspotStatus(): Promise<ConnectionsStatus['hubspot']> {
    const r = await row('hubspot');
    return {
      connected: !!r.secret?.token && !r.lastError,
      ...(r.portalId ? { portalId: r.portalId } : {}),
      ...(r.connectedAt ? { connectedAt: r.connectedAt } : {}),
      ...errorInfo(r),
    };
  }

  async function salesforceStatus(): Promise<ConnectionsStatus['salesforce']> {
    const r = await row('salesforce');
    const mode = r.mode ?? 'session';
    // Session mode is "connected" while this browser holds a session for the configured org;
    // without a My Domain Sidecar still uses whichever org a page is on, but cannot vouch for it here.
    const sessionLive = async () => {
      const which = r.myDomain ? sidCookieFor(r.myDomain) : null;
      return !!which && !!(await deps.readCookie(which.url, which.name).catch(() => null));
    };
    const connected = r.lastError ? false : mode === 'oauth' ? !!r.secret?.accessToken : await sessionLive();
    return {
      connected,
      mode,
      noteMode: r.noteMode ?? 'ContentNote',
      ...(r.myDomain ? { myDomain: r.myDomain } : {}),
      ...(r.clientId ? { clientId: r.clientId } : {}),
      ...(r.connectedAt ? { connectedAt: r.connectedAt } : {}),
      ...errorInfo(r),
    };
  }

  const hubspotClient = (token: string) =>
    createHubspotClient({ token, fetch: deps.fetch, now: () => now().getTime(), ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}), ...(deps.hubspotBaseUrl ? { baseUrl: deps.hubspotBaseUrl } : {}) });

  async function sessionFor(pageHost: string) {
    const api = apiHostFor(pageHost);
    if (!api) throw sidecarError('not-found', 'salesforce.not-org-host', { host: pageHost }, deps.locale());
    const cached = sessions.get(api);
    if (cached) return cached;
    const which = sidCookieFor(pageHost);
    const cookie = which ? await deps.readCookie(which.url, which.name) : null;
    const session = cookie ? sessionFromCookie(cookie) : null;
    if (!session) {
      throw sidecarError('auth', 'salesforce.no-session', { host: api }, deps.locale());
    }
    sessions.set(api, session);
    return session;
  }

  // One OAuth refresh at a time: with rotation a refresh token works once, so a second
  // refresh started with the same token would be refused and sign the user out.
  let refreshing: Promise<CrmResult<void>> | null = null;

  /**
   * Trade the stored refresh token for a new access token, and keep what the
   * answer brings: the access token, the instance URL and, when the app rotates
   * refresh tokens, the new refresh token (the old one is spent). Stored in one
   * transaction, and only while the row still holds the refresh token that was
   * used: a disconnect or a new sign-in during the refresh wins, and a rotated
   * token nobody will keep is revoked.
   */
  function refreshOAuth(): Promise<CrmResult<void>> {
    refreshing ??= (async () => {
      const r = await row('salesforce');
      const used = r.secret?.refreshToken;
      if ((r.mode ?? 'session') !== 'oauth' || !used || !r.myDomain || !r.clientId) return fail(crmErrors.auth('salesforce', 'no refresh token'));
      const fresh = await refreshAccessToken({ fetch: deps.fetch, myDomain: r.myDomain, clientId: r.clientId, refreshToken: used, ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) });
      if (!fresh.ok) return fresh;
      const kept = await db.transaction('rw', db.connections, async () => {
        const current = await db.connections.get('salesforce');
        if (!current?.secret || current.secret.refreshToken !== used) return false;
        await db.connections.put({
          ...current,
          secret: { ...current.secret, accessToken: fresh.value.access_token, instanceUrl: fresh.value.instance_url, refreshToken: fresh.value.refresh_token ?? used },
          lastCheckedAt: now().toISOString(),
        });
        return true;
      });
      if (kept) return ok(undefined);
      const orphan = fresh.value.refresh_token;
      if (orphan && orphan !== used) await revokeQuietly(r.myDomain, orphan);
      return fail(crmErrors.auth('salesforce', 'signed out during the refresh'));
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** Revoke a token; a failure is logged, never thrown: the token is already forgotten here. */
  async function revokeQuietly(myDomain: string, token: string): Promise<boolean> {
    const r = await revokeToken({ fetch: deps.fetch, myDomain, token, timeoutMs: Math.min(deps.timeoutMs ?? REVOKE_TIMEOUT_MS, REVOKE_TIMEOUT_MS) }).catch((e: unknown) =>
      fail(crmErrors.network('salesforce', String(e))),
    );
    if (!r.ok) (deps.log ?? console.warn)('Sidecar: Salesforce did not revoke the token; it stays valid there until it expires or is revoked in Salesforce', r.error);
    return r.ok;
  }

  /**
   * The client's 401 hook in OAuth mode: refresh once for everyone whose
   * request failed on the stored token; a request that failed on a token
   * already replaced just tries again with the new one.
   */
  async function renewOAuth(failed: SalesforceSession): Promise<CrmResult<boolean>> {
    const r = await row('salesforce');
    if (r.secret?.accessToken && r.secret.accessToken !== failed.accessToken) return ok(true);
    const refreshed = await refreshOAuth();
    if (refreshed.ok) return ok(true);
    // Not reached (offline, timeout, 5xx, 429, a garbled answer): that is the request's error, and it
    // is retried later with the refresh token unspent. Refused (invalid_grant, the app's client id
    // gone, no refresh token): the 401 stands and the user signs in again.
    const e = refreshed.error;
    const transient = e.kind === 'network' || e.kind === 'timeout' || e.kind === 'server' || e.kind === 'rate-limit' || e.kind === 'malformed';
    return transient ? refreshed : ok(false);
  }

  /** The client's 401 hook in session mode: the cookie may hold a newer session than the one in memory. */
  async function renewSession(pageHost: string, failed: SalesforceSession): Promise<CrmResult<boolean>> {
    const api = apiHostFor(pageHost);
    if (api && sessions.get(api)?.accessToken === failed.accessToken) sessions.delete(api);
    try {
      return ok((await sessionFor(pageHost)).accessToken !== failed.accessToken);
    } catch {
      return ok(false);
    }
  }

  async function oauthSession(): Promise<{ instanceUrl: string; accessToken: string }> {
    const r = await row('salesforce');
    if (!r.secret?.accessToken || !r.secret.instanceUrl) throw sidecarError('auth', 'salesforce.oauth-sign-in', undefined, deps.locale());
    return { instanceUrl: r.secret.instanceUrl, accessToken: r.secret.accessToken };
  }

  async function salesforceFor(pageHost: string): Promise<{ client: SalesforceClient; noteMode: NoteMode } | null> {
    const r = await row('salesforce');
    if (r.lastError) return null;
    const wrong = wrongAccount(r, { crm: 'salesforce', pageHost }) ?? (await refused({ crm: 'salesforce', pageHost }));
    if (wrong) throw toSidecarError(wrong, deps.locale());
    const mode = r.mode ?? 'session';
    if (mode === 'oauth' && !r.secret?.accessToken) return null;
    const client = createSalesforceClient({
      fetch: deps.fetch,
      now: () => now().getTime(),
      ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
      getSession: async () => {
        if (mode === 'session') return sessionFor(pageHost);
        const s = await oauthSession();
        return s;
      },
      onUnauthorized: (failed) => (mode === 'session' ? renewSession(pageHost, failed) : renewOAuth(failed)),
    });
    return { client, noteMode: r.noteMode ?? 'ContentNote' };
  }

  /** The connected HubSpot portal's client, for work on the whole book (no page in hand); null when not connected. */
  async function hubspotConnected(): Promise<{ client: ReturnType<typeof hubspotClient>; portalId: string } | null> {
    const r = await row('hubspot');
    if (!r.secret?.token || r.lastError || !r.portalId) return null;
    const outside = await refused({ crm: 'hubspot', portalId: r.portalId });
    if (outside) throw toSidecarError(outside, deps.locale());
    return { client: hubspotClient(r.secret.token), portalId: r.portalId };
  }

  /**
   * The Salesforce org for work on the whole book: the configured My Domain or the OAuth instance; a
   * session connection names none, so the record in hand names it, else the Salesforce record opened last.
   */
  async function salesforceOrg(pageHost?: string): Promise<{ client: SalesforceClient; host: string } | null> {
    const r = await row('salesforce');
    let host = r.myDomain ?? null;
    try {
      host ??= r.secret?.instanceUrl ? new URL(r.secret.instanceUrl).hostname : null;
    } catch {
      host = null;
    }
    host ??= pageHost ?? null;
    if (!host) {
      const seen = await db.accounts.where('lastSeenAt').above('').reverse().filter((a) => a.crm === 'salesforce').first();
      host = seen?.host ?? null;
    }
    const sf = host ? await salesforceFor(host) : null;
    return sf && host ? { client: sf.client, host } : null;
  }

  return {
    async status() {
      return { hubspot: await hubspotStatus(), salesforce: await salesforceStatus() };
    },

    async hubspotConnect(token) {
      const result = await hubspotClient(token).testConnection();
      if (!result.ok) throw toSidecarError(result.error, deps.locale());
      const outside = result.value.portalId ? await refused({ crm: 'hubspot', portalId: result.value.portalId }) : null;
      if (outside) throw toSidecarError(outside, deps.locale());
      const at = now().toISOString();
      // A new key for the same portal keeps the owner the CSM picked; another portal's owners are others.
      const before = await db.connections.get('hubspot');
      const me = before?.me && before.portalId && before.portalId === result.value.portalId ? { me: before.me } : {};
      await db.connections.put({ id: 'hubspot', secret: { token }, portalId: result.value.portalId, connectedAt: at, lastCheckedAt: at, ...me });
      return hubspotStatus();
    },
    async hubspotDisconnect() {
      await db.connections.delete('hubspot');
      return hubspotStatus();
    },

    async salesforceConfigure(cfg) {
      const r = await row('salesforce');
      const myDomain = cfg.myDomain?.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
      if (cfg.mode === 'oauth' && (!myDomain || !cfg.clientId)) {
        throw sidecarError('bad-request', 'salesforce.oauth-needs-config', undefined, deps.locale());
      }
      const changed = r.mode !== cfg.mode || r.myDomain !== myDomain || r.clientId !== cfg.clientId;
      await db.connections.put({
        ...r,
        mode: cfg.mode,
        noteMode: cfg.noteMode,
        ...(myDomain ? { myDomain } : { myDomain: undefined }),
        ...(cfg.clientId ? { clientId: cfg.clientId } : { clientId: undefined }),
        // New sign-in settings make old tokens meaningless.
        ...(changed ? { secret: undefined, lastError: undefined, connectedAt: undefined } : {}),
      });
      return salesforceStatus();
    },
    async salesforceConnect() {
      const r = await row('salesforce');
      const at = now().toISOString();
      if ((r.mode ?? 'session') === 'session') {
        sessions.clear();
        if (r.myDomain) await sessionFor(r.myDomain);
        await db.connections.put({ ...r, mode: 'session', lastError: undefined, connectedAt: at });
        return salesforceStatus();
      }
      if (!r.myDomain || !r.clientId) throw sidecarError('bad-request', 'salesforce.oauth-needs-config', undefined, deps.locale());
      const pkce = await createPkce();
      const state = crypto.randomUUID();
      const redirectUri = deps.redirectUri();
      const back = new URL(await deps.launchWebAuthFlow(authorizeUrl({ myDomain: r.myDomain, clientId: r.clientId, redirectUri, challenge: pkce.challenge, state })));
      if (back.searchParams.get('state') !== state) throw sidecarError('auth', 'salesforce.oauth-state', undefined, deps.locale());
      const code = back.searchParams.get('code');
      if (!code) {
        const reason = back.searchParams.get('error_description') ?? back.searchParams.get('error');
        throw reason ? sidecarError('auth', 'salesforce.oauth-refused', { reason }, deps.locale()) : sidecarError('auth', 'salesforce.oauth-no-code', undefined, deps.locale());
      }
      const token = await exchangeCode({ fetch: deps.fetch, myDomain: r.myDomain, clientId: r.clientId, redirectUri, code, verifier: pkce.verifier });
      if (!token.ok) throw toSidecarError(token.error, deps.locale());
      await db.connections.put({
        ...r,
        secret: { accessToken: token.value.access_token, instanceUrl: token.value.instance_url, ...(token.value.refresh_token ? { refreshToken: token.value.refresh_token } : {}) },
        connectedAt: at,
        lastCheckedAt: at,
        lastError: undefined,
      });
      return salesforceStatus();
    },
    async salesforceDisconnect() {
      sessions.clear();
      const r = await row('salesforce');
      await db.connections.put({ id: 'salesforce', mode: r.mode ?? 'session', noteMode: r.noteMode ?? 'ContentNote', ...(r.myDomain ? { myDomain: r.myDomain } : {}), ...(r.clientId ? { clientId: r.clientId } : {}), lastError: { code: 'disconnected', message: errorText('connect.disconnected', undefined, deps.locale()), at: now().toISOString() } });
      // Forgotten here first; then Salesforce is asked to revoke the refresh token (and with it
      // every access token issued from it). Offline, or refused, the disconnect stands: the
      // token is then only valid at Salesforce until it expires or an admin revokes it.
      const token = r.secret?.refreshToken ?? r.secret?.accessToken;
      if ((r.mode ?? 'session') === 'oauth' && token && r.myDomain) await revokeQuietly(r.myDomain, token);
      return salesforceStatus();
    },

    async hubspot(portalId) {
      const r = await row('hubspot');
      if (!r.secret?.token || r.lastError) return null;
      const wrong = portalId ? wrongAccount(r, { crm: 'hubspot', portalId }) : null;
      const page = portalId ?? r.portalId;
      const outside = wrong ?? (page ? await refused({ crm: 'hubspot', portalId: page }) : null);
      if (outside) throw toSidecarError(outside, deps.locale());
      return hubspotClient(r.secret.token);
    },
    salesforce: salesforceFor,
    async notes(place) {
      if (place.crm === 'hubspot') {
        const r = await row('hubspot');
        if (!r.secret?.token || r.lastError) return null;
        const wrong = wrongAccount(r, place) ?? (await refused(place));
        // The picked owner is who HubSpot records as the author of the notes Sidecar writes.
        return wrong ? fail(wrong) : ok(createHubspotNotes(hubspotClient(r.secret.token), place, now, r.me?.id));
      }
      const r = await row('salesforce');
      if (r.lastError) return null;
      const wrong = wrongAccount(r, place) ?? (await refused(place));
      if (wrong) return fail(wrong);
      const sf = await salesforceFor(place.pageHost);
      return sf ? ok(createSalesforceNotes(sf.client, { accountId: place.accountId, mode: sf.noteMode }, now)) : null;
    },
    async fields(crm, pageHost) {
      if (crm === 'hubspot') {
        const hub = await hubspotConnected();
        return hub ? { fields: createHubspotFields(hub.client), host: 'app.hubspot.com', portalId: hub.portalId } : null;
      }
      const sf = await salesforceOrg(pageHost);
      return sf ? { fields: createSalesforceFields(sf.client), host: sf.host } : null;
    },
    async setup(crm) {
      if (crm === 'hubspot') {
        const hub = await hubspotConnected();
        return hub ? createHubspotSetup(hub.client, createHubspotFields(hub.client)) : null;
      }
      const sf = await salesforceOrg();
      return sf ? createSalesforceSetup(sf.client, createSalesforceFields(sf.client)) : null;
    },
    async handover(crm) {
      if (crm === 'hubspot') {
        const hub = await hubspotConnected();
        return hub ? createHubspotHandover(hub.client) : null;
      }
      const sf = await salesforceOrg();
      return sf ? createSalesforceHandover(sf.client) : null;
    },
    async authFailed(crm, error) {
      if (crm === 'salesforce') {
        sessions.clear();
        const r = await row('salesforce');
        // The signed-in session simply expired: the next read picks up a new cookie. Only OAuth needs the user.
        if (r.mode !== 'oauth') return;
        // No refresh here: the client already refreshed the token once (renewOAuth) and sent the
        // request again, so a 401 that reaches this point outlived a refresh, or the refresh was refused.
      }
      const r = await row(crm);
      await db.connections.put({ ...r, lastError: { code: error.code, message: error.message, at: now().toISOString() } });
    },
    async salesforceMode() {
      return (await row('salesforce')).mode ?? 'session';
    },
    async hasCredentials(crm) {
      const r = await row(crm);
      if (crm === 'hubspot') return !!r.secret?.token && !r.lastError;
      return (r.mode ?? 'session') === 'session' ? !r.lastError : !!r.secret?.accessToken && !r.lastError;
    },
  };
}
