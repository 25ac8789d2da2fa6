import { startHubspotMock, type HubspotMock } from '../mocks/hubspot-server.ts';
import { startSalesforceMock, type SalesforceMock } from '../mocks/salesforce-server.ts';
import { DEMO_PORTAL, hubspotCompanies, hubspotContacts, salesforceAccounts } from '../fixtures/demo-data.ts';
import type { Launched } from './browser.ts';

export const DEMO_HUBSPOT_TOKEN = 'pat-demo-0000-sidecar';
export const DEMO_SALESFORCE_SESSION = '00Ddemo!sidecar-session';

/** The demo CRM's APIs (mock servers holding the demo records) and the step that connects Sidecar to them. */
export async function startDemoApis() {
  const hubspot: HubspotMock = await startHubspotMock({ token: DEMO_HUBSPOT_TOKEN, portalId: DEMO_PORTAL, seed: false });
  const salesforce: SalesforceMock = await startSalesforceMock({ token: DEMO_SALESFORCE_SESSION, seed: false });
  const stamp = new Date().toISOString();
  for (const [id, properties] of Object.entries(hubspotCompanies)) {
    hubspot.state.objects.companies.set(id, { id, properties, createdAt: stamp, updatedAt: stamp });
  }
  for (const [id, c] of Object.entries(hubspotContacts)) {
    hubspot.state.objects.contacts.set(id, { id, properties: c.properties, createdAt: stamp, updatedAt: stamp });
    hubspot.state.associate('contacts', id, 'companies', c.company, [279, 1]);
  }
  for (const a of salesforceAccounts) salesforce.state.insert('Account', a);

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
      await page.close();
      if (!(answer as { ok?: boolean })?.ok) throw new Error(`Connecting the demo HubSpot failed: ${JSON.stringify(answer)}`);
    },
    async close() {
      await hubspot.close();
      await salesforce.close();
    },
  };
}
