import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../../lib/engine/index.ts';
import type { ConfigPack } from '../../lib/engine/types.ts';
import { PUBLISHED_BY, publishedFields, RESULT_FIELDS, signalField } from '../../lib/publish/fields.ts';
import { DEMO } from '../fixtures/demo-pages.ts';
import { launchWithExtension, PROJECT, type Launched } from '../harness/browser.ts';
import { startCrmServer, type CrmServer } from '../harness/crm-server.ts';
import { startDemoApis } from '../harness/demo-apis.ts';
import { openRecord } from '../harness/sidebar.ts';
import { message } from '../harness/messages.ts';

// One truth for the team (issue 16), in real Chromium with three browser profiles on one set of
// mock CRMs that keep their state for all three: CS Ops imports the BI export (Shift_JIS, through
// the options page) and publishes it, then scores the book; CSM A and CSM B, who imported nothing,
// open the same record and see the score CS Ops sees, and the CRM's fields hold it. CS Ops changes
// a weight and scores again: B first sees the CRM's older score beside the live one, then all agree.

const SHOTS = join(PROJECT, 'tests', 'screenshots');
const v1: ConfigPack = { ...defaultConfigPack('ja'), id: 'acme-cs', name: 'ACME CS map', version: '6' };
// v7 weighs the first measure of each scorecard four times as much.
const v2: ConfigPack = { ...v1, version: '7', scorecards: v1.scorecards.map((c) => ({ ...c, measures: c.measures.map((m, i) => (i === 0 ? { ...m, weight: m.weight * 4 } : m)) })) };

let apis: Awaited<ReturnType<typeof startDemoApis>>;
let crm: CrmServer;
let ops: Launched;
let a: Launched;
let b: Launched;


const install = (browser: Launched, pack: ConfigPack) => message(browser, 'pack.install', { json: JSON.stringify(pack), source: 'file', fileName: `acme-cs-v${pack.version}.json` });

type Job = { id: string; status: string; sent: number; failed: number; total: number; stop?: { message: string } };

const CARD_LABELS = {
  check: 'CRM を確認',
  create: '不足している項目を作成',
  signals: '取り込んだ利用データを公開',
  scores: 'ブックを評価して公開',
} as const;

/** CS Ops, in the options page's Publish section: check the CRM and create Sidecar's missing fields. */
async function createFields(crmName: 'hubspot' | 'salesforce'): Promise<void> {
  const page = await ops.context.newPage();
  try {
    await page.goto(`chrome-extension://${ops.extensionId}/options.html#publish`);
    const card = page.getByTestId(`publish-card-${crmName}`);
    await card.getByRole('button', { name: CARD_LABELS.check }).click();
    await card.getByTestId('setup-table').waitFor();
    await card.getByRole('button', { name: CARD_LABELS.create }).click();
    await card.getByTestId(`setup-applied-${crmName}`).waitFor({ timeout: 30_000 });
    // Every field the pack publishes is present afterwards (a setup step, outside any test: no expect.poll).
    const wanted = publishedFields(v1).length;
    await card.locator('tr[data-status="ok"]').nth(wanted - 1).waitFor({ timeout: 15_000 });
    const rows = await card.locator('tbody tr').count();
    if (rows !== wanted) throw new Error(`${crmName}: ${rows} rows after creating the fields, ${wanted} wanted`);
  } finally {
    await page.close();
  }
}

/** CS Ops presses a publish button in the Publish section and waits for the progress bar to finish. */
async function publish(kind: 'signals' | 'scores', crmName: 'hubspot' | 'salesforce'): Promise<Job> {
  const page = await ops.context.newPage();
  try {
    await page.goto(`chrome-extension://${ops.extensionId}/options.html#publish`);
    const card = page.getByTestId(`publish-card-${crmName}`);
    const before = (await message<{ job: Job | null }>(ops, 'publish.status', { crm: crmName })).job?.id;
    await card.getByRole('button', { name: CARD_LABELS[kind] }).click();
    const ended = async () => {
      const { job } = await message<{ job: Job | null }>(ops, 'publish.status', { crm: crmName });
      return job && job.id !== before && job.status !== 'running' ? job : null;
    };
    await expect.poll(ended, { timeout: 60_000 }).not.toBeNull();
    // The progress bar shows the end too.
    await expect.poll(() => page.getByTestId(`publish-run-${crmName}`).getAttribute('data-status'), { timeout: 15_000 }).not.toBe('running');
    return (await ended())!;
  } finally {
    await page.close();
  }
}

/** What the three must agree on, read from the sidebar as a CSM reads it. */
async function picture(frame: Frame) {
  return frame.evaluate(() => {
    const text = (sel: string) => [...document.querySelectorAll(sel)].map((e) => (e.textContent ?? '').trim());
    return { score: text('.score__value'), band: text('.score__band .band'), level: text('.ladder__step.is-current .ladder__lv'), next: text('[data-testid="action-title"]') };
  });
}

/** A fresh look at the record (a reload reads the CRM again), once the live view has replaced any snapshot. */
async function look(browser: Launched, url: string, key: string) {
  const { page, frame } = await openRecord(browser.context, url, key);
  // The CRM read behind the cached view has ended (the refresh button stops spinning) and the live view is up.
  await frame.waitForFunction(() => !document.getElementById('sidecar-snapshot') && !!document.querySelector('.icon-btn') && !document.querySelector('.icon-btn.is-spinning'), undefined, { timeout: 30_000 });
  return { page, frame, picture: await picture(frame) };
}

beforeAll(async () => {
  apis = await startDemoApis();
  crm = await startCrmServer(apis.urls);
  // CS Ops connects with the team's publisher key, which may also define properties and write companies (README: keys per role).
  apis.hubspot.state.scopes.add('crm.schemas.companies.write');
  apis.hubspot.state.scopes.add('crm.objects.companies.write');
  // Three people, three profiles; the same team pack (v6) in each.
  ops = await launchWithExtension({ locale: 'ja-JP', extraArgs: crm.chromiumArgs });
  a = await launchWithExtension({ locale: 'ja-JP', extraArgs: crm.chromiumArgs });
  b = await launchWithExtension({ locale: 'ja-JP', extraArgs: crm.chromiumArgs });
  for (const browser of [ops, a, b]) {
    await apis.connect(browser);
    await install(browser, v1);
  }
  await message(ops, 'team.role.set', { role: 'csops' });
  await message(ops, 'salesforce.configure', { mode: 'session', myDomain: 'acme.my.salesforce.com', noteMode: 'ContentNote' });
  // CS Ops sets the CRMs up first, from the options page: Sidecar's fields in both.
  await createFields('hubspot');
  await createFields('salesforce');
  // CS Ops alone imports the BI export (Shift_JIS, through the options page); the team's notes carry ratings.
  await apis.seedUsageAndNotes(ops);
}, 180_000);

afterAll(async () => {
  for (const browser of [ops, a, b]) await browser?.close();
  await crm?.close();
  await apis?.close();
});

describe.each([
  ['HubSpot', 'hubspot', DEMO.hubspot.url, DEMO.hubspot.key],
  ['Salesforce', 'salesforce', DEMO.salesforce.url, DEMO.salesforce.key],
] as const)('one truth on %s', (crmName, crmId, url, key) => {
  const recordFields = () =>
    crmId === 'hubspot' ? apis.hubspot.state.objects.companies.get(key.split(':')[2]!)!.properties : (apis.salesforce.state.records.Account.get(key.split(':')[2]!)! as Record<string, unknown>);

  test('A and B, who imported nothing, see CS Ops’s score, and so do the CRM fields; again after a weight change', async () => {
    // Before publishing, B lacks the usage data: a different picture (the gap the issue names).
    const before = await look(b, url, key);
    const opsFirst = await look(ops, url, key);
    expect(before.picture).not.toEqual(opsFirst.picture);
    await before.page.close();
    await opsFirst.page.close();

    const signals = await publish('signals', crmId);
    const scores = await publish('scores', crmId);
    console.log(`${crmName}: usage data ${signals.sent} accounts, scores ${scores.sent} accounts, ${signals.failed + scores.failed} refused`);
    expect(signals).toMatchObject({ status: 'done', failed: 0 });
    expect(scores).toMatchObject({ status: 'done', failed: 0 });
    expect(scores.sent).toBeGreaterThan(0);
    expect(String(recordFields()[signalField('nps', 'number')[crmId]])).toMatch(/^-?\d/);

    const seenOps = await look(ops, url, key);
    const seenA = await look(a, url, key);
    const seenB = await look(b, url, key);
    expect(seenA.picture).toEqual(seenOps.picture);
    expect(seenB.picture).toEqual(seenOps.picture);
    expect(String(Number(recordFields()[RESULT_FIELDS.score[crmId]]))).toBe(seenOps.picture.score[0]);
    expect(String(recordFields()[RESULT_FIELDS.packVersion[crmId]])).toBe('6');
    // The audit trail: the record says who published its values, what and when.
    expect(String(recordFields()[PUBLISHED_BY[crmId]])).toMatch(/^\S+@\S+ · scores · \S+ v6 · \d{4}-\d\d-\d\dT[\d:.]+Z · run \w+/);
    // The CRM's score agrees with the live one: no second number in the sidebar.
    expect(await seenB.frame.getByTestId('published-score').count()).toBe(0);
    for (const s of [seenOps, seenA, seenB]) await s.page.close();

    // CS Ops changes a weight (v7) and the team gets it; until CS Ops scores again, B sees the CRM's v6 score beside the live one.
    for (const browser of [ops, a, b]) await install(browser, v2);
    const waiting = await look(b, url, key);
    const line = waiting.frame.getByTestId('published-score');
    await line.waitFor();
    expect(await line.textContent()).toMatch(/^CRM：\d+ · v6 · /);
    if (crmId === 'hubspot') {
      await waiting.page.locator('iframe[data-sidecar-frame]').screenshot({ path: join(SHOTS, 'published-score-ja.png') });
      await waiting.frame.locator('.topbar__lang select').selectOption('en');
      await waiting.frame.getByTestId('published-score').filter({ hasText: /^CRM: \d+ · v6 · / }).waitFor();
      await waiting.page.locator('iframe[data-sidecar-frame]').screenshot({ path: join(SHOTS, 'published-score-en.png') });
      await waiting.frame.locator('.topbar__lang select').selectOption('auto');
    }
    await waiting.page.close();

    expect(await publish('scores', crmId)).toMatchObject({ status: 'done', failed: 0 });
    const opsAgain = await look(ops, url, key);
    const aAgain = await look(a, url, key);
    const bAgain = await look(b, url, key);
    expect(aAgain.picture).toEqual(opsAgain.picture);
    expect(bAgain.picture).toEqual(opsAgain.picture);
    expect(String(Number(recordFields()[RESULT_FIELDS.score[crmId]]))).toBe(opsAgain.picture.score[0]);
    expect(String(recordFields()[RESULT_FIELDS.packVersion[crmId]])).toBe('7');
    expect(String(recordFields()[PUBLISHED_BY[crmId]])).toMatch(/ · scores · \S+ v7 · /);
    expect(await bAgain.frame.getByTestId('published-score').count()).toBe(0);
    for (const s of [opsAgain, aAgain, bAgain]) await s.page.close();
    // Back to v6 for the next CRM's round.
    for (const browser of [ops, a, b]) await install(browser, v1);
  });
});
