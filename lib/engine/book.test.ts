import { describe, expect, test } from 'vitest';
import { bookFields, bookFor, checkBook, DEFAULT_BOOK, inBook, type Book } from './book.ts';
import { defaultConfigPack, parseConfigPack } from './index.ts';

const withBook = (book: unknown) => ({ ...defaultConfigPack('en'), book });

describe('the book section is optional', () => {
  test('the default pack has none and parses; its book is the default', () => {
    const parsed = parseConfigPack(defaultConfigPack('en'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.pack.book).toBeUndefined();
    expect(bookFor(parsed.pack, 'hubspot')).toEqual({ crm: 'hubspot', filter: DEFAULT_BOOK.hubspot.filter, csmField: 'hubspot_owner_id', csmIsOwner: true });
    expect(bookFor(parsed.pack, 'salesforce')).toEqual({ crm: 'salesforce', filter: [{ field: 'Type', op: 'in', value: ['Customer', 'Customer - Direct', 'Customer - Channel'] }], csmField: 'OwnerId', csmIsOwner: true });
    // Salesforce's standard picklist values are in the default book; a prospect is not.
    const sf = bookFor(parsed.pack, 'salesforce');
    expect(['Customer', 'Customer - Direct', 'Customer - Channel', 'Prospect'].map((Type) => inBook(sf, { Type }))).toEqual([true, true, true, false]);
  });

  test.each<[string, unknown]>([
    ['a CSM property', { hubspot: { filter: [{ field: 'lifecyclestage', op: 'eq', value: 'customer' }], csm: { field: 'csm_owner' } } }],
    ['a CSM lookup and a picklist list', { salesforce: { filter: [{ field: 'Type', op: 'in', value: ['Customer', 'Customer - Direct'] }], csm: { field: 'CSM__c' } } }],
    ['every account', { hubspot: { filter: [] }, salesforce: { filter: [] } }],
    ['a known value', { hubspot: { filter: [{ field: 'hs_arr', op: 'known' }] } }],
    ['a relationship path in Salesforce', { salesforce: { filter: [{ field: 'Owner.IsActive', op: 'eq', value: 'true' }] } }],
  ])('valid: %s', (_name, book) => {
    const parsed = parseConfigPack(withBook(book));
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(checkBook(book as Book)).toEqual([]);
  });

  test.each<[string, unknown, string]>([
    ['a misspelt key', { hubspot: { filters: [] } }, 'book.hubspot'],
    ['an unknown CRM', { pipedrive: { filter: [] } }, 'book'],
    ['"in" with one string', { hubspot: { filter: [{ field: 'lifecyclestage', op: 'in', value: 'customer' }] } }, 'book.hubspot.filter[0].value'],
    ['"eq" without a value', { hubspot: { filter: [{ field: 'lifecyclestage', op: 'eq' }] } }, 'book.hubspot.filter[0].value'],
    ['"known" with a value', { hubspot: { filter: [{ field: 'lifecyclestage', op: 'known', value: 'x' }] } }, 'book.hubspot.filter[0]'],
    ['a field name with a space', { salesforce: { filter: [{ field: 'Account Type', op: 'eq', value: 'x' }] } }, 'book.salesforce.filter[0].field'],
    ['an empty value', { salesforce: { filter: [{ field: 'Type', op: 'eq', value: '' }] } }, 'book.salesforce.filter[0].value'],
  ])('refused by the schema: %s', (_name, book, path) => {
    const parsed = parseConfigPack(withBook(book));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.path)).toContain(path);
    expect(parsed.errors.every((e) => typeof e.key === 'string' && e.key.startsWith('pack.'))).toBe(true);
  });

  test.each<[string, Book, string]>([
    ['a HubSpot relationship path', { hubspot: { filter: [{ field: 'owner.email', op: 'known' }] } }, 'book.hubspot.filter[0].field'],
    ['a CSM field Sidecar publishes', { hubspot: { filter: [], csm: { field: 'sidecar_health_score' } } }, 'book.hubspot.csm.field'],
    ['a Salesforce CSM field Sidecar publishes', { salesforce: { filter: [], csm: { field: 'Sidecar_Pack_Id__c' } } }, 'book.salesforce.csm.field'],
  ])('checkBook: %s', (_name, book, path) => {
    expect(checkBook(book)).toEqual([{ path, key: 'pack.not-allowed' }]);
  });
});

describe('inBook', () => {
  const hubspot = bookFor({}, 'hubspot');
  const salesforce = bookFor({ book: { salesforce: { filter: [{ field: 'Type', op: 'in', value: ['Customer', 'Partner'] }, { field: 'Churned__c', op: 'neq', value: 'true' }], csm: { field: 'CSM__c' } } } }, 'salesforce');
  test.each<[string, ReturnType<typeof bookFor>, Record<string, string | null | boolean>, boolean]>([
    ['HubSpot customer', hubspot, { lifecyclestage: 'customer' }, true],
    ['HubSpot customer, any case', hubspot, { lifecyclestage: 'Customer' }, true],
    ['HubSpot lead', hubspot, { lifecyclestage: 'lead' }, false],
    ['HubSpot no stage', hubspot, { lifecyclestage: null }, false],
    ['HubSpot empty stage', hubspot, { lifecyclestage: '' }, false],
    ['Salesforce partner, not churned', salesforce, { Type: 'Partner', Churned__c: false }, true],
    ['Salesforce customer, churned', salesforce, { Type: 'Customer', Churned__c: true }, false],
    ['Salesforce customer, churn unknown', salesforce, { Type: 'Customer', Churned__c: null }, true],
    ['Salesforce picklists are case-sensitive', salesforce, { Type: 'customer' }, false],
  ])('%s', (_name, book, fields, expected) => {
    expect(inBook(book, fields)).toBe(expected);
  });

  test('the fields a book reads', () => {
    expect(bookFields(hubspot)).toEqual(['lifecyclestage', 'hubspot_owner_id']);
    expect(bookFields(salesforce)).toEqual(['Type', 'Churned__c', 'CSM__c']);
    expect(salesforce.csmIsOwner).toBe(false);
  });
});
