import { ownClientId as readClientIdOf } from '../note-marker.ts';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { SERVICE_KEY_SCOPES, startHubspotMock, type Fault, type HubspotMock } from '../../../tests/mocks/hubspot-server.ts';
import { spawnMock } from '../../../tests/mocks/spawn.ts';
import { createHubspotClient, noteBodyHtml, withRetry, type HubspotClient } from './client.ts';
import { msUntilUtcMidnight } from './errors.ts';

let mock: HubspotMock;
let client: HubspotClient;
const NOW = Date.UTC(2026, 0, 15, 18, 30, 0);

beforeEach(async () => {
  mock = await startHubspotMock();
  client = createHubspotClient({ token: mock.state.token, fetch, baseUrl: mock.url, timeoutMs: 300, now: () => NOW });
});
afterEach(async () => {
  await mock.close();
});

const companyIds = () => [...mock.state.objects.companies.keys()];
const body = (clientId: string, text = 'Kick-off went well') =>
  noteBodyHtml({ text, ratings: [{ id: 'adoption', label: 'Adoption', value: 4, max: 5 }], touchpoint: 'Onboarding call', clientId, locale: 'en' });

describe('errors', () => {
  const rows: Array<[name: string, fault: Fault, expected: Record<string, unknown>]> = [
    ['401 expired token', { status: 401 }, { kind: 'auth' }],
    ['403 missing scope', { status: 403 }, { kind: 'forbidden', scope: 'crm.objects.companies.read' }],
    ['404', { status: 404 }, { kind: 'not-found' }],
    ['429 ten-secondly', { status: 429 }, { kind: 'rate-limit', policy: 'TEN_SECONDLY_ROLLING', retryAfterMs: 10_000 }],
    [
      '429 daily',
      { status: 429, body: { status: 'error', message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', correlationId: 'c', policyName: 'DAILY' } },
      { kind: 'rate-limit', policy: 'DAILY', retryAfterMs: msUntilUtcMidnight(NOW) },
    ],
    ['500', { status: 500 }, { kind: 'server', status: 500 }],
    ['404 with an empty body', { status: 404, body: '' }, { kind: 'not-found' }],
    [
      '400 validation naming the property',
      { status: 400, body: { status: 'error', message: 'Property values were not valid', category: 'VALIDATION_ERROR', correlationId: 'c', errors: [{ message: 'bad', context: { propertyName: ['name'] } }] } },
      { kind: 'validation', fields: ['name'] },
    ],
    ['malformed JSON', { malformedJson: true }, { kind: 'malformed' }],
    ['connection reset', { reset: true }, { kind: 'network' }],
    ['timeout', { delayMs: 2_000 }, { kind: 'timeout' }],
  ];
  test.each(rows)('%s', async (_name, fault, expected) => {
    mock.state.faults.push(fault);
    const r = await client.getCompany(companyIds()[0]!, ['name']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ crm: 'hubspot', ...expected });
  });

  test('the daily cap waits until around UTC midnight: 5 h 30 min from 18:30', () => {
    expect(msUntilUtcMidnight(NOW)).toBe(5.5 * 3_600_000);
  });

  test('a note over 65,536 characters is refused before sending', async () => {
    const r = await client.updateNote('1', 'x'.repeat(70_000));
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation', fields: ['hs_note_body'] } });
    expect(mock.state.requests.total).toBe(0);
  });

  test('an invalid timestamp is a validation error, not a throw', async () => {
    const r = await client.createNote({ clientId: 'eeeeeeee-0000-4000-8000-000000000009', bodyHtml: '<p>x</p>', timestamp: 'not a date', associations: [{ toObjectType: 'company', toId: companyIds()[0]! }] });
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation', fields: ['hs_timestamp'] } });
    expect(mock.state.requests.total).toBe(0);
  });

  test('a wrong token is auth, from the server itself', async () => {
    const bad = createHubspotClient({ token: 'nope', fetch, baseUrl: mock.url });
    const r = await bad.testConnection();
    expect(r).toMatchObject({ ok: false, error: { kind: 'auth' } });
  });
});

describe('testConnection', () => {
  test('returns the portal id', async () => {
    expect(await client.testConnection()).toMatchObject({ ok: true, value: { portalId: '123456', uiDomain: 'app.hubspot.com' } });
  });

  test('names the missing scope when the token cannot read companies', async () => {
    mock.state.scopes.delete('crm.objects.companies.read');
    const r = await client.testConnection();
    expect(r).toMatchObject({ ok: false, error: { kind: 'forbidden', scope: 'crm.objects.companies.read' } });
    if (!r.ok) expect(r.error.message.en).toContain('crm.objects.companies.read');
  });

  test('remembers the rate-limit headers', async () => {
    await client.testConnection();
    expect(client.rateLimit()).toMatchObject({ max: 190, intervalMs: 10_000, remaining: expect.any(Number), dailyRemaining: expect.any(Number) });
  });
});

describe('reads', () => {
  test('getCompany returns the properties asked for', async () => {
    const id = companyIds()[1]!;
    const r = await client.getCompany(id, ['name', 'domain', 'nonexistent']);
    expect(r).toMatchObject({ ok: true, value: { id, properties: { name: '株式会社サンプル', domain: 'sample.example.jp', nonexistent: null } } });
  });

  test('getCompany refuses an id that is not digits, without a request', async () => {
    const r = await client.getCompany('12/../../x', ['name']);
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(mock.state.requests.total).toBe(0);
  });

  test('batchReadCompanies: chunks of 100, per-id errors from a 207', async () => {
    const ids = Array.from({ length: 148 }, (_, i) => mock.state.addObject('companies', { name: `Co ${i}` }));
    const missing = ['999999991', '999999992'];
    const r = await client.batchReadCompanies([...ids, ...missing, ids[0]!], ['name']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.results).toHaveLength(148);
    expect(r.value.errors.map((e) => e.id)).toEqual(missing);
    expect(r.value.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND' });
    expect(mock.state.requests.byRoute['POST /crm/objects/2026-09/companies/batch/read']).toBe(2);
    expect(mock.state.requests.log.filter((l) => l.path.endsWith('batch/read')).map((l) => l.status)).toEqual([200, 207]);
  });

  test('countAssociations follows paging', async () => {
    mock.state.associationPageSize = 2;
    const company = companyIds()[0]!;
    for (let i = 0; i < 5; i++) mock.state.addContact({ firstname: `C${i}` }, { primary: company });
    const r = await client.countAssociations('companies', company, 'contacts');
    // 5 new contacts plus the seeded Ada.
    expect(r).toEqual({ ok: true, value: 6 });
    expect(mock.state.requests.byRoute['POST /crm/associations/2026-09/companies/contacts/batch/read']).toBe(3);
  });

  test.each([
    ['a contact whose primary is listed second', 'contacts' as const, (a: string, b: string) => mock.state.addContact({}, { others: [a], primary: b }), 1],
    ['a deal whose primary is listed second', 'deals' as const, (a: string, b: string) => mock.state.addDeal({}, { others: [a], primary: b }), 1],
    ['a contact with no primary', 'contacts' as const, (a: string, b: string) => mock.state.addContact({}, { others: [a, b] }), 0],
    ['a deal with no company', 'deals' as const, () => mock.state.addDeal({}, {}), -1],
  ])('primaryCompanyOf %s', async (_name, type, make, expectedIndex) => {
    const [a, b] = companyIds() as [string, string];
    const id = make(a, b);
    const r = await client.primaryCompanyOf(type, id);
    expect(r).toEqual({ ok: true, value: expectedIndex < 0 ? null : [a, b][expectedIndex] });
  });
});

describe('notes', () => {
  test('createNote associates with 190/202/214 and listCompanyNotes finds it', async () => {
    const company = companyIds()[0]!;
    const contact = [...mock.state.objects.contacts.keys()][0]!;
    const deal = [...mock.state.objects.deals.keys()][0]!;
    const html = body('0d9e7c1a-1111-4222-8333-444455556666');
    expect(html.ok).toBe(true);
    if (!html.ok) return;
    const r = await client.createNote({
      clientId: '0d9e7c1a-1111-4222-8333-444455556666',
      bodyHtml: html.value,
      timestamp: NOW,
      associations: [
        { toObjectType: 'company', toId: company },
        { toObjectType: 'contact', toId: contact },
        { toObjectType: 'deal', toId: deal },
      ],
    });
    expect(r).toMatchObject({ ok: true, value: { clientId: '0d9e7c1a-1111-4222-8333-444455556666', timestamp: new Date(NOW).toISOString() } });
    if (!r.ok) return;
    const links = mock.state.associations.filter((a) => a.fromType === 'notes' && a.fromId === r.value.id);
    expect(links.map((l) => [l.toType, l.types.map((t) => t.typeId)])).toEqual([
      ['companies', [190]],
      ['contacts', [202]],
      ['deals', [214]],
    ]);
    const list = await client.listCompanyNotes(company);
    expect(list).toMatchObject({ ok: true, value: [{ id: r.value.id }] });
  });

  test('updateNote replaces the body', async () => {
    const company = companyIds()[0]!;
    const first = body('aaaaaaaa-0000-4000-8000-000000000001', 'first');
    const second = body('aaaaaaaa-0000-4000-8000-000000000001', 'second');
    if (!first.ok || !second.ok) throw new Error('body');
    const created = await client.createNote({ clientId: 'aaaaaaaa-0000-4000-8000-000000000001', bodyHtml: first.value, timestamp: NOW, associations: [{ toObjectType: 'company', toId: company }] });
    if (!created.ok) throw new Error('create');
    const r = await client.updateNote(created.value.id, second.value);
    expect(r).toMatchObject({ ok: true, value: { id: created.value.id } });
    expect(mock.state.objects.notes.get(created.value.id)!.properties.hs_note_body).toContain('second');
  });

  test.each([
    ['500 after the write', { status: 500, applyAfterWrite: true } as Fault],
    ['reset after the write', { reset: true, applyAfterWrite: true } as Fault],
    ['timeout after the write', { delayMs: 2_000, applyAfterWrite: true } as Fault],
  ])('findNoteByClientId after a lost create answer (%s) finds the note, so a retry does not duplicate it', async (_name, fault) => {
    const company = companyIds()[0]!;
    const clientId = 'bbbbbbbb-0000-4000-8000-000000000002';
    const html = body(clientId);
    if (!html.ok) throw new Error('body');
    mock.state.faults.push({ ...fault, match: (req) => req.method === 'POST' && req.path === '/crm/objects/2026-09/notes' });
    const input = { clientId, bodyHtml: html.value, timestamp: NOW, associations: [{ toObjectType: 'company' as const, toId: company }] };
    const lost = await client.createNote(input);
    expect(lost.ok).toBe(false);
    const found = await client.findNoteByClientId(company, clientId);
    expect(found).toMatchObject({ ok: true, value: { clientId } });
    // The guarded write finds it too and does not post again.
    const before = mock.state.requests.byRoute['POST /crm/objects/2026-09/notes'];
    const again = await client.createNoteOnce(input, { sleep: async () => {} });
    expect(again).toMatchObject({ ok: true, value: { clientId } });
    expect(mock.state.requests.byRoute['POST /crm/objects/2026-09/notes']).toBe(before);
    expect(mock.state.objects.notes.size).toBe(1);
  });

  test('createNoteOnce retries through an unknown outcome and still writes once', async () => {
    const company = companyIds()[0]!;
    const clientId = 'cccccccc-0000-4000-8000-000000000003';
    const html = body(clientId);
    if (!html.ok) throw new Error('body');
    mock.state.faults.push({ status: 500, applyAfterWrite: true, match: (req) => req.method === 'POST' && req.path === '/crm/objects/2026-09/notes' });
    const sleep = vi.fn(async () => {});
    const r = await client.createNoteOnce({ clientId, bodyHtml: html.value, timestamp: NOW, associations: [{ toObjectType: 'company', toId: company }] }, { sleep, random: () => 0 });
    expect(r).toMatchObject({ ok: true, value: { clientId } });
    expect(mock.state.objects.notes.size).toBe(1);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  test('the Sidecar ID marker survives the sanitiser while a script does not', async () => {
    const company = companyIds()[0]!;
    const html = body('dddddddd-0000-4000-8000-000000000004', '</p><script>alert(1)</script>');
    if (!html.ok) throw new Error('body');
    const created = await client.createNote({ clientId: 'dddddddd-0000-4000-8000-000000000004', bodyHtml: html.value, timestamp: NOW, associations: [{ toObjectType: 'company', toId: company }] });
    expect(created).toMatchObject({ ok: true, value: { clientId: 'dddddddd-0000-4000-8000-000000000004' } });
    if (created.ok) expect(created.value.bodyHtml).not.toMatch(/<script/i);
  });
});

describe('note identity: only Sidecar\'s own marker counts', () => {
  const A = 'a1a1a1a1-0000-4000-8000-00000000000a';
  const B = 'b2b2b2b2-0000-4000-8000-00000000000b';

  test('a note quoting another note\'s marker is found under its own id only, never the quoted one', async () => {
    const company = companyIds()[0]!;
    const a = body(A, 'original');
    if (!a.ok) throw new Error('body');
    const created = await client.createNote({ clientId: A, bodyHtml: a.value, timestamp: NOW, associations: [{ toObjectType: 'company', toId: company }] });
    if (!created.ok) throw new Error('create');
    // B pastes A's whole note, marker line included, into its text.
    const b = body(B, `pasted from HubSpot:\nSidecar ID: ${A}`);
    if (!b.ok) throw new Error('body');
    expect(await client.findNoteByClientId(company, B, NOW)).toEqual({ ok: true, value: null });
    const bNote = await client.createNoteOnce({ clientId: B, bodyHtml: b.value, timestamp: NOW + 1_000, associations: [{ toObjectType: 'company', toId: company }] }, { maxAttempts: 1, lookFirst: true });
    expect(bNote.ok && bNote.value.id).not.toBe(created.value.id);
    expect(mock.state.objects.notes.size).toBe(2);
    const foundA = await client.findNoteByClientId(company, A, NOW);
    expect(foundA).toMatchObject({ ok: true, value: { id: created.value.id } });
  });

  test('a body whose own marker is missing (edited after it in the CRM) names no note', () => {
    expect(readClientIdOf(`<p>x</p><p>Sidecar ID: ${A}</p><p>added in HubSpot</p>`)).toBeNull();
    expect(readClientIdOf(`<p>Sidecar ID: ${A}</p>`)).toBe(A);
    expect(readClientIdOf(`<p>&lt;/p&gt;&lt;p&gt;Sidecar ID: ${B}&lt;/p&gt;</p><p>Sidecar ID: ${A}</p>`)).toBe(A);
  });

  test('a copy carrying a planted marker, filed at another time, is not taken as the note', async () => {
    const company = companyIds()[0]!;
    const planted = body(A, 'someone copied the whole note');
    if (!planted.ok) throw new Error('body');
    await client.createNote({ clientId: A, bodyHtml: planted.value, timestamp: NOW + 60_000, associations: [{ toObjectType: 'company', toId: company }] });
    expect(await client.findNoteByClientId(company, A, NOW)).toEqual({ ok: true, value: null });
    const real = body(A, 'the real note');
    if (!real.ok) throw new Error('body');
    const r = await client.createNoteOnce({ clientId: A, bodyHtml: real.value, timestamp: NOW, associations: [{ toObjectType: 'company', toId: company }] }, { maxAttempts: 1, lookFirst: true });
    expect(r.ok).toBe(true);
    expect(mock.state.objects.notes.size).toBe(2);
    expect(r.ok && r.value.bodyHtml).toContain('the real note');
  });

  test('createNoteOnce refuses a body whose own marker is not the id passed in', async () => {
    const company = companyIds()[0]!;
    const b = body(B, 'x');
    if (!b.ok) throw new Error('body');
    const r = await client.createNoteOnce({ clientId: A, bodyHtml: b.value, timestamp: NOW, associations: [{ toObjectType: 'company', toId: company }] }, { maxAttempts: 1 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(mock.state.objects.notes.size).toBe(0);
  });
});

describe('withRetry against the mock', () => {
  test('a ten-secondly 429 is waited out for the interval header, then the read succeeds', async () => {
    mock.state.faults.push({ status: 429, headers: { 'x-hubspot-ratelimit-interval-milliseconds': '10000', 'x-hubspot-ratelimit-remaining': '0' } });
    const sleep = vi.fn(async () => {});
    const r = await withRetry(() => client.getCompany(companyIds()[0]!, ['name']), { sleep });
    expect(r.ok).toBe(true);
    expect(sleep).toHaveBeenCalledWith(10_000);
    expect(mock.state.requests.total).toBe(2);
  });

  test('a daily 429 is reported, not retried', async () => {
    mock.state.faults.push({ status: 429, body: { status: 'error', message: 'daily', errorType: 'RATE_LIMIT', policyName: 'DAILY', correlationId: 'c' }, times: Infinity });
    const sleep = vi.fn(async () => {});
    const r = await withRetry(() => client.getCompany(companyIds()[0]!, ['name']), { sleep });
    expect(r).toMatchObject({ ok: false, error: { kind: 'rate-limit', policy: 'DAILY' } });
    if (!r.ok) expect(r.error.message.en).toMatch(/daily/);
    expect(sleep).not.toHaveBeenCalled();
  });

  test('401 and 403 are never retried', async () => {
    mock.state.faults.push({ status: 401, times: Infinity });
    const r = await withRetry(() => client.getCompany(companyIds()[0]!, ['name']), { sleep: async () => {} });
    expect(r).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(mock.state.requests.total).toBe(1);
  });

  test('a 500 then a reset are retried until the read succeeds', async () => {
    mock.state.faults.push({ status: 500 }, { reset: true });
    const r = await withRetry(() => client.getCompany(companyIds()[0]!, ['name']), { sleep: async () => {}, random: () => 0 });
    expect(r.ok).toBe(true);
    expect(mock.state.requests.total).toBe(3);
  });
});

describe('the date-based API (2026-09)', () => {
  const serviceKey = async (opts: { seed?: boolean } = {}) => {
    const m = await startHubspotMock({ token: 'svc-key-na1-0000', scopes: SERVICE_KEY_SCOPES, portalId: 777, ...opts });
    return { m, c: createHubspotClient({ token: m.state.token, fetch, baseUrl: m.url, timeoutMs: 300 }) };
  };

  test('a Service Key holding only the crm scopes (no oauth) connects and names its portal', async () => {
    const { m, c } = await serviceKey();
    try {
      expect(m.state.scopes.has('oauth')).toBe(false);
      expect(await c.testConnection()).toEqual({ ok: true, value: { portalId: '777', uiDomain: 'app.hubspot.com' } });
      // The portal came from a company's record URL: account-info, which needs oauth, was not asked.
      expect(m.state.requests.log.map((l) => `${l.method} ${l.path} ${l.status}`)).toEqual(['GET /crm/objects/2026-09/companies 200']);
    } finally {
      await m.close();
    }
  });

  test('a Service Key on a portal with no companies yet still connects; account-info answers 403 (oauth) and is not fatal', async () => {
    const { m, c } = await serviceKey({ seed: false });
    try {
      expect(await c.testConnection()).toEqual({ ok: true, value: {} });
      expect(m.state.requests.log.map((l) => `${l.method} ${l.path} ${l.status}`)).toEqual(['GET /crm/objects/2026-09/companies 200', 'GET /account-info/2026-09/details 403']);
    } finally {
      await m.close();
    }
  });

  test('a private-app token (which holds oauth) on an empty portal gets the portal from account-info', async () => {
    const m = await startHubspotMock({ seed: false, portalId: 31337 });
    try {
      const c = createHubspotClient({ token: m.state.token, fetch, baseUrl: m.url });
      expect(await c.testConnection()).toMatchObject({ ok: true, value: { portalId: '31337', timeZone: 'Asia/Tokyo' } });
    } finally {
      await m.close();
    }
  });

  test('every call goes to a date-based path: none to v1–v4, none to a route the mock does not know', async () => {
    const company = companyIds()[0]!;
    const contact = [...mock.state.objects.contacts.keys()][0]!;
    const deal = [...mock.state.objects.deals.keys()][0]!;
    const clientId = 'eeeeeeee-0000-4000-8000-000000000005';
    const html = body(clientId);
    if (!html.ok) throw new Error('body');
    const input = { clientId, bodyHtml: html.value, timestamp: NOW, associations: [{ toObjectType: 'company' as const, toId: company }] };
    expect((await client.testConnection()).ok).toBe(true);
    expect((await client.getCompany(company, ['name'])).ok).toBe(true);
    expect((await client.batchReadCompanies(companyIds(), ['name'])).ok).toBe(true);
    expect(await client.countAssociations('companies', company, 'contacts')).toMatchObject({ ok: true, value: 1 });
    expect(await client.primaryCompanyOf('contacts', contact)).toEqual({ ok: true, value: company });
    expect(await client.primaryCompanyOf('deals', deal)).toEqual({ ok: true, value: company });
    const created = await client.createNoteOnce(input, { sleep: async () => {} });
    if (!created.ok) throw new Error(created.error.message.en);
    expect((await client.updateNote(created.value.id, html.value)).ok).toBe(true);
    expect(await client.listCompanyNotes(company)).toMatchObject({ ok: true, value: [{ id: created.value.id }] });
    expect(await client.deleteNote(created.value.id)).toEqual({ ok: true, value: undefined });
    expect(mock.state.objects.notes.size).toBe(0);

    const paths = mock.state.requests.log.map((l) => l.path);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => /\/v[1-4]\//.test(p))).toEqual([]);
    expect(paths.every((p) => p.includes('/2026-09/'))).toBe(true);
    expect(mock.state.requests.log.filter((l) => l.status === 404)).toEqual([]);
  });

  test('the mock answers a v3 or v4 path as an unknown route (404), as the 2026-09 API would', async () => {
    const company = companyIds()[0]!;
    const auth = { authorization: `Bearer ${mock.state.token}` };
    const v3 = await fetch(`${mock.url}/crm/v3/objects/companies/${company}?properties=name`, { headers: auth });
    const v4 = await fetch(`${mock.url}/crm/v4/objects/companies/${company}/associations/contacts`, { headers: auth });
    expect([v3.status, v4.status]).toEqual([404, 404]);
  });

  test.each([
    ['propertiesWithHistory', { inputs: [{ id: '1' }], properties: ['name'] }],
    ['properties', { inputs: [{ id: '1' }], propertiesWithHistory: [] }],
    ['inputs', { properties: ['name'], propertiesWithHistory: [] }],
  ])('the mock refuses a batch read without %s (required by the spec)', async (field, payload) => {
    const res = await fetch(`${mock.url}/crm/objects/2026-09/companies/batch/read`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mock.state.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    expect(res.status).toBe(400);
    const err = (await res.json()) as { category: string; message: string; correlationId: string };
    expect(err).toMatchObject({ category: 'VALIDATION_ERROR', correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(err.message).toContain(field);
  });

  test('the client sends propertiesWithHistory: [] in every batch read', async () => {
    const seen: unknown[] = [];
    const spy: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/batch/read') && String(input).includes('/crm/objects/')) seen.push(JSON.parse(String(init?.body)));
      return fetch(input, init);
    };
    const c = createHubspotClient({ token: mock.state.token, fetch: spy, baseUrl: mock.url });
    expect((await c.batchReadCompanies(companyIds(), ['name'])).ok).toBe(true);
    expect((await c.listCompanyNotes(companyIds()[0]!)).ok).toBe(true);
    expect(seen).toEqual([{ properties: ['name'], propertiesWithHistory: [], inputs: companyIds().map((id) => ({ id })) }]);
    // No notes yet: the association read found none, so no notes batch read was needed. Now with one:
    const html = body('ffffffff-0000-4000-8000-000000000006');
    if (!html.ok) throw new Error('body');
    await c.createNote({ clientId: 'ffffffff-0000-4000-8000-000000000006', bodyHtml: html.value, timestamp: NOW, associations: [{ toObjectType: 'company', toId: companyIds()[0]! }] });
    expect((await c.listCompanyNotes(companyIds()[0]!)).ok).toBe(true);
    expect(seen[1]).toMatchObject({ propertiesWithHistory: [], properties: ['hs_note_body', 'hs_timestamp', 'hubspot_owner_id'] });
  });

  test('a 403 as the spec documents it names the scope from context.missingScopes, and keeps the correlationId', async () => {
    mock.state.scopes.delete('crm.objects.companies.read');
    const r = await client.getCompany(companyIds()[0]!, ['name']);
    expect(r).toMatchObject({ ok: false, error: { kind: 'forbidden', scope: 'crm.objects.companies.read', correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
  });

  test('a 400 reads invalidPropertyName from the top-level context and from errors[].context', async () => {
    const body400 = { category: 'VALIDATION_ERROR', correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf', message: 'Invalid input', context: { invalidPropertyName: ['sidecar_arr'] }, errors: [{ message: 'x', context: { invalidPropertyName: ['sidecar_score'] } }] };
    mock.state.faults.push({ status: 400, body: body400 });
    const r = await client.getCompany(companyIds()[0]!, ['name']);
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation', fields: ['sidecar_arr', 'sidecar_score'], correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf' } });
  });

  test("a write the portal's own validation rule refuses is a validation failure of that record, naming the property", async () => {
    mock.state.validationRules.push({ objectType: 'notes', property: 'hubspot_owner_id' });
    const html = body('abababab-0000-4000-8000-000000000007');
    if (!html.ok) throw new Error('body');
    const r = await client.createNote({ clientId: 'abababab-0000-4000-8000-000000000007', bodyHtml: html.value, timestamp: NOW, associations: [{ toObjectType: 'company', toId: companyIds()[0]! }] });
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation', fields: ['hubspot_owner_id'] } });
    if (!r.ok) expect(r.error.message.en).toMatch(/validation rule/);
    expect(mock.state.objects.notes.size).toBe(0);
    // The same key still reads: nothing about the connection is wrong.
    expect((await client.getCompany(companyIds()[0]!, ['name'])).ok).toBe(true);
  });

  test('ticket counts need the tickets scope: without it the count is forbidden, naming tickets', async () => {
    const { m, c } = await serviceKey();
    try {
      const company = [...m.state.objects.companies.keys()][0]!;
      expect(await c.countAssociations('companies', company, 'tickets')).toMatchObject({ ok: false, error: { kind: 'forbidden', scope: 'tickets' } });
      m.state.scopes.add('tickets');
      const ticket = m.state.addObject('tickets', { subject: 'Login fails', hs_pipeline_stage: '1' });
      m.state.associate('tickets', ticket, 'companies', company, [339]);
      expect(await c.countAssociations('companies', company, 'tickets')).toEqual({ ok: true, value: 1 });
    } finally {
      await m.close();
    }
  });
});

describe('standalone mock', () => {
  test('node tests/mocks/hubspot-server.ts --port 0 prints a URL that serves the API', async () => {
    const { url, child } = await spawnMock('hubspot-server.ts');
    try {
      const c = createHubspotClient({ token: 'hubspot-test-token', fetch, baseUrl: url });
      expect(await c.testConnection()).toMatchObject({ ok: true, value: { portalId: '123456' } });
    } finally {
      child.kill();
    }
  });
});
