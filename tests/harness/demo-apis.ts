import { HUBSPOT_SCOPES } from '../../lib/crm/hubspot/scopes.ts';
import { startHubspotMock, type HubspotMock } from '../mocks/hubspot-server.ts';
import { startSalesforceMock, type SalesforceMock } from '../mocks/salesforce-server.ts';
import Encoding from 'encoding-japanese';
import { DEMO_PORTAL, DEMO_USAGE_COLUMNS, demoNotes, demoUsageRows, hubspotCompanies, hubspotContacts, hubspotOwners, salesforceAccounts, salesforceContacts, salesforceUsers } from '../fixtures/demo-data.ts';
import { launchWithExtension, type Launched } from './browser.ts';
import { startCrmServer } from './crm-server.ts';

export const DEMO_HUBSPOT_TOKEN = 'pat-demo-0000-sidecar';
export const DEMO_SALESFORCE_SESSION = '00Ddemo!sidecar-session';

/** The demo CRM's APIs (mock servers holding the demo records) and the step that connects Sidecar to them. */
export async function startDemoApis() {
  // The demo key is a Service Key holding the scopes the README lists (no `oauth`): what an account made after October 2026 can have.
  const hubspot: HubspotMock = await startHubspotMock({ token: DEMO_HUBSPOT_TOKEN, portalId: DEMO_PORTAL, seed: false, scopes: HUBSPOT_SCOPES.map((s) => s.scope) });
  const salesforce: SalesforceMock = await startSalesforceMock({ token: DEMO_SALESFORCE_SESSION, seed: false });
  const stamp = new Date().toISOString();
  for (const o of hubspotOwners) hubspot.state.addOwner(o);
  // The signed-in user is the CSM (the mock's own default user makes way for the demo's).
  salesforce.state.records.User.clear();
  for (const u of salesforceUsers) salesforce.state.insert('User', { ...u, IsActive: true });
  salesforce.state.currentUserId = [...salesforce.state.records.User.keys()][0]!;
  for (const [id, properties] of Object.entries(hubspotCompanies)) {
    hubspot.state.objects.companies.set(id, { id, properties, createdAt: stamp, updatedAt: stamp });
  }
  for (const [id, c] of Object.entries(hubspotContacts)) {
    hubspot.state.objects.contacts.set(id, { id, properties: c.properties, createdAt: stamp, updatedAt: stamp });
    hubspot.state.associate('contacts', id, 'companies', c.company, c.primary === false ? [279] : [279, 1]);
  }
  for (const a of salesforceAccounts) salesforce.state.insert('Account', a);
  for (const c of salesforceContacts) salesforce.state.addContact(c.fields, c.account, c.others);

  return {
    hubspot,
    salesforce,
    urls: { hubspotApi: hubspot.url, salesforceApi: salesforce.url },
    /** Connect HubSpot as a user would (token tested on save), and sign in to the demo Salesforce org. */
    async connect(browser: Launched) {
      await browser.context.addCookies([
        { name: 'sid', value: DEMO_SALESFORCE_SESSION, domain: 'acme.my.salesforce.com', path: '/', secure: true, httpOnly: true, sameSite: 'None' },
      ]);
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
      const answer = await page.evaluate(
        (token) => chrome.runtime.sendMessage({ channel: 'sidecar', type: 'hubspot.connect', data: { token } }),
        DEMO_HUBSPOT_TOKEN,
      );
      if (!(answer as { ok?: boolean })?.ok) throw new Error(`Connecting the demo HubSpot failed: ${JSON.stringify(answer)}`);
      await page.close();
    },
    /** What CS Ops and a CSM would have added by now: a BI usage export (Shift_JIS, through the options page) and a few notes. */
    async seedUsageAndNotes(browser: Launched) {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/options.html#import`);
      const csv = [DEMO_USAGE_COLUMNS, ...demoUsageRows].map((r) => r.join(',')).join('\r\n');
      const sjis = Uint8Array.from(Encoding.convert(Encoding.stringToCode(csv), { to: 'SJIS', from: 'UNICODE' }));
      await page.setInputFiles('#csv-file', { name: 'bi-usage-export.csv', mimeType: 'text/csv', buffer: Buffer.from(sjis) });
      await page.waitForSelector('[data-testid="csv-facts"]', { timeout: 15_000 });
      await page.getByRole('button', { name: /^Import \d+ rows$|^\d+ 行を取り込む$/ }).click();
      await page.waitForSelector('[data-testid="csv-result"]', { timeout: 30_000 });
      const profile = { locale: 'auto', csmName: '佐藤 花子', csmEmail: 'hanako.sato@cs-demo.example', companyName: 'デモソリューションズ株式会社', productName: 'ペーパーレス便' };
      await page.evaluate((data) => chrome.runtime.sendMessage({ channel: 'sidecar', type: 'settings.set', data }), profile);
      for (const note of demoNotes) {
        const saved = await page.evaluate((data) => chrome.runtime.sendMessage({ channel: 'sidecar', type: 'note.save', data }), note);
        if (!(saved as { ok?: boolean })?.ok) throw new Error(`Saving a demo note failed: ${JSON.stringify(saved)}`);
      }
      await page.close();
    },
    async close() {
      await hubspot.close();
      await salesforce.close();
    },
  };
}

/**
 * A suite's demo world: the demo CRM's APIs, its pages served as the real hosts, one Chromium with
 * Sidecar connected to both CRMs, and the BI export and notes CS Ops and a CSM would have added.
 */
export async function startDemo(locale = 'en-US') {
  const apis = await startDemoApis();
  const crm = await startCrmServer(apis.urls);
  const browser = await launchWithExtension({ extraArgs: crm.chromiumArgs, locale });
  await apis.connect(browser);
  await apis.seedUsageAndNotes(browser);
  return {
    apis,
    crm,
    browser,
    async close() {
      await browser.close();
      await crm.close();
      await apis.close();
    },
  };
}
export type Demo = Awaited<ReturnType<typeof startDemo>>;
