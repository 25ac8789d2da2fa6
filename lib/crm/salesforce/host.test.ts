import { describe, expect, test } from 'vitest';
import { toId18 } from '../salesforce-id.ts';
import { accountKey, detectRecord, SALESFORCE_PARTITIONS } from '../detect.ts';
import { apiHostFor } from './host.ts';
import { sessionFromCookie, sidCookieFor } from './session.ts';
import { soqlContains, soqlString } from './soql.ts';

describe('apiHostFor', () => {
  test.each([
    ['acme.lightning.force.com', 'acme.my.salesforce.com'],
    ['ACME.Lightning.Force.com', 'acme.my.salesforce.com'],
    ['acme--uat.sandbox.lightning.force.com', 'acme--uat.sandbox.my.salesforce.com'],
    ['acme-dev-ed.develop.lightning.force.com', 'acme-dev-ed.develop.my.salesforce.com'],
    ['acme.scratch.lightning.force.com', 'acme.scratch.my.salesforce.com'],
    ['computing-power-1234.scratch.lightning.force.com', 'computing-power-1234.scratch.my.salesforce.com'],
    ['acme.my.salesforce.com', 'acme.my.salesforce.com'],
    ['acme--uat.sandbox.my.salesforce.com', 'acme--uat.sandbox.my.salesforce.com'],
    ['acme.my.salesforce-setup.com', 'acme.my.salesforce.com'],
    ['acme.patch.lightning.force.com', 'acme.patch.my.salesforce.com'],
    ['acme.demo.lightning.force.com', 'acme.demo.my.salesforce.com'],
    ['acme-a1b2c3.trailblaze.lightning.force.com', 'acme-a1b2c3.trailblaze.my.salesforce.com'],
    ['acme-a1b2c3.trailblaze.my.salesforce.com', 'acme-a1b2c3.trailblaze.my.salesforce.com'],
    ['acme-dev-ed.develop.my.salesforce-setup.com', 'acme-dev-ed.develop.my.salesforce.com'],
    ['acme.my.salesforce.com.', 'acme.my.salesforce.com'],
    [' acme.lightning.force.com ', 'acme.my.salesforce.com'],
    ['acme.free.lightning.force.com', null],
    ['acme.force.com', null],
    ['lightning.force.com', null],
    ['acme.lightning.force.com.evil.example', null],
    ['evil.example', null],
    ['app.hubspot.com', null],
    ['login.salesforce.com', null],
  ])('%s → %s', (host, api) => {
    expect(apiHostFor(host)).toBe(api);
  });
});

// Page detection (detect.ts) and this mapping once disagreed on demo, patch and Trailhead
// Playground orgs: a page was detected whose API host was unknown, or the reverse.
describe('page detection and the API host agree on every kind of org host', () => {
  const myDomains = ['acme', 'acme--uat', 'acme-dev-ed', 'computing-power-1234', 'acme-a1b2c3', 'evil', 'a'];
  const partitions = ['', ...SALESFORCE_PARTITIONS.map((p) => `.${p}`), '.free', '.evil'];
  const hosts = myDomains.flatMap((d) => partitions.flatMap((p) => [`${d}${p}.lightning.force.com`, `${d}${p}.my.salesforce.com`]));
  hosts.push('lightning.force.com', 'my.salesforce.com', 'acme.force.com', 'acme.salesforce.com', 'login.salesforce.com', 'app.hubspot.com', 'acme.lightning.force.com.evil.example');
  const id = '001D000000IRFmaIAH';
  const pageUrl = (host: string) =>
    host.endsWith('.lightning.force.com') ? `https://${host}/lightning/r/Account/${id}/view` : `https://${host}/${id}`;

  test.each(hosts)('%s', (host) => {
    const ref = detectRecord(pageUrl(host));
    const api = apiHostFor(host);
    // A record page is detected exactly when its host has an API host…
    expect(ref !== null, `detected ${String(!!ref)}, API host ${api}`).toBe(api !== null);
    if (!ref || !api) return;
    // …and the API host is the org's own: its Classic page is the same account.
    const classic = detectRecord(`https://${api}/${id}`);
    expect(classic).not.toBeNull();
    expect(accountKey(classic!)).toBe(accountKey(ref));
    expect(apiHostFor(api)).toBe(api);
  });
});

describe('toId18 (15 → 18)', () => {
  test.each([
    ['001D000000IRFma', '001D000000IRFmaIAH'],
    ['001D000000IRFmaIAH', '001D000000IRFmaIAH'],
    ['001d000000irfmaIAH', '001D000000IRFmaIAH'],
    ['001000000000000', '001000000000000AAA'],
    ['00Q1t000003qSqY', '00Q1t000003qSqYEAU'],
    ['001D000000IRFm', null],
  ])('%s → %s', (id, id18) => {
    expect(toId18(id)).toBe(id18);
  });
});

describe('soqlString', () => {
  test.each([
    ['Acme', "'Acme'"],
    ["O'Reilly", "'O\\'Reilly'"],
    ['back\\slash', "'back\\\\slash'"],
    ['say "hi"', "'say \\\"hi\\\"'"],
    ['line\nbreak\ttab', "'line\\nbreak\\ttab'"],
    ["x' OR Name != 'y", "'x\\' OR Name != \\'y'"],
    ['株式会社', "'株式会社'"],
  ])('%j → %s', (value, literal) => {
    expect(soqlString(value)).toBe(literal);
  });

  test.each([
    ['Sidecar ID: abc', "'%Sidecar ID: abc%'"],
    ['100%_done', "'%100\\%\\_done%'"],
    ["it's", "'%it\\'s%'"],
  ])('soqlContains(%j) → %s', (value, literal) => {
    expect(soqlContains(value)).toBe(literal);
  });
});

describe('session cookies', () => {
  test.each([
    [{ name: 'sid', value: '00D!abc', domain: 'acme.my.salesforce.com' }, { instanceUrl: 'https://acme.my.salesforce.com', accessToken: '00D!abc' }],
    [{ name: 'sid', value: '00D!abc', domain: '.acme--uat.sandbox.my.salesforce.com' }, { instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com', accessToken: '00D!abc' }],
    // The Lightning host's sid is not valid for the REST API.
    [{ name: 'sid', value: '00D!abc', domain: 'acme.lightning.force.com' }, null],
    [{ name: 'sid_Client', value: 'x', domain: 'acme.my.salesforce.com' }, null],
    [{ name: 'sid', value: '', domain: 'acme.my.salesforce.com' }, null],
    [{ name: 'sid', value: 'x', domain: 'my.salesforce.com' }, null],
    [{ name: 'sid', value: 'x', domain: 'evil.example' }, null],
  ])('%o → %o', (cookie, session) => {
    expect(sessionFromCookie(cookie)).toEqual(session);
  });

  test.each([
    ['acme.lightning.force.com', { url: 'https://acme.my.salesforce.com/', name: 'sid' }],
    ['acme-dev-ed.develop.lightning.force.com', { url: 'https://acme-dev-ed.develop.my.salesforce.com/', name: 'sid' }],
    ['app.hubspot.com', null],
  ])('sidCookieFor(%s)', (host, expected) => {
    expect(sidCookieFor(host)).toEqual(expected);
  });
});
