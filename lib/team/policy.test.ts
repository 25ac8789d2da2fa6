import { describe, expect, test } from 'vitest';
import { errorCatalogues } from '../i18n/errors.ts';
import { allowedAccounts, inlinePackValue, normaliseOrg, parsePolicy, POLICY_KEYS } from './policy.ts';

const SHA = 'ab'.repeat(32);

describe('parsePolicy: each value applies on its own, a bad one is left out and named by its path', () => {
  test.each([
    ['no policy at all', undefined, {}, []],
    ['a full policy', { packUrl: 'https://ops.example.com/pack.json', packSha256: SHA.toUpperCase(), role: 'csops', hubspotOwnerEmail: ' Ann@Example.COM ', allowedHubspotPortals: ['24681357'], allowedSalesforceOrgs: ['acme'] }, { packUrl: 'https://ops.example.com/pack.json', packSha256: SHA, role: 'csops', hubspotOwnerEmail: 'ann@example.com', allowedHubspotPortals: ['24681357'], allowedSalesforceOrgs: ['acme'] }, []],
    ['an inline pack as JSON text', { pack: '{"schemaVersion":2}' }, { pack: '{"schemaVersion":2}' }, []],
    ['an inline pack as an object (Firefox, a macOS dictionary)', { pack: { schemaVersion: 2 } }, { pack: { schemaVersion: 2 } }, []],
    ['a plain-http pack URL', { packUrl: 'http://ops.example.com/pack.json', role: 'csm' }, { role: 'csm' }, [['packUrl', 'team.policy.https']]],
    ['a URL with credentials in it', { packUrl: 'https://user:pw@ops.example.com/p.json' }, {}, [['packUrl', 'team.policy.https']]],
    ['not a URL', { packUrl: 'ops.example.com/pack.json' }, {}, [['packUrl', 'team.policy.https']]],
    ['a role Sidecar does not have', { role: 'admin' }, {}, [['role', 'team.policy.role']]],
    ['a hash that is not SHA-256', { packUrl: 'https://a.example/p.json', packSha256: 'abc' }, { packUrl: 'https://a.example/p.json' }, [['packSha256', 'team.policy.sha256']]],
    ['a hash without a URL', { packSha256: SHA }, { packSha256: SHA }, [['packSha256', 'team.policy.sha-without-url']]],
    ['portals given as one string, not a list', { allowedHubspotPortals: '24681357' }, {}, [['allowedHubspotPortals', 'team.policy.portals']]],
    ['a portal id that is not digits', { allowedHubspotPortals: ['24681357', 'acme'] }, {}, [['allowedHubspotPortals.1', 'team.policy.portals']]],
    ['an org that is a URL path', { allowedSalesforceOrgs: ['acme/evil'] }, {}, [['allowedSalesforceOrgs.0', 'team.policy.orgs']]],
    ['an e-mail that is not one', { hubspotOwnerEmail: 'ann' }, {}, [['hubspotOwnerEmail', 'team.policy.email']]],
    ['the daily publisher, by e-mail', { publisher: ' Ops@Example.com ' }, { publisher: 'ops@example.com' }, []],
    ['a publisher that is not an e-mail', { publisher: 'the CS Ops laptop' }, {}, [['publisher', 'team.policy.email']]],
    ['a pack that is a number', { pack: 42 }, {}, [['pack', 'team.policy.pack']]],
    ['a misspelt name', { packURL: 'https://a.example/p.json' }, {}, [['packURL', 'team.policy.unknown']]],
    ['a policy that is a list', ['https://a.example/p.json'], {}, [['(policy)', 'team.policy.not-object']]],
    ['a policy that is text', 'csops', {}, [['(policy)', 'team.policy.not-object']]],
  ])('%s', (_name, raw, policy, problems) => {
    const read = parsePolicy(raw);
    expect(read.policy).toEqual(policy);
    expect(read.problems.map((p) => [p.path, p.key])).toEqual(problems);
    // Every problem reads in both languages.
    for (const p of read.problems) for (const l of ['en', 'ja'] as const) expect(errorCatalogues[l][p.key].length).toBeGreaterThan(10);
  });

  test('empty values are not set, and a policy of only empty values is not present', () => {
    expect(parsePolicy({ packUrl: '', role: null })).toEqual({ policy: {}, problems: [], present: false });
    expect(parsePolicy({ role: 'csm' }).present).toBe(true);
  });
});

describe('the inline pack and the allowed accounts', () => {
  test('JSON text is parsed; broken JSON says why', () => {
    expect(inlinePackValue('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(inlinePackValue({ a: 1 })).toEqual({ ok: true, value: { a: 1 } });
    expect(inlinePackValue('{"a":')).toMatchObject({ ok: false });
  });

  test.each([
    ['acme', 'acme.my.salesforce.com'],
    ['ACME.my.salesforce.com', 'acme.my.salesforce.com'],
    ['https://acme.lightning.force.com/', 'acme.my.salesforce.com'],
    ['acme--uat.sandbox.my.salesforce.com', 'acme--uat.sandbox.my.salesforce.com'],
    ['acme--uat.sandbox.lightning.force.com', 'acme--uat.sandbox.my.salesforce.com'],
  ])('the org %s is compared as %s', (entry, host) => expect(normaliseOrg(entry)).toBe(host));

  test('no list means every portal and org; an empty list means none', () => {
    expect(allowedAccounts({})).toBeNull();
    expect(allowedAccounts({ allowedHubspotPortals: [] })).toEqual({ hubspot: [] });
    expect(allowedAccounts({ allowedSalesforceOrgs: ['acme'] })).toEqual({ salesforce: ['acme.my.salesforce.com'] });
  });
});

test('every key of the managed schema IT installs is one the policy reader knows, and none is missing from it', async () => {
  const { readFileSync } = await import('node:fs');
  const schema = JSON.parse(readFileSync(new URL('../../public/managed-schema.json', import.meta.url), 'utf8')) as { properties: Record<string, unknown> };
  const keys = Object.keys(schema.properties);
  for (const key of keys) expect(parsePolicy({ [key]: 'x' }).problems.map((p) => p.key)).not.toContain('team.policy.unknown');
  // A key the reader knows but the schema lacks would be dropped by Chrome before Sidecar sees it.
  expect([...keys].sort()).toEqual([...POLICY_KEYS].sort());
});
