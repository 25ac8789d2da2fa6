// Who's who against the mock CRMs: the owners list (paging, archived, the
// missing scope), the signed-in Salesforce user (userinfo and its fallback),
// the account's contacts in order, the author a note carries into the CRM and
// back, and the header's owner name with and without crm.objects.owners.read.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHubspotClient } from '../crm/hubspot/client';
import { createHubspotNotes } from '../crm/hubspot/notes';
import { createSalesforceClient } from '../crm/salesforce/client';
import { readSalesforceNote } from '../crm/salesforce/notes';
import { OWNERS_SCOPE, SERVICE_KEY_SCOPES, startHubspotMock, type HubspotMock } from '../../tests/mocks/hubspot-server';
import { startSalesforceMock, type SalesforceMock } from '../../tests/mocks/salesforce-server';
import { makeBackground } from '../../tests/support/background';
import { mergeCrmNotes } from '../db/notes';
import { createConnections } from './connections';
import { createCrmFetch } from './crm-fetch';
import { pullCrmNotes } from './crm-notes';
import { createPeople } from './people';

let hubspot: HubspotMock;
let salesforce: SalesforceMock;
let company: string;
let me: string;
let teammate: string;
let acme: string;

beforeAll(async () => {
  hubspot = await startHubspotMock({ token: 'pat-good', portalId: 4242, seed: false });
  salesforce = await startSalesforceMock({ token: 'sid-good', seed: false, user: { Name: '佐藤 花子', Email: 'hanako@cs.example' } });
  hubspot.state.ownersPageSize = 1;
  me = hubspot.state.addOwner({ firstName: '花子', lastName: '佐藤', email: 'Hanako@CS.example' });
  teammate = hubspot.state.addOwner({ firstName: 'Alex', lastName: 'Morgan', email: 'alex@cs.example' });
  hubspot.state.addOwner({ firstName: 'Left', lastName: 'Already', email: 'left@cs.example', archived: true });
  company = hubspot.state.addObject('companies', { name: 'Northwind', hubspot_owner_id: teammate });
  hubspot.state.addContact({ firstname: 'Old', lastname: 'Friend', notes_last_contacted: '2025-01-01T00:00:00Z' }, { others: [company] });
  hubspot.state.addContact({ firstname: 'Recent', lastname: 'Buyer', hs_last_sales_activity_timestamp: '2026-11-01T00:00:00Z' }, { others: [company] });
  hubspot.state.addContact({ firstname: 'Prime', lastname: 'Contact' }, { primary: company });
  acme = salesforce.state.insert('Account', { Id: '001D000000IRFma', Name: 'Acme', Website: 'https://acme.example', Type: 'Customer' });
  const other = salesforce.state.insert('Account', { Name: 'Globex' });
  salesforce.state.addContact({ FirstName: 'Dana', LastName: 'Direct', LastActivityDate: '2026-01-01' }, acme);
  salesforce.state.addContact({ FirstName: 'Ivy', LastName: 'Indirect', LastActivityDate: '2026-11-30' }, other, [acme]);
  salesforce.state.addContact({ FirstName: 'Nina', LastName: 'New', LastActivityDate: '2026-11-29' }, acme);
});
afterAll(async () => {
  await hubspot?.close();
  await salesforce?.close();
});

function routedFetch(): typeof fetch {
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const base = url.host === 'api.hubapi.com' ? hubspot.url : url.host.endsWith('.my.salesforce.com') ? salesforce.url : null;
    return fetch(base ? new URL(url.pathname + url.search, base) : url, init);
  };
}

const hs = () => createHubspotClient({ token: 'pat-good', fetch: globalThis.fetch, baseUrl: hubspot.url });
const sf = () => createSalesforceClient({ fetch: globalThis.fetch, getSession: async () => ({ instanceUrl: salesforce.url.replace('http://', 'http://'), accessToken: 'sid-good' }) });

function setup(policyEmail?: string) {
  const bg = makeBackground({ now: new Date() });
  const connections = createConnections({
    db: bg.db,
    now: () => new Date(),
    fetch: routedFetch(),
    locale: () => 'en',
    readCookie: async (url, name) => (url.includes('my.salesforce.com') && name === 'sid' ? { name: 'sid', value: 'sid-good', domain: 'acme.my.salesforce.com' } : null),
    launchWebAuthFlow: async () => {
      throw new Error('not in tests');
    },
    redirectUri: () => 'https://x.chromiumapp.org/',
  });
  const people = createPeople({ db: bg.db, clients: connections, now: () => new Date(), locale: () => 'en', profileEmail: async () => policyEmail ?? 'hanako@cs.example', policyEmail: async () => policyEmail });
  const crm = createCrmFetch({ db: bg.db, now: () => new Date(), clients: connections, locale: () => 'en', readCookie: async () => ({}), people });
  return { ...bg, connections, people, crm };
}

const hsRef = () => ({ crm: 'hubspot' as const, host: 'app.hubspot.com', portalId: '4242', objectType: 'company' as const, recordId: company });
const sfRef = { crm: 'salesforce' as const, host: 'acme.lightning.force.com', objectType: 'account' as const, recordId: '001D000000IRFmaIAH' };

describe('HubSpot', () => {
  test('the owners list: every page, archived owners too (they wrote notes), on the 2026-09 path only', async () => {
    hubspot.state.requests.log.length = 0;
    const r = await hs().listOwners();
    expect(r.ok && r.value.map((o) => [o.name, o.archived])).toEqual([['佐藤 花子', false], ['Alex Morgan', false], ['Left Already', true]]);
    const paths = hubspot.state.requests.log.map((l) => l.path);
    expect(paths.every((p) => p === '/crm/owners/2026-09')).toBe(true);
    expect(paths.length).toBeGreaterThanOrEqual(3);
  });

  test('without crm.objects.owners.read the list is refused naming the scope', async () => {
    const saved = hubspot.state.scopes;
    hubspot.state.scopes = new Set(SERVICE_KEY_SCOPES);
    try {
      const r = await hs().listOwners();
      expect(r.ok ? null : { kind: r.error.kind, scope: 'scope' in r.error ? r.error.scope : undefined }).toEqual({ kind: 'forbidden', scope: OWNERS_SCOPE });
    } finally {
      hubspot.state.scopes = saved;
    }
  });

  test("the company's contacts: the primary first, then the most recently engaged", async () => {
    const r = await hs().companyContacts(company);
    expect(r.ok && r.value.map((c) => [c.firstName, c.primary])).toEqual([['Prime', true], ['Recent', false], ['Old', false]]);
  });

  test('a note written with the picked owner carries hubspot_owner_id; reading it back names the author by id', async () => {
    const notes = createHubspotNotes(hs(), { companyId: company, lookupCompanyOf: null, also: null }, () => new Date(), me);
    const id = await notes.createOnce(
      { clientId: '3f0c5e1a-0000-4000-8000-000000000001', text: 'QBR', ratings: [], touchpoint: 'Meeting', createdAt: new Date().toISOString(), localDate: '2026-12-05', locale: 'en' },
      { lookFirst: false },
    );
    expect(id.ok).toBe(true);
    expect(hubspot.state.objects.notes.get(id.ok ? id.value : '')?.properties.hubspot_owner_id).toBe(me);
    const listed = await notes.list();
    expect(listed.ok && listed.value.notes.find((n) => n.remoteId === (id.ok ? id.value : ''))?.author).toEqual({ id: me });
  });

  test("the options page: the owners to pick from, the one matched by the profile's e-mail, and the pick kept with the connection", async () => {
    const { connections, people, db } = setup();
    await connections.hubspotConnect('pat-good');
    const status = await people.options.status();
    expect(status.hubspot.owners.map((o) => o.name)).toEqual(['Alex Morgan', '佐藤 花子']);
    expect(status.hubspot.match).toBe(me);
    expect((await people.options.status('alex@cs.example')).hubspot.match).toBe(teammate);
    await expect(people.options.setHubspotMe('999')).rejects.toMatchObject({ code: 'not-found' });
    const picked = await people.options.setHubspotMe(me);
    expect(picked.hubspot.me).toEqual({ id: me, name: '佐藤 花子', email: 'Hanako@CS.example' });
    expect((await db.connections.get('hubspot'))?.me?.id).toBe(me);
    // A new key for the same portal keeps the pick.
    await connections.hubspotConnect('pat-good');
    expect((await people.me('hubspot', 'app.hubspot.com'))?.id).toBe(me);
  });

  test.each<[string, string | undefined, () => string | undefined]>([
    ['the e-mail IT’s policy gives names one active owner: taken, as "policy"', 'alex@CS.example', () => teammate],
    ['no policy e-mail: nothing is taken (the options page offers the match)', undefined, () => undefined],
    ['an e-mail no owner has: nothing is taken', 'nobody@cs.example', () => undefined],
    ['an archived owner’s e-mail: nothing is taken', 'left@cs.example', () => undefined],
  ])('%s', async (_name, email, expected) => {
    const { connections, people, db } = setup(email);
    await connections.hubspotConnect('pat-good');
    await people.adoptPolicyOwner();
    const row = await db.connections.get('hubspot');
    const want = expected();
    expect(row?.me?.id).toBe(want);
    if (want) expect(row?.me?.how).toBe('policy');
  });

  test('the CSM’s own pick is never replaced by the policy’s owner', async () => {
    const { connections, people, db } = setup('alex@cs.example');
    await connections.hubspotConnect('pat-good');
    await people.options.setHubspotMe(me);
    await people.adoptPolicyOwner();
    expect((await db.connections.get('hubspot'))?.me).toMatchObject({ id: me, how: 'picked' });
  });

  test("the header names the owner; without crm.objects.owners.read it says why, and the connection and the rest stay good", async () => {
    const { connections, crm, db, people } = setup();
    await connections.hubspotConnect('pat-good');
    await db.accounts.put({ key: 'hubspot:4242:' + company, crm: 'hubspot', host: 'app.hubspot.com', portalId: '4242', recordId: company, properties: {}, firstSeenAt: '2026-01-01T00:00:00Z', lastSeenAt: '2026-01-01T00:00:00Z' });
    const pack = (await import('../engine/default-pack/index.ts')).defaultConfigPack('en');
    await crm.refresh(hsRef(), 'hubspot:4242:' + company, pack);
    let row = await db.accounts.get('hubspot:4242:' + company);
    expect([row?.owner, row?.ownerId, row?.ownerUnavailable]).toEqual(['Alex Morgan', teammate, undefined]);
    expect(row?.contacts?.[0]?.firstName).toBe('Prime');

    const saved = hubspot.state.scopes;
    hubspot.state.scopes = new Set(SERVICE_KEY_SCOPES);
    people.clear();
    try {
      await crm.refresh(hsRef(), 'hubspot:4242:' + company, pack);
      row = await db.accounts.get('hubspot:4242:' + company);
      expect([row?.owner, row?.ownerUnavailable]).toEqual([undefined, { scope: OWNERS_SCOPE }]);
      expect(row?.name).toBe('Northwind');
      expect((await connections.status()).hubspot.connected).toBe(true);
    } finally {
      hubspot.state.scopes = saved;
    }
  });

  test("a teammate's note shows its author's name from the owners list, not from its text", async () => {
    const { connections, db, people } = setup();
    await connections.hubspotConnect('pat-good');
    const id = hubspot.state.addObject('notes', { hs_note_body: '<p>Written by 佐藤 花子 (not really)</p>', hs_timestamp: new Date().toISOString(), hubspot_owner_id: teammate });
    hubspot.state.associate('notes', id, 'companies', company, [190]);
    const key = 'hubspot:4242:' + company;
    const ownerNames = async () => {
      const read = await people.hubspotOwners();
      return read?.ok ? new Map([...read.owners].map(([k, o]) => [k, o.name])) : null;
    };
    await pullCrmNotes({ db, clients: connections, now: () => new Date(), locale: () => 'en', ownerNames }, hsRef(), key);
    const note = await db.notes.get(`${key}#${id}`);
    expect([note?.author, note?.authorId]).toEqual(['Alex Morgan', teammate]);
  });
});

describe('Salesforce', () => {
  test('the signed-in user from userinfo; a token refused there is named through Chatter users/me', async () => {
    const r = await sf().currentUser();
    expect(r.ok && r.value).toEqual({ id: salesforce.state.currentUserId, name: '佐藤 花子', email: 'hanako@cs.example' });
    salesforce.state.userinfo = false;
    try {
      const again = await sf().currentUser();
      expect(again.ok && again.value.id).toBe(salesforce.state.currentUserId);
    } finally {
      salesforce.state.userinfo = true;
    }
  });

  test("the account's contacts: its own first (by last activity), then those related through AccountContactRelation; without that object its own only", async () => {
    const r = await sf().accountContacts(acme);
    expect(r.ok && r.value.map((c) => [c.lastName, c.primary])).toEqual([['New', true], ['Direct', true], ['Indirect', false]]);
    salesforce.state.contactRelations = false;
    try {
      const own = await sf().accountContacts(acme);
      expect(own.ok && own.value.map((c) => c.lastName)).toEqual(['New', 'Direct']);
    } finally {
      salesforce.state.contactRelations = true;
    }
  });

  test('notes carry their creating user (CreatedById, CreatedBy.Name); a teammate keeps their own name', async () => {
    const kenji = salesforce.state.insert('User', { Name: 'Kenji Tanaka', Email: 'kenji@cs.example' });
    salesforce.state.insert('Task', { WhatId: acme, Subject: 'Call (Sidecar ID: 11111111-2222-4333-8444-555555555555)', Description: 'x', CreatedById: kenji });
    const mine = await sf().createNote({ accountId: acme, mode: 'Task', title: 'Mine', text: 'hello', clientId: '11111111-2222-4333-8444-666666666666', ratings: [], pack: null, touchpoint: 'Call', locale: 'en' });
    expect(mine.ok).toBe(true);
    const listed = await sf().listAccountNotes(acme, 'Task');
    const authors = listed.ok ? listed.value.map((n) => readSalesforceNote(n, '2026-01-01T00:00:00Z').author) : [];
    expect(authors).toEqual(expect.arrayContaining([{ id: kenji, name: 'Kenji Tanaka' }, { id: salesforce.state.currentUserId, name: '佐藤 花子' }]));
  });

  test('the header names the Account owner (User.Name) and the contacts are stored in order', async () => {
    const { crm, db } = setup();
    const owner = salesforce.state.insert('User', { Name: 'Dana Lee', Email: 'dana@cs.example' });
    salesforce.state.records.Account.get(acme)!.OwnerId = owner;
    const key = 'salesforce:acme:001D000000IRFmaIAH';
    await db.accounts.put({ key, crm: 'salesforce', host: 'acme.lightning.force.com', recordId: '001D000000IRFmaIAH', properties: {}, firstSeenAt: '2026-01-01T00:00:00Z', lastSeenAt: '2026-01-01T00:00:00Z' });
    const pack = (await import('../engine/default-pack/index.ts')).defaultConfigPack('en');
    await crm.refresh(sfRef, key, pack);
    const row = await db.accounts.get(key);
    expect([row?.owner, row?.ownerId]).toEqual(['Dana Lee', owner]);
    expect(row?.contacts?.map((c) => c.lastName)).toEqual(['New', 'Direct', 'Indirect']);
  });
});

test('the pull takes the author from the CRM, over the name this browser assumed when saving', async () => {
  const { db } = makeBackground({ now: new Date() });
  const key = 'hubspot:4242:77';
  await db.notes.put({ id: 'c1', accountKey: key, origin: { objectType: 'company', recordId: '77' }, text: 'x', ratings: {}, touchpoint: 'call', author: 'typed name', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', status: 'synced', remoteId: 'r1' });
  await mergeCrmNotes(db, key, { objectType: 'company', recordId: '77' }, [{ remoteId: 'r1', clientId: 'c1', text: 'x', at: '2026-01-01T00:00:00.000Z', author: { id: '71', name: 'CRM name' } }], true, new Date());
  expect((await db.notes.get('c1'))?.author).toBe('CRM name');
});
