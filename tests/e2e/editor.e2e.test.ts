import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchWithExtension, PROJECT, type Launched } from '../harness/browser.ts';
import { startDemoApis } from '../harness/demo-apis.ts';
import { startCrmServer } from '../harness/crm-server.ts';
import { axe, openEditor, openTab, setLanguage, waitForEditor } from '../support/editor.ts';

// The map editor's core (issue 19) in real Chromium, through the options page's UI only: edit a
// signal (its name, freshness, and its source picked from HubSpot's live field list) and a
// scorecard weight (the shares and the curve follow), undo and redo by button and keyboard, a
// reload offers the saved draft back, an invalid draft cannot be installed and says why, the JSON
// tab follows both ways, and the draft installs through the impact review. One browser.

const SHOTS = join(PROJECT, 'tests', 'screenshots');
let apis: Awaited<ReturnType<typeof startDemoApis>>;
let crm: Awaited<ReturnType<typeof startCrmServer>>;
let browser: Launched;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  apis = await startDemoApis();
  // The portal's own survey score: what CS Ops picks as the NPS source.
  apis.hubspot.state.defineProperty({ name: 'csm_nps_score', type: 'number', label: 'NPS survey score' });
  crm = await startCrmServer(apis.urls);
  browser = await launchWithExtension({ extraArgs: crm.chromiumArgs, locale: 'en-US' });
  await apis.connect(browser);
  page = await openEditor(browser);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await crm?.close();
  await apis?.close();
});

const detail = () => page.getByTestId('section-signals').locator('.sig__detail');
const localized = (group: string, lang: 'English' | 'Japanese') => detail().getByRole('group', { name: group, exact: true }).getByLabel(lang, { exact: true });
const hubspotField = () => detail().getByLabel('HubSpot property', { exact: true });

async function installedPack(): Promise<{ signals: Array<{ id: string; label: { en?: string }; freshnessDays?: number; source: { kind: string; hubspot?: string } }>; scorecards: Array<{ measures: Array<{ signal: string; weight: number }> }> }> {
  const r = (await page.evaluate(() => chrome.runtime.sendMessage({ channel: 'sidecar', type: 'pack.current', data: {} }))) as { data: { json: string } };
  return JSON.parse(r.data.json);
}

describe('the map editor', () => {
  test('edit a signal and a weight, undo and redo, keep the draft over a reload, refuse an invalid draft, follow the JSON, install', async () => {
    // Signals: NPS gets a new name, a freshness and its source from HubSpot's live field list.
    await openTab(page, 'signals');
    await page.getByTestId('signal-nps').click();
    await localized('Name', 'English').fill('NPS (survey)');
    await detail().getByLabel('Fresh for (days)').fill('180');
    await detail().getByLabel('Where the value comes from', { exact: true }).selectOption('crm');
    await detail().getByTestId('pick-hubspot').click();
    await detail().getByRole('searchbox', { name: 'Search HubSpot fields' }).fill('survey');
    await detail().getByRole('button', { name: /^NPS survey score csm_nps_score/ }).click();
    expect(await hubspotField().inputValue()).toBe('csm_nps_score');
    expect(await page.getByTestId('editor-valid').isVisible()).toBe(true);

    // Undo and redo: the buttons, then the keyboard; each step is one edit (the name typed is one step).
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    const redo = page.getByRole('button', { name: 'Redo', exact: true });
    await undo.click();
    expect(await hubspotField().inputValue()).toBe('');
    await redo.click();
    expect(await hubspotField().inputValue()).toBe('csm_nps_score');
    await undo.focus();
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    // Two steps back: the source is the CSV column again and the HubSpot field is gone.
    expect(await detail().getByLabel('Where the value comes from', { exact: true }).inputValue()).toBe('csv');
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+Shift+z');
    expect(await hubspotField().inputValue()).toBe('csm_nps_score');
    expect(await localized('Name', 'English').inputValue()).toBe('NPS (survey)');
    expect(await axe(page)).toEqual([]);
    await page.getByTestId('map-editor').screenshot({ path: join(SHOTS, 'editor-signals-en.png') });

    // Scorecards: NPS weighs 40 in Enterprise; its share of 100 and the curve follow as you type.
    const panel = await openTab(page, 'scorecards');
    const nps = panel.getByTestId('measure-nps');
    expect(await nps.getByTestId('share-nps').textContent()).toBe('15 of 100');
    await nps.getByLabel('Weight', { exact: true }).fill('40');
    // 40 of 125: 32 of 100; every other share shrinks with it.
    expect(await nps.getByTestId('share-nps').textContent()).toBe('32 of 100');
    expect(await panel.getByTestId('share-active_user_rate').textContent()).toBe('16 of 100');
    const chart = nps.getByTestId('chart-nps');
    const before = await chart.getAttribute('data-path');
    await nps.getByLabel('Score', { exact: true }).nth(1).fill('20');
    await expect.poll(() => chart.getAttribute('data-path')).not.toBe(before);
    expect(await axe(page)).toEqual([]);
    await page.getByTestId('map-editor').screenshot({ path: join(SHOTS, 'editor-scorecards-en.png') });

    // The draft is saved as you edit; a reload offers it back.
    await expect.poll(() => page.getByTestId('editor-save').textContent(), { timeout: 10_000 }).toMatch(/^Draft saved/);
    await page.reload();
    await waitForEditor(page);
    await page.getByRole('button', { name: 'Continue the draft' }).click();
    await openTab(page, 'scorecards');
    expect(await page.getByTestId('share-nps').textContent()).toBe('32 of 100');
    await openTab(page, 'signals');
    await page.getByTestId('signal-nps').click();
    expect(await hubspotField().inputValue()).toBe('csm_nps_score');

    // An invalid draft: a freshness of 0 days. The problem shows beside the field, on the tab and at the top; Install says why.
    const fresh = detail().getByLabel('Fresh for (days)');
    await fresh.fill('0');
    const install = page.getByRole('button', { name: 'Check and install…' });
    expect(await install.isDisabled()).toBe(true);
    expect(await page.getByTestId('editor-install-why').textContent()).toBe('Cannot install yet: fix the 1 problem(s) listed above.');
    expect(await page.getByTestId('editor-problems').textContent()).toMatch(/signals\[\d+\]\.freshnessDays/);
    expect(await page.locator('#editor-tab-signals').textContent()).toBe('Signals1');
    const described = (await fresh.getAttribute('aria-describedby'))!.split(' ');
    const said = await Promise.all(described.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(said.join(' ')).toMatch(/0/);
    await fresh.fill('180');
    expect(await install.isEnabled()).toBe(true);

    // The JSON tab follows the structured draft, and a valid JSON edit comes back to the tabs.
    const json = (await openTab(page, 'json')).locator('#pack-json');
    const text = await json.inputValue();
    expect(text).toContain('"hubspot": "csm_nps_score"');
    expect(text).toContain('"freshnessDays": 180');
    // A small edit typed where it belongs (typing the whole 60 KB through Chromium's editing path is slow).
    await json.evaluate((el: HTMLTextAreaElement) => {
      const at = el.value.indexOf('"NPS (survey)"') + 1;
      el.focus();
      el.setSelectionRange(at, at + 'NPS (survey)'.length);
    });
    await page.keyboard.type('NPS (customer survey)');
    await openTab(page, 'signals');
    await page.getByTestId('signal-nps').click();
    expect(await localized('Name', 'English').inputValue()).toBe('NPS (customer survey)');

    // Install: check, the impact first, then the confirmation.
    await install.click();
    await page.getByTestId('impact').getByRole('button', { name: 'Install this version' }).click();
    await page.getByTestId('editor-installed').waitFor({ timeout: 15_000 });
    const pack = await installedPack();
    const signal = pack.signals.find((s) => s.id === 'nps')!;
    expect(signal).toMatchObject({ label: { en: 'NPS (customer survey)' }, freshnessDays: 180, source: { kind: 'crm', hubspot: 'csm_nps_score' } });
    expect(pack.scorecards[0]!.measures.find((m) => m.signal === 'nps')!.weight).toBe(40);
    // Installed: no draft is offered any more.
    await page.reload();
    await waitForEditor(page);
    expect(await page.getByRole('button', { name: 'Continue the draft' }).count()).toBe(0);
  });

  test('in Japanese: the signals and scorecards, and axe finds nothing', async () => {
    await setLanguage(page, 'ja');
    await openTab(page, 'signals');
    await page.getByTestId('signal-nps').click();
    await detail().getByTestId('pick-hubspot').click();
    await detail().getByRole('searchbox', { name: 'HubSpot の項目を検索' }).fill('survey');
    await detail().getByRole('button', { name: /^NPS survey score csm_nps_score/ }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByTestId('map-editor').screenshot({ path: join(SHOTS, 'editor-signals-ja.png') });
    await openTab(page, 'scorecards');
    expect(await page.getByTestId('share-nps').textContent()).toBe('100 のうち 32');
    expect(await axe(page)).toEqual([]);
    await page.getByTestId('map-editor').screenshot({ path: join(SHOTS, 'editor-scorecards-ja.png') });
    await setLanguage(page, 'en');
  });
});
