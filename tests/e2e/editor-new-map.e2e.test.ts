import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import { DEMO } from '../fixtures/demo-pages.ts';
import { launchWithExtension, PROJECT, type Launched } from '../harness/browser.ts';
import { startCrmServer } from '../harness/crm-server.ts';
import { startDemoApis } from '../harness/demo-apis.ts';
import { openRecord } from '../harness/sidebar.ts';
import { axe, openEditor, openTab, waitForEditor } from '../support/editor.ts';

// Issue 19's "tried as a new user would": CS Ops builds the map for another product, an e-contract
// service, from the empty skeleton, through the map editor's UI only (clicks, typing, selects; never
// the JSON tab, never a message to the background): four levels (Lv.1 one department sends
// contracts; Lv.2 several departments and templates; Lv.3 all departments, paper contracts at zero;
// Lv.4 counterparties sign electronically too), six signals (five from the BI export's CSV columns,
// NPS from a HubSpot property picked from the live field list), one scorecard, two touch models and
// an assignment rule, three playbook rules and one template in polite Japanese and English with a
// merge field from the palette. On the way an invalid draft cannot be installed and says why, and a
// reload keeps the draft. Then the impact review, the install, the product's usage CSV imported
// through the options page, and the CSM's sidebar on the HubSpot company shows the new map's level
// and the action its rules give. One browser.

const SHOTS = join(PROJECT, 'tests', 'screenshots');
/** The e-contract product's usage export, keyed by domain (Sample Shoji is the company the CSM opens). */
const CSV = [
  'domain,departments_sending,templates_used,department_share_pct,paper_contracts_month,counterparty_esign_pct',
  'sample-shoji.co.jp,8,12,100,0,15',
  'northwind.example,1,1,10,240,0',
].join('\r\n');

let apis: Awaited<ReturnType<typeof startDemoApis>>;
let crm: Awaited<ReturnType<typeof startCrmServer>>;
let browser: Launched;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  apis = await startDemoApis();
  // The portal's survey tool writes each company's NPS into its own property: what CS Ops picks for NPS.
  apis.hubspot.state.defineProperty({ name: 'econtract_nps', type: 'number', label: 'e-contract NPS' });
  apis.hubspot.state.objects.companies.get('9001')!.properties.econtract_nps = '40';
  crm = await startCrmServer(apis.urls);
  browser = await launchWithExtension({ extraArgs: crm.chromiumArgs, locale: 'en-US' });
  await apis.connect(browser);
  // The CSM has opened Sample Shoji under the map in force: the cached book the impact is computed on.
  await (await openRecord(browser.context, DEMO.hubspot.url, DEMO.hubspot.key)).page.close();
  page = await openEditor(browser);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await crm?.close();
  await apis?.close();
});

// Every UI action of the build goes through these, so the test can say how many it took.
const count = { clicks: 0, typed: 0, picked: 0 };
async function click(l: Locator): Promise<void> {
  count.clicks++;
  await l.click();
}
async function type(l: Locator, text: string): Promise<void> {
  count.typed++;
  await l.fill(text);
}
async function choose(l: Locator, value: string): Promise<void> {
  count.picked++;
  await l.selectOption(value);
}
/** A text in both languages (a LocalizedFields group). */
async function both(scope: Locator, group: string, ja: string, en: string): Promise<void> {
  const g = scope.getByRole('group', { name: group, exact: true });
  await type(g.getByLabel('Japanese', { exact: true }), ja);
  await type(g.getByLabel('English', { exact: true }), en);
}
/** One condition row: signal, comparison, value. */
async function condition(row: Locator, signal: string, op: string, value: string): Promise<void> {
  await choose(row.getByLabel('Signal', { exact: true }), signal);
  await choose(row.getByLabel('Comparison', { exact: true }), op);
  await type(row.getByLabel('Value', { exact: true }), value);
}

const button = (name: string) => page.getByRole('button', { name, exact: true });
const installButton = () => button('Check and install…');

interface NewSignal {
  id: string;
  ja: string;
  en: string;
  unit?: [string, string];
  column?: string;
  lowerIsBetter?: boolean;
}

async function signal(s: NewSignal, rename = false): Promise<void> {
  const detail = page.getByTestId('section-signals').locator('.sig__detail');
  if (!rename) await click(page.getByRole('button', { name: 'Add a signal' }));
  const id = detail.getByLabel('Id', { exact: true });
  await type(id, s.id);
  await id.press('Enter');
  await page.getByTestId(`signal-${s.id}`).waitFor();
  await both(detail, 'Name', s.ja, s.en);
  if (s.unit) await both(detail, 'Unit', ...s.unit);
  if (s.column) await type(detail.getByLabel('Column name in the CSV'), s.column);
  if (s.lowerIsBetter) await click(detail.getByLabel('Higher is better'));
}

describe('a new map for an e-contract service, built through the map editor only', () => {
  test('from the empty skeleton to the sidebar: the level and the action come from the new map', async () => {
    const started = Date.now();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    onTestFailed(async () => {
      console.log('page errors:', errors);
      await page.screenshot({ path: '/tmp/editor-new-map-failed.png', fullPage: true });
    });
    await click(button('New empty map'));
    // The map's own name and version, which the sidebar's top bar and the versions show.
    await type(page.getByLabel('Map name'), 'e-contract CS map');
    await type(page.getByLabel('Map version'), '1.0.0');

    // 1. Signals: the skeleton's usage signal becomes "departments sending" (its references follow), five more.
    await openTab(page, 'signals');
    await click(page.getByTestId('signal-active_user_rate'));
    await signal({ id: 'departments_sending', ja: '契約を送信している部署数', en: 'Departments sending contracts', unit: ['部署', 'departments'] }, true);
    await signal({ id: 'templates_used', ja: '利用している契約書テンプレート数', en: 'Contract templates used', unit: ['種類', 'templates'] });
    await signal({ id: 'department_share', ja: '利用部署の割合', en: 'Share of departments using it', unit: ['%', '%'], column: 'department_share_pct' });
    await signal({ id: 'paper_contracts', ja: '紙の契約書（月間）', en: 'Paper contracts per month', unit: ['件', 'contracts'], column: 'paper_contracts_month', lowerIsBetter: true });
    await signal({ id: 'counterparty_esign', ja: '電子署名する取引先の割合', en: 'Counterparties signing electronically', unit: ['%', '%'], column: 'counterparty_esign_pct' });
    await signal({ id: 'nps', ja: 'NPS', en: 'NPS' });
    // A CSV column that was the signal's id follows its new id.
    await page.getByTestId('signal-templates_used').click();
    expect(await page.getByTestId('section-signals').getByLabel('Column name in the CSV').inputValue()).toBe('templates_used');
    await page.getByTestId('signal-nps').click();
    // NPS comes from HubSpot: picked from the portal's live field list.
    const detail = page.getByTestId('section-signals').locator('.sig__detail');
    await choose(detail.getByLabel('Where the value comes from'), 'crm');
    await click(detail.getByTestId('pick-hubspot'));
    await type(detail.getByRole('searchbox', { name: 'Search HubSpot fields' }), 'nps');
    await click(detail.getByRole('button', { name: /^e-contract NPS econtract_nps/ }));
    expect(await detail.getByLabel('HubSpot property', { exact: true }).inputValue()).toBe('econtract_nps');

    // 2. The scorecard: share of departments 40, paper contracts 30 (fewer is better), NPS 30.
    const cards = await openTab(page, 'scorecards');
    const measure = (n: number) => cards.locator('li.sc__measure').nth(n);
    await choose(measure(0).getByLabel('Signal', { exact: true }), 'department_share');
    await type(measure(0).getByLabel('Weight', { exact: true }), '40');
    await type(measure(0).getByLabel('Value', { exact: true }).nth(1), '100');
    await click(cards.getByRole('button', { name: 'Add a measure' }));
    await choose(measure(1).getByLabel('Signal', { exact: true }), 'paper_contracts');
    await type(measure(1).getByLabel('Weight', { exact: true }), '30');
    await type(measure(1).getByLabel('Value', { exact: true }).nth(1), '20');
    await click(cards.getByRole('button', { name: 'Add a measure' }));
    await choose(measure(2).getByLabel('Signal', { exact: true }), 'nps');
    await type(measure(2).getByLabel('Weight', { exact: true }), '30');
    await type(measure(2).getByLabel('Value', { exact: true }).nth(0), '-100');
    await type(measure(2).getByLabel('Value', { exact: true }).nth(1), '50');
    expect(await cards.getByTestId('share-department_share').textContent()).toBe('40 of 100');

    // 3. The maturity curve, Lv.1–4, each level's criteria over the signals.
    const mat = await openTab(page, 'maturity');
    const level = (n: number) => mat.getByTestId('section-maturity').locator(':scope > ol > li').nth(n - 1);
    const criterion = (n: number, k: number) => level(n).locator('fieldset.ed-conds > ol > li').nth(k);
    const levels: Array<{ ja: string; en: string; criteria: Array<{ ja: string; en: string; signal: string; op: string; value: string }> }> = [
      { ja: 'Lv.1 一部署で契約を送信', en: 'Lv.1 One department sends contracts', criteria: [{ ja: '1部署以上が契約を送信', en: 'At least one department sends contracts', signal: 'departments_sending', op: '>=', value: '1' }] },
      {
        ja: 'Lv.2 複数部署・複数テンプレート',
        en: 'Lv.2 Several departments and templates',
        criteria: [
          { ja: '3部署以上が契約を送信', en: 'Three or more departments send contracts', signal: 'departments_sending', op: '>=', value: '3' },
          { ja: 'テンプレートを5種類以上利用', en: 'Five or more templates in use', signal: 'templates_used', op: '>=', value: '5' },
        ],
      },
      {
        ja: 'Lv.3 全部署で利用・紙の契約ゼロ',
        en: 'Lv.3 All departments, no paper contracts',
        criteria: [
          { ja: '全部署が利用', en: 'Every department uses it', signal: 'department_share', op: '>=', value: '100' },
          { ja: '紙の契約書がゼロ', en: 'No paper contracts', signal: 'paper_contracts', op: '<=', value: '0' },
        ],
      },
      { ja: 'Lv.4 取引先も電子署名', en: 'Lv.4 Counterparties sign electronically too', criteria: [{ ja: '取引先の半数以上が電子署名', en: 'Half the counterparties or more sign electronically', signal: 'counterparty_esign', op: '>=', value: '50' }] },
    ];
    for (const [i, lv] of levels.entries()) {
      const n = i + 1;
      await both(level(n), 'Name', lv.ja, lv.en);
      for (const [k, c] of lv.criteria.entries()) {
        if (k > 0) await click(level(n).getByRole('button', { name: 'Add a criterion' }));
        await both(criterion(n, k), 'Criterion as CSMs read it', c.ja, c.en);
        await condition(criterion(n, k).getByRole('group', { name: 'Condition', exact: true }), c.signal, c.op, c.value);
      }
    }

    expect(await criterion(3, 1).getByLabel('Comparison', { exact: true }).inputValue()).toBe('<=');

    // 4. Touch: high touch and tech touch only; five departments or more get high touch.
    const touch = await openTab(page, 'touch');
    await click(touch.getByRole('button', { name: 'Remove Low touch' }));
    await click(touch.getByRole('button', { name: 'Remove Community touch' }));
    await click(touch.getByRole('button', { name: 'Add an assignment rule' }));
    const rule1 = touch.locator('ol.ed-items').nth(1).locator(':scope > li').first();
    await choose(rule1.getByLabel('Touch model', { exact: true }), 'high');
    await click(rule1.getByRole('button', { name: 'Add a condition' }));
    await condition(rule1.getByRole('group', { name: 'Condition 1' }), 'departments_sending', '>=', '5');

    // 5. One template, in polite Japanese and English, the company's name from the palette.
    const tpl = await openTab(page, 'templates');
    await click(tpl.getByRole('button', { name: 'Add a template' }));
    await both(tpl, 'Title', '取引先様への電子署名のご案内', 'Inviting counterparties to sign electronically');
    await type(tpl.getByLabel('Subject (Japanese)'), '取引先様にも電子署名をご利用いただくためのご案内');
    await type(tpl.getByLabel('Subject (English)'), 'Helping your counterparties sign electronically');
    const bodyJa = tpl.getByLabel('Text (Japanese)');
    await type(
      bodyJa,
      '\u3000ご担当者様\n\nいつも大変お世話になっております。\n全部署で電子契約をご利用いただき、誠にありがとうございます。\n次のステップとして、取引先様にも電子署名をご利用いただくためのご案内資料をお送りいたします。\nご不明な点がございましたら、どうぞお気軽にお申し付けください。\n\n今後ともどうぞよろしくお願い申し上げます。',
    );
    await bodyJa.press('Control+Home');
    await click(tpl.getByRole('button', { name: 'Insert company name' }));
    const bodyEn = tpl.getByLabel('Text (English)');
    await type(bodyEn, 'Dear team at \n\nThank you for moving every department to e-contracts.\nAs a next step, we would be glad to help your counterparties sign electronically too: a short guide is attached.\n\nKind regards,');
    await bodyEn.press('Control+Home');
    await bodyEn.press('End');
    await click(tpl.getByRole('button', { name: 'Insert company name' }));
    await expect.poll(() => tpl.getByTestId('preview-en').locator('pre').textContent()).toMatch(/^Dear team at Greenfield Trading Inc\./);
    expect(await tpl.getByTestId('preview-ja').locator('pre').textContent()).toMatch(/^.+\u3000ご担当者様/);

    // 6. Three playbook rules.
    const pb = await openTab(page, 'playbook');
    const editor = pb.getByTestId('rule-editor');
    const rules: Array<{ ja: string; en: string; whyJa: string; whyEn: string; priority: string; setup: () => Promise<void> }> = [
      {
        ja: '取引先様へ電子署名の利用をご案内する',
        en: 'Invite counterparties to sign electronically',
        whyJa: '社内の紙の契約はゼロになりました。次は取引先様の電子署名で Lv.4 を目指します。',
        whyEn: 'Paper is gone inside the company; counterparties signing electronically is Lv.4.',
        priority: 'high',
        setup: async () => {
          await click(editor.getByRole('group', { name: 'Templates offered with the action' }).getByLabel('Inviting counterparties to sign electronically'));
          await click(editor.getByRole('group', { name: 'Touch models', exact: true }).getByLabel('High touch'));
          await type(editor.getByLabel('From maturity level'), '3');
          await type(editor.getByLabel('Up to maturity level'), '3');
        },
      },
      {
        ja: '2つ目の部署の利用開始を支援する',
        en: 'Help a second department start sending contracts',
        whyJa: '1部署での利用にとどまっています。',
        whyEn: 'Only one department sends contracts so far.',
        priority: 'normal',
        setup: async () => {
          await type(editor.getByLabel('Up to maturity level'), '1');
        },
      },
      {
        ja: '契約担当者様と更新の計画を立てる',
        en: 'Plan the renewal with the contract owner',
        whyJa: '更新日が近づいています。',
        whyEn: 'The renewal date is close.',
        priority: 'urgent',
        setup: async () => {
          await click(editor.getByRole('group', { name: 'Stages', exact: true }).getByLabel('Renewal'));
        },
      },
    ];
    for (const r of rules) {
      await click(pb.getByRole('button', { name: 'Add a rule' }));
      await both(editor, 'Action', r.ja, r.en);
      await both(editor, 'Why (shown to the CSM)', r.whyJa, r.whyEn);
      await choose(editor.getByLabel('Priority'), r.priority);
      await choose(editor.getByLabel('Owner role'), 'csm');
      await r.setup();
    }
    // The matrix names the rule a high-touch Lv.3 account in adoption gets.
    await choose(pb.getByLabel('Maturity', { exact: true }), '3');
    await choose(pb.getByLabel('Touch model', { exact: true }), 'high');
    expect(await pb.locator('[data-cell="adoption/green"] button.ed-rule-link').first().textContent()).toBe('Invite counterparties to sign electronically');

    const seconds = Math.round((Date.now() - started) / 1000);
    const actions = count.clicks + count.typed + count.picked;
    console.log(`editor-new-map: the e-contract map built through the UI in ${seconds} s: ${actions} actions (${count.typed} fields typed, ${count.picked} choices picked, ${count.clicks} clicks)`);
    expect(await page.getByTestId('editor-valid').isVisible()).toBe(true);

    // An invalid draft cannot be installed, and says why: a typo in a merge field.
    await openTab(page, 'templates');
    await bodyEn.fill('Dear team at {{company.nam}},');
    expect(await installButton().isDisabled()).toBe(true);
    expect(await page.getByTestId('editor-install-why').textContent()).toBe('Cannot install yet: fix the 1 problem(s) listed above.');
    expect(await page.getByTestId('editor-problems').textContent()).toMatch(/templates\[0\]\.body\.en/);
    await button('Undo').click();
    await expect.poll(() => installButton().isEnabled()).toBe(true);

    // A reload keeps the draft.
    await expect.poll(() => page.getByTestId('editor-save').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
    await page.reload();
    await waitForEditor(page);
    await button('Continue the draft').click();
    await openTab(page, 'maturity');
    expect(await level(3).getByRole('heading', { level: 4 }).textContent()).toBe('Lv.3 All departments, no paper contracts');
    expect(await axe(page)).toEqual([]);

    // The impact on the cached book first, then the install.
    await installButton().click();
    const impact = page.getByTestId('impact');
    // The one cached account has none of the new product's data yet: the review says so before anything changes.
    await impact.getByTestId('impact-based').waitFor({ timeout: 15_000 });
    expect(await impact.getByTestId('impact-based').textContent()).toMatch(/of 1 accounts in this browser.*Compared with the pack in force: Sidecar default pack/);
    await impact.getByRole('button', { name: 'Install this version' }).click();
    await page.getByTestId('editor-installed').waitFor({ timeout: 15_000 });
    // The editor goes on from the map just installed (it showed the pack it replaced until a reload).
    expect(await page.getByLabel('Map name').inputValue()).toBe('e-contract CS map');
    await openTab(page, 'maturity');
    await page.getByTestId('map-editor').screenshot({ path: join(SHOTS, 'editor-new-map-en.png') });

    // The product's usage export, imported through the options page: its columns map to the new signals.
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#import`);
    await page.setInputFiles('#csv-file', { name: 'econtract-usage.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByTestId('csv-facts').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.getByTestId('csv-result').waitFor({ timeout: 30_000 });

    // The CSM's sidebar on Sample Shoji: Lv.3 by the new map's criteria, and the action its rules give.
    const { page: record, frame } = await openRecord(browser.context, DEMO.hubspot.url, DEMO.hubspot.key);
    await expectSidebar(frame, 'Lv.3 All departments, no paper contracts', 'Invite counterparties to sign electronically');
    expect(await frame.locator('body').textContent()).toContain('e-contract CS map');
    await record.setViewportSize({ width: 1280, height: 900 });
    await shootSidebar(record, frame, 'en');

    // In Japanese: the language set in the Profile section, the editor's maturity levels and the sidebar.
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#profile`);
    await page.locator('#locale').selectOption('ja');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#pack`);
    await page.reload();
    await waitForEditor(page);
    await openTab(page, 'maturity');
    expect(await axe(page)).toEqual([]);
    await page.getByTestId('map-editor').screenshot({ path: join(SHOTS, 'editor-new-map-ja.png') });
    await record.close();
    const ja = await openRecord(browser.context, DEMO.hubspot.url, DEMO.hubspot.key);
    await expectSidebar(ja.frame, 'Lv.3 全部署で利用・紙の契約ゼロ', '取引先様へ電子署名の利用をご案内する');
    await ja.page.setViewportSize({ width: 1280, height: 900 });
    await shootSidebar(ja.page, ja.frame, 'ja');
  });
});

async function expectSidebar(frame: Frame, level: string, action: string): Promise<void> {
  const bare = level.replace(/^Lv\.\d+ /, '');
  await expect.poll(() => frame.locator('.maturity__now strong').textContent(), { timeout: 20_000 }).toMatch(new RegExp(`^Lv\\.3 ${bare}`));
  await expect.poll(() => frame.getByTestId('action-title').textContent(), { timeout: 20_000 }).toBe(action);
}

async function shootSidebar(page: Page, frame: Frame, locale: 'ja' | 'en'): Promise<void> {
  await frame.locator('#maturity-title').scrollIntoViewIfNeeded();
  await page.locator('iframe[data-sidecar-frame]').screenshot({ path: join(SHOTS, `editor-new-map-sidebar-${locale}.png`) });
}
