import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startSalesforceMock, type SalesforceMock } from '../../../tests/mocks/salesforce-server.ts';
import { bookFor } from '../../engine/book.ts';
import { createSalesforceClient } from './client.ts';
import { createSalesforceFields, salesforceFailure } from './fields.ts';

let mock: SalesforceMock;
const make = () => createSalesforceFields(createSalesforceClient({ fetch, timeoutMs: 500, getSession: async () => ({ instanceUrl: mock.url, accessToken: [...mock.state.tokens][0]! }) }));
const SCORE = 'Sidecar_Health_Score__c';
const BAND = 'Sidecar_Health_Band__c';

beforeEach(async () => {
  mock = await startSalesforceMock();
  mock.state.accountFields.set(SCORE, { type: 'double', updateable: true });
  mock.state.accountFields.set(BAND, { type: 'string', updateable: true, length: 255 });
  mock.state.accountFields.set('CSM__c', { type: 'reference', updateable: true });
  mock.state.accountFields.set('Churned__c', { type: 'boolean', updateable: true });
});
afterEach(() => mock.close());

const accounts = () => [...mock.state.records.Account.keys()];

describe('Salesforce fields', () => {
  test('readDefinitions: describe says which Sidecar fields exist and whether the user may edit them', async () => {
    mock.state.accountFields.set('Sidecar_Pack_Id__c', { type: 'string', updateable: false, length: 255 });
    const r = await make().readDefinitions([SCORE, 'Sidecar_Pack_Id__c', 'Sidecar_Missing__c']);
    expect(r.ok && [...r.value.values()]).toEqual([
      { name: SCORE, crmType: 'double', type: 'number', writable: true },
      { name: 'Sidecar_Pack_Id__c', crmType: 'string', type: 'string', writable: false },
    ]);
  });

  test('listFields: every Account field the user can see, with its label (describe)', async () => {
    const r = await make().listFields();
    if (!r.ok) throw new Error(r.error.message.en);
    expect(r.value.find((f) => f.name === SCORE)).toEqual({ name: SCORE, crmType: 'double', type: 'number', writable: true, label: SCORE });
    expect(r.value.some((f) => f.name === 'Name')).toBe(true);
  });

  test('readBook: one SOQL query with the book as its WHERE clause, typed per field, paged', async () => {
    mock.state.queryBatchSize = 2;
    for (let i = 0; i < 5; i++) mock.state.insert('Account', { Name: `Customer ${i}`, Type: 'Customer', CSM__c: '005D000000000AAIAY', Churned__c: i === 0 });
    mock.state.insert('Account', { Name: 'Prospect', Type: 'Prospect' });
    const book = bookFor({ book: { salesforce: { filter: [{ field: 'Type', op: 'in', value: ['Customer'] }, { field: 'Churned__c', op: 'neq', value: 'true' }], csm: { field: 'CSM__c' } } } }, 'salesforce');
    const r = await make().readBook(book, [SCORE]);
    if (!r.ok) throw new Error(r.error.message.en);
    expect(r.value.map((a) => a.name)).toEqual(['Customer 1', 'Customer 2', 'Customer 3', 'Customer 4']);
    expect(r.value[0]).toMatchObject({ csm: '005D000000000AAIAY', fields: { [SCORE]: null } });
    const q = mock.state.requests.log.find((l) => l.path.endsWith('/query'))!.query;
    expect(decodeURIComponent(q.replace(/\+/g, ' '))).toContain("WHERE Type IN ('Customer') AND Churned__c != true");
  });

  test('readBook: when the CSM is the owner, the same query names them (Owner.Name)', async () => {
    const owner = mock.state.insert('User', { Name: '佐藤 花子', Email: 'hanako@example.com', IsActive: true });
    mock.state.insert('Account', { Name: 'Owned customer', Type: 'Customer', OwnerId: owner });
    const r = await make().readBook(bookFor({}, 'salesforce'), [SCORE]);
    if (!r.ok) throw new Error(r.error.message.en);
    expect(r.value.find((a) => a.name === 'Owned customer')).toMatchObject({ csm: expect.stringMatching(/^005/), csmName: '佐藤 花子' });
    expect(mock.state.requests.log.filter((l) => l.path.endsWith('/query'))).toHaveLength(1);
  });

  test('readBook: a book field the Account lacks is named, and nothing is queried', async () => {
    const r = await make().readBook(bookFor({ book: { salesforce: { filter: [{ field: 'Tier__c', op: 'eq', value: 'A' }] } } }, 'salesforce'), [SCORE]);
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'validation', fields: ['Tier__c'] });
    expect(mock.state.requests.log.some((l) => l.path.endsWith('/query'))).toBe(false);
  });

  test('writeBatch: one sObject Collections PATCH, one result per record in order', async () => {
    const [a, b] = accounts();
    const r = await make().writeBatch([{ id: a!, fields: { [SCORE]: 62, [BAND]: 'yellow' } }, { id: b!, fields: { [SCORE]: 80 } }]);
    expect(r.ok && r.value).toEqual([{ id: a, ok: true }, { id: b, ok: true }]);
    expect(mock.state.records.Account.get(a!)![SCORE]).toBe(62);
    expect(mock.state.requests.byRoute['PATCH /services/data/v67.0/composite/sobjects']).toBe(1);
  });

  test.each<[string, string, string, boolean]>([
    ['a validation rule', 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'validation', false],
    ['a locked row', 'UNABLE_TO_LOCK_ROW', 'locked', true],
    ['no access', 'INSUFFICIENT_ACCESS_OR_READONLY', 'no-access', false],
  ])('writeBatch: %s fails that record only (%s → %s)', async (_n, statusCode, code, retryable) => {
    const [a, b, c] = accounts();
    mock.state.refuseRecord = (id) => (id === b ? { statusCode, message: `refused: ${statusCode}`, fields: [SCORE] } : null);
    const r = await make().writeBatch([a!, b!, c!].map((id) => ({ id, fields: { [SCORE]: 50 } })));
    if (!r.ok) throw new Error(r.error.message.en);
    expect(r.value.map((x) => x.ok)).toEqual([true, false, true]);
    expect(r.value[1]).toEqual({ id: b, ok: false, code, retryable, message: `refused: ${statusCode}`, crmCode: statusCode, fields: [SCORE] });
    expect(mock.state.records.Account.get(b!)![SCORE]).toBeUndefined();
    expect(mock.state.records.Account.get(c!)![SCORE]).toBe(50);
  });

  test('writeBatch: a deleted record and a read-only field are refused per record', async () => {
    const [a] = accounts();
    mock.state.accountFields.set('Sidecar_Pack_Id__c', { type: 'string', updateable: false, length: 255 });
    const r = await make().writeBatch([{ id: '001D000000ZZZZZ', fields: { [SCORE]: 1 } }, { id: a!, fields: { Sidecar_Pack_Id__c: 'x' } }]);
    expect(r.ok && r.value.map((x) => (x.ok ? 'ok' : x.code))).toEqual(['not-found', 'no-access']);
  });

  test('writeBatch: a field the org lacks refuses the whole request, naming it', async () => {
    const r = await make().writeBatch([{ id: accounts()[0]!, fields: { Sidecar_Nope__c: 1 } }]);
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'validation', fields: ['Sidecar_Nope__c'] });
  });

  test('writeBatch refuses more than 200 records before sending', async () => {
    const r = await make().writeBatch(Array.from({ length: 201 }, () => ({ id: accounts()[0]!, fields: {} })));
    expect(r.ok ? null : r.error.key).toBe('publish.batch-too-large');
    expect(mock.state.requests.total).toBe(0);
  });

  test('pace: the daily allowance nearly spent stops publishing; an enforced limit answers REQUEST_LIMIT_EXCEEDED', async () => {
    const fields = make();
    mock.state.apiUsage = { used: 13_400, max: 15_000 };
    await fields.readRecords([accounts()[0]!], [SCORE]);
    expect(fields.pace()).toEqual({ kind: 'go', waitMs: 0 });
    mock.state.apiUsage.used = 13_600;
    await fields.readRecords([accounts()[0]!], [SCORE]);
    expect(fields.pace()).toMatchObject({ kind: 'stop', reason: 'daily' });
    mock.state.enforceApiLimit = true;
    mock.state.apiUsage.used = 15_000;
    const r = await fields.readRecords([accounts()[0]!], [SCORE]);
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'rate-limit', policy: 'REQUEST_LIMIT_EXCEEDED' });
  });

  test.each([
    ['UNABLE_TO_LOCK_ROW', 'locked', true],
    ['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'validation', false],
    ['INSUFFICIENT_ACCESS_OR_READONLY', 'no-access', false],
    ['ENTITY_IS_DELETED', 'not-found', false],
    ['INVALID_FIELD', 'no-field', false],
    ['SOMETHING_NEW', 'other', false],
  ])('salesforceFailure(%s) → %s', (status, code, retryable) => expect(salesforceFailure(status)).toEqual({ code, retryable }));
});
