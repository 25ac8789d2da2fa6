import { afterEach, describe, expect, test } from 'vitest';
import { makeWorld, type World } from '../../tests/support/notes-crm.ts';
import { CHANNEL } from '../messages/envelope';
import type { Settings } from '../messages/protocol';
import { quietWorld } from '../../tests/support/background.ts';
import { createBackground } from './create-background';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** The background as the service worker builds it, over the test world's database and mock CRMs. */
function build(w: World, overrides: { settings?: Settings } = {}) {
  let settings: Settings = overrides.settings ?? { locale: 'en' };
  const scheduled: number[] = [];
  let cleared = 0;
  const bg = createBackground({
    ...quietWorld,
    db: w.db,
    now: () => new Date(w.clock.now),
    fetch: w.fetch,
    browserLocale: () => 'ja-JP',
    settings: { get: async () => settings, set: async (next) => void (settings = next) },
    schedule: (at) => scheduled.push(at),
    clearSnapshots: () => cleared++,
  });
  return { bg, scheduled, cleared: () => cleared };
}

const fromPage = { fromExtensionPage: true, fromTab: false } as const;
const ask = (type: string, data: unknown) => ({ channel: CHANNEL, type, data });

describe('the background factory', () => {
  test('a note saved through the protocol is queued and reaches the CRM once the outbox resumes', async () => {
    const w = (world = await makeWorld());
    const { bg } = build(w);
    const saved = await bg.onMessage(ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: 'From the factory', ratings: {}, touchpoint: 'call' }), fromPage);
    expect(saved).toMatchObject({ ok: true, data: { status: 'pending' } });
    await expect.poll(async () => (await w.db.notes.toArray())[0]?.status, { timeout: 5_000 }).toBe('synced');
    expect(w.hubspot.state.objects.notes.size).toBe(1);
  });

  test('a request from a CRM page (not an extension page) is refused, and nothing is written', async () => {
    const w = (world = await makeWorld());
    const { bg } = build(w);
    const answer = await bg.onMessage(ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: 'x', ratings: {}, touchpoint: 'call' }), { fromExtensionPage: false, fromTab: true, url: 'https://app.hubspot.com/' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await w.db.notes.count()).toBe(0);
  });

  test('a page event answers nothing; a message of another extension is not ours', async () => {
    const w = (world = await makeWorld());
    const { bg } = build(w);
    expect(bg.onMessage({ channel: CHANNEL, type: 'page.record', ref: { crm: 'hubspot', host: 'app.hubspot.com', portalId: '1', objectType: 'company', recordId: '1' } }, { fromExtensionPage: false, fromTab: true })).toBeNull();
    expect(bg.onMessage({ hello: 'world' }, fromPage)).toBeNull();
  });

  test('changing the settings drops the first-paint snapshots', async () => {
    const w = (world = await makeWorld());
    const { bg, cleared } = build(w);
    await bg.onMessage(ask('settings.set', { locale: 'ja' }), fromPage);
    expect(cleared()).toBe(1);
  });

  test('a failed send schedules the outbox alarm; the alarm sends it', async () => {
    const w = (world = await makeWorld());
    const { bg, scheduled } = build(w);
    w.hubspot.state.faults.push({ status: 503, match: (r) => r.method === 'POST' && r.path.endsWith('/notes') });
    await bg.onMessage(ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: 'Retried by alarm', ratings: {}, touchpoint: 'call' }), fromPage);
    await expect.poll(() => scheduled.length, { timeout: 5_000 }).toBeGreaterThan(0);
    w.clock.now = Math.max(w.clock.now, scheduled.at(-1)!) + 1;
    bg.onAlarm('sidecar-outbox');
    await expect.poll(async () => (await w.db.notes.toArray())[0]?.status, { timeout: 5_000 }).toBe('synced');
  });

  test('in Japanese, the background\'s errors are Japanese: a refused request, an empty note, a CRM that rejects the key', async () => {
    const w = (world = await makeWorld());
    const { bg } = build(w, { settings: { locale: 'ja' } });
    await new Promise((r) => setTimeout(r, 0));
    const forbidden = await bg.onMessage(ask('notes.list', { accountKey: w.hubspotKey }), { fromExtensionPage: false, fromTab: true });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/Sidecar 自身のページからのみ/) } });
    const empty = await bg.onMessage(ask('note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: ' ', ratings: {}, touchpoint: 'call' }), fromPage);
    expect(empty).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/本文を入力するか評価を付けてください/), detail: { key: 'note.empty' } } });
    w.hubspot.state.token = 'revoked';
    const view = await bg.onMessage(ask('record.refresh', { ref: { crm: 'hubspot', host: 'app.hubspot.com', portalId: '123456', objectType: 'company', recordId: w.companyId } }), fromPage);
    const message = (view as { data?: { sync?: { error?: { message?: string } } } }).data?.sync?.error?.message ?? '';
    expect(message).toMatch(/HubSpot がキーを受け付けませんでした/);
    expect(message).not.toMatch(/[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}/);
  });
});
