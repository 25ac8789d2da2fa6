import { crmErrors, fail, ok, type CrmError, type CrmResult } from '../crm/http.ts';
import { createHubspotClient, type HubspotClient } from '../crm/hubspot/client.ts';
import { createHubspotNotes, type HubspotNotePlace } from '../crm/hubspot/notes.ts';
import type { CrmNotes } from '../crm/notes.ts';
import { createSalesforceNotes } from '../crm/salesforce/notes.ts';
import { createSalesforceClient, type NoteMode, type SalesforceClient } from '../crm/salesforce/client.ts';
import { apiHostFor } from '../crm/salesforce/host.ts';
import { authorizeUrl, createPkce, exchangeCode, refreshAccessToken } from '../crm/salesforce/oauth.ts';
import { sessionFromCookie, sidCookieFor, type CookieLike } from '../crm/salesforce/session.ts';
import type { ConnectionRow, SidecarDb } from '../db/schema';
import type { Locale } from '../engine/types.ts';
import { SidecarError } from '../messages/envelope';
import type { ConnectionsStatus } from '../messages/options';
import { toSidecarError } from './crm-errors';
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
}

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
  /** A 401 or 403: stop using these credentials until the user reconnects. */
  authFailed(crm: 'hubspot' | 'salesforce', error: SidecarError): Promise<void>;
  hasCredentials(crm: 'hubspot' | 'salesforce'): Promise<boolean>;
}

/**
 * Why this connection must not touch a record of `portalId` (HubSpot) or a
 * page on `pageHost` (Salesforce OAuth), or null. Sandbox copies share record
 * ids with production, so the org is compared with its sandbox suffix.
 */
export function wrongAccount(row: ConnectionRow, page: { crm: 'hubspot'; portalId: string } | { crm: 'salesforce'; pageHost: string }): CrmError | null {
  if (page.crm === 'hubspot') {
    if (!row.portalId || row.portalId === page.portalId) return null;
    return crmErrors.invalid('hubspot', {
      en: `This page is in HubSpot portal ${page.portalId}, but Sidecar is connected to portal ${row.portalId}, so it neither reads nor writes here. Open the record in portal ${row.portalId}, or connect portal ${page.portalId} in Sidecar's options.`,
      ja: `このページは HubSpot ポータル ${page.portalId} のものですが、Sidecar はポータル ${row.portalId} に接続しているため、ここでは読み書きしません。ポータル ${row.portalId} でレコードを開くか、Sidecar のオプションでポータル ${page.portalId} に接続してください。`,
    });
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
  return crmErrors.invalid('salesforce', {
    en: `This page is in the Salesforce org ${pageOrg}, but Sidecar is signed in to ${connected}, so it neither reads nor writes here (a sandbox and production share record ids). Open the record in ${connected}, or sign in to ${pageOrg} in Sidecar's options.`,
    ja: `このページは Salesforce 組織 ${pageOrg} のものですが、Sidecar は ${connected} にサインインしているため、ここでは読み書きしません（Sandbox と本番はレコード ID が共通です）。${connected} でレコードを開くか、Sidecar のオプションで ${pageOrg} にサインインしてください。`,
  });
}

export function createConnections(deps: ConnectionDeps): Connections & CrmClients {
  const { db, now } = deps;
  // Salesforce session ids live here only, never on disk, and are dropped on a 401.
  const sessions = new Map<string, { instanceUrl: string; accessToken: string }>();

  const row = async (id: 'hubspot' | 'salesforce'): Promise<ConnectionRow> => (await db.connections.get(id)) ?? { id };
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
    if (!api) throw new SidecarError('not-found', `${pageHost} is not a Salesforce org host.`);
    const cached = sessions.get(api);
    if (cached) return cached;
    const which = sidCookieFor(pageHost);
    const cookie = which ? await deps.readCookie(which.url, which.name) : null;
    const session = cookie ? sessionFromCookie(cookie) : null;
    if (!session) {
      throw new SidecarError(
        'auth',
        deps.locale() === 'ja'
          ? `${api} のセッションが見つかりません。Salesforce にサインインしてから、もう一度お試しください。`
          : `No Salesforce session for ${api}. Sign in to Salesforce in this browser, then try again.`,
      );
    }
    sessions.set(api, session);
    return session;
  }

  async function oauthSession(): Promise<{ instanceUrl: string; accessToken: string }> {
    const r = await row('salesforce');
    if (!r.secret?.accessToken || !r.secret.instanceUrl) throw new SidecarError('auth', 'Sign in to Salesforce from Sidecar’s options page.');
    return { instanceUrl: r.secret.instanceUrl, accessToken: r.secret.accessToken };
  }

  async function salesforceFor(pageHost: string): Promise<{ client: SalesforceClient; noteMode: NoteMode } | null> {
    const r = await row('salesforce');
    if (r.lastError) return null;
    const wrong = wrongAccount(r, { crm: 'salesforce', pageHost });
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
    });
    return { client, noteMode: r.noteMode ?? 'ContentNote' };
  }

  return {
    async status() {
      return { hubspot: await hubspotStatus(), salesforce: await salesforceStatus() };
    },

    async hubspotConnect(token) {
      const result = await hubspotClient(token).testConnection();
      if (!result.ok) throw toSidecarError(result.error, deps.locale());
      const at = now().toISOString();
      await db.connections.put({ id: 'hubspot', secret: { token }, portalId: result.value.portalId, connectedAt: at, lastCheckedAt: at });
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
        throw new SidecarError('bad-request', 'OAuth needs your My Domain (e.g. acme.my.salesforce.com) and the client id of your External Client App.');
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
      if (!r.myDomain || !r.clientId) throw new SidecarError('bad-request', 'Set your My Domain and client id first.');
      const pkce = await createPkce();
      const state = crypto.randomUUID();
      const redirectUri = deps.redirectUri();
      const back = new URL(await deps.launchWebAuthFlow(authorizeUrl({ myDomain: r.myDomain, clientId: r.clientId, redirectUri, challenge: pkce.challenge, state })));
      if (back.searchParams.get('state') !== state) throw new SidecarError('auth', 'The sign-in answer did not match the request. Try signing in again.');
      const code = back.searchParams.get('code');
      if (!code) throw new SidecarError('auth', `Salesforce did not sign you in: ${back.searchParams.get('error_description') ?? back.searchParams.get('error') ?? 'no code returned'}.`);
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
      await db.connections.put({ id: 'salesforce', mode: r.mode ?? 'session', noteMode: r.noteMode ?? 'ContentNote', ...(r.myDomain ? { myDomain: r.myDomain } : {}), ...(r.clientId ? { clientId: r.clientId } : {}), lastError: { code: 'disconnected', message: 'Disconnected in the options page.', at: now().toISOString() } });
      return salesforceStatus();
    },

    async hubspot(portalId) {
      const r = await row('hubspot');
      if (!r.secret?.token || r.lastError) return null;
      const wrong = portalId ? wrongAccount(r, { crm: 'hubspot', portalId }) : null;
      if (wrong) throw toSidecarError(wrong, deps.locale());
      return hubspotClient(r.secret.token);
    },
    salesforce: salesforceFor,
    async notes(place) {
      if (place.crm === 'hubspot') {
        const r = await row('hubspot');
        if (!r.secret?.token || r.lastError) return null;
        const wrong = wrongAccount(r, place);
        return wrong ? fail(wrong) : ok(createHubspotNotes(hubspotClient(r.secret.token), place, now));
      }
      const r = await row('salesforce');
      if (r.lastError) return null;
      const wrong = wrongAccount(r, place);
      if (wrong) return fail(wrong);
      const sf = await salesforceFor(place.pageHost);
      return sf ? ok(createSalesforceNotes(sf.client, { accountId: place.accountId, mode: sf.noteMode }, now)) : null;
    },
    async authFailed(crm, error) {
      if (crm === 'salesforce') {
        sessions.clear();
        const r = await row('salesforce');
        // An OAuth access token expires: try the refresh token once before asking the user.
        if (r.mode === 'oauth' && r.secret?.refreshToken && r.myDomain && r.clientId && error.code === 'auth') {
          const fresh = await refreshAccessToken({ fetch: deps.fetch, myDomain: r.myDomain, clientId: r.clientId, refreshToken: r.secret.refreshToken });
          if (fresh.ok) {
            await db.connections.put({ ...r, secret: { ...r.secret, accessToken: fresh.value.access_token, instanceUrl: fresh.value.instance_url } });
            return;
          }
        }
        // The signed-in session simply expired: the next read picks up a new cookie. Only OAuth needs the user.
        if (r.mode !== 'oauth') return;
      }
      const r = await row(crm);
      await db.connections.put({ ...r, lastError: { code: error.code, message: error.message, at: now().toISOString() } });
    },
    async hasCredentials(crm) {
      const r = await row(crm);
      if (crm === 'hubspot') return !!r.secret?.token && !r.lastError;
      return (r.mode ?? 'session') === 'session' ? !r.lastError : !!r.secret?.accessToken && !r.lastError;
    },
  };
}
