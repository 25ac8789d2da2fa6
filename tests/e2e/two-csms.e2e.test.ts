import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../../lib/engine/index.ts';
import { DEMO } from '../fixtures/demo-pages.ts';
import { launchWithExtension, PROJECT, type Launched } from '../harness/browser.ts';
import { startCrmServer, type CrmServer } from '../harness/crm-server.ts';
import { startDemoApis } from '../harness/demo-apis.ts';
import { grantOrigin, keyedExtension } from '../harness/keyed-extension.ts';
import { openRecord } from '../harness/sidebar.ts';
import { testCertificate } from '../harness/tls.ts';
import { message } from '../harness/messages.ts';

// One team, one score, in real Chromium: two CSMs in two browser profiles on one CRM (the mock
// CRMs keep their state for both). CSM A's Sidecar gets the team's pack by enterprise policy,
// CSM B's by the pack URL CS Ops shares. A logs a note with ratings; B opens the same record and
// sees what A sees, with A's ratings named as A's; A rates again and both agree again.

const POLICY_DIR = '/etc/chromium/policies/managed';
const SHOTS = join(PROJECT, 'tests', 'screenshots');
const PACK_HOST = 'packs.sidecar-ops.test';
const PACK = JSON.stringify({ ...defaultConfigPack('en'), id: 'acme-cs', name: 'ACME CS map', version: '5' });
const B_SF_SESSION = '00Ddemo!kenji-session';

let apis: Awaited<ReturnType<typeof startDemoApis>>;
let crm: CrmServer;
let packServer: ReturnType<typeof createServer>;
let args: string[];
const made: Array<{ dir?: string; profile?: string; policy?: string; browser?: Launched }> = [];
let a: Launched;
let b: Launched;


beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  apis = await startDemoApis();
  crm = await startCrmServer(apis.urls);
  const tls = testCertificate(join(PROJECT, 'tests', '.artifacts', 'tls'));
  packServer = createServer({ key: tls.key, cert: tls.cert }, (req: IncomingMessage, res: ServerResponse) => {
    const ok = (req.url ?? '').split('?')[0] === '/team/pack.json';
    res.writeHead(ok ? 200 : 404, { 'content-type': ok ? 'application/json' : 'text/plain', 'cache-control': 'no-store' });
    res.end(ok ? PACK : 'Not found');
  });
  await new Promise<void>((resolve) => packServer.listen(0, '127.0.0.1', resolve));
  const port = (packServer.address() as AddressInfo).port;
  args = crm.chromiumArgs.map((x) => (x.startsWith('--host-resolver-rules=') ? x.replace('=', `=MAP ${PACK_HOST} 127.0.0.1:${port}, `) : x));

  // CSM A: IT's policy carries the pack inline and names A's HubSpot owner. Failing to write it fails the suite.
  const extA = keyedExtension();
  mkdirSync(POLICY_DIR, { recursive: true });
  const policy = join(POLICY_DIR, `sidecar-e2e-${randomUUID()}.json`);
  writeFileSync(policy, JSON.stringify({ '3rdparty': { extensions: { [extA.id]: { pack: PACK, hubspotOwnerEmail: 'hanako.sato@cs-demo.example' } } } }));
  if (!existsSync(policy)) throw new Error(`Could not write the policy file ${policy}`);
  a = await launchWithExtension({ extensionDir: extA.dir, locale: 'ja-JP', extraArgs: args, keepProfile: true });
  made.push({ dir: extA.dir, policy, profile: a.userDataDir, browser: a });

  // CSM B: another build (another key, so the policy does not apply), the pack URL, B's own sign-ins.
  const extB = keyedExtension();
  let first = await launchWithExtension({ extensionDir: extB.dir, locale: 'ja-JP', extraArgs: args, keepProfile: true });
  const profileB = first.userDataDir;
  await first.close();
  grantOrigin(profileB, extB.id, `https://${PACK_HOST}/*`);
  b = await launchWithExtension({ extensionDir: extB.dir, userDataDir: profileB, locale: 'ja-JP', extraArgs: args, keepProfile: true });
  made.push({ dir: extB.dir, profile: profileB, browser: b });
  first = b;

  await apis.connect(a);
  await apis.connect(b);
  // B is Kenji Tanaka in Salesforce (his own session) and Alex Morgan in HubSpot (his profile's e-mail).
  const kenji = [...apis.salesforce.state.records.User.values()].find((u) => u.Name === 'Kenji Tanaka')!;
  apis.salesforce.state.tokens.add(B_SF_SESSION);
  apis.salesforce.state.sessions.set(B_SF_SESSION, String(kenji.Id));
  await b.context.addCookies([{ name: 'sid', value: B_SF_SESSION, domain: 'acme.my.salesforce.com', path: '/', secure: true, httpOnly: true, sameSite: 'None' }]);
  await message(b, 'settings.set', { locale: 'auto', csmName: 'Alex Morgan', csmEmail: 'alex.morgan@cs-demo.example' });
  // Without a policy naming him, B picks his HubSpot owner in the options page, as the "You" card asks.
  await message(b, 'hubspot.me.set', { ownerId: '71000002' });
  await message(b, 'team.url.set', { url: `https://${PACK_HOST}/team/pack.json` });
}, 180_000);

afterAll(async () => {
  for (const m of made) {
    await m.browser?.close();
    if (m.policy) rmSync(m.policy, { force: true });
    if (m.dir) rmSync(m.dir, { recursive: true, force: true });
    if (m.profile) rmSync(m.profile, { recursive: true, force: true });
  }
  await new Promise<void>((resolve) => (packServer ? packServer.close(() => resolve()) : resolve()));
  await crm?.close();
  await apis?.close();
});

/** What two CSMs on one record must agree on, read from the sidebar as a CSM reads it. */
async function picture(frame: Frame) {
  return frame.evaluate(() => {
    const text = (sel: string) => [...document.querySelectorAll(sel)].map((e) => (e.textContent ?? '').trim());
    return {
      score: text('.score__value'),
      band: text('.score__band .band'),
      level: text('.ladder__step.is-current .ladder__lv'),
      next: text('[data-testid="action-title"]'),
      drivers: text('.driver__text').map((t, i) => `${t} ${text('.driver__impact')[i]}`),
      ratings: text('.team-rating > span:first-child'),
    };
  });
}

/** Write a note with ratings in the sidebar, as a CSM does (ja UI). */
async function rate(frame: Frame, text: string, ratings: Record<string, number>) {
  const notes = frame.getByRole('region', { name: 'メモ' });
  await notes.getByLabel('メモの内容', { exact: true }).fill(text);
  for (const [label, value] of Object.entries(ratings)) await notes.getByRole('group', { name: label }).locator(`input[value="${value}"]`).check();
  await notes.getByRole('button', { name: 'メモを保存' }).click();
  await notes.getByRole('list', { name: 'メモ' }).getByText(text).waitFor();
}

async function syncedNote(browser: Launched, accountKey: string, text: string) {
  const until = Date.now() + 60_000;
  for (;;) {
    const { notes } = await message<{ notes: Array<{ text: string; status: string }> }>(browser, 'notes.list', { accountKey });
    if (notes.find((n) => n.text === text)?.status === 'synced') return;
    if (Date.now() > until) throw new Error(`The note "${text}" did not sync: ${JSON.stringify(notes)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Open the record fresh (a reload reads the CRM again: notes, ratings) and wait until the rater named shows. */
async function openAndSee(browser: Launched, url: string, key: string, signal: string, shows: RegExp): Promise<{ page: Page; frame: Frame }> {
  const { page, frame } = await openRecord(browser.context, url, key);
  try {
    await frame.getByTestId(`team-rating-${signal}`).filter({ hasText: shows }).waitFor({ timeout: 30_000 });
  } catch (err) {
    const { notes } = await message<{ notes: unknown[] }>(browser, 'notes.list', { accountKey: key });
    const shown = await frame.evaluate(() => [...document.querySelectorAll('.team-rating, .banner, [role="alert"]')].map((e) => e.textContent));
    throw new Error(`${String(err)}\nshown: ${JSON.stringify(shown)}\nnotes: ${JSON.stringify(notes).slice(0, 3000)}`);
  }
  return { page, frame };
}

describe.each([
  ['HubSpot', DEMO.hubspot.url, DEMO.hubspot.key, '佐藤 花子', 'Alex Morgan'],
  ['Salesforce', DEMO.salesforce.url, DEMO.salesforce.key, '佐藤 花子', 'Kenji Tanaka'],
] as const)('two CSMs on %s', (crmName, url, key, nameA, nameB) => {
  test('A’s ratings give B the same score, band, level, next action and drivers, named as A’s; again after A rates anew', async () => {
    // Both are on the same map, one by policy, one by URL.
    const first = await openRecord(a.context, url, key);
    expect(await first.frame.getByTestId('pack-badge').textContent()).toBe('ACME CS map v5・ポリシー管理');
    const stamp = Date.now();
    const noteA1 = `${crmName} 定例会: 推進役が異動 ${stamp}`;
    await rate(first.frame, noteA1, { 社内推進度: 1, 契約者と現場の関係: 2, お客様の温度感: 2 });
    await syncedNote(a, key, noteA1);
    await first.page.close();

    const seenB = await openAndSee(b, url, key, 'promotion', new RegExp(nameA));
    expect(await seenB.frame.getByTestId('pack-badge').textContent()).toBe('ACME CS map v5・URL 配信');
    const seenA = await openAndSee(a, url, key, 'promotion', /あなた/);
    const pa = await picture(seenA.frame);
    expect(pa.score[0]).toMatch(/^\d+$/);
    expect(pa.ratings.join(' ')).toMatch(/社内推進度\s*1/);
    expect(await picture(seenB.frame)).toEqual(pa);
    if (crmName === 'HubSpot') {
      await seenB.page.locator('iframe[data-sidecar-frame]').screenshot({ path: join(SHOTS, 'team-rating-driver-ja.png') });
      const lang = seenB.frame.locator('.topbar__lang select');
      await lang.selectOption('en');
      await seenB.frame.getByTestId('team-rating-promotion').filter({ hasText: new RegExp(`— ${nameA}, `) }).waitFor();
      await seenB.page.locator('iframe[data-sidecar-frame]').screenshot({ path: join(SHOTS, 'team-rating-driver-en.png') });
      await lang.selectOption('auto');
      await seenB.frame.waitForFunction(() => document.documentElement.lang === 'ja');
    }
    await seenA.page.close();
    await seenB.page.close();

    // A rates again, better, in a new note: both agree on the new picture; B names A with the new value.
    const noteA2 = `${crmName} 後任の推進役と面談 ${stamp}`;
    const again = await openRecord(a.context, url, key);
    await rate(again.frame, noteA2, { 社内推進度: 4, 契約者と現場の関係: 4, お客様の温度感: 5 });
    await syncedNote(a, key, noteA2);
    await again.page.close();
    const thenB = await openAndSee(b, url, key, 'sentiment', new RegExp(`5.*${nameA}`));
    const thenA = await openAndSee(a, url, key, 'sentiment', /5.*あなた/);
    const pa2 = await picture(thenA.frame);
    expect(pa2.score).not.toEqual(pa.score);
    expect(await picture(thenB.frame)).toEqual(pa2);
    await thenA.page.close();
    await thenB.page.close();

    // B rates last: A's Sidecar names B.
    const noteB = `${crmName} 現場ユーザーの声 ${stamp}`;
    const byB = await openRecord(b.context, url, key);
    await rate(byB.frame, noteB, { 契約者と現場の関係: 3 });
    await syncedNote(b, key, noteB);
    await byB.page.close();
    const lastA = await openAndSee(a, url, key, 'relationship', new RegExp(`3.*${nameB}`));
    const lastB = await openAndSee(b, url, key, 'relationship', /3.*あなた/);
    expect(await picture(lastB.frame)).toEqual(await picture(lastA.frame));
    console.log(`e2e two CSMs on ${crmName}: 3 notes, A and B agree 3 times (score ${pa.score[0]} → ${pa2.score[0]}), raters named across browsers`);
    await lastA.page.close();
    await lastB.page.close();
  }, 240_000);
});
