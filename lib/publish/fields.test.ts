import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/index.ts';
import { HUBSPOT_NAME_MAX, hubspotName, publishedFields, ratingFields, RESULT_FIELDS, SALESFORCE_NAME_MAX, salesforceName, shortHash, signalField, wireValue } from './fields.ts';

const HUBSPOT_NAME = /^[a-z][a-z0-9_]*$/;
/** A Salesforce custom field: a letter first, no "__", no "_" at the end, at most 40 before __c. */
const SALESFORCE_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*[A-Za-z0-9]__c$/;

function valid(f: { hubspot: string; salesforce: string }) {
  expect(f.hubspot).toMatch(HUBSPOT_NAME);
  expect(f.hubspot.length).toBeLessThanOrEqual(HUBSPOT_NAME_MAX);
  expect(f.salesforce).toMatch(SALESFORCE_NAME);
  expect(f.salesforce.length - 3).toBeLessThanOrEqual(SALESFORCE_NAME_MAX);
}

describe('field names', () => {
  test.each([
    ['emails_sent_30d', 'sig', undefined, 'sidecar_sig_emails_sent_30d', 'Sidecar_Sig_Emails_Sent_30d__c'],
    ['nps', 'sig', undefined, 'sidecar_sig_nps', 'Sidecar_Sig_Nps__c'],
    ['promotion', 'rating', 'by', 'sidecar_rating_promotion_by', 'Sidecar_Rating_Promotion_By__c'],
    ['promotion', 'rating', 'at', 'sidecar_rating_promotion_at', 'Sidecar_Rating_Promotion_At__c'],
  ])('%s (%s %s) → %s, %s', (id, kind, suffix, hubspot, salesforce) => {
    expect(hubspotName(kind, id, suffix)).toBe(hubspot);
    expect(salesforceName(kind, id, suffix)).toBe(salesforce);
  });

  test('the results have fixed names', () => {
    expect(Object.values(RESULT_FIELDS).map((f) => f.hubspot)).toEqual([
      'sidecar_health_score', 'sidecar_health_band', 'sidecar_maturity_level', 'sidecar_next_action_id', 'sidecar_next_action', 'sidecar_pack_id', 'sidecar_pack_version', 'sidecar_scored_at',
    ]);
    for (const f of Object.values(RESULT_FIELDS)) valid(f);
  });

  // Ids a pack may use (letters, digits, "_", ".", "-"): each gets a legal name in both CRMs, and
  // two ids never share one (a lossy or cut name carries the id's hash).
  const ids = [
    'nps', 'NPS', 'emailsSent', 'emails_sent', 'emails.sent', 'emails-sent', 'a', 'x1',
    'a_very_long_signal_identifier_that_goes_on_and_on_for_a_while', 'a_very_long_signal_identifier_that_goes_on_and_on_for_a_while_2',
    'z'.repeat(200), `${'z'.repeat(199)}y`, 'trailing_', 'double__under',
  ];
  test.each(ids)('%s: a legal name in both CRMs', (id) => {
    valid(signalField(id, 'number'));
    const r = ratingFields(id);
    for (const f of [r.value, r.by, r.at]) valid(f);
  });
  test('no two ids share a name (HubSpot lowercases, Salesforce ignores case)', () => {
    const hubspot = ids.flatMap((id) => [hubspotName('sig', id), hubspotName('rating', id, 'by')]);
    const salesforce = ids.flatMap((id) => [salesforceName('sig', id), salesforceName('rating', id, 'by')].map((n) => n.toLowerCase()));
    expect(new Set(hubspot).size).toBe(hubspot.length);
    expect(new Set(salesforce).size).toBe(salesforce.length);
  });
  test('a cut name keeps its hash tag at the end', () => {
    const long = 'a_very_long_signal_identifier_that_goes_on_and_on_for_a_while';
    expect(salesforceName('sig', long)).toBe(`Sidecar_Sig_A_Very_Long_Signal_Id_${shortHash(long)}__c`);
    expect(salesforceName('sig', long).length).toBe(SALESFORCE_NAME_MAX + 3);
  });

  test('the default pack publishes its results, CSV signals and ratings, all named legally and uniquely', () => {
    const fields = publishedFields(defaultConfigPack('en'));
    for (const f of fields) valid(f);
    expect(new Set(fields.map((f) => f.hubspot)).size).toBe(fields.length);
    expect(new Set(fields.map((f) => f.salesforce.toLowerCase())).size).toBe(fields.length);
    expect(fields.map((f) => f.key)).toEqual(expect.arrayContaining(['score', 'asOf', 'sig:nps', 'sig:active_user_rate', 'rating:promotion', 'rating:sentiment:at']));
    // CRM-sourced signals are the CRM's own fields: not published again.
    expect(fields.map((f) => f.key)).not.toContain('sig:arr');
  });
});

describe('wire values', () => {
  const title = RESULT_FIELDS.nextAction;
  test.each<[string, Parameters<typeof wireValue>[1], Parameters<typeof wireValue>[2], unknown]>([
    ['HubSpot numbers travel as text', 'hubspot', 62, '62'],
    ['Salesforce numbers stay numbers', 'salesforce', 62, 62],
    ['HubSpot clears with an empty string', 'hubspot', null, ''],
    ['Salesforce clears with null', 'salesforce', null, null],
  ])('%s', (_n, crm, value, expected) => {
    expect(wireValue(RESULT_FIELDS.score, crm, value)).toBe(expected);
  });
  test('a title longer than a Salesforce Text(255) is cut with "…"; HubSpot takes it whole', () => {
    const long = '日本語のタイトル'.repeat(40);
    const sf = wireValue(title, 'salesforce', long) as string;
    expect([...sf].length).toBe(255);
    expect(sf.endsWith('…')).toBe(true);
    expect(wireValue(title, 'hubspot', long)).toBe(long);
  });
});
