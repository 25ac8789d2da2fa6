import { describe, expect, test } from 'vitest';
import { accountKey, detectRecord, isRecordRef, parseSalesforceHost, recordIdentity, salesforceOrg, sameRecord, SALESFORCE_PARTITIONS, type RecordRef } from './detect';
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
      ['https://acme.patch.lightning.force.com/lightning/r/Account/001D000000IRFma/view', sf(ACME_18)],
      ['https://acme.demo.lightning.force.com/lightning/r/Account/001D000000IRFma/view', sf(ACME_18)],
      ['https://acme-a1b2c3.trailblaze.lightning.force.com/lightning/r/Account/001D000000IRFma/view', sf(ACME_18)],
      ['https://acme.patch.my.salesforce.com/001D000000IRFma', sf(ACME_18)],
      ['https://acme.demo.my.salesforce.com/001D000000IRFma', sf(ACME_18)],
      ['https://acme-a1b2c3.trailblaze.my.salesforce.com/001D000000IRFma', sf(ACME_18)],
      ['https://acme-dev-ed.develop.my.salesforce.com/001D000000IRFma', sf(ACME_18)],
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
  // Setup has no record pages; an unknown partition is no org.
  'https://acme.my.salesforce-setup.com/001D000000IRFma',
  'https://acme.free.lightning.force.com/lightning/r/Account/001D000000IRFma/view',
  'https://acme.evil.lightning.force.com/lightning/r/Account/001D000000IRFma/view',
  'https://community.hubspot.com/contacts/123456/record/0-2/1',
  'https://app.hubspot.com.evil.example/contacts/123456/company/1',
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
  ['acme.patch.lightning.force.com', 'acme.patch'],
  ['acme.patch.my.salesforce.com', 'acme.patch'],
  ['acme.demo.lightning.force.com', 'acme.demo'],
  ['acme-a1b2c3.trailblaze.lightning.force.com', 'acme-a1b2c3.trailblaze'],
  ['acme-a1b2c3.trailblaze.my.salesforce.com', 'acme-a1b2c3.trailblaze'],
  ['acme.scratch.my.salesforce.com', 'acme.scratch'],
  ['app.hubspot.com', null],
])('salesforceOrg(%s) = %s', (host, org) => {
  expect(salesforceOrg(host)).toBe(org);
});

describe('parseSalesforceHost: every partition, on each kind of host', () => {
  test.each(SALESFORCE_PARTITIONS.flatMap((p) => [
    [`acme.${p}.lightning.force.com`, { org: `acme.${p}`, kind: 'lightning' }],
    [`acme.${p}.my.salesforce.com`, { org: `acme.${p}`, kind: 'classic' }],
    [`acme.${p}.my.salesforce-setup.com`, { org: `acme.${p}`, kind: 'setup' }],
  ] as const))('%s', (host, expected) => {
    expect(parseSalesforceHost(host)).toEqual(expected);
  });
  test.each(['acme.free.lightning.force.com', 'acme.develop.sandbox.lightning.force.com', 'acme.force.com', 'acme.lightning.force.com.evil.example', '-acme.lightning.force.com', 'acme.my.salesforce.com.'])(
    'no org: %s',
    (host) => expect(parseSalesforceHost(host)).toBeNull(),
  );
});

describe('isRecordRef: the refs a record page can give, and nothing else', () => {
  const hub = { crm: 'hubspot', host: 'app.hubspot.com', portalId: '1', objectType: 'company', recordId: '2' } as const;
  const sfRef = { crm: 'salesforce', host: 'acme.lightning.force.com', objectType: 'account', recordId: ACME_18 } as const;
  test('every ref detectRecord gives is one', () => {
    for (const { url } of all) expect(isRecordRef(detectRecord(url)!), url).toBe(true);
  });
  test.each<[string, RecordRef, boolean]>([
    ['HubSpot app host', hub, true],
    ['HubSpot regional app host', { ...hub, host: 'app-eu1.hubspot.com' }, true],
    ['HubSpot community site', { ...hub, host: 'community.hubspot.com' }, false],
    ['HubSpot marketing site', { ...hub, host: 'www.hubspot.com' }, false],
    ['HubSpot look-alike', { ...hub, host: 'app.hubspot.com.evil.example' }, false],
    ['HubSpot, any host', { ...hub, host: 'evil.example' }, false],
    ['HubSpot without a portal', { crm: 'hubspot', host: 'app.hubspot.com', objectType: 'company', recordId: '2' }, false],
    ['HubSpot "account"', { ...hub, objectType: 'account' }, false],
    ['Salesforce Lightning', sfRef, true],
    ['Salesforce Classic', { ...sfRef, host: 'acme.my.salesforce.com' }, true],
    ['Salesforce Trailhead Playground', { ...sfRef, host: 'acme-a1b2c3.trailblaze.lightning.force.com' }, true],
    ['Salesforce Setup', { ...sfRef, host: 'acme.my.salesforce-setup.com' }, false],
    ['Salesforce, upper case', { ...sfRef, host: 'ACME.lightning.force.com' }, false],
    ['Salesforce on a HubSpot host', { ...sfRef, host: 'app.hubspot.com' }, false],
    ['HubSpot on a Salesforce host', { ...hub, host: 'acme.lightning.force.com' }, false],
    ['Salesforce with a portal', { ...sfRef, portalId: '1' }, false],
    ['Salesforce company', { ...sfRef, objectType: 'company' }, false],
  ])('%s → %s', (_name, ref, ok) => {
    expect(isRecordRef(ref)).toBe(ok);
  });
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
