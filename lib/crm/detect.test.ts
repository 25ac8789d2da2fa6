import { describe, expect, test } from 'vitest';
import { accountKey, detectRecord, recordIdentity, salesforceOrg, sameRecord, type RecordRef } from './detect';
import { toId18 } from './salesforce-id';

// Each expectation is a detector's contract: the URLs it must claim, with the ref it must give.
type Expectation = { name: string; urls: Array<[string, Omit<RecordRef, 'host'> & { host?: string }]> };

const hs = (portalId: string, objectType: RecordRef['objectType'], recordId: string) =>
  ({ crm: 'hubspot', portalId, objectType, recordId }) as const;
const sf = (recordId: string) => ({ crm: 'salesforce', objectType: 'account', recordId }) as const;

const ACME_18 = '001D000000IRFmaIAH';

const expectations: Expectation[] = [
  {
    name: 'hubspot company',
    urls: [
      ['https://app.hubspot.com/contacts/123456/record/0-2/987654321', hs('123456', 'company', '987654321')],
      ['https://app-eu1.hubspot.com/contacts/26000001/record/0-2/15400000001/', hs('26000001', 'company', '15400000001')],
      ['https://app-na2.hubspot.com/contacts/44/record/0-2/55/view/1?tab=activities', hs('44', 'company', '55')],
      ['https://app-ap1.hubspot.com/contacts/7/record/0-2/8?foo=bar#about', hs('7', 'company', '8')],
      ['https://app-xy9.hubspot.com/contacts/7/record/0-2/9', hs('7', 'company', '9')],
      ['https://app.hubspot.com/contacts/123456/company/42', hs('123456', 'company', '42')],
      ['https://app.hubspot.com/contacts/123456/company/42/?interaction=note', hs('123456', 'company', '42')],
      ['https://APP.HUBSPOT.COM/contacts/1/record/0-2/2', hs('1', 'company', '2')],
    ],
  },
  {
    name: 'hubspot contact',
    urls: [
      ['https://app.hubspot.com/contacts/123456/record/0-1/301', hs('123456', 'contact', '301')],
      ['https://app-eu1.hubspot.com/contacts/123456/contact/302', hs('123456', 'contact', '302')],
    ],
  },
  {
    name: 'hubspot deal',
    urls: [
      ['https://app.hubspot.com/contacts/123456/record/0-3/401/', hs('123456', 'deal', '401')],
      ['https://app.hubspot.com/contacts/123456/deal/402', hs('123456', 'deal', '402')],
    ],
  },
  {
    name: 'salesforce account',
    urls: [
      ['https://acme.lightning.force.com/lightning/r/Account/001D000000IRFmaIAH/view', sf(ACME_18)],
      ['https://acme.lightning.force.com/lightning/r/Account/001D000000IRFma/view', sf(ACME_18)],
      ['https://acme.lightning.force.com/lightning/r/Account/001d000000irfmaiah/view', sf(ACME_18)],
      ['https://acme.lightning.force.com/lightning/r/001D000000IRFmaIAH/view', sf(ACME_18)],
      ['https://acme.lightning.force.com/lightning/r/Account/001D000000IRFmaIAH/related/Contacts/view', sf(ACME_18)],
      ['https://acme--uat.sandbox.lightning.force.com/lightning/r/Account/001D000000IRFma/view?0.source=alohaHeader', sf(ACME_18)],
      ['https://acme-dev-ed.develop.lightning.force.com/lightning/r/Account/001D000000IRFma/view', sf(ACME_18)],
      ['https://acme.scratch.lightning.force.com/lightning/r/Account/001D000000IRFma/view', sf(ACME_18)],
      ['https://acme.lightning.force.com/one/one.app#/sObject/001D000000IRFma/view', sf(ACME_18)],
      [
        'https://acme.lightning.force.com/lightning/r/Contact/003D000000Qx1abIAB/view?ws=%2Flightning%2Fr%2FAccount%2F001D000000IRFmaIAH%2Fview',
        sf(ACME_18),
      ],
      ['https://acme.my.salesforce.com/001D000000IRFma', sf(ACME_18)],
      ['https://acme--uat.sandbox.my.salesforce.com/001D000000IRFmaIAH?nooverride=1', sf(ACME_18)],
    ],
  },
];

const mustNotMatch = [
  'https://app.hubspot.com/contacts/123456/objects/0-2/views/all/list',
  'https://app.hubspot.com/contacts/123456/companies/list/view/all',
  'https://app.hubspot.com/contacts/123456/record/0-5/77',
  'https://app.hubspot.com/contacts/123456/record/2-1234567/77',
  'https://app.hubspot.com/contacts/abc/record/0-2/77',
  'https://app.hubspot.com/contacts/123456/record/0-2/not-a-number',
  'https://app.hubspot.com/reports-dashboard/123456/view/1',
  'https://app.hubspot.com/settings/123456/objects/companies',
  'https://www.hubspot.com/contacts/123456/record/0-2/1',
  'https://hubspot.com/contacts/123456/record/0-2/1',
  'https://app.hubspot.com.evil.example/contacts/123456/record/0-2/1',
  'https://evil.example/app.hubspot.com/contacts/123456/record/0-2/1',
  'https://app-hubspot.com/contacts/123456/record/0-2/1',
  'http://app.hubspot.com/contacts/123456/record/0-2/1',
  'https://acme.lightning.force.com/lightning/o/Account/list?filterName=Recent',
  'https://acme.lightning.force.com/lightning/o/Account/home',
  'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home',
  'https://acme.lightning.force.com/lightning/r/Contact/003D000000Qx1abIAB/view',
  'https://acme.lightning.force.com/lightning/r/Opportunity/006D000000Ab12cIAA/view',
  'https://acme.lightning.force.com/lightning/r/003D000000Qx1abIAB/view',
  'https://acme.lightning.force.com/lightning/r/Account/001D000000IRFmaZZZ/view',
  'https://acme.lightning.force.com/lightning/r/Account/001D00000/view',
  'https://acme.lightning.force.com/lightning/r/Account/001D000000IRF!a/view',
  'https://acme.lightning.force.com/one/one.app#/sObject/003D000000Qx1ab/view',
  'https://acme.my.salesforce.com/003D000000Qx1ab',
  'https://acme.my.salesforce.com/001D000000IRFma/e',
  'https://acme.my.salesforce.com/home/home.jsp',
  'https://acme.lightning.force.com.evil.example/lightning/r/Account/001D000000IRFma/view',
  'https://lightning.force.com/lightning/r/Account/001D000000IRFma/view',
  'https://acme.force.com/lightning/r/Account/001D000000IRFma/view',
  'https://acme.salesforce.com/001D000000IRFma',
  'not a url',
  '',
  'about:blank',
  'chrome-extension://abc/sidebar.html',
];

describe.each(expectations)('$name', ({ urls }) => {
  test.each(urls)('%s', (url, expected) => {
    const host = new URL(url).hostname.toLowerCase();
    expect(detectRecord(url)).toEqual({ host, ...expected });
  });
});

test.each(mustNotMatch)('no record: %s', (url) => {
  expect(detectRecord(url)).toBeNull();
});

// The matrix: a URL claimed by one expectation is claimed by no other.
const all = expectations.flatMap((e) => e.urls.map(([url, ref]) => ({ owner: e.name, url, ref })));
test.each(expectations.map((e) => e.name))('%s claims none of the other expectations’ URLs', (name) => {
  const mine = expectations.find((e) => e.name === name)!;
  for (const other of all.filter((x) => x.owner !== name)) {
    const got = detectRecord(other.url);
    const asMine = mine.urls.some(([, ref]) => got && got.crm === ref.crm && got.objectType === ref.objectType);
    expect(asMine, other.url).toBe(false);
  }
});

test.each([
  ['001D000000IRFma', '001D000000IRFmaIAH'],
  ['001D000000IRFmaIAH', '001D000000IRFmaIAH'],
  ['001D000000IRFMAIAH', '001D000000IRFmaIAH'],
  ['001d000000irfmaiah', '001D000000IRFmaIAH'],
  ['001D000000IRFmaZZZ', null],
  ['001xx000003DGb2', '001xx000003DGb2AAG'],
  ['001D000000IRFm', null],
  ['', null],
])('toId18(%s) = %s', (input, expected) => {
  expect(toId18(input)).toBe(expected);
});

test.each([
  ['acme.lightning.force.com', 'acme'],
  ['acme.my.salesforce.com', 'acme'],
  ['acme--uat.sandbox.lightning.force.com', 'acme--uat.sandbox'],
  ['acme--uat.sandbox.my.salesforce.com', 'acme--uat.sandbox'],
  ['acme-dev-ed.develop.lightning.force.com', 'acme-dev-ed.develop'],
  ['app.hubspot.com', null],
])('salesforceOrg(%s) = %s', (host, org) => {
  expect(salesforceOrg(host)).toBe(org);
});

test('Lightning and Classic pages of one Account share a cache key', () => {
  const a = detectRecord('https://acme.lightning.force.com/lightning/r/Account/001D000000IRFma/view')!;
  const b = detectRecord('https://acme.my.salesforce.com/001D000000IRFmaIAH')!;
  expect(accountKey(a)).toBe(accountKey(b));
  expect(accountKey(a)).toBe('salesforce:acme:001D000000IRFmaIAH');
});

// One identity per record: the first-paint snapshots and the prepared views are keyed by it.
test('two record pages share an identity exactly when they show the same record', () => {
  const refs = all.map((x) => ({ url: x.url, ref: detectRecord(x.url)! }));
  for (const a of refs) {
    for (const b of refs) {
      expect(recordIdentity(a.ref) === recordIdentity(b.ref), `${a.url} | ${b.url}`).toBe(sameRecord(a.ref, b.ref));
    }
  }
  // The same record in two URL forms (trailing segments, a query string) is one identity.
  expect(recordIdentity(detectRecord('https://app.hubspot.com/contacts/24681357/record/0-2/9001/view/1?tab=notes')!)).toBe(
    recordIdentity(detectRecord('https://app.hubspot.com/contacts/24681357/company/9001')!),
  );
});
