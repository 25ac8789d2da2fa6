import { afterEach, describe, expect, test } from 'vitest';
import { makeWorld, type World } from '../../tests/support/notes-crm.ts';
import { accountKey, type RecordRef } from '../crm/detect';
import { CHANNEL } from '../messages/envelope';
import type { MessageType } from '../messages/index';
import { optionsMessages } from '../messages/options';
import { sidebarMessages } from '../messages/protocol';
import { quietWorld } from '../../tests/support/background.ts';
import { createBackground } from './create-background';
import { createFrameGate, scopeOf, type FrameGateDeps } from './frame-gate';
import type { Sender } from './router';

const TOKEN = '6f1c2b8e-0d4a-4c55-9a0e-1f2e3d4c5b6a';
const OTHER_TOKEN = '0a9b8c7d-6e5f-4a3b-8c1d-2e3f4a5b6c7d';
const company: RecordRef = { crm: 'hubspot', host: 'app.hubspot.com', portalId: '24681357', objectType: 'company', recordId: '9001' };
const next: RecordRef = { ...company, recordId: '9002' };
const contact: RecordRef = { ...company, objectType: 'contact', recordId: '301' };
const victim: RecordRef = { crm: 'salesforce', host: 'acme.lightning.force.com', objectType: 'account', recordId: '001D000000IRFmaIAH' };

const TAB = 7;
const FRAME = 5;
const frameSender = (over: Partial<Sender> & { token?: string | null } = {}): Sender => {
  const { token = TOKEN, ...rest } = over;
  return {
    tabId: TAB,
    frameId: FRAME,
    url: `chrome-extension://abcdefghijklmnop/sidebar.html?ref=x&id=y${token ? `#${token}` : ''}`,
    fromExtensionPage: true,
    ...rest,
  };
};

/** A gate over a world of tabs: what each tab's content script reports, a cache of resolved contacts and notes. */
function gateOver(tabs: Record<number, { token: string; refs: RecordRef[] } | null | 'no content script'>, extra: Partial<FrameGateDeps> = {}) {
  const asked: number[] = [];
  const gate = createFrameGate({
    askMount: async (tabId) => {
      asked.push(tabId);
      const t = tabs[tabId];
      if (t === undefined || t === 'no content script') throw new Error('Could not establish connection. Receiving end does not exist.');
      return t;
    },
    resolvedTo: async (key) => (key === accountKey(contact) ? accountKey(company) : undefined),
    noteAccount: async (id) => ({ 'note-1': accountKey(company), 'note-2': accountKey(victim) })[id],
    ...extra,
  });
  const verdict = (type: MessageType, data: unknown, sender: Sender = frameSender()) =>
    gate.admit(type, data, sender).then((reason) => (reason === null ? 'admitted' : 'refused:forbidden'));
  return { gate, asked, verdict, tabs };
}

const mounted = { token: TOKEN, refs: [company] };

describe('the frame gate: a sidebar frame acts only where its own content script mounted it', () => {
  test.each<[string, Parameters<typeof gateOver>[0], MessageType, unknown, Sender, string]>([
    ['the real frame opens its record', { [TAB]: mounted }, 'record.open', { ref: company }, frameSender(), 'admitted'],
    ['the real frame confirms for its record', { [TAB]: mounted }, 'frame.confirm', { ref: company }, frameSender(), 'admitted'],
    ['the real frame reads the pack and settings', { [TAB]: mounted }, 'pack.view', {}, frameSender(), 'admitted'],
    ['the real frame writes its account’s draft', { [TAB]: mounted }, 'draft.save', { accountKey: accountKey(company), draft: null }, frameSender(), 'admitted'],
    ['a page with no content script (another site)', {}, 'frame.confirm', { ref: company }, frameSender(), 'refused:forbidden'],
    ['a CRM host page with no record (community.hubspot.com)', { [TAB]: null }, 'record.open', { ref: company }, frameSender(), 'refused:forbidden'],
    ['a token replayed in another tab, which mounted its own frame', { [TAB]: { token: OTHER_TOKEN, refs: [company] } }, 'record.open', { ref: company }, frameSender(), 'refused:forbidden'],
    ['a token replayed in a tab with no mount', { [TAB]: null, 8: mounted }, 'record.refresh', { ref: company }, frameSender(), 'refused:forbidden'],
    ['another record than the mount shows', { [TAB]: mounted }, 'record.open', { ref: victim }, frameSender(), 'refused:forbidden'],
    ['another record, confirming', { [TAB]: mounted }, 'frame.confirm', { ref: victim }, frameSender(), 'refused:forbidden'],
    ['another account’s notes', { [TAB]: mounted }, 'notes.list', { accountKey: accountKey(victim) }, frameSender(), 'refused:forbidden'],
    ['another account’s override', { [TAB]: mounted }, 'override.set', { accountKey: accountKey(victim), band: 'good', reason: 'x', expiresAt: '2030-01-01T00:00:00Z' }, frameSender(), 'refused:forbidden'],
    ['another account’s note deleted', { [TAB]: mounted }, 'note.delete', { id: 'note-2', alsoInCrm: true }, frameSender(), 'refused:forbidden'],
    ['its own account’s note deleted', { [TAB]: mounted }, 'note.delete', { id: 'note-1', alsoInCrm: false }, frameSender(), 'admitted'],
    ['a contact page’s company (resolved in the cache)', { [TAB]: { token: TOKEN, refs: [contact] } }, 'notes.list', { accountKey: accountKey(company) }, frameSender(), 'admitted'],
    ['an options request from the sidebar', { [TAB]: mounted }, 'hubspot.disconnect' as MessageType, {}, frameSender(), 'refused:forbidden'],
    ['a URL without a token', { [TAB]: mounted }, 'record.open', { ref: company }, frameSender({ token: null }), 'refused:forbidden'],
    ['a sidebar outside any tab', { [TAB]: mounted }, 'record.open', { ref: company }, frameSender({ tabId: undefined }), 'refused:forbidden'],
    ['sidebar.html opened as a tab of its own', { [TAB]: 'no content script' }, 'settings.set', { locale: 'ja' }, frameSender({ frameId: 0 }), 'refused:forbidden'],
    ['the options page (not gated)', {}, 'settings.set', { locale: 'ja' }, frameSender({ url: 'chrome-extension://abcdefghijklmnop/options.html' }), 'admitted'],
  ])('%s → %s', async (_name, tabs, type, data, sender, expected) => {
    const { verdict } = gateOver(tabs);
    expect(await verdict(type, data, sender)).toBe(expected);
  });

  test('one frame per mount: a second frame with the same token is refused, the first keeps working', async () => {
    const { verdict } = gateOver({ [TAB]: mounted });
    expect(await verdict('frame.confirm', { ref: company })).toBe('admitted');
    expect(await verdict('frame.confirm', { ref: company }, frameSender({ frameId: 9 }))).toBe('refused:forbidden');
    expect(await verdict('record.open', { ref: company })).toBe('admitted');
  });

  test('a confirmed frame is not asked about again; a record switch reported by page.record is admitted at once', async () => {
    const { gate, asked, verdict } = gateOver({ [TAB]: mounted });
    gate.noteRecord(TAB, TOKEN, company);
    expect(await verdict('frame.confirm', { ref: company })).toBe('admitted');
    expect(await verdict('record.open', { ref: company })).toBe('admitted');
    expect(await verdict('pack.view', {})).toBe('admitted');
    gate.noteRecord(TAB, TOKEN, next);
    expect(await verdict('record.open', { ref: next })).toBe('admitted');
    expect(asked).toEqual([TAB]);
  });

  test('a record the page moved to before its event arrived (or after the worker restarted) is asked about again', async () => {
    const tabs = { [TAB]: { token: TOKEN, refs: [company] } };
    const { verdict, asked } = gateOver(tabs);
    expect(await verdict('record.open', { ref: company })).toBe('admitted');
    tabs[TAB] = { token: TOKEN, refs: [company, next] };
    expect(await verdict('record.open', { ref: next })).toBe('admitted');
    expect(asked).toEqual([TAB, TAB]);
  });

  test('the tab left the CRM page: its confirmed frame is gone, and a frame replaying its token in the new page is refused', async () => {
    const tabs: Parameters<typeof gateOver>[0] = { [TAB]: mounted };
    const { verdict } = gateOver(tabs);
    expect(await verdict('record.open', { ref: company })).toBe('admitted');
    tabs[TAB] = null;
    expect(await verdict('record.open', { ref: company }, frameSender({ frameId: 11 }))).toBe('refused:forbidden');
  });

  test('a content script that never answers is taken as none', async () => {
    const { verdict } = gateOver({}, { askMount: () => new Promise(() => {}) });
    const started = Date.now();
    expect(await verdict('frame.confirm', { ref: company })).toBe('refused:forbidden');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('a content script answer of the wrong shape is taken as none', async () => {
    const { verdict } = gateOver({}, { askMount: async () => ({ token: TOKEN, refs: [{ ...company, host: 'community.hubspot.com' }] }) });
    expect(await verdict('frame.confirm', { ref: company })).toBe('refused:forbidden');
  });

  test('every sidebar message has a scope; no options message may come from the sidebar', () => {
    for (const type of Object.keys(sidebarMessages) as MessageType[]) {
      const data = type === 'note.delete' ? { id: 'n' } : type.startsWith('record.') || type === 'frame.confirm' ? { ref: company } : { accountKey: 'k' };
      expect(scopeOf(type, data).kind, type).not.toBe('never');
    }
    for (const type of Object.keys(optionsMessages) as MessageType[]) expect(scopeOf(type, {}).kind, type).toBe('never');
  });
});

describe('the gate in the background: a refused frame reads nothing and writes nothing', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  function build(w: World, askMount: FrameGateDeps['askMount']) {
    return createBackground({
      db: w.db,
      now: () => new Date(w.clock.now),
      fetch: w.fetch,
      browserLocale: () => 'en-US',
      settings: { get: async () => ({ locale: 'en' }), set: async () => {} },
      ...quietWorld,
      askMount,
    });
  }
  const ask = (type: string, data: unknown) => ({ channel: CHANNEL, type, data });

  test('a hostile frame’s record.open, record.refresh and note.save are refused before any handler; the real frame’s are answered', async () => {
    const w = (world = await makeWorld());
    const ref: RecordRef = { crm: 'hubspot', host: 'app.hubspot.com', portalId: w.hubspotKey.split(':')[1]!, objectType: 'company', recordId: w.companyId };
    const before = await w.db.accounts.get(w.hubspotKey);
    const requestsBefore = w.hubspot.state.requests.log.length;
    // Tab 8 is a community.hubspot.com page: its content script mounted nothing.
    const bg = build(w, async (tabId) => (tabId === TAB ? { token: TOKEN, refs: [ref] } : null));
    const hostile = frameSender({ tabId: 8, frameId: 3 });
    for (const [type, data] of [
      ['frame.confirm', { ref }],
      ['record.open', { ref }],
      ['record.refresh', { ref }],
      ['note.save', { accountKey: w.hubspotKey, origin: { objectType: 'company', recordId: w.companyId }, text: 'planted', ratings: {}, touchpoint: 'call' }],
      ['settings.set', { locale: 'ja' }],
    ] as const) {
      expect(await bg.onMessage(ask(type, data), { ...hostile, fromTab: true }), type).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(w.hubspot.state.requests.log.length).toBe(requestsBefore);
    expect(await w.db.accounts.get(w.hubspotKey)).toEqual(before);
    expect(await w.db.notes.count()).toBe(0);

    // A host no CRM record page has is refused by the protocol itself, whoever asks.
    const lookalike = await bg.onMessage(ask('record.open', { ref: { ...ref, host: 'community.hubspot.com' } }), { ...frameSender(), fromTab: true });
    expect(lookalike).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    w.clock.now += 60_000;
    const real = await bg.onMessage(ask('record.open', { ref }), { ...frameSender(), fromTab: true });
    expect(real).toMatchObject({ ok: true, data: { account: { key: w.hubspotKey } } });
    expect((await w.db.accounts.get(w.hubspotKey))?.lastSeenAt).not.toBe(before?.lastSeenAt);
  });
});
