import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchWithExtension, PROJECT, type Launched } from '../harness/browser.ts';
import { axe as axeOn, openTab as openTabOn, setLanguage as setLanguageOn } from '../support/editor.ts';

const setLanguage = (locale: 'ja' | 'en') => setLanguageOn(page, locale);
const openTab = (id: string) => openTabOn(page, id);
/** axe within the map editor (the rest of the options page has its own suites). */
const axe = () => axeOn(page, '[data-testid="map-editor"]');

// The map editor's sections (bands, segments, maturity, touch, stages and roles, playbook, templates) in real
// Chromium, through the options page's UI only: a few edits per section, each seen in the draft the editor shows,
// screenshots of each section in ja and en, and axe on each. One browser for the file.

const SHOTS = join(PROJECT, 'tests', 'screenshots');
const SECTIONS = ['bands', 'segments', 'maturity', 'touch', 'stages', 'playbook', 'templates'] as const;
let browser: Launched;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchWithExtension({ locale: 'en-US' });
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`chrome-extension://${browser.extensionId}/options.html#pack`);
  await page.getByTestId('map-editor').waitFor();
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

describe.each(['ja', 'en'] as const)('every section in %s: a screenshot, and axe finds nothing', (locale) => {
  test('screenshots and axe', async () => {
    await setLanguage(locale);
    const violations: string[] = [];
    for (const id of SECTIONS) {
      await openTab(id);
      await page.getByTestId('map-editor').screenshot({ path: join(SHOTS, `editor-${id}-${locale}.png`) });
      violations.push(...(await axe()).map((v) => `${id}: ${v}`));
    }
    expect(violations).toEqual([]);
  });
});

describe('edits through the sections (en)', () => {
  test('bands: a minimum out of order is named beside the next band, counted on the tab, and undone', async () => {
    const panel = await openTab('bands');
    const yellow = panel.locator('li.ed-item').nth(1);
    await yellow.getByLabel('Minimum score (0–100)').fill('80');
    const greenMin = panel.locator('li.ed-item').nth(2).getByLabel('Minimum score (0–100)');
    await expect.poll(() => greenMin.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.locator('#editor-tab-bands').textContent()).toMatch(/Bands\s*1/);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => greenMin.getAttribute('aria-invalid')).toBe(null);
    expect(await yellow.getByLabel('Minimum score (0–100)').inputValue()).toBe('40');
  });

  test('segments and maturity: a condition typed to its signal', async () => {
    const segs = await openTab('segments');
    const cond = segs.locator('li.ed-item').nth(1).getByRole('group', { name: 'Condition 1' });
    await cond.getByLabel('Comparison').selectOption('present');
    await expect.poll(() => cond.getByLabel('Value').count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => cond.getByLabel('Value').count()).toBe(1);
    const mat = await openTab('maturity');
    const before = await mat.getByRole('group', { name: 'Condition' }).count();
    await mat.getByRole('button', { name: 'Add a criterion' }).first().click();
    await expect.poll(() => mat.getByRole('group', { name: 'Condition' }).count()).toBe(before + 1);
    await page.getByRole('button', { name: 'Undo' }).click();
  });

  test('touch and stages: the default model and the notice period', async () => {
    const touch = await openTab('touch');
    const def = touch.getByLabel('Default touch model');
    const was = await def.inputValue();
    const other = (await def.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).find((v) => v !== was)!;
    await def.selectOption(other);
    expect(await def.inputValue()).toBe(other);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => def.inputValue()).toBe(was);
    const stages = await openTab('stages');
    const notice = stages.getByLabel('Notice of non-renewal (days before)');
    await notice.fill('999');
    await expect.poll(() => notice.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Undo' }).click();
  });

  test('playbook: a cell names its rule; a click opens it; a priority change re-ranks the cell', async () => {
    const pb = await openTab('playbook');
    const cell = pb.locator('[data-cell="onboarding/red"]');
    const first = cell.locator('button.ed-rule-link').first();
    const title = (await first.textContent())!;
    expect(title.length).toBeGreaterThan(0);
    await first.click();
    await expect.poll(() => pb.getByTestId('rule-editor').locator('h5').textContent()).toContain(title);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H5');
    await pb.getByTestId('rule-editor').getByLabel('Priority').selectOption('low');
    await expect.poll(async () => (await cell.locator('button.ed-rule-link').first().textContent()) !== title).toBe(true);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => cell.locator('button.ed-rule-link').first().textContent()).toBe(title);
  });

  test('templates: the palette inserts at the cursor and the preview fills it', async () => {
    const tpl = await openTab('templates');
    const body = tpl.getByLabel('Text (English)');
    await body.fill('Hello  team');
    await body.evaluate((el: HTMLTextAreaElement) => {
      el.focus();
      el.setSelectionRange(6, 6);
    });
    await tpl.getByRole('button', { name: 'Insert company name' }).click();
    await expect.poll(() => body.inputValue()).toBe('Hello {{company.name}} team');
    await expect.poll(() => tpl.getByTestId('preview-en').locator('pre').textContent()).toBe('Hello Greenfield Trading Inc. team');
    await body.fill('Hello {{company.nam}}');
    await expect.poll(() => body.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Undo' }).click();
  });
});
