import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../../lib/engine/index.ts';
import { publishedFields, RESULT_FIELDS } from '../../lib/publish/fields.ts';
import { SCHEMA_WRITE_SCOPE } from '../mocks/hubspot-server.ts';
import { PROJECT, type Launched } from '../harness/browser.ts';
import { startDemo, type Demo } from '../harness/demo-apis.ts';

// The CRM setup and a publication through the options page (issue 16), in real Chromium against
// the HubSpot mock: CS Ops checks the CRM (every Sidecar property missing), tries to create them
// with the demo key (no schema scope: the scope is named for the key's super admin), the admin adds
// the scope, CS Ops creates them and sees them present; then scores the book and sees the progress
// complete. Screenshots tests/screenshots/publish-{en,ja}.png.

const SHOTS = join(PROJECT, 'tests', 'screenshots');
const wanted = publishedFields(defaultConfigPack('en'));

let apis: Demo['apis'];
let browser: Launched;
let demo: Demo | undefined;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo();
  ({ apis, browser } = demo);
}, 120_000);
afterAll(async () => {
  await demo?.close();
});

async function send(page: Page, type: string, data: unknown) {
  const answer = (await page.evaluate(([t, d]) => chrome.runtime.sendMessage({ channel: 'sidecar', type: t, data: d }), [type, data] as const)) as { ok: boolean; data?: unknown };
  if (!answer?.ok) throw new Error(`${type} failed: ${JSON.stringify(answer)}`);
  return answer.data;
}

async function setLanguage(page: Page, locale: 'ja' | 'en') {
  const got = (await send(page, 'settings.get', {})) as Record<string, unknown>;
  await send(page, 'settings.set', { ...got, locale });
  await page.reload();
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

describe('Publish to the CRM, from the options page', () => {
  test('check, create the fields (scope named first), see them present; publish and see the progress complete', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#publish`);
    // A CSM sees why there is nothing to do; CS Ops gets the card.
    await page.getByText(/Only CS Ops publishes to the CRM/).waitFor();
    await send(page, 'team.role.set', { role: 'csops' });
    await page.reload();
    const card = page.getByTestId('publish-card-hubspot');
    await card.waitFor();

    await card.getByRole('button', { name: 'Check the CRM' }).click();
    await card.getByTestId('setup-table').waitFor();
    expect(await card.locator('tr[data-status="missing"]').count()).toBe(wanted.length);

    // The demo key holds the README's read-and-notes scopes only: creating names the missing scope.
    await card.getByRole('button', { name: 'Create the missing fields' }).click();
    await expect.poll(() => card.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('crm.schemas.companies.write');
    expect([...apis.hubspot.state.properties.keys()].filter((n) => n.startsWith('sidecar_'))).toEqual([]);

    // The key's super admin adds the schema scope and the write scope (the publisher's key).
    apis.hubspot.state.scopes.add(SCHEMA_WRITE_SCOPE);
    apis.hubspot.state.scopes.add('crm.objects.companies.write');
    await card.getByRole('button', { name: 'Create the missing fields' }).click();
    await card.getByTestId('setup-applied-hubspot').waitFor({ timeout: 15_000 });
    await expect.poll(() => card.locator('tr[data-status="ok"]').count(), { timeout: 10_000 }).toBe(wanted.length);
    expect(apis.hubspot.state.properties.get(RESULT_FIELDS.score.hubspot)).toMatchObject({ type: 'number', groupName: 'sidecar' });

    const run = page.getByTestId('publish-run-hubspot');
    await card.getByRole('button', { name: 'Publish imported usage data' }).click();
    await expect.poll(() => run.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(Number(await run.getByTestId('publish-sent').textContent())).toBeGreaterThan(0);
    await card.getByRole('button', { name: 'Score the book and publish' }).click();
    await expect.poll(() => run.getAttribute('data-status'), { timeout: 10_000 }).not.toBe('done');
    await expect.poll(() => run.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const written = Number(await run.getByTestId('publish-sent').textContent());
    expect(written).toBeGreaterThan(0);
    // The CRM holds a score for each account the job wrote.
    const scored = [...apis.hubspot.state.objects.companies.values()].filter((c) => /^\d+(\.\d+)?$/.test(c.properties[RESULT_FIELDS.score.hubspot] ?? ''));
    expect(scored.length).toBe(written);
    await page.screenshot({ path: join(SHOTS, 'publish-en.png'), fullPage: true });

    await setLanguage(page, 'ja');
    const ja = page.getByTestId('publish-card-hubspot');
    await ja.getByRole('button', { name: 'CRM を確認' }).click();
    await expect.poll(() => ja.locator('tr[data-status="ok"]').count(), { timeout: 10_000 }).toBe(wanted.length);
    await page.getByTestId('publish-run-hubspot').waitFor();
    await page.screenshot({ path: join(SHOTS, 'publish-ja.png'), fullPage: true });
    await page.close();
  }, 180_000);
});
