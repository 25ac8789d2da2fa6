import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startHubspotMock, type HubspotMock } from '../../../tests/mocks/hubspot-server.ts';
import { bookFor } from '../../engine/book.ts';
import { RESULT_FIELDS } from '../../publish/fields.ts';
import { createHubspotClient } from './client.ts';
import { createHubspotFields } from './fields.ts';

let mock: HubspotMock;
const make = () => createHubspotFields(createHubspotClient({ token: mock.state.token, fetch, baseUrl: mock.url, timeoutMs: 500 }));
const SCORE = RESULT_FIELDS.score.hubspot;
const BAND = RESULT_FIELDS.band.hubspot;

beforeEach(async () => {
  mock = await startHubspotMock();
  mock.state.defineProperty({ name: SCORE, type: 'number', groupName: 'sidecar' });
  mock.state.defineProperty({ name: BAND, type: 'string', groupName: 'sidecar' });
});
afterEach(() => mock.close());

const ids = () => [...mock.state.objects.companies.keys()];

describe('HubSpot fields', () => {
  test('readDefinitions: the Sidecar properties that exist, with their types', async () => {
    mock.state.defineProperty({ name: 'sidecar_pack_id', type: 'string', readOnlyValue: true });
    const r = await make().readDefinitions([SCORE, BAND, 'sidecar_pack_id', 'sidecar_missing']);
    expect(r.ok && [...r.value.values()]).toEqual([
      { name: SCORE, crmType: 'number', type: 'number', writable: true },
      { name: BAND, crmType: 'string', type: 'string', writable: true },
      { name: 'sidecar_pack_id', crmType: 'string', type: 'string', writable: false },
    ]);
    expect(mock.state.requests.byRoute['GET /crm/properties/2026-09/companies']).toBe(1);
  });

  test('listFields: every company property with its label, for the map editor\'s source picker (one request)', async () => {
    mock.state.defineProperty({ name: 'csm_nps_score', type: 'number', label: 'NPS survey score' });
    const r = await make().listFields();
    if (!r.ok) throw new Error(r.error.message.en);
    expect(r.value.find((f) => f.name === 'csm_nps_score')).toEqual({ name: 'csm_nps_score', crmType: 'number', type: 'number', writable: true, label: 'NPS survey score' });
    expect(r.value.some((f) => f.name === SCORE)).toBe(true);
    expect(mock.state.requests.byRoute['GET /crm/properties/2026-09/companies']).toBe(1);
  });

  test('readBook pages through the company list (never search) and keeps the book', async () => {
    for (let i = 0; i < 230; i++) mock.state.addObject('companies', { name: `Co ${i}`, lifecyclestage: i % 2 ? 'customer' : 'lead', [SCORE]: i === 3 ? '55' : null });
    const r = await make().readBook(bookFor({}, 'hubspot'), [SCORE]);
    if (!r.ok) throw new Error(r.error.message.en);
    // 2 seeded customers + 115 odd ones.
    expect(r.value).toHaveLength(117);
    expect(r.value.find((a) => a.name === 'Co 3')?.fields[SCORE]).toBe('55');
    expect(r.value.find((a) => a.name === 'Acme Corp')?.csm).toMatch(/^\d+$/);
    expect(mock.state.requests.byRoute['GET /crm/objects/2026-09/companies']).toBe(3);
    expect(Object.keys(mock.state.requests.byRoute).some((k) => k.includes('search'))).toBe(false);
  });

  test('writeBatch: 200, every record written, values as strings, one request', async () => {
    const [a, b] = ids();
    const r = await make().writeBatch([{ id: a!, fields: { [SCORE]: '62', [BAND]: 'yellow' } }, { id: b!, fields: { [SCORE]: '80' } }]);
    expect(r.ok && r.value).toEqual([{ id: a, ok: true }, { id: b, ok: true }]);
    expect(mock.state.objects.companies.get(a!)!.properties[SCORE]).toBe('62');
    expect(mock.state.requests.byRoute['POST /crm/objects/2026-09/companies/batch/update']).toBe(1);
    expect(mock.state.batchUpdateSizes).toEqual([2]);
  });

  test('writeBatch: a 207 names each refused input; the others are written', async () => {
    const [a, b] = ids();
    const c = mock.state.addObject('companies', { name: 'Third' });
    mock.state.refuseUpdate = (id) => (id === b ? { category: 'VALIDATION_ERROR', message: 'Score must be set with a band (portal rule)' } : null);
    const r = await make().writeBatch([
      { id: a!, fields: { [SCORE]: '62' } },
      { id: b!, fields: { [SCORE]: '63' } },
      { id: '99999999', fields: { [SCORE]: '1' } },
      { id: c, fields: { sidecar_nope: 'x' } },
    ]);
    if (!r.ok) throw new Error(r.error.message.en);
    expect(r.value.map((x) => (x.ok ? 'ok' : x.code))).toEqual(['ok', 'validation', 'not-found', 'no-field']);
    expect(r.value[3]).toMatchObject({ ok: false, fields: ['sidecar_nope'], retryable: false });
    expect(mock.state.objects.companies.get(b!)!.properties[SCORE]).toBeUndefined();
  });

  test('writeBatch: a value of the wrong type is refused for that record only', async () => {
    const [a] = ids();
    const r = await make().writeBatch([{ id: a!, fields: { [SCORE]: 'sixty' } }]);
    expect(r.ok && r.value[0]).toMatchObject({ ok: false, code: 'validation', fields: [SCORE] });
  });

  test('writeBatch refuses more than 100 records before sending anything', async () => {
    const r = await make().writeBatch(Array.from({ length: 101 }, (_, i) => ({ id: String(5000 + i), fields: {} })));
    expect(r.ok ? null : r.error.key).toBe('publish.batch-too-large');
    expect(mock.state.requests.total).toBe(0);
  });

  test('a 429 is the whole request\'s error, with the window to wait', async () => {
    mock.state.faults.push({ status: 429 });
    const r = await make().writeBatch([{ id: ids()[0]!, fields: { [SCORE]: '1' } }]);
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'rate-limit', policy: 'TEN_SECONDLY_ROLLING', retryAfterMs: 10_000 });
  });

  test('without crm.objects.companies.write the missing scope is named', async () => {
    mock.state.scopes.delete('crm.objects.companies.write');
    const r = await make().writeBatch([{ id: ids()[0]!, fields: { [SCORE]: '1' } }]);
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'forbidden', scope: 'crm.objects.companies.write' });
  });

  test('pace follows the headers: the enforced window leaves 30 % to the sidebars', async () => {
    mock.state.rateLimit.max = 10;
    const fields = make();
    expect(fields.pace()).toEqual({ kind: 'go', waitMs: 0 });
    for (let i = 0; i < 7; i++) await fields.readRecords([ids()[0]!], [SCORE]);
    // 3 of 10 left: the next would take the window below 30 %.
    expect(fields.pace()).toEqual({ kind: 'go', waitMs: 10_000 });
    expect(fields.windowLeft()).toBeCloseTo(0.3);
  });

  test('an enforced window answers 429 past its max', async () => {
    let now = 0;
    mock.state.clock = () => now;
    mock.state.rateLimit = { ...mock.state.rateLimit, max: 3, enforce: true };
    const fields = make();
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await fields.readRecords([ids()[0]!], [SCORE])).ok);
    expect(results).toEqual([true, true, true, false]);
    now += 10_000;
    expect((await fields.readRecords([ids()[0]!], [SCORE])).ok).toBe(true);
  });
});
