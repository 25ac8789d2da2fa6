// A small world for the outbox tests: both mock CRMs behind their real hosts,
// a fetch the test can take offline or make hang, credentials kept in the
// database as connections.ts keeps them, and a clock the test moves.
import { seededRandom } from './random.ts';
import { ownClientId, titleClientId } from '../../lib/crm/note-marker.ts';
import type { NoteMode } from '../../lib/crm/salesforce/client.ts';
import { toId18 } from '../../lib/crm/salesforce-id.ts';
import { createConnections, type CrmClients } from '../../lib/background/connections';
import { createOutbox, type Outbox, type OutboxDeps } from '../../lib/background/outbox';
import { createPackStore } from '../../lib/background/pack-store';
import { saveNote, type NoteInput } from '../../lib/db/notes';
import { SidecarDb, type NoteRow } from '../../lib/db/schema';
import { startHubspotMock, type HubspotMock } from '../mocks/hubspot-server.ts';
import { startSalesforceMock, type SalesforceMock } from '../mocks/salesforce-server.ts';

export const PORTAL = 123456;
export const SF_HOST = 'acme.lightning.force.com';
export const SF_ACCOUNT = '001D000000IRFmaIAH';
export const SF_KEY = `salesforce:acme:${SF_ACCOUNT}`;
export const SF_SESSION = 'salesforce-test-session';

export interface FetchControl {
  /** Every request rejects as a browser's fetch does offline. */
  offline: boolean;
  /** Forward the request (the write happens), then never answer: the worker "dies" waiting. */
  hang: boolean;
  /** Sees each request before it is sent (to rotate a token mid-sync, count, …). */
  onRequest?: (method: string, url: URL) => void;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * The Salesforce mock has no DELETE route yet: its deletes are applied to its
 * store here, with the same Bearer check, so the outbox's delete path is
 * exercised over its real request layer. (The HubSpot mock archives notes
 * itself: DELETE /crm/objects/2026-09/notes/{id} → 204.)
 */
function mockDelete(url: URL, headers: Headers, salesforce: SalesforceMock): Response | null {
  const auth = /^Bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '')?.[1];
  const sf = /^\/services\/data\/v[\d.]+\/sobjects\/(ContentNote|Task)\/([A-Za-z0-9]{15,18})$/.exec(url.pathname);
  if (sf && url.origin === salesforce.url) {
    if (!auth || !salesforce.state.tokens.has(auth)) return json(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const type = sf[1] as 'ContentNote' | 'Task';
    const id = toId18(sf[2]!) ?? '';
    if (!salesforce.state.records[type].delete(id)) return json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    for (const [k, l] of salesforce.state.records.ContentDocumentLink) if (l.ContentDocumentId === id) salesforce.state.records.ContentDocumentLink.delete(k);
    return new Response(null, { status: 204 });
  }
  return null;
}

/** fetch for the clients: api.hubapi.com and acme.my.salesforce.com reach the mocks. */
export function routedFetch(hubspot: HubspotMock, salesforce: SalesforceMock, control: FetchControl): typeof fetch {
  return async (input, init) => {
    if (control.offline) throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND (offline)') });
    const original = new URL(input instanceof Request ? input.url : String(input));
    const base = original.hostname === 'api.hubapi.com' ? hubspot.url : original.hostname.endsWith('.my.salesforce.com') ? salesforce.url : null;
    const url = base ? new URL(original.pathname + original.search, base) : original;
    control.onRequest?.(init?.method ?? 'GET', url);
    if (init?.method === 'DELETE') {
      const handled = mockDelete(url, new Headers(init.headers), salesforce);
      if (handled) return handled;
    }
    if (control.hang) {
      await fetch(url, { ...init, signal: null });
      return new Promise<Response>(() => {});
    }
    return fetch(url, init);
  };
}

/** The real connections (lib/background/connections.ts) over the routed fetch: credentials in db.connections, every check as shipped. */
export function testClients(db: SidecarDb, fetchImpl: typeof fetch, timeoutMs: number, now: () => number = Date.now): CrmClients {
  return createConnections({
    db,
    now: () => new Date(now()),
    fetch: fetchImpl,
    locale: () => 'en',
    readCookie: async () => null,
    launchWebAuthFlow: async () => {
      throw new Error('no interactive sign-in in tests');
    },
    redirectUri: () => 'https://test.chromiumapp.org/',
    timeoutMs,
  });
}

export interface World {
  hubspot: HubspotMock;
  salesforce: SalesforceMock;
  control: FetchControl;
  fetch: typeof fetch;
  db: SidecarDb;
  dbName: string;
  hubspotKey: string;
  companyId: string;
  contactId: string;
  dealId: string;
  /** Virtual time in ms; the outbox's clock. */
  clock: { now: number };
  scheduled: number[];
  outbox(overrides?: Partial<OutboxDeps> & { db?: SidecarDb }): Outbox;
  note(crm: 'hubspot' | 'salesforce', text: string, extra?: Partial<NoteInput>): Promise<NoteRow>;
  setNoteMode(mode: NoteMode): Promise<void>;
  /** Run, move the clock to the next wake-up, run again… until nothing is due; the number of runs. */
  drain(outbox: Outbox, maxRuns?: number): Promise<number>;
  tally(label: string): Promise<Tally>;
  close(): Promise<void>;
}

export interface Tally {
  notes: number;
  inCrm: number;
  duplicates: number;
  synced: number;
}

export async function makeWorld(options: { timeoutMs?: number } = {}): Promise<World> {
  const hubspot = await startHubspotMock({ portalId: PORTAL });
  const salesforce = await startSalesforceMock({ token: SF_SESSION });
  const control: FetchControl = { offline: false, hang: false };
  const fetchImpl = routedFetch(hubspot, salesforce, control);
  const dbName = `outbox-${crypto.randomUUID()}`;
  const db = new SidecarDb(dbName);
  const companies = [...hubspot.state.objects.companies.values()];
  const companyId = companies.find((c) => c.properties.name === 'Acme Corp')!.id;
  const contactId = [...hubspot.state.objects.contacts.values()].find((c) => c.properties.firstname === 'Ada')!.id;
  const dealId = [...hubspot.state.objects.deals.values()][0]!.id;
  const hubspotKey = `hubspot:${PORTAL}:${companyId}`;
  const clock = { now: Date.parse('2026-11-20T09:00:00.000Z') };
  const scheduled: number[] = [];
  const at = new Date(clock.now).toISOString();

  await db.connections.put({ id: 'hubspot', secret: { token: hubspot.state.token }, portalId: String(PORTAL), connectedAt: at });
  await db.connections.put({ id: 'salesforce', mode: 'oauth', noteMode: 'ContentNote', secret: { accessToken: SF_SESSION, instanceUrl: 'https://acme.my.salesforce.com' }, connectedAt: at });
  await db.accounts.put({ key: hubspotKey, crm: 'hubspot', host: 'app.hubspot.com', portalId: String(PORTAL), recordId: companyId, properties: {}, firstSeenAt: at, lastSeenAt: at });
  await db.accounts.put({ key: SF_KEY, crm: 'salesforce', host: SF_HOST, recordId: SF_ACCOUNT, properties: {}, firstSeenAt: at, lastSeenAt: at });

  const timeoutMs = options.timeoutMs ?? 250;
  const world: World = {
    hubspot,
    salesforce,
    control,
    fetch: fetchImpl,
    db,
    dbName,
    hubspotKey,
    companyId,
    contactId,
    dealId,
    clock,
    scheduled,
    outbox(o = {}) {
      const target = o.db ?? world.db;
      return createOutbox({
        db: target,
        now: () => new Date(clock.now),
        clients: testClients(target, fetchImpl, timeoutMs, () => clock.now),
        packs: createPackStore(target, () => 'en'),
        locale: () => 'en',
        random: seededRandom(),
        schedule: (ms) => scheduled.push(ms),
        timeZone: 'UTC',
        log: () => {},
        ...o,
      });
    },
    async note(crm, text, extra = {}) {
      const key = crm === 'hubspot' ? hubspotKey : SF_KEY;
      const origin = crm === 'hubspot' ? { objectType: 'company', recordId: companyId } : { objectType: 'account', recordId: SF_ACCOUNT };
      return saveNote(world.db, { accountKey: key, origin, text, ratings: {}, touchpoint: 'call', ...extra }, new Date(clock.now));
    },
    async setNoteMode(mode) {
      await world.db.connections.update('salesforce', { noteMode: mode });
    },
    async drain(outbox, maxRuns = 200) {
      for (let runs = 1; runs <= maxRuns; runs++) {
        await outbox.run();
        const next = await world.db.outbox.orderBy('nextAttemptAt').first();
        if (!next || next.nextAttemptAt.startsWith('9999')) return runs;
        clock.now = Math.max(clock.now, Date.parse(next.nextAttemptAt));
      }
      throw new Error(`The outbox did not drain in ${maxRuns} runs`);
    },
    async tally(label) {
      const notes = (await world.db.notes.toArray()).filter((n) => !n.fromCrm && !n.deletedAt);
      const counts = new Map<string, number>();
      const bump = (id: string | null) => id && counts.set(id, (counts.get(id) ?? 0) + 1);
      for (const n of hubspot.state.objects.notes.values()) bump(ownClientId(n.properties.hs_note_body));
      for (const t of salesforce.state.records.Task.values()) bump(titleClientId(typeof t.Subject === 'string' ? t.Subject : null));
      for (const c of salesforce.state.records.ContentNote.values()) bump(titleClientId(typeof c.Title === 'string' ? c.Title : null));
      const inCrm = notes.filter((n) => (counts.get(n.id) ?? 0) >= 1).length;
      const duplicates = notes.reduce((sum, n) => sum + Math.max(0, (counts.get(n.id) ?? 0) - 1), 0);
      const synced = notes.filter((n) => n.status === 'synced' && !!n.remoteId).length;
      const t = { notes: notes.length, inCrm, duplicates, synced };
      console.log(`${label}: ${t.notes} notes, ${t.inCrm} in CRM, ${t.duplicates} duplicates, ${t.synced} synced locally`);
      return t;
    },
    async close() {
      world.db.close();
      await hubspot.close();
      await salesforce.close();
    },
  };
  return world;
}

export { seededRandom };

// --- Salesforce OAuth (External Client App) --------------------------------

export const SF_MY_DOMAIN = 'acme.my.salesforce.com';
export const SF_CLIENT_ID = '3MVG9sidecar.test.client';

/**
 * chrome.identity.launchWebAuthFlow as the user signing in would make it
 * answer: the mock remembers the PKCE challenge and the redirect comes back
 * with a code and the request's state.
 */
export function mockWebAuthFlow(salesforce: SalesforceMock): (url: string) => Promise<string> {
  return async (url) => {
    const q = new URL(url).searchParams;
    const code = salesforce.state.issueCode({ clientId: q.get('client_id') ?? '', redirectUri: q.get('redirect_uri') ?? '', challenge: q.get('code_challenge') ?? '' });
    const back = new URL(q.get('redirect_uri') ?? 'https://test.chromiumapp.org/');
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.get('state') ?? '');
    return back.href;
  };
}

/**
 * The real connections over the world's fetch, signed in to the mock through
 * the OAuth web-server flow with PKCE (salesforceConnect as shipped): the
 * tokens in db.connections are the ones the mock issued, with a refresh token.
 * `rotate` turns on the app's refresh token rotation in the mock.
 */
export async function oauthClients(w: World, options: { rotate?: boolean; timeoutMs?: number; log?: (message: string, detail?: unknown) => void } = {}) {
  w.salesforce.state.instanceUrl = `https://${SF_MY_DOMAIN}`;
  w.salesforce.state.rotateRefreshTokens = options.rotate ?? true;
  const clients = createConnections({
    db: w.db,
    now: () => new Date(w.clock.now),
    fetch: w.fetch,
    locale: () => 'en',
    readCookie: async () => null,
    launchWebAuthFlow: mockWebAuthFlow(w.salesforce),
    redirectUri: () => 'https://test.chromiumapp.org/',
    timeoutMs: options.timeoutMs ?? 250,
    ...(options.log ? { log: options.log } : {}),
  });
  await clients.salesforceConfigure({ mode: 'oauth', myDomain: SF_MY_DOMAIN, clientId: SF_CLIENT_ID, noteMode: 'ContentNote' });
  await clients.salesforceConnect();
  return clients;
}

/** How many requests reached the mock's token endpoint (the sign-in's code exchange included). */
export function tokenRequests(salesforce: SalesforceMock): number {
  return salesforce.state.requests.log.filter((r) => r.method === 'POST' && r.path === '/services/oauth2/token').length;
}
