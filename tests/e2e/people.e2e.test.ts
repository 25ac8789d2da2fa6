import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readClientId } from '../../lib/crm/hubspot/note-body.ts';
import { launchWithExtension, type Launched } from '../harness/browser.ts';
import { startCrmServer, type CrmServer } from '../harness/crm-server.ts';
import { startDemoApis } from '../harness/demo-apis.ts';
import { openRecord } from '../harness/sidebar.ts';
import { OWNERS_SCOPE } from '../mocks/hubspot-server.ts';

// Who's who in real Chromium, on both demo CRMs, one browser: the CSM picks
// themselves in the options (HubSpot), the header names the record's owner,
// a template is copied with the contact the CSM chose, a note written in the
// sidebar carries its author into the CRM mock, a teammate's note shows its
// author's name; and a HubSpot key without the owners scope says so in the
// header while everything else works.

const HUBSPOT = 'https://app.hubspot.com/contacts/24681357/record/0-2/9001';
const HUBSPOT_KEY = 'hubspot:24681357:9001';
const SALESFORCE = 'https://acme.lightning.force.com/lightning/r/Account/001D000000IRFma/view';
const SALESFORCE_KEY = 'salesforce:acme:001D000000IRFmaIAH';
const HANAKO_OWNER = '71000001';

let apis: Awaited<ReturnType<typeof startDemoApis>>;
let server: CrmServer;
let browser: Launched;

beforeAll(async () => {
  apis = await startDemoApis();
  server = await startCrmServer(apis.urls);
  browser = await launchWithExtension({ extraArgs: server.chromiumArgs });
  await apis.connect(browser);
  for (const origin of ['https://app.hubspot.com', 'https://acme.lightning.force.com']) {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await apis?.close();
});

async function waitFor<T>(what: string, fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Choose a contact on the template card, copy the first template, and read the clipboard. */
async function copyWithContact(page: Page, frame: Frame, contactLabel: RegExp): Promise<string> {
  const action = frame.getByRole('region', { name: 'Next action' });
  const picker = action.getByTestId('template-contact');
  const option = (await picker.locator('option').allTextContents()).find((o) => contactLabel.test(o));
  if (!option) throw new Error(`no contact ${contactLabel} among ${(await picker.locator('option').allTextContents()).join(', ')}`);
  await picker.selectOption({ label: option });
  const first = action.locator('.tpl').first();
  await first.locator('.tpl__head').getByRole('button').click();
  await frame.getByRole('status').filter({ hasText: /Copied/ }).first().waitFor();
  await page.bringToFront();
  return page.evaluate(() => navigator.clipboard.readText());
}

async function writeNote(frame: Frame, text: string) {
  const notes = frame.getByRole('region', { name: 'Notes' });
  await notes.getByLabel('Note', { exact: true }).fill(text);
  await notes.getByRole('button', { name: 'Save note' }).click();
  await notes.getByRole('list', { name: 'Notes' }).getByText(text).waitFor();
}

/** The author shown beside a note in the sidebar's list. */
async function authorOf(frame: Frame, text: string): Promise<string | null> {
  const item = frame.getByRole('region', { name: 'Notes' }).getByRole('listitem').filter({ hasText: text }).first();
  await item.waitFor();
  return item.locator('.note__author').textContent({ timeout: 10_000 });
}

describe('HubSpot', () => {
  test('the CSM picks themselves in the options, matched by e-mail', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.fill('#you-email', 'hanako.sato@cs-demo.example');
    await page.getByRole('button', { name: 'Find me' }).click();
    await page.getByTestId('you-match').filter({ hasText: '佐藤 花子' }).waitFor();
    expect(await page.locator('#you-owner').inputValue()).toBe(HANAKO_OWNER);
    await page.getByRole('button', { name: 'This is me' }).click();
    await page.getByTestId('you-hubspot').filter({ hasText: 'Notes you write carry: 佐藤 花子' }).waitFor();
    await page.close();
  });

  test("the owner's name shows, a template is copied with the chosen contact, and a note carries its author into HubSpot", async () => {
    const { page, frame } = await openRecord(browser.context, HUBSPOT, HUBSPOT_KEY);
    await frame.getByTestId('owner').filter({ hasText: '佐藤 花子' }).waitFor({ timeout: 20_000 });
    // The primary contact is offered first; the CSM chooses the other one.
    const options = await frame.getByTestId('template-contact').locator('option').allTextContents();
    expect(options[0]).toMatch(/山田 太郎 \(primary\)/);
    const copied = await copyWithContact(page, frame, /鈴木 美咲/);
    expect(copied).toContain('美咲');
    expect(copied).not.toContain('[contact first name]');

    const text = `Who wrote this ${Date.now()}`;
    await writeNote(frame, text);
    const sent = await waitFor('the note in HubSpot', () => [...apis.hubspot.state.objects.notes.values()].find((n) => n.properties.hs_note_body?.includes(text)));
    expect(sent.properties.hubspot_owner_id).toBe(HANAKO_OWNER);
    expect(readClientId(sent.properties.hs_note_body)).toBeTruthy();
    expect(await authorOf(frame, text)).toBe('佐藤 花子');

    // The choice is remembered for this account: a reload keeps it.
    await page.reload();
    const again = await openRecord(browser.context, HUBSPOT, HUBSPOT_KEY);
    await expect.poll(() => again.frame.getByTestId('template-contact').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '')).toMatch(/鈴木 美咲/);
    await again.page.close();
    await page.close();
  });

  test("a teammate's note shows its author's name (from hubspot_owner_id, not the text)", async () => {
    const id = apis.hubspot.state.addObject('notes', { hs_note_body: '<p>Renewal risk discussed. — 佐藤</p>', hs_timestamp: new Date().toISOString(), hubspot_owner_id: '71000002' });
    apis.hubspot.state.associate('notes', id, 'companies', '9001', [190]);
    const { page, frame } = await openRecord(browser.context, HUBSPOT, HUBSPOT_KEY);
    expect(await authorOf(frame, 'Renewal risk discussed.')).toBe('Alex Morgan');
    await page.close();
  });

  test('without crm.objects.owners.read the header says why the name is missing, and the rest works', async () => {
    apis.hubspot.state.scopes.delete(OWNERS_SCOPE);
    try {
      // Saving the key again (as a CS Ops admin would after changing its scopes) drops the cached owners list.
      await apis.connect(browser);
      const { page, frame } = await openRecord(browser.context, HUBSPOT, HUBSPOT_KEY);
      await frame.getByTestId('owner').filter({ hasText: `Owner name unavailable: add scope ${OWNERS_SCOPE}` }).waitFor({ timeout: 20_000 });
      // The rest works: the company is read and scored, no error banner, the contacts are there.
      await frame.getByRole('region', { name: 'Health' }).waitFor();
      await frame.getByRole('region', { name: 'Next action' }).waitFor();
      expect(await frame.getByRole('heading', { level: 1 }).textContent()).toBe('株式会社サンプル商事');
      expect(await frame.getByRole('alert').count()).toBe(0);
      expect(await frame.getByTestId('sync-warning').count()).toBe(0);
      expect(await frame.getByTestId('template-contact').count()).toBe(1);
      await page.close();
      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
      await options.getByTestId('hubspot-status').waitFor();
      await options.getByText(/lacks the scope "crm.objects.owners.read"/).first().waitFor();
      await options.close();
    } finally {
      apis.hubspot.state.scopes.add(OWNERS_SCOPE);
    }
  });
});

describe('Salesforce', () => {
  test("the owner's name shows, a template is copied with the chosen contact, and a note is created by the signed-in user", async () => {
    const { page, frame } = await openRecord(browser.context, SALESFORCE, SALESFORCE_KEY);
    await frame.getByTestId('owner').filter({ hasText: 'Kenji Tanaka' }).waitFor({ timeout: 20_000 });
    const options = await frame.getByTestId('template-contact').locator('option').allTextContents();
    expect(options[0]).toMatch(/高橋 美咲 \(primary\)/);
    const copied = await copyWithContact(page, frame, /Ken Ito/);
    expect(copied).toContain('Ken');
    expect(copied).not.toContain('[contact first name]');

    const text = `Salesforce author ${Date.now()}`;
    await writeNote(frame, text);
    const sf = apis.salesforce.state;
    const created = await waitFor('the note in Salesforce', () => [...sf.records.ContentNote.values()].find((n) => String(n.TextPreview ?? '').includes(text)));
    expect(created.CreatedById).toBe(sf.currentUserId);
    expect(sf.records.User.get(sf.currentUserId)?.Name).toBe('佐藤 花子');
    await page.close();
  });

  test('the options page shows the signed-in Salesforce user, read-only', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.getByTestId('you-salesforce').filter({ hasText: '佐藤 花子 <hanako.sato@cs-demo.example>' }).waitFor({ timeout: 15_000 });
    await page.close();
  });

  test("a teammate's note shows its author's name (CreatedBy.Name)", async () => {
    const sf = apis.salesforce.state;
    const kenji = [...sf.records.User.values()].find((u) => u.Name === 'Kenji Tanaka')!.Id;
    const html = '<p>Exec sponsor meeting booked.</p>';
    const note = sf.insert('ContentNote', { Title: 'Exec sponsor meeting booked.', Content: Buffer.from(html).toString('base64'), TextPreview: 'Exec sponsor meeting booked.', CreatedById: kenji });
    sf.insert('ContentDocumentLink', { ContentDocumentId: note, LinkedEntityId: '001D000000IRFmaIAH', ShareType: 'V' });
    const { page, frame } = await openRecord(browser.context, SALESFORCE, SALESFORCE_KEY);
    expect(await authorOf(frame, 'Exec sponsor meeting booked.')).toBe('Kenji Tanaka');
    await page.close();
  });
});
