import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension, type Launched } from '../harness/browser.ts';
import { startCrmServer, type CrmServer } from '../harness/crm-server.ts';
import { startDemoApis } from '../harness/demo-apis.ts';
import { sidebarShowing } from '../harness/sidebar.ts';

// Data from the CRM's API reaches the sidebar, is cached, and is still shown,
// with its age, when the CRM cannot be reached.

const HUBSPOT = 'https://app.hubspot.com/contacts/24681357/record/0-2/9001';
const KEY = 'hubspot:24681357:9001';

let apis: Awaited<ReturnType<typeof startDemoApis>>;
let server: CrmServer;
let browser: Launched;

beforeAll(async () => {
  apis = await startDemoApis();
  server = await startCrmServer(apis.urls);
  browser = await launchWithExtension({ locale: 'en-US', extraArgs: server.chromiumArgs });
  await apis.connect(browser);
  await apis.seedUsageAndNotes(browser);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await apis?.close().catch(() => {});
});

const sidebar = (page: Page) => sidebarShowing(page, KEY);
const score = async (frame: Frame) => Number(await frame.locator('.score__value').first().textContent());

test('a HubSpot company shows its health from the API, and the cached value with its age when the API is unreachable', async () => {
  const page = await browser.context.newPage();
  await page.goto(HUBSPOT);
  let frame = await sidebar(page);
  // The name and the HubSpot badge only come from the API read.
  await frame.locator('.chip--hubspot').waitFor({ timeout: 15_000 });
  expect(await frame.getByTestId('record-id').textContent()).toBe('株式会社サンプル商事');
  const before = await score(frame);
  expect(before).toBeGreaterThan(60);

  // The CRM changes: usage collapses. A refresh reads it and the score follows.
  const company = apis.hubspot.state.objects.companies.get('9001')!;
  Object.assign(company.properties, { sidecar_active_users_30d: '1', sidecar_emails_sent_30d: '0', sidecar_emails_received_30d: '0' });
  await frame.getByRole('button', { name: 'Refresh from the CRM' }).click();
  await expect.poll(() => score(frame), { timeout: 15_000 }).toBeLessThan(before);
  const fromApi = await score(frame);
  await page.close();

  // The API goes away. Reopening the record paints the cached value, says how old it is, and says the CRM failed.
  await apis.hubspot.close();
  const again = await browser.context.newPage();
  await again.goto(HUBSPOT);
  frame = await sidebar(again);
  expect(await score(frame)).toBe(fromApi);
  expect(await frame.getByTestId('as-of').textContent()).toMatch(/As of .+ \((this minute|\d+ minutes? ago)\)/);
  await frame.getByRole('alert').filter({ hasText: 'HubSpot' }).waitFor({ timeout: 15_000 });
  expect(await score(frame)).toBe(fromApi);

  // Fully offline: the badge says so and the cached view stays.
  await browser.context.setOffline(true);
  await frame.locator('.chip--offline').waitFor({ timeout: 10_000 });
  expect(await score(frame)).toBe(fromApi);
  await browser.context.setOffline(false);
  await again.close();
});
