import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SCHEMA_WRITE_SCOPE, startHubspotMock, type HubspotMock } from '../../../tests/mocks/hubspot-server.ts';
import { defaultConfigPack } from '../../engine/default-pack/index.ts';
import { HUBSPOT_GROUP, RESULT_FIELDS, publishedFields } from '../../publish/fields.ts';
import { checkFields, fieldsToCreate } from '../../publish/setup.ts';
import { createHubspotClient } from './client.ts';
import { createHubspotFields } from './fields.ts';
import { createHubspotSetup, HUBSPOT_SCHEMA_WRITE_SCOPE } from './setup.ts';

let mock: HubspotMock;
const make = () => {
  const client = createHubspotClient({ token: mock.state.token, fetch, baseUrl: mock.url, timeoutMs: 1_000 });
  return createHubspotSetup(client, createHubspotFields(client));
};
const wanted = publishedFields(defaultConfigPack('en'));
const names = wanted.map((f) => f.hubspot);

async function check() {
  const s = make();
  const defs = await s.readDefinitions(names);
  if (!defs.ok) throw new Error(defs.error.message.en);
  return checkFields('hubspot', wanted, defs.value);
}

beforeEach(async () => {
  mock = await startHubspotMock();
});
afterEach(() => mock.close());

describe('HubSpot setup', () => {
  test('the spec names the scope the mock enforces', () => {
    expect(HUBSPOT_SCHEMA_WRITE_SCOPE).toBe(SCHEMA_WRITE_SCOPE);
  });

  test('creates the group and the missing properties; later reads see them, of the right type', async () => {
    const before = await check();
    expect(before.every((r) => r.status === 'missing')).toBe(true);
    const r = await make().createFields(fieldsToCreate(before, wanted, 'hubspot'), 'ja');
    if (!r.ok) throw new Error(r.error.message.en);
    expect(r.value.created.sort()).toEqual([...names].sort());
    expect(r.value.failed).toEqual([]);
    expect(mock.state.propertyGroups.get(HUBSPOT_GROUP)?.label).toBe('Sidecar');
    const after = await check();
    expect(after.filter((x) => x.status !== 'ok')).toEqual([]);
    // Labels in the user's language, in the group, with the field type each type needs.
    const score = mock.state.properties.get(RESULT_FIELDS.score.hubspot)!;
    expect(score).toMatchObject({ type: 'number', fieldType: 'number', groupName: HUBSPOT_GROUP, label: 'Sidecar ヘルススコア' });
    expect(mock.state.properties.get(RESULT_FIELDS.asOf.hubspot)).toMatchObject({ type: 'datetime', fieldType: 'date' });
    expect(mock.state.requests.byRoute['POST /crm/properties/2026-09/companies/batch/create']).toBe(1);
  });

  test('a second browser creating the same names: each is "existed" (207), none failed, the group kept', async () => {
    await make().createFields(wanted, 'en');
    const again = await make().createFields(wanted, 'en');
    if (!again.ok) throw new Error(again.error.message.en);
    expect(again.value.created).toEqual([]);
    expect(again.value.existed.sort()).toEqual([...names].sort());
    expect(again.value.failed).toEqual([]);
    expect(mock.state.requests.byRoute['POST /crm/properties/2026-09/companies/groups']).toBe(1);
  });

  test('two CS Ops browsers at once: the group once (a 409 for the second is fine), every property once, nothing failed', async () => {
    const [a, b] = await Promise.all([make().createFields(wanted, 'en'), make().createFields(wanted, 'ja')]);
    if (!a.ok || !b.ok) throw new Error('a setup failed');
    expect([...a.value.created, ...b.value.created].sort()).toEqual([...names].sort());
    expect([...a.value.existed, ...b.value.existed]).toHaveLength(names.length);
    expect([...a.value.failed, ...b.value.failed]).toEqual([]);
    expect([...mock.state.propertyGroups.keys()].filter((g) => g === HUBSPOT_GROUP)).toHaveLength(1);
  });

  test('an existing property of the wrong type is named and never changed', async () => {
    mock.state.defineProperty({ name: RESULT_FIELDS.score.hubspot, type: 'string', label: 'Health (text)' });
    const rows = await check();
    expect(rows.find((x) => x.key === 'score')).toMatchObject({ status: 'wrong-type', crmType: 'string', want: 'number' });
    const plan = fieldsToCreate(rows, wanted, 'hubspot');
    expect(plan.map((f) => f.key)).not.toContain('score');
    const r = await make().createFields(plan, 'en');
    expect(r.ok).toBe(true);
    expect(mock.state.properties.get(RESULT_FIELDS.score.hubspot)).toMatchObject({ type: 'string', label: 'Health (text)' });
    expect((await check()).find((x) => x.key === 'score')?.status).toBe('wrong-type');
  });

  test('a read-only property is "read-only", not missing', async () => {
    mock.state.defineProperty({ name: RESULT_FIELDS.band.hubspot, type: 'string', readOnlyValue: true });
    expect((await check()).find((x) => x.key === 'band')?.status).toBe('read-only');
  });

  test('without the schema scope: a 403 naming crm.schemas.companies.write, and nothing created', async () => {
    mock.state.scopes.delete(SCHEMA_WRITE_SCOPE);
    const r = await make().createFields(wanted, 'en');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ kind: 'forbidden', scope: 'crm.schemas.companies.write' });
    expect(r.error.message.en).toContain('crm.schemas.companies.write');
    expect([...mock.state.properties.keys()].some((n) => n.startsWith('sidecar_'))).toBe(false);
  });

  test('a refused input (a bad name) is reported by name; the others are created', async () => {
    const bad = { ...RESULT_FIELDS.band, key: 'bad', hubspot: 'Bad Name' };
    const r = await make().createFields([RESULT_FIELDS.score, bad], 'en');
    if (!r.ok) throw new Error(r.error.message.en);
    expect(r.value.created).toEqual([RESULT_FIELDS.score.hubspot]);
    expect(r.value.failed).toEqual([expect.objectContaining({ name: 'Bad Name', crmCode: 'VALIDATION_ERROR' })]);
  });
});
