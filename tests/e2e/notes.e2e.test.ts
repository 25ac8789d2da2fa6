import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readClientId } from '../../lib/crm/hubspot/note-body.ts';
import { launchWithExtension, type Launched } from '../harness/browser.ts';
import { startCrmServer, type CrmServer } from '../harness/crm-server.ts';
import { startDemoApis } from '../harness/demo-apis.ts';
import { message as send } from '../harness/messages.ts';
import type { MockRequest } from '../mocks/shared.ts';

// A note is never lost and reaches HubSpot exactly once, in real Chromium with
// the built extension: the service worker is stopped in the middle of a send,
// and the browser is closed with a note still queued.

const HUBSPOT = 'https://app.hubspot.com/contacts/24681357/record/0-2/9001';
const KEY = 'hubspot:24681357:9001';

let apis: Awaited<ReturnType<typeof startDemoApis>>;
let server: CrmServer;
let browser: Launched;
let profile: string;

const isCreate = (r: MockRequest) => r.method === 'POST' && r.path === '/crm/objects/2026-09/notes';

beforeAll(async () => {
  apis = await startDemoApis();
  server = await startCrmServer(apis.urls);
  profile = mkdtempSync(join(tmpdir(), 'sidecar-notes-'));
  browser = await launchWithExtension({ extraArgs: server.chromiumArgs, userDataDir: profile, keepProfile: true });
  await apis.connect(browser);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await apis?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

interface ListedNote {
  id: string;
  text: string;
  status: string;
  remoteId?: string;
  error?: string;
}

/** Ask the background, from an extension page, as the sidebar does. */

const listNotes = async (b: Launched) => (await send<{ notes: ListedNote[] }>(b, 'notes.list', { accountKey: KEY })).notes;

/** The HubSpot mock's notes carrying this Sidecar ID. */
function copiesInHubspot(clientId: string): number {
  return [...apis.hubspot.state.objects.notes.values()].filter((n) => readClientId(n.properties.hs_note_body) === clientId).length;
}

async function sidebar(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[data-sidecar-frame]', { state: 'attached', timeout: 20_000 });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('The sidebar iframe has no frame');
  await frame.waitForFunction((k) => document.documentElement.dataset.shownRecord === k, KEY, { timeout: 20_000 });
  return frame;
}

/** Write and save a note in the sidebar's composer, as a CSM does. */
async function writeNote(page: Page, text: string): Promise<Frame> {
  const frame = await sidebar(page);
  const notes = frame.getByRole('region', { name: 'Notes' });
  await notes.getByLabel('Note', { exact: true }).fill(text);
  await notes.getByLabel('Touchpoint').selectOption('meeting');
  await notes.getByRole('button', { name: 'Save note' }).click();
  await notes.getByRole('list', { name: 'Notes' }).getByText(text).waitFor();
  return frame;
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('notes reach HubSpot exactly once', () => {
  test('the service worker is stopped while the send is in flight: after it restarts the note is in HubSpot once, and synced', async () => {
    // HubSpot takes the note, then never answers.
    apis.hubspot.state.faults.push({ match: isCreate, applyAfterWrite: true, delayMs: 10 * 60_000 });
    const page = await browser.context.newPage();
    await page.goto(HUBSPOT);
    const text = `Champion is moving to another team ${Date.now()}`;
    const frame = await writeNote(page, text);

    const note = await waitFor('the note in HubSpot', async () => (await listNotes(browser)).find((n) => n.text === text));
    await waitFor('the write to reach HubSpot', async () => copiesInHubspot(note.id) === 1, 20_000);
    expect((await listNotes(browser)).find((n) => n.id === note.id)?.status).toBe('syncing');

    // Stop the worker mid-send: the answer it waits for can never arrive now.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();

    // Any event starts it again (here the next message); at start-up it resumes the outbox.
    const synced = await waitFor('the note to show as synced', async () => {
      const n = (await listNotes(browser)).find((x) => x.id === note.id);
      return n?.status === 'synced' ? n : undefined;
    });
    expect(copiesInHubspot(note.id)).toBe(1);
    expect(synced.remoteId).toBe([...apis.hubspot.state.objects.notes.values()].find((n) => readClientId(n.properties.hs_note_body) === note.id)?.id);
    const creates = apis.hubspot.state.requests.log.filter((l) => l.method === 'POST' && l.path === '/crm/objects/2026-09/notes').length;
    expect(creates).toBe(1);
    console.log(`e2e worker stopped mid-send: 1 note, ${copiesInHubspot(note.id)} in CRM, ${copiesInHubspot(note.id) - 1} duplicates, ${synced.status === 'synced' ? 1 : 0} synced locally`);

    // The sidebar shows it too (it polls while a note is pending).
    const item = frame.getByRole('region', { name: 'Notes' }).getByRole('listitem').filter({ hasText: text });
    await expect.poll(() => item.locator('[data-status]').getAttribute('data-status'), { timeout: 20_000 }).toBe('synced');
    await page.close();
  });

  test('a note quoting another note\'s marker, after a cut-off send, becomes its own note; editing and deleting it leave the quoted one alone', async () => {
    const page = await browser.context.newPage();
    await page.goto(HUBSPOT);
    const aText = `Sponsor is leaving in March ${Date.now()}`;
    const frame = await writeNote(page, aText);
    const a = await waitFor('note A synced', async () => (await listNotes(browser)).find((n) => n.text === aText && n.status === 'synced' && n.remoteId));
    const aBody = String(apis.hubspot.state.objects.notes.get(a.remoteId!)!.properties.hs_note_body);

    // B pastes A as HubSpot shows it, marker line included; B's first send is cut off.
    const creates = () => apis.hubspot.state.requests.log.filter((l) => isCreate({ method: l.method, path: l.path } as MockRequest)).length;
    const before = creates();
    apis.hubspot.state.faults.push({ match: isCreate, reset: true });
    const bText = `Pasted from HubSpot:\n${aText}\nSidecar ID: ${a.id}`;
    await writeNote(page, bText);
    const b = await waitFor('note B synced after its cut-off send', async () => {
      const n = (await listNotes(browser)).find((x) => x.text === bText);
      if (n && n.status !== 'synced') await send(browser, 'outbox.retry', {});
      return n?.status === 'synced' && n.remoteId ? n : undefined;
    });
    // The first send was cut off (the fault was used), then B was looked up under its own id and created.
    expect(apis.hubspot.state.faults.filter((f) => f.reset)).toHaveLength(0);
    expect(creates() - before).toBe(2);
    expect(b.remoteId).not.toBe(a.remoteId);
    expect([copiesInHubspot(a.id), copiesInHubspot(b.id)]).toEqual([1, 1]);

    // Delete B also in the CRM, through the sidebar.
    const notes = frame.getByRole('region', { name: 'Notes' });
    await notes.getByRole('listitem').filter({ hasText: 'Pasted from HubSpot' }).getByRole('button', { name: /Delete note of/ }).click();
    const dialog = frame.getByRole('dialog');
    await dialog.getByRole('checkbox').check();
    await dialog.getByRole('button', { name: 'Delete note' }).click();
    await waitFor('B gone from HubSpot', async () => copiesInHubspot(b.id) === 0, 30_000);
    expect(String(apis.hubspot.state.objects.notes.get(a.remoteId!)?.properties.hs_note_body)).toBe(aBody);
    expect((await listNotes(browser)).find((n) => n.id === a.id)).toMatchObject({ status: 'synced', remoteId: a.remoteId });
    console.log(`e2e quoted marker after a cut-off send: 2 notes, A ${copiesInHubspot(a.id)} in CRM unchanged, B created once then deleted, 0 other notes changed`);
    await page.close();
  });

  test('deleting a note "also in the CRM" while its create is in flight removes the CRM copy once it lands, and it never comes back', async () => {
    // HubSpot takes the note, and answers 4 s later.
    apis.hubspot.state.faults.push({ match: isCreate, applyAfterWrite: true, delayMs: 4_000 });
    const page = await browser.context.newPage();
    await page.goto(HUBSPOT);
    const text = `Deleted while it was being sent ${Date.now()}`;
    const frame = await writeNote(page, text);
    const note = await waitFor('the note on its way', async () => (await listNotes(browser)).find((n) => n.text === text));
    await waitFor('the write to reach HubSpot', async () => copiesInHubspot(note.id) === 1, 20_000);

    const notes = frame.getByRole('region', { name: 'Notes' });
    await notes.getByRole('listitem').filter({ hasText: text }).getByRole('button', { name: /Delete note of/ }).click();
    const dialog = frame.getByRole('dialog');
    await dialog.getByTestId('delete-while-sending').waitFor();
    await dialog.getByRole('checkbox').check();
    await dialog.getByRole('button', { name: 'Delete note' }).click();
    await notes.getByRole('listitem').filter({ hasText: text }).waitFor({ state: 'detached' });

    await waitFor('the CRM copy deleted once the create answered', async () => copiesInHubspot(note.id) === 0, 30_000);
    // A refresh reads the team's notes from HubSpot: the note does not come back.
    await page.reload();
    await sidebar(page);
    await send(browser, 'record.refresh', { ref: { crm: 'hubspot', host: 'app.hubspot.com', portalId: '24681357', objectType: 'company', recordId: '9001' } });
    expect((await listNotes(browser)).some((n) => n.id === note.id || n.text === text)).toBe(false);
    console.log(`e2e delete during an in-flight create: 1 note, ${copiesInHubspot(note.id)} in CRM, 0 duplicates, delete honoured`);
    await page.close();
  });

  test('the browser is closed with a note queued: after a relaunch with the same profile it syncs', async () => {
    apis.hubspot.state.faults.push({ match: isCreate, status: 500, times: Infinity });
    const page = await browser.context.newPage();
    await page.goto(HUBSPOT);
    const text = `Renewal call booked for March ${Date.now()}`;
    await writeNote(page, text);
    const note = await waitFor('the first failed try', async () => {
      const n = (await listNotes(browser)).find((x) => x.text === text);
      return n?.status === 'pending' && n.error ? n : undefined;
    }, 30_000);
    expect(copiesInHubspot(note.id)).toBe(0);
    await browser.close();

    apis.hubspot.state.faults.length = 0;
    browser = await launchWithExtension({ extraArgs: server.chromiumArgs, userDataDir: profile, keepProfile: true });
    // The retry waits for its backoff (at most 30 s after the first try), woken by the alarm.
    const relaunchedAt = Date.now();
    const logFrom = apis.hubspot.state.requests.log.length;
    const synced = await waitFor(
      'the queued note to sync after the relaunch',
      async () => {
        const n = (await listNotes(browser)).find((x) => x.id === note.id);
        return n?.status === 'synced' ? n : undefined;
      },
      // Under load the first browser may have tried more than once: the third try waits up to 2 min (full jitter).
      150_000,
    ).catch(async (err: unknown) => {
      // What the outbox and Chromium's alarms said, so a failure says why.
      const status = await send(browser, 'outbox.status', {}).catch((e: unknown) => String(e));
      const worker = browser.context.serviceWorkers()[0];
      const alarms = worker ? await worker.evaluate(() => chrome.alarms.getAll()).catch((e: unknown) => String(e)) : 'no worker';
      console.log(`relaunch diagnostics after ${Date.now() - relaunchedAt} ms: outbox ${JSON.stringify(status)} alarms ${JSON.stringify(alarms)} now ${new Date().toISOString()} requests since the relaunch ${JSON.stringify(apis.hubspot.state.requests.log.slice(logFrom))}`);
      throw err;
    });
    expect(copiesInHubspot(note.id)).toBe(1);
    console.log(`e2e browser restart with pending outbox: 1 note, ${copiesInHubspot(note.id)} in CRM, 0 duplicates, ${synced.status === 'synced' ? 1 : 0} synced locally`);
  }, 240_000);
});
