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
import { grantOrigin, keyedExtension } from '../harness/keyed-extension.ts';
import { startCrmServer, type CrmServer } from '../harness/crm-server.ts';
import { openRecord } from '../harness/sidebar.ts';
import { testCertificate } from '../harness/tls.ts';

// One pack for the team, in real Chromium: the pack arrives by enterprise policy (a managed
// policy file for this extension's id, which a manifest `key` pins), and by a pack URL served
// over HTTPS whose origin the user allows from the options page.

const POLICY_DIR = '/etc/chromium/policies/managed';
const SHOTS = join(PROJECT, 'tests', 'screenshots');
const PACK_HOST = 'packs.sidecar-ops.test';
const packJson = (version: string, name = 'ACME CS map') => JSON.stringify({ ...defaultConfigPack('en'), id: 'acme-cs', name, version });

async function openOptions(b: Launched, hash: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html#${hash}`);
  await page.waitForSelector('main h2');
  return page;
}

async function setLocale(frame: Frame, locale: 'ja' | 'en') {
  await frame.locator('.topbar__lang select').selectOption(locale);
  await frame.waitForFunction((l) => document.documentElement.lang === l, locale);
}

let crm: CrmServer;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  crm = await startCrmServer();
});
afterAll(async () => {
  await crm?.close();
});

// One keyed copy of the extension and one profile: IT's policy first, then (policy removed) a pack URL.
let extension: { dir: string; id: string };
let browser: Launched | undefined;
let policyFile: string | undefined;
let profile: string | undefined;
beforeAll(() => {
  extension = keyedExtension();
});
afterAll(async () => {
  await browser?.close();
  if (policyFile) rmSync(policyFile, { force: true });
  if (extension?.dir) rmSync(extension.dir, { recursive: true, force: true });
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('the pack by enterprise policy', () => {
  beforeAll(async () => {
    // As IT would: a managed policy file with a 3rdparty entry for Sidecar's id. Failing to write it fails the suite.
    mkdirSync(POLICY_DIR, { recursive: true });
    policyFile = join(POLICY_DIR, `sidecar-e2e-${randomUUID()}.json`);
    const policy = { '3rdparty': { extensions: { [extension.id]: { pack: packJson('3'), role: 'csops', allowedHubspotPortals: ['24681357'] } } } };
    writeFileSync(policyFile, JSON.stringify(policy, null, 2));
    if (!existsSync(policyFile)) throw new Error(`Could not write the policy file ${policyFile}`);
    browser = await launchWithExtension({ extensionDir: extension.dir, locale: 'en-US', extraArgs: crm.chromiumArgs, keepProfile: true });
    profile = browser.userDataDir;
    // Chromium can take a long while to load policies at a first start (lib/background/team.ts,
    // POLICY_WAIT_MS): wait here, as IT's user would, until the browser has the policy at all.
    await browser.worker.evaluate(() => chrome.storage.managed.get());
  });

  test('the manifest key pins the id the policy names; the options page and the sidebar show the policy’s pack, managed by IT, in en and ja', async () => {
    const b = browser!;
    expect(b.extensionId).toBe(extension.id);
    const options = await openOptions(b, 'pack');
    const card = options.getByTestId('team-card');
    // The policy was applied when Sidecar was installed, before any page opened.
    await expect.poll(() => card.getByTestId('team-pack').textContent(), { timeout: 20_000 }).toBe('ACME CS map v3');
    expect(await card.getByTestId('team-managed').textContent()).toMatch(/Managed by your IT administrator \(policy\)/);
    // The pack controls are locked, and so is the role IT set.
    expect(await options.getByRole('button', { name: 'Install' }).isDisabled()).toBe(true);
    expect(await options.getByRole('button', { name: 'Reset to default…' }).isDisabled()).toBe(true);
    expect(await card.getByLabel('Role').isDisabled()).toBe(true);
    expect(await card.getByLabel('Role').inputValue()).toBe('csops');
    expect(await card.getByLabel('Pack URL (HTTPS)').count()).toBe(0);
    await card.screenshot({ path: join(SHOTS, 'team-options-en.png') });

    const { page, frame } = await openRecord(b.context, DEMO.hubspot.url, DEMO.hubspot.key);
    const badge = frame.getByTestId('pack-badge');
    expect(await badge.textContent()).toBe('ACME CS map v3 · policy');
    await page.locator('iframe[data-sidecar-frame]').screenshot({ path: join(SHOTS, 'team-sidebar-en.png') });

    await setLocale(frame, 'ja');
    await frame.getByText('ACME CS map v3・ポリシー管理').waitFor();
    await page.locator('iframe[data-sidecar-frame]').screenshot({ path: join(SHOTS, 'team-sidebar-ja.png') });
    await options.reload();
    await options.getByTestId('team-managed').getByText('IT 管理者がポリシーで管理しています。').waitFor();
    await options.getByTestId('team-card').screenshot({ path: join(SHOTS, 'team-options-ja.png') });
    await setLocale(frame, 'en');
    await page.close();
    await options.close();
  });
});

describe('the pack by URL', () => {
  let server: ReturnType<typeof createServer> | undefined;
  const served: Record<string, { status: number; type: string; body: string }> = {
    '/team/pack.json': { status: 200, type: 'application/json', body: packJson('4', 'ACME CS map (URL)') },
    '/team/missing.json': { status: 404, type: 'text/plain', body: 'Not found' },
    '/team/signin': { status: 200, type: 'text/html', body: '<!doctype html><title>Sign in</title><p>Sign in' },
  };

  beforeAll(async () => {
    const tls = testCertificate(join(PROJECT, 'tests', '.artifacts', 'tls'));
    server = createServer({ key: tls.key, cert: tls.cert }, (req: IncomingMessage, res: ServerResponse) => {
      const hit = served[(req.url ?? '').split('?')[0]!];
      res.writeHead(hit?.status ?? 404, { 'content-type': hit?.type ?? 'text/plain', 'cache-control': 'no-store' });
      res.end(hit?.body ?? 'no');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    // The pack host joins the CRM hosts in the one resolver rule Chromium takes.
    const args = crm.chromiumArgs.map((a) => (a.startsWith('--host-resolver-rules=') ? a.replace('=', `=MAP ${PACK_HOST} 127.0.0.1:${port}, `) : a));
    // IT takes the pack out of the policy (it keeps only the owner's e-mail); the browser restarts with the same profile.
    // (A policy file removed outright leaves Chromium serving the profile's stored copy of the old values.)
    await browser?.close();
    writeFileSync(policyFile!, JSON.stringify({ '3rdparty': { extensions: { [extension.id]: { hubspotOwnerEmail: 'ann@example.com' } } } }));
    // The user allowed the pack's one origin earlier (headless Chromium cannot show the prompt: see grantOrigin).
    grantOrigin(profile!, extension.id, `https://${PACK_HOST}/*`);
    browser = await launchWithExtension({ extensionDir: extension.dir, userDataDir: profile!, locale: 'en-US', extraArgs: args });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  test('the user saves the URL, allows its one origin, and the pack arrives; a URL that fails keeps it and says why', async () => {
    const b = browser!;
    const options = await openOptions(b, 'pack');
    const card = options.getByTestId('team-card');
    // The policy is gone: the card unlocks once Chromium has loaded the (now empty) policy.
    await card.getByLabel('Pack URL (HTTPS)').waitFor({ timeout: 30_000 });
    expect(await card.getByTestId('team-managed').count()).toBe(0);
    const url = card.getByLabel('Pack URL (HTTPS)');
    await url.fill(`https://${PACK_HOST}/team/pack.json`);
    await card.getByRole('button', { name: 'Save and check' }).click();
    await expect.poll(() => card.getByTestId('team-pack').textContent(), { timeout: 20_000 }).toBe('ACME CS map (URL) v4');
    expect(await card.getByTestId('team-last-check').textContent()).toMatch(/OK$/);
    const granted = await options.evaluate(
      (o) => (chrome as unknown as { permissions: { contains(p: { origins: string[] }): Promise<boolean> } }).permissions.contains({ origins: [`https://${o}/*`] }),
      PACK_HOST,
    );
    expect(granted).toBe(true);

    // 404: the pack stays, and the card says why.
    await url.fill(`https://${PACK_HOST}/team/missing.json`);
    await card.getByRole('button', { name: 'Save and check' }).click();
    await card.getByTestId('team-check-error').getByText(/answered HTTP 404/).waitFor({ timeout: 20_000 });
    expect(await card.getByTestId('team-pack').textContent()).toBe('ACME CS map (URL) v4');

    // A sign-in page served as 200.
    await url.fill(`https://${PACK_HOST}/team/signin`);
    await card.getByRole('button', { name: 'Save and check' }).click();
    await card.getByTestId('team-check-error').getByText(/returned a web page/).waitFor({ timeout: 20_000 });
    expect(await card.getByTestId('team-pack').textContent()).toBe('ACME CS map (URL) v4');

    const { page, frame } = await openRecord(b.context, DEMO.hubspot.url, DEMO.hubspot.key);
    expect(await frame.getByTestId('pack-badge').textContent()).toBe('ACME CS map (URL) v4 · URL');
    await page.close();
    await options.close();
  });
});
