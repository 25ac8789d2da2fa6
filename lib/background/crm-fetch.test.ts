import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SERVICE_KEY_SCOPES, startHubspotMock, type HubspotMock } from '../../tests/mocks/hubspot-server';
import { startSalesforceMock, type SalesforceMock } from '../../tests/mocks/salesforce-server';
import { makeBackground } from '../../tests/support/background';
import { createConnections } from './connections';
import { createCrmFetch } from './crm-fetch';

let hubspot: HubspotMock;
let salesforce: SalesforceMock;
let companyId: string;

beforeAll(async () => {
  hubspot = await startHubspotMock({ token: 'pat-good', portalId: 4242, seed: false });
  salesforce = await startSalesforceMock({ token: 'sid-good', seed: false });
  companyId = hubspot.state.addObject('companies', {
    name: 'Northwind', domain: 'HTTPS://www.Northwind.example/', sidecar_emails_sent_30d: '1,200', sidecar_renewal_date: '2027-03-31', sidecar_arr: 'n/a',
  });
  hubspot.state.addContact({ firstname: 'Ada', lastname: 'L' }, { primary: companyId });
  salesforce.state.insert('Account', { Id: '001D000000IRFma', Name: 'Acme', Website: 'https://acme.example', OwnerId: '005x', Type: 'Customer', Sidecar_Emails_Sent_30d__c: 2600 });
});
afterAll(async () => {
  await hubspot?.close();
  await salesforce?.close();
});

// The API hosts are rewritten onto the local mocks; everything else goes through unchanged.
function routedFetch(): typeof fetch {
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const base = url.host === 'api.hubapi.com' ? hubspot.url : url.host.endsWith('.my.salesforce.com') ? salesforce.url : null;
    const target = base ? new URL(url.pathname + url.search, base) : url;
    return fetch(target, init);
  };
}

function setup(sid: string | null = 'sid-good') {
  const bg = makeBackground({ now: new Date() });
  const connections = createConnections({
    db: bg.db,
    now: () => new Date(),
    fetch: routedFetch(),
    locale: () => 'en',
    readCookie: async (url, name) => (sid && url.includes('my.salesforce.com') && name === 'sid' ? { name: 'sid', value: sid, domain: 'acme.my.salesforce.com' } : null),
    launchWebAuthFlow: async () => {
      throw new Error('not in tests');
    },
    redirectUri: () => 'https://x.chromiumapp.org/',
  });
  const crm = createCrmFetch({ db: bg.db, now: () => new Date(), clients: connections, locale: () => 'en', readCookie: async () => (sid ? {} : null) });
  return { ...bg, connections, crm };
}

const hsRef = () => ({ crm: 'hubspot' as const, host: 'app.hubspot.com', portalId: '4242', objectType: 'company' as const, recordId: companyId });
const sfRef = { crm: 'salesforce' as const, host: 'acme.lightning.force.com', objectType: 'account' as const, recordId: '001D000000IRFmaIAH' };

describe('HubSpot', () => {
  test('a token is tested on save and names the portal', async () => {
    const { connections } = setup();
    await expect(connections.hubspotConnect('pat-bad')).rejects.toMatchObject({ code: 'auth' });
    expect((await connections.status()).hubspot.connected).toBe(false);
    expect(await connections.hubspotConnect('pat-good')).toMatchObject({ connected: true, portalId: '4242' });
  });

  test('refresh stores the company and its signals, read as the pack types them', async () => {
    const { connections, crm, db, packs } = setup();
    await connections.hubspotConnect('pat-good');
    const key = `hubspot:4242:${companyId}`;
    await db.accounts.put({ key, crm: 'hubspot', host: 'app.hubspot.com', portalId: '4242', recordId: companyId, properties: {}, firstSeenAt: '2026-01-01T00:00:00.000Z', lastSeenAt: '2026-01-01T00:00:00.000Z' });
    await crm.refresh(hsRef(), key, (await packs.active()).pack);
    expect(await db.accounts.get(key)).toMatchObject({ name: 'Northwind', domain: 'northwind.example' });
    const signals = Object.fromEntries((await db.signals.where('subject').equals(key).toArray()).map((s) => [s.signalId, s.value]));
    expect(signals).toMatchObject({ emails_sent_30d: 1200, renewal_date: '2027-03-31', arr: null });
    // A second refresh the same day replaces the day's observations instead of adding more.
    const before = await db.signals.count();
    await crm.refresh(hsRef(), key, (await packs.active()).pack);
    expect(await db.signals.count()).toBe(before);
  });

  test('a 401 on refresh stops using the token and asks to reconnect', async () => {
    const { connections, crm, db, packs } = setup();
    await connections.hubspotConnect('pat-good');
    const key = `hubspot:4242:${companyId}`;
    await db.accounts.put({ key, crm: 'hubspot', host: 'app.hubspot.com', portalId: '4242', recordId: companyId, properties: {}, firstSeenAt: '2026-01-01T00:00:00.000Z', lastSeenAt: '2026-01-01T00:00:00.000Z' });
    hubspot.state.faults.push({ status: 401 });
    await expect(crm.refresh(hsRef(), key, (await packs.active()).pack)).rejects.toMatchObject({ code: 'auth' });
    expect(await crm.isConnected(hsRef())).toBe(false);
    expect((await connections.status()).hubspot).toMatchObject({ connected: false, lastError: { code: 'auth' } });
  });

  test('a Service Key with only the crm scopes (no oauth, no tickets) connects, and refresh names the ticket count as unread without failing the connection', async () => {
    const granted = new Set(hubspot.state.scopes);
    hubspot.state.scopes = new Set(SERVICE_KEY_SCOPES);
    try {
      const { connections, crm, db, packs } = setup();
      expect(await connections.hubspotConnect('pat-good')).toMatchObject({ connected: true, portalId: '4242' });
      const key = `hubspot:4242:${companyId}`;
      await db.accounts.put({ key, crm: 'hubspot', host: 'app.hubspot.com', portalId: '4242', recordId: companyId, properties: {}, firstSeenAt: '2026-01-01T00:00:00.000Z', lastSeenAt: '2026-01-01T00:00:00.000Z' });
      const pack = (await packs.active()).pack;
      expect(pack.signals.some((s) => s.source.kind === 'association' && s.source.association === 'openTickets')).toBe(true);
      const result = await crm.refresh(hsRef(), key, pack);
      expect(result.warning).toMatch(/"Open support tickets" was not read: the HubSpot key lacks tickets/);
      expect(await db.accounts.get(key)).toMatchObject({ name: 'Northwind' });
      const signals = await db.signals.where('subject').equals(key).toArray();
      expect(signals.some((s) => s.signalId === 'open_tickets')).toBe(false);
      expect(signals.some((s) => s.signalId === 'emails_sent_30d')).toBe(true);
      // The 403 on tickets did not mark the connection failed.
      expect((await connections.status()).hubspot).toMatchObject({ connected: true });
      expect(await crm.isConnected(hsRef())).toBe(true);
      expect(hubspot.state.requests.log.some((l) => l.path === '/crm/associations/2026-09/companies/tickets/batch/read' && l.status === 403)).toBe(true);
    } finally {
      hubspot.state.scopes = granted;
    }
  });

  test('with the tickets scope the open tickets are counted', async () => {
    const { connections, crm, db, packs } = setup();
    await connections.hubspotConnect('pat-good');
    const key = `hubspot:4242:${companyId}`;
    await db.accounts.put({ key, crm: 'hubspot', host: 'app.hubspot.com', portalId: '4242', recordId: companyId, properties: {}, firstSeenAt: '2026-01-01T00:00:00.000Z', lastSeenAt: '2026-01-01T00:00:00.000Z' });
    const ticket = hubspot.state.addObject('tickets', { subject: 'Cannot log in' });
    hubspot.state.associate('tickets', ticket, 'companies', companyId, [339]);
    try {
      const result = await crm.refresh(hsRef(), key, (await packs.active()).pack);
      expect(result.warning).toBeUndefined();
      const open = await db.signals.where('subject').equals(key).filter((s) => s.signalId === 'open_tickets').first();
      expect(open?.value).toBe(1);
    } finally {
      hubspot.state.objects.tickets.delete(ticket);
      hubspot.state.associations = hubspot.state.associations.filter((a) => a.fromId !== ticket && a.toId !== ticket);
    }
  });

  test('a contact page resolves to its primary company', async () => {
    const { connections, crm } = setup();
    await connections.hubspotConnect('pat-good');
    const contactId = [...hubspot.state.objects.contacts.keys()][0]!;
    expect(await crm.resolveAccount({ ...hsRef(), objectType: 'contact', recordId: contactId })).toMatchObject({ objectType: 'company', recordId: companyId });
  });
});

describe('Salesforce by the signed-in session', () => {
  test('connected only while the org has a session cookie', async () => {
    expect(await setup('sid-good').crm.isConnected(sfRef)).toBe(true);
    expect(await setup(null).crm.isConnected(sfRef)).toBe(false);
  });

  test('a field the org lacks is left out and named, the rest is read', async () => {
    const { crm, db, packs } = setup();
    const key = 'salesforce:acme:001D000000IRFmaIAH';
    await db.accounts.put({ key, crm: 'salesforce', host: 'acme.lightning.force.com', recordId: '001D000000IRFmaIAH', properties: {}, firstSeenAt: '2026-01-01T00:00:00.000Z', lastSeenAt: '2026-01-01T00:00:00.000Z' });
    const result = await crm.refresh(sfRef, key, (await packs.active()).pack);
    expect(result.warning).toMatch(/has no field .*Sidecar_/);
    expect(await db.accounts.get(key)).toMatchObject({ name: 'Acme', domain: 'acme.example' });
    const sent = await db.signals.where('subject').equals(key).filter((s) => s.signalId === 'emails_sent_30d').first();
    expect(sent?.value).toBe(2600);
  });

  test('an expired session says to sign in again', async () => {
    const { crm, db, packs } = setup('sid-expired');
    const key = 'salesforce:acme:001D000000IRFmaIAH';
    await db.accounts.put({ key, crm: 'salesforce', host: 'acme.lightning.force.com', recordId: '001D000000IRFmaIAH', properties: {}, firstSeenAt: '2026-01-01T00:00:00.000Z', lastSeenAt: '2026-01-01T00:00:00.000Z' });
    await expect(crm.refresh(sfRef, key, (await packs.active()).pack)).rejects.toMatchObject({ code: 'auth', message: expect.stringMatching(/sign in/i) });
  });
});

describe('warming', () => {
  test('recently seen HubSpot companies refresh through batch reads, missing ones are counted', async () => {
    const { connections, crm, db, packs } = setup();
    await connections.hubspotConnect('pat-good');
    const seen = new Date().toISOString();
    const keyOf = (id: string) => `hubspot:4242:${id}`;
    for (const id of [companyId, '999999']) {
      await db.accounts.put({ key: keyOf(id), crm: 'hubspot', host: 'app.hubspot.com', portalId: '4242', recordId: id, properties: {}, firstSeenAt: seen, lastSeenAt: seen });
    }
    const before = hubspot.state.requests.total;
    expect(await crm.warmHubspot((await packs.active()).pack)).toEqual({ companies: 1, missing: 1 });
    expect(hubspot.state.requests.total - before).toBe(1);
    expect((await db.accounts.get(keyOf(companyId)))?.name).toBe('Northwind');
  });
});
