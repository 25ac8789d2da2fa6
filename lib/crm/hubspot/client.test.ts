import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { startHubspotMock, type Fault, type HubspotMock } from '../../../tests/mocks/hubspot-server.ts';
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
  noteBodyHtml({ text, ratings: [{ label: 'Adoption', value: 4, max: 5 }], touchpoint: 'Onboarding call', clientId, locale: 'en' });

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
    const r = await client.createNote({ bodyHtml: '<p>x</p>', timestamp: 'not a date', associations: [{ toObjectType: 'company', toId: companyIds()[0]! }] });
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
    expect(mock.state.requests.byRoute['POST /crm/v3/objects/companies/batch/read']).toBe(2);
    expect(mock.state.requests.log.filter((l) => l.path.endsWith('batch/read')).map((l) => l.status)).toEqual([200, 207]);
  });

  test('countAssociations follows paging', async () => {
    mock.state.associationPageSize = 2;
    const company = companyIds()[0]!;
    for (let i = 0; i < 5; i++) mock.state.addContact({ firstname: `C${i}` }, { primary: company });
    const r = await client.countAssociations('companies', company, 'contacts');
    // 5 new contacts plus the seeded Ada.
    expect(r).toEqual({ ok: true, value: 6 });
    expect(mock.state.requests.byRoute['GET /crm/v4/objects/companies/:id/associations/contacts']).toBe(3);
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
    const created = await client.createNote({ bodyHtml: first.value, timestamp: NOW, associations: [{ toObjectType: 'company', toId: company }] });
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
    mock.state.faults.push({ ...fault, match: (req) => req.method === 'POST' && req.path === '/crm/v3/objects/notes' });
    const input = { bodyHtml: html.value, timestamp: NOW, associations: [{ toObjectType: 'company' as const, toId: company }] };
    const lost = await client.createNote(input);
    expect(lost.ok).toBe(false);
    const found = await client.findNoteByClientId(company, clientId);
    expect(found).toMatchObject({ ok: true, value: { clientId } });
    // The guarded write finds it too and does not post again.
    const before = mock.state.requests.byRoute['POST /crm/v3/objects/notes'];
    const again = await client.createNoteOnce(input, { sleep: async () => {} });
    expect(again).toMatchObject({ ok: true, value: { clientId } });
    expect(mock.state.requests.byRoute['POST /crm/v3/objects/notes']).toBe(before);
    expect(mock.state.objects.notes.size).toBe(1);
  });

  test('createNoteOnce retries through an unknown outcome and still writes once', async () => {
    const company = companyIds()[0]!;
    const clientId = 'cccccccc-0000-4000-8000-000000000003';
    const html = body(clientId);
    if (!html.ok) throw new Error('body');
    mock.state.faults.push({ status: 500, applyAfterWrite: true, match: (req) => req.method === 'POST' && req.path === '/crm/v3/objects/notes' });
    const sleep = vi.fn(async () => {});
    const r = await client.createNoteOnce({ bodyHtml: html.value, timestamp: NOW, associations: [{ toObjectType: 'company', toId: company }] }, { sleep, random: () => 0 });
    expect(r).toMatchObject({ ok: true, value: { clientId } });
    expect(mock.state.objects.notes.size).toBe(1);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  test('the Sidecar ID marker survives the sanitiser while a script does not', async () => {
    const company = companyIds()[0]!;
    const html = body('dddddddd-0000-4000-8000-000000000004', '</p><script>alert(1)</script>');
    if (!html.ok) throw new Error('body');
    const created = await client.createNote({ bodyHtml: html.value, timestamp: NOW, associations: [{ toObjectType: 'company', toId: company }] });
    expect(created).toMatchObject({ ok: true, value: { clientId: 'dddddddd-0000-4000-8000-000000000004' } });
    if (created.ok) expect(created.value.bodyHtml).not.toMatch(/<script/i);
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
