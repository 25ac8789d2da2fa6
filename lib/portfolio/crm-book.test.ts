import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/index.ts';
import type { BookRow } from './book.ts';
import { bookReadFields, bookRowFromCrm, crmInstant, mergeBook, type CrmAccount, type CrmRowContext } from './crm-book.ts';

const pack = defaultConfigPack('en');
const NOW = new Date('2026-12-05T00:00:00Z');
const hs: CrmRowContext = { crm: 'hubspot', pack, scope: '24681357', host: 'app.hubspot.com', portalId: '24681357', now: NOW, names: new Map([['71000001', '佐藤 花子']]) };
const sf: CrmRowContext = { crm: 'salesforce', pack, scope: 'acme', host: 'acme.lightning.force.com', now: NOW };

describe('bookReadFields', () => {
  test.each([
    ['hubspot', ['sidecar_health_score', 'sidecar_health_band', 'sidecar_maturity_level', 'sidecar_next_action_id', 'sidecar_next_action', 'sidecar_pack_version', 'sidecar_scored_at', 'notes_last_updated', 'notes_last_contacted', 'sidecar_renewal_date']],
    ['salesforce', ['Sidecar_Health_Score__c', 'Sidecar_Health_Band__c', 'Sidecar_Maturity_Level__c', 'Sidecar_Next_Action_Id__c', 'Sidecar_Next_Action__c', 'Sidecar_Pack_Version__c', 'Sidecar_Scored_At__c', 'LastActivityDate', 'Sidecar_Renewal_Date__c']],
  ] as const)('%s: the published results, the CRM’s own last-activity fields and the renewal date', (crm, fields) => {
    expect(bookReadFields(pack, crm)).toEqual(fields);
  });
});

describe('crmInstant', () => {
  test.each<[unknown, number | null]>([
    ['2026-11-30T10:00:00Z', Date.parse('2026-11-30T10:00:00Z')],
    ['2026-11-30', Date.parse('2026-11-30T00:00:00Z')],
    ['1764496800000', 1764496800000],
    [1764496800000, 1764496800000],
    ['', null],
    [null, null],
    ['not a date', null],
    [true, null],
  ])('%s → %s', (v, want) => expect(crmInstant(v as string)).toBe(want));
});

const account = (fields: CrmAccount['fields'], extra: Partial<CrmAccount> = {}): CrmAccount => ({ id: '9101', name: 'Fabrikam 株式会社', csm: '71000001', fields, ...extra });

describe('bookRowFromCrm', () => {
  test.each<[string, CrmAccount, CrmRowContext, Partial<BookRow>]>([
    [
      'HubSpot: published results, the later of the two activity dates, the renewal in days, the CSM named from the owners list',
      account({ sidecar_health_score: '62', sidecar_health_band: 'yellow', sidecar_maturity_level: '2', sidecar_next_action_id: 'renewal-risk', sidecar_next_action: 'x', sidecar_scored_at: '2026-12-04T09:00:00Z', notes_last_updated: '2026-11-20T00:00:00Z', notes_last_contacted: '2026-11-28T08:00:00Z', sidecar_renewal_date: '2027-01-04' }),
      hs,
      { key: 'hubspot:24681357:9101', url: 'https://app.hubspot.com/contacts/24681357/record/0-2/9101', score: 62, band: 'yellow', level: 2, renewalDays: 30, lastTouch: { at: '2026-11-28T08:00:00.000Z' }, fetchedAt: '2026-12-04T09:00:00.000Z', owner: '佐藤 花子', ownerId: '71000001', fromCrm: true },
    ],
    [
      'nothing published yet: no score, band or level; an unknown owner has no name',
      account({ notes_last_updated: null }, { csm: '99' }),
      hs,
      { score: null, band: null, level: 0, nextAction: null, lastTouch: null, renewalDays: null, fetchedAt: null, owner: null, ownerId: '99' },
    ],
    [
      'a band the pack does not know is no band; a bad level is 0; a bad score is none',
      account({ sidecar_health_score: 'n/a', sidecar_health_band: 'purple', sidecar_maturity_level: 'x' }),
      hs,
      { score: null, band: null, level: 0 },
    ],
    [
      'Salesforce: typed values, LastActivityDate (a date), the Lightning record page',
      account({ Sidecar_Health_Score__c: 35, Sidecar_Health_Band__c: 'red', Sidecar_Maturity_Level__c: 1, LastActivityDate: '2026-12-01', Sidecar_Renewal_Date__c: '2026-12-15' }, { id: '001D000000IRFmaIAH', csm: '005D00000KenjiT', csmName: 'Kenji Tanaka' }),
      sf,
      { key: 'salesforce:acme:001D000000IRFmaIAH', url: 'https://acme.lightning.force.com/lightning/r/Account/001D000000IRFmaIAH/view', score: 35, band: 'red', level: 1, lastTouch: { at: '2026-12-01T00:00:00.000Z' }, renewalDays: 10, ownerId: '005D00000KenjiT', owner: 'Kenji Tanaka' },
    ],
  ])('%s', (_name, a, ctx, want) => {
    expect(bookRowFromCrm(a, ctx)).toMatchObject(want);
  });

  test('the next action takes both languages from the pack by its id, else the published text', () => {
    const rule = pack.playbook[0]!;
    expect(bookRowFromCrm(account({ sidecar_next_action_id: rule.id, sidecar_next_action: 'whatever' }), hs).nextAction).toEqual({ id: rule.id, title: rule.action.title, dueDate: '' });
    expect(bookRowFromCrm(account({ sidecar_next_action_id: 'gone', sidecar_next_action: '電話する' }), hs).nextAction).toEqual({ id: 'gone', title: { ja: '電話する', en: '電話する' }, dueDate: '' });
  });
});

describe('mergeBook', () => {
  const cached = (key: string, extra: Partial<BookRow> = {}): BookRow => ({
    key, crm: 'hubspot', name: key, url: '', score: 70, band: 'green', level: 3, stage: 'adoption', touchModel: 'high', nextAction: null, drivers: { up: null, down: null },
    renewalDays: null, lastTouch: { at: '2026-11-01T00:00:00Z', by: 'me' }, fetchedAt: null, owner: 'Old owner', ownerId: 'o1', trend: [70, 71], staleInputs: 0, ...extra,
  });
  const crm = (key: string, extra: Partial<BookRow> = {}): BookRow => ({ ...cached(key), score: 10, band: 'red', trend: [], owner: 'CSM', ownerId: 'c1', lastTouch: { at: '2026-11-20T00:00:00Z' }, renewalDays: 40, fromCrm: true, ...extra });

  test.each<[string, BookRow[], BookRow[], Array<'hubspot' | 'salesforce'>, Array<Partial<BookRow>>]>([
    ['a cached account keeps its evaluation and takes the book’s CSM, the later last touch and a renewal it lacked', [cached('a')], [crm('a')], ['hubspot'], [{ key: 'a', score: 70, band: 'green', trend: [70, 71], ownerId: 'c1', owner: 'CSM', lastTouch: { at: '2026-11-20T00:00:00Z' }, renewalDays: 40 }]],
    ['its own last touch stays when it is later', [cached('a', { lastTouch: { at: '2026-12-01T00:00:00Z', by: 'me' } })], [crm('a')], ['hubspot'], [{ lastTouch: { at: '2026-12-01T00:00:00Z', by: 'me' } }]],
    ['an account only the CRM knows appears as its book row', [cached('a')], [crm('a'), crm('b')], ['hubspot'], [{ key: 'a' }, { key: 'b', fromCrm: true, score: 10 }]],
    ['a cached account outside the loaded book is kept, marked', [cached('a'), cached('z')], [crm('a')], ['hubspot'], [{ key: 'a' }, { key: 'z', outsideBook: true }]],
    ['a CRM not loaded marks nothing', [cached('s', { crm: 'salesforce' })], [], ['hubspot'], [{ key: 's' }]],
  ])('%s', (_name, c, r, loaded, want) => {
    const out = mergeBook(c, r, new Set(loaded));
    expect(out).toHaveLength(want.length);
    if (!loaded.includes('salesforce')) expect(out.filter((x) => x.crm === 'salesforce').every((x) => !('outsideBook' in x))).toBe(true);
    want.forEach((w, i) => expect(out[i]).toMatchObject(w));
  });
});
