import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../../lib/engine/index.ts';
import type { ConfigPack } from '../../lib/engine/types.ts';
import { publishedFields, RESULT_FIELDS, signalField } from '../../lib/publish/fields.ts';
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

/** CS Ops publishes and waits for the job to end, as the options page's progress bar does. */
async function publish(kind: 'signals' | 'scores', crmName: 'hubspot' | 'salesforce'): Promise<Job> {
  const started = await message<Job>(ops, 'publish.start', { crm: crmName, kind });
  const until = Date.now() + 60_000;
  for (;;) {
    const { job } = await message<{ job: Job | null }>(ops, 'publish.status', { crm: crmName });
    if (job && job.id === started.id && job.status !== 'running') return job;
    if (Date.now() > until) throw new Error(`publishing ${kind} did not end: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 300));
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
  // What the CRM setup leaves (Options → Publish → create the missing fields): Sidecar's fields in both CRMs.
  for (const f of publishedFields(v1)) {
    apis.hubspot.state.defineProperty({ name: f.hubspot, type: f.type === 'number' ? 'number' : f.type === 'datetime' ? 'datetime' : 'string', groupName: 'sidecar' });
    apis.salesforce.state.accountFields.set(f.salesforce, { type: f.type === 'number' ? 'double' : f.type === 'datetime' ? 'datetime' : 'string', updateable: true, ...(f.type === 'string' ? { length: 255 } : {}) });
  }
  // CS Ops connects with the team's publisher key, which may also write companies (README: keys per role).
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
  // CS Ops alone imports the BI export (Shift_JIS, through the options page) and logs the demo notes.
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
    expect(await bAgain.frame.getByTestId('published-score').count()).toBe(0);
    for (const s of [opsAgain, aAgain, bAgain]) await s.page.close();
    // Back to v6 for the next CRM's round.
    for (const browser of [ops, a, b]) await install(browser, v1);
  });
});
