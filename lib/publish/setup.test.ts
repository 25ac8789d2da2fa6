import { describe, expect, test } from 'vitest';
import type { FieldDefinition } from '../crm/fields.ts';
import { RESULT_FIELDS, signalField, type PublishedField } from './fields.ts';
import { checkFields, fieldsToCreate, fieldsToGrant, hubspotProperty, salesforceCustomField, summarise, typeFits } from './setup.ts';

const def = (name: string, type: FieldDefinition['type'], writable = true, crmType: string = type): FieldDefinition => ({ name, crmType, type, writable });

describe('typeFits', () => {
  test.each([
    ['number', 'number', true],
    ['number', 'string', false],
    ['string', 'string', true],
    ['string', 'enumeration', false],
    ['datetime', 'datetime', true],
    ['datetime', 'date', false],
    ['datetime', 'string', false],
  ] as const)('%s into a %s field: %s', (want, have, fits) => {
    expect(typeFits(want, def('x', have))).toBe(fits);
  });
});

describe('checkFields', () => {
  const wanted: PublishedField[] = [RESULT_FIELDS.score, RESULT_FIELDS.band, RESULT_FIELDS.asOf, signalField('emailsSent', 'number'), signalField('trial', 'boolean')];
  const cases: Array<{ name: string; crm: 'hubspot' | 'salesforce'; have: FieldDefinition[]; hidden?: string[] | null; want: Record<string, string> }> = [
    { name: 'nothing there', crm: 'hubspot', have: [], want: { score: 'missing', band: 'missing', asOf: 'missing', 'sig:emailsSent': 'missing', 'sig:trial': 'missing' } },
    {
      name: 'all there and writable',
      crm: 'salesforce',
      have: [def('Sidecar_Health_Score__c', 'number', true, 'double'), def('Sidecar_Health_Band__c', 'string'), def('Sidecar_Scored_At__c', 'datetime'), def(signalField('emailsSent', 'number').salesforce, 'number'), def(signalField('trial', 'boolean').salesforce, 'string')],
      want: { score: 'ok', band: 'ok', asOf: 'ok', 'sig:emailsSent': 'ok', 'sig:trial': 'ok' },
    },
    {
      name: 'wrong type, read-only and hidden are told apart from missing',
      crm: 'salesforce',
      have: [def('Sidecar_Health_Score__c', 'string', true, 'string'), def('Sidecar_Health_Band__c', 'string', false), def('Sidecar_Scored_At__c', 'date', true, 'date')],
      hidden: [signalField('emailsSent', 'number').salesforce],
      want: { score: 'wrong-type', band: 'read-only', asOf: 'wrong-type', 'sig:emailsSent': 'hidden', 'sig:trial': 'missing' },
    },
    { name: 'unknown hidden (no View Setup): absent is missing', crm: 'salesforce', have: [], hidden: null, want: { score: 'missing', band: 'missing', asOf: 'missing', 'sig:emailsSent': 'missing', 'sig:trial': 'missing' } },
  ];
  test.each(cases)('$name', ({ crm, have, hidden, want }) => {
    const rows = checkFields(crm, wanted, new Map(have.map((d) => [d.name, d])), hidden === undefined ? null : hidden && new Set(hidden));
    expect(Object.fromEntries(rows.map((r) => [r.key, r.status]))).toEqual(want);
  });

  test('the plan creates only the missing; grants all but the wrong-type; the summary counts', () => {
    const rows = checkFields('salesforce', wanted, new Map([['Sidecar_Health_Score__c', def('Sidecar_Health_Score__c', 'string')], ['Sidecar_Health_Band__c', def('Sidecar_Health_Band__c', 'string', false)]]), new Set(['Sidecar_Scored_At__c']));
    expect(fieldsToCreate(rows, wanted, 'salesforce').map((f) => f.key)).toEqual(['sig:emailsSent', 'sig:trial']);
    expect(fieldsToGrant(rows)).not.toContain('Sidecar_Health_Score__c');
    expect(summarise(rows)).toEqual({ ok: 0, missing: 2, wrongType: 1, noAccess: 2, ready: false });
  });

  test('a name wanted twice is one row', () => {
    expect(checkFields('hubspot', [RESULT_FIELDS.score, RESULT_FIELDS.score], new Map())).toHaveLength(1);
  });
});

describe('definitions', () => {
  test.each([
    [RESULT_FIELDS.score, { type: 'number', fieldType: 'number' }, { type: 'Number', precision: 18, scale: 2 }],
    [RESULT_FIELDS.band, { type: 'string', fieldType: 'text' }, { type: 'Text', length: 255 }],
    [RESULT_FIELDS.asOf, { type: 'datetime', fieldType: 'date' }, { type: 'DateTime' }],
    [signalField('trial', 'boolean'), { type: 'string', fieldType: 'text' }, { type: 'Text', length: 5 }],
  ])('%#', (f, hub, sf) => {
    expect(hubspotProperty(f, 'en')).toMatchObject({ name: f.hubspot, groupName: 'sidecar', label: f.label.en, ...hub });
    const cf = salesforceCustomField(f, 'ja');
    expect(cf.FullName).toBe(`Account.${f.salesforce}`);
    expect(cf.Metadata).toMatchObject({ label: f.label.ja, ...sf });
    expect(cf.Metadata.label.length).toBeLessThanOrEqual(40);
  });
});
