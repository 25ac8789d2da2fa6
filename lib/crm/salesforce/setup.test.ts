import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startSalesforceMock, type SalesforceMock } from '../../../tests/mocks/salesforce-server.ts';
import { defaultConfigPack } from '../../engine/default-pack/index.ts';
import { RESULT_FIELDS, publishedFields } from '../../publish/fields.ts';
import { checkFields, fieldsToCreate, fieldsToGrant, PERMISSION_SETS } from '../../publish/setup.ts';
import { createSalesforceClient } from './client.ts';
import { createSalesforceFields } from './fields.ts';
import { createSalesforceSetup } from './setup.ts';

let mock: SalesforceMock;
const make = (token = [...mock.state.tokens][0]!) => {
  const client = createSalesforceClient({ fetch, timeoutMs: 1_000, getSession: async () => ({ instanceUrl: mock.url, accessToken: token }) });
  return createSalesforceSetup(client, createSalesforceFields(client));
};
const wanted = publishedFields(defaultConfigPack('en'));
const names = wanted.map((f) => f.salesforce);

async function check(token?: string) {
  const s = make(token);
  const defs = await s.readDefinitions(names);
  if (!defs.ok) throw new Error(defs.error.message.en);
  const hidden = await s.hiddenFields(names.filter((n) => !defs.value.has(n)));
  if (!hidden.ok) throw new Error(hidden.error.message.en);
  return checkFields('salesforce', wanted, defs.value, hidden.value);
}

async function setUp() {
  const rows = await check();
  const s = make();
  const created = await s.createFields(fieldsToCreate(rows, wanted, 'salesforce'), 'en');
  if (!created.ok) throw new Error(created.error.message.en);
  const granted = await s.grantAccess(fieldsToGrant(rows));
  if (!granted.ok) throw new Error(granted.error.message.en);
  return { created: created.value, granted: granted.value };
}

const setId = (name: string) => [...mock.state.records.PermissionSet.values()].find((r) => r.Name === name)!.Id;

beforeEach(async () => {
  mock = await startSalesforceMock();
});
afterEach(() => mock.close());

describe('Salesforce setup', () => {
  test('creates the fields through the Tooling API, grants them by permission sets, and describe shows them writable', async () => {
    expect((await check()).every((r) => r.status === 'missing')).toBe(true);
    const { created, granted } = await setUp();
    expect(created.created.sort()).toEqual([...names].sort());
    expect(granted).toEqual({ createdSets: [PERMISSION_SETS.read.Name, PERMISSION_SETS.publish.Name], fieldPermissions: names.length * 2, assigned: true });
    expect((await check()).filter((r) => r.status !== 'ok')).toEqual([]);
    // The bodies as the Tooling API's CustomField takes them.
    expect(mock.state.toolingCreates.find((c) => c.FullName === `Account.${RESULT_FIELDS.score.salesforce}`)?.Metadata).toMatchObject({ type: 'Number', precision: 18, scale: 2, label: 'Sidecar health score' });
    expect(mock.state.toolingCreates.find((c) => c.FullName === `Account.${RESULT_FIELDS.band.salesforce}`)?.Metadata).toMatchObject({ type: 'Text', length: 255 });
    expect(mock.state.toolingCreates.find((c) => c.FullName === `Account.${RESULT_FIELDS.asOf.salesforce}`)?.Metadata).toMatchObject({ type: 'DateTime' });
    // Read for CSMs, edit for the publisher; the publisher's set assigned to the connected user.
    const perms = [...mock.state.records.FieldPermissions.values()].filter((p) => p.Field === `Account.${RESULT_FIELDS.score.salesforce}`);
    expect(perms.map((p) => [p.ParentId, p.PermissionsRead, p.PermissionsEdit]).sort()).toEqual(
      [
        [setId(PERMISSION_SETS.read.Name), true, false],
        [setId(PERMISSION_SETS.publish.Name), true, true],
      ].sort(),
    );
    expect([...mock.state.records.PermissionSetAssignment.values()]).toEqual([expect.objectContaining({ AssigneeId: mock.state.currentUserId, PermissionSetId: setId(PERMISSION_SETS.publish.Name) })]);
  });

  test('run twice: nothing created twice, no duplicate permission or assignment', async () => {
    await setUp();
    const again = await setUp();
    expect(again.created).toEqual({ created: [], existed: [], failed: [] });
    expect(again.granted).toEqual({ createdSets: [], fieldPermissions: 0, assigned: true });
    expect(mock.state.records.PermissionSet.size).toBe(2);
    expect(mock.state.records.PermissionSetAssignment.size).toBe(1);
  });

  test('a field created but not granted is "hidden" (no access), never "missing"', async () => {
    const s = make();
    await s.createFields([RESULT_FIELDS.score], 'en');
    const row = (await check()).find((r) => r.key === 'score');
    expect(row?.status).toBe('hidden');
    expect(fieldsToCreate(await check(), wanted, 'salesforce').map((f) => f.key)).not.toContain('score');
  });

  test('a CSM with the read set sees the fields read-only; without View Setup a missing one stays "missing"', async () => {
    await setUp();
    const csm = mock.state.insert('User', { Name: 'CSM A', Email: 'a@example.com', IsActive: true });
    mock.state.tokens.add('csm-token');
    mock.state.sessions.set('csm-token', csm);
    mock.state.insert('PermissionSetAssignment', { AssigneeId: csm, PermissionSetId: setId(PERMISSION_SETS.read.Name) });
    const rows = await check('csm-token');
    expect(rows.every((r) => r.status === 'read-only')).toBe(true);
    mock.state.accountFields.set('Sidecar_Sig_Extra__c', { type: 'double', updateable: true, fls: true });
    mock.state.canViewSetup = false;
    const hidden = await make('csm-token').hiddenFields(['Sidecar_Sig_Extra__c']);
    expect(hidden.ok && hidden.value).toBeNull();
  });

  test('an existing field of the wrong type is named, never created over or changed', async () => {
    mock.state.accountFields.set(RESULT_FIELDS.score.salesforce, { type: 'string', updateable: true, length: 20 });
    const rows = await check();
    expect(rows.find((r) => r.key === 'score')).toMatchObject({ status: 'wrong-type', crmType: 'string' });
    await setUp();
    expect(mock.state.toolingCreates.map((c) => c.FullName)).not.toContain(`Account.${RESULT_FIELDS.score.salesforce}`);
    expect(mock.state.accountFields.get(RESULT_FIELDS.score.salesforce)).toEqual({ type: 'string', updateable: true, length: 20 });
    expect([...mock.state.records.FieldPermissions.values()].some((p) => p.Field === `Account.${RESULT_FIELDS.score.salesforce}`)).toBe(false);
  });

  test('without Customize Application: refused as no access, nothing created', async () => {
    mock.state.canCustomize = false;
    const r = await make().createFields(wanted, 'en');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ kind: 'forbidden', detail: 'INSUFFICIENT_ACCESS_OR_READONLY' });
    expect(mock.state.toolingCreates).toEqual([]);
    const g = await make().grantAccess(names);
    expect(!g.ok && g.error.kind).toBe('forbidden');
  });

  test('a duplicate name from another browser counts as existed', async () => {
    await make().createFields([RESULT_FIELDS.score], 'en');
    const r = await make().createFields([RESULT_FIELDS.score, RESULT_FIELDS.band], 'en');
    expect(r.ok && r.value).toEqual({ created: [RESULT_FIELDS.band.salesforce], existed: [RESULT_FIELDS.score.salesforce], failed: [] });
  });
});
