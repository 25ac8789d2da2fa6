import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SCHEMA_WRITE_SCOPE, startHubspotMock, type HubspotMock } from '../../tests/mocks/hubspot-server.ts';
import { startSalesforceMock, type SalesforceMock } from '../../tests/mocks/salesforce-server.ts';
import { createHubspotClient } from '../crm/hubspot/client.ts';
import { createHubspotFields } from '../crm/hubspot/fields.ts';
import { createHubspotSetup } from '../crm/hubspot/setup.ts';
import { createSalesforceClient } from '../crm/salesforce/client.ts';
import { createSalesforceFields } from '../crm/salesforce/fields.ts';
import { createSalesforceSetup } from '../crm/salesforce/setup.ts';
import { defaultConfigPack } from '../engine/default-pack/index.ts';
import type { Locale } from '../engine/types.ts';
import { SidecarError } from '../messages/envelope.ts';
import { publishedFields } from '../publish/fields.ts';
import { publishSetupHandlers } from './publish-setup';

let hub: HubspotMock;
let sf: SalesforceMock;
let role: 'csm' | 'csops';
let locale: Locale;

beforeEach(async () => {
  [hub, sf] = await Promise.all([startHubspotMock(), startSalesforceMock()]);
  role = 'csops';
  locale = 'en';
});
afterEach(async () => {
  await Promise.all([hub.close(), sf.close()]);
});

const handlers = () =>
  publishSetupHandlers({
    connections: {
      async setup(crm) {
        if (crm === 'hubspot') {
          const c = createHubspotClient({ token: hub.state.token, fetch, baseUrl: hub.url, timeoutMs: 1_000 });
          return createHubspotSetup(c, createHubspotFields(c));
        }
        const c = createSalesforceClient({ fetch, timeoutMs: 1_000, getSession: async () => ({ instanceUrl: sf.url, accessToken: [...sf.state.tokens][0]! }) });
        return createSalesforceSetup(c, createSalesforceFields(c));
      },
    },
    packs: { active: async () => ({ pack: defaultConfigPack('en') }) },
    role: async () => role,
    locale: () => locale,
  });

const wanted = publishedFields(defaultConfigPack('en'));

async function refusal(p: Promise<unknown>): Promise<SidecarError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SidecarError);
  return e as SidecarError;
}

describe('publish.setup* messages', () => {
  test('a CSM is refused, in the user language', async () => {
    role = 'csm';
    locale = 'ja';
    const e = await refusal(handlers()['publish.setupCheck']({ crm: 'hubspot' }));
    expect(e.code).toBe('forbidden');
    expect(e.message).toContain('CS Ops');
    expect(e.detail?.key).toBe('publish.setup.not-csops');
  });

  test('HubSpot: check, create, check again: every field present', async () => {
    const h = handlers();
    const before = await h['publish.setupCheck']({ crm: 'hubspot' });
    expect(before.summary).toMatchObject({ missing: wanted.length, ready: false });
    expect(before.scope).toBe('crm.schemas.companies.write');
    const applied = await h['publish.setupApply']({ crm: 'hubspot' });
    expect(applied.created).toHaveLength(wanted.length);
    expect(applied.check.summary).toMatchObject({ ok: wanted.length, ready: true });
    expect(applied.access).toBeUndefined();
  });

  test('HubSpot without the schema scope: the message names the scope for the key’s super admin', async () => {
    hub.state.scopes.delete(SCHEMA_WRITE_SCOPE);
    locale = 'ja';
    const e = await refusal(handlers()['publish.setupApply']({ crm: 'hubspot' }));
    expect(e.detail?.key).toBe('publish.setup.hubspot-scope');
    expect(e.message).toContain('crm.schemas.companies.write');
    expect(e.message).toContain('スーパー管理者');
  });

  test('Salesforce: creates, grants, and every field is present and writable', async () => {
    const applied = await handlers()['publish.setupApply']({ crm: 'salesforce' });
    expect(applied.check.summary.ready).toBe(true);
    expect(applied.access).toMatchObject({ assigned: true, createdSets: ['Sidecar_Read', 'Sidecar_Publish'] });
  });

  test('Salesforce without Customize Application: the package is offered; it holds the missing fields', async () => {
    sf.state.canCustomize = false;
    const e = await refusal(handlers()['publish.setupApply']({ crm: 'salesforce' }));
    expect(e.detail?.key).toBe('publish.setup.salesforce-no-access');
    const pkg = await handlers()['publish.setupPackage']({});
    expect(pkg.fileName).toMatch(/\.zip$/);
    expect(pkg.fields).toHaveLength(wanted.length);
    expect(Buffer.from(pkg.base64, 'base64').subarray(0, 4).toString('hex')).toBe('504b0304');
  });
});
