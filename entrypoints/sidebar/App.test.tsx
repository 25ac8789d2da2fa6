// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { notes as fixtureNotes, pack, record } from '../../components/fixtures';
import type { RecordRef } from '../../lib/crm/detect';
import type { DraftView, NoteView, RecordView, Settings } from '../../lib/messages/protocol';
import type { MessageType, RequestOf, ResponseOf } from '../../lib/messages/index';
import { recordIdentity } from '../../lib/crm/detect';
import { framePrefs } from '../../lib/ui/frame-prefs';
import { paintSnapshot, SNAPSHOT_ELEMENT_ID } from '../../lib/view-snapshot/dom';
import { snapshotKeyOf, type ViewSnapshot } from '../../lib/view-snapshot/read';
import { App } from './App';

// WxtVitest's own setup (stubbing the chrome/browser globals) does not reach the vitest projects,
// so @wxt-dev/storage (frame prefs) would find no extension API: give it the fake one first.
await vi.hoisted(async () => {
  const { fakeBrowser: fake } = await import('wxt/testing/fake-browser');
  vi.stubGlobal('chrome', fake);
  vi.stubGlobal('browser', fake);
});

// A stand-in background: each test sets what the handlers answer and reads what was asked.
type Handler<K extends MessageType> = (data: RequestOf<K>) => Promise<ResponseOf<K>> | ResponseOf<K>;
type Handlers = { [K in MessageType]?: Handler<K> };
const bg = vi.hoisted(() => ({
  handlers: {} as Record<string, (data: unknown) => unknown>,
  calls: [] as Array<{ type: string; data: unknown }>,
  // What the content script would send the frame when the page moves to another record.
  pageRecord: null as ((ref: unknown) => void) | null,
}));

vi.mock('../../lib/ui/messaging', () => ({
  call: async (type: string, data: unknown) => {
    bg.calls.push({ type, data });
    const h = bg.handlers[type];
    if (!h) throw new Error(`no handler for ${type}`);
    return h(data);
  },
  onPageRecord: (_token: string, listener: (ref: unknown) => void) => {
    bg.pageRecord = listener;
    return () => {};
  },
}));

function serve(handlers: Handlers) {
  Object.assign(bg.handlers, handlers);
}
const callsOf = (type: MessageType) => bg.calls.filter((c) => c.type === type).map((c) => c.data);

const ref = record.ref as RecordRef;
let settings: Settings;
let notes: NoteView[];
let draft: DraftView | null;

beforeEach(() => {
  bg.handlers = {};
  bg.calls = [];
  bg.pageRecord = null;
  settings = { locale: 'en', csmName: 'Sato' };
  notes = [...fixtureNotes];
  draft = null;
  serve({
    'settings.get': () => settings,
    'settings.set': (next) => (settings = next as Settings),
    'pack.view': () => pack,
    'record.open': () => ({ ...record, sync: { status: 'cached' } }),
    'record.refresh': () => record,
    'notes.list': () => ({ notes }),
    'draft.get': () => ({ draft }),
    'draft.save': (d) => {
      draft = d.draft ? (d.draft as DraftView) : null;
      return {};
    },
    'template.copied': () => ({ copies: 1 }),
  });
  delete document.documentElement.dataset.shownRecord;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** The page's #root, as in sidebar.html: the snapshot lies over it and pictures are taken of it. */
function pageRoot(): HTMLElement {
  const existing = document.getElementById('root');
  if (existing) return existing;
  const root = document.createElement('div');
  root.id = 'root';
  return document.body.appendChild(root);
}

function renderApp(initial: RecordRef | null = ref) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App initial={initial} token="test-token-123" />
    </QueryClientProvider>,
    { container: pageRoot() },
  );
}

const health = (view: RecordView, score: number): RecordView => ({ ...view, evaluation: { ...view.evaluation!, health: { ...view.evaluation!.health, score } } });

describe('the sidebar app', () => {
  test('loading skeleton, then the cached view at once, then the refreshed one', async () => {
    let release!: () => void;
    let opened!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const openGate = new Promise<void>((r) => (opened = r));
    serve({
      'record.open': async () => {
        await openGate;
        return health({ ...record, sync: { status: 'cached' } }, 65);
      },
      'record.refresh': async () => {
        await gate;
        return health(record, 72);
      },
    });
    renderApp();
    expect((await screen.findByText('Loading…')).closest('[aria-busy]')!.getAttribute('aria-busy')).toBe('true');
    expect(document.documentElement.dataset.shownRecord).toBeUndefined();
    act(() => opened());
    expect(await screen.findByText('65')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Updating…' })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.dataset.shownRecord).toBe('hubspot:24681357:9001'));
    expect(Number(document.documentElement.dataset.shownAt)).toBeGreaterThan(0);
    act(() => release());
    expect(await screen.findByText('72')).toBeTruthy();
    expect(callsOf('record.open')).toEqual([{ ref }]);
    expect(callsOf('record.refresh')).toEqual([{ ref }]);
  });

  test('a CRM error keeps the cached data on screen beside the error', async () => {
    serve({ 'record.refresh': () => ({ ...record, sync: { status: 'error', error: { code: 'auth', message: 'HubSpot rejected the token (401). Reconnect in the settings.' }, fetchedAt: '2026-03-05T08:00:00.000Z' } }) });
    renderApp();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('HubSpot rejected the token (401)');
    expect(alert.textContent).toContain('Showing the data saved');
    expect(screen.getByText('72')).toBeTruthy();
    expect(screen.getByTestId('record-id').textContent).toBe('株式会社サンプル商事');
  });

  test('a failed refresh never blanks the cached view', async () => {
    serve({
      'record.refresh': () => {
        throw new Error('The background did not answer.');
      },
    });
    renderApp();
    expect((await screen.findByRole('alert')).textContent).toContain('The background did not answer.');
    expect(screen.getByText('72')).toBeTruthy();
  });

  test('nothing cached and the open fails: an error with a retry', async () => {
    let fail = true;
    serve({
      'record.open': () => {
        if (fail) throw new Error('Database blocked');
        return record;
      },
    });
    const user = userEvent.setup();
    renderApp();
    expect((await screen.findByRole('alert')).textContent).toContain('Sidecar could not load this record: Database blocked');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('72')).toBeTruthy();
  });

  test('first run: sample data, labelled, with the way to the options page', async () => {
    const openOptionsPage = vi.fn(async () => {});
    fakeBrowser.runtime.openOptionsPage = openOptionsPage;
    const sample: RecordView = { ...record, sample: true, sources: ['sample'], sync: { status: 'not-connected' } };
    serve({ 'record.open': () => sample, 'record.refresh': () => sample });
    const user = userEvent.setup();
    renderApp();
    expect(await screen.findByRole('region', { name: 'Sample data' })).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Sources' }).textContent).toBe('Sample');
    await user.click(screen.getByRole('button', { name: 'Open settings' }));
    expect(openOptionsPage).toHaveBeenCalledOnce();
  });

  test('no data for this record: says what is missing', async () => {
    const none: RecordView = { ...record, evaluation: { ...record.evaluation!, health: { ...record.evaluation!.health, status: 'insufficient-data', score: null, band: null, missing: ['activeUsers'] } } };
    serve({ 'record.open': () => none, 'record.refresh': () => none });
    renderApp();
    expect(await screen.findByText('Not enough data for a health score')).toBeTruthy();
    expect(screen.getByText('Active users')).toBeTruthy();
  });

  test('offline: a badge, and the cached data stays', async () => {
    renderApp();
    await screen.findByText('72');
    act(() => {
      Object.defineProperty(window.navigator, 'onLine', { value: false, configurable: true });
      window.dispatchEvent(new Event('offline'));
    });
    expect(screen.getByText('Offline')).toBeTruthy();
    expect(screen.getByText(/Showing saved data/)).toBeTruthy();
    expect(screen.getByText('72')).toBeTruthy();
    act(() => {
      Object.defineProperty(window.navigator, 'onLine', { value: true, configurable: true });
      window.dispatchEvent(new Event('online'));
    });
    expect(screen.queryByText('Offline')).toBeNull();
  });

  test('switching the language saves the setting and re-renders in Japanese', async () => {
    const user = userEvent.setup();
    renderApp();
    await screen.findByText('72');
    await user.selectOptions(screen.getByLabelText('Language'), 'ja');
    expect(callsOf('settings.set')).toEqual([{ locale: 'ja', csmName: 'Sato' }]);
    expect(await screen.findByRole('heading', { name: '次のアクション' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('ja');
  });

  test('copying a template: clipboard, log and toast', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderApp();
    await user.click(await screen.findByRole('button', { name: 'Copy Check-in email' }));
    expect(writeText).toHaveBeenCalledWith('Dear [contact last name],\n\nThis is Sato. How is 株式会社サンプル商事 finding the product?');
    await waitFor(() => expect(callsOf('template.copied')).toEqual([{ accountKey: 'hubspot:24681357:9001', templateId: 'checkin-email', missing: ['contact.lastName'] }]));
    expect(screen.getByText('Copied “Check-in email”. Fill in: [contact last name]')).toBeTruthy();
  });

  test('a stored draft comes back, and typing saves it after a pause', async () => {
    draft = { text: 'Half a thought', ratings: { advocacy: 2 }, touchpoint: 'call', updatedAt: '2026-03-06T08:00:00.000Z' };
    const user = userEvent.setup();
    renderApp();
    const box = (await screen.findByDisplayValue('Half a thought')) as HTMLTextAreaElement;
    expect((screen.getByRole('radio', { name: '2 Low' }) as HTMLInputElement).checked).toBe(true);
    await user.type(box, ', finished');
    expect(callsOf('draft.save')).toEqual([]);
    await waitFor(() => expect(callsOf('draft.save').length).toBe(1), { timeout: 2000 });
    expect(draft).toMatchObject({ text: 'Half a thought, finished', ratings: { advocacy: 2 }, touchpoint: 'call' });
  });

  test('closing the sidebar mid-sentence keeps the draft', async () => {
    const user = userEvent.setup();
    const { unmount } = renderApp();
    await user.type(await screen.findByLabelText('Note'), 'Typed then closed');
    unmount();
    expect(callsOf('draft.save').at(-1)).toMatchObject({ accountKey: 'hubspot:24681357:9001', draft: { text: 'Typed then closed' } });
  });

  test('saving a note: sent with its origin, draft cleared, record and list refreshed', async () => {
    serve({
      'note.save': (input) => {
        const n: NoteView = { id: 'new', accountKey: input.accountKey, text: input.text, ratings: input.ratings, touchpoint: input.touchpoint, createdAt: '2026-03-06T09:00:00.000Z', updatedAt: '2026-03-06T09:00:00.000Z', status: 'pending' };
        notes = [n, ...notes];
        draft = null;
        return n;
      },
    });
    const user = userEvent.setup();
    renderApp();
    await user.type(await screen.findByLabelText('Note'), 'Quarterly review booked');
    await user.click(screen.getByRole('radio', { name: '4 Good' }));
    const opensBefore = callsOf('record.open').length;
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(callsOf('note.save')).toHaveLength(1));
    expect(callsOf('note.save')[0]).toEqual({ accountKey: 'hubspot:24681357:9001', origin: { objectType: 'company', recordId: '9001' }, text: 'Quarterly review booked', ratings: { relationship: 4 }, touchpoint: 'meeting' });
    const list = screen.getByRole('list', { name: 'Notes' });
    expect(await within(list).findByText('Quarterly review booked')).toBeTruthy();
    expect(within(list).getAllByText('Waiting to sync').length).toBeGreaterThan(0);
    expect(((await screen.findByLabelText('Note')) as HTMLTextAreaElement).value).toBe('');
    await waitFor(() => expect(callsOf('record.open').length).toBeGreaterThan(opensBefore));
    expect(screen.getByText('Note saved')).toBeTruthy();
  });

  test('setting an override updates the card from the answer', async () => {
    // The background keeps the override: later opens include it.
    let view: RecordView = record;
    serve({
      'record.open': () => view,
      'record.refresh': () => view,
      'override.set': (input) => {
        const h = { ...record.evaluation!.health, band: input.band, override: { status: 'active' as const, band: input.band, reason: input.reason, setAt: '2026-03-06T09:00:00.000Z', expiresAt: input.expiresAt } };
        view = { ...record, evaluation: { ...record.evaluation!, health: h } };
        return { health: h };
      },
    });
    const user = userEvent.setup();
    renderApp();
    await user.click(await screen.findByRole('button', { name: 'Override band' }));
    await user.selectOptions(screen.getByLabelText('Band'), 'at-risk');
    await user.type(screen.getByLabelText('Reason'), 'Sponsor left');
    await user.click(screen.getByRole('button', { name: 'Save override' }));
    expect(await screen.findByText('Reason: Sponsor left')).toBeTruthy();
    expect(callsOf('override.set')[0]).toMatchObject({ accountKey: 'hubspot:24681357:9001', band: 'at-risk', reason: 'Sponsor left' });
  });

  test('collapse, then the tab with band and score expands it again', async () => {
    const user = userEvent.setup();
    renderApp();
    await screen.findByText('72');
    await user.click(screen.getByRole('button', { name: 'Collapse sidebar' }));
    const tab = await screen.findByRole('button', { name: /Open Sidecar · 72 · Healthy/ });
    expect((await framePrefs.getValue()).collapsed).toBe(true);
    await user.click(tab);
    await screen.findByRole('button', { name: 'Collapse sidebar' });
    expect((await framePrefs.getValue()).collapsed).toBe(false);
  });

  test('the resize handle writes the width to the frame prefs', async () => {
    const user = userEvent.setup();
    renderApp();
    await screen.findByText('72');
    screen.getByRole('separator', { name: 'Sidebar width' }).focus();
    await user.keyboard('{ArrowLeft}');
    await waitFor(async () => expect((await framePrefs.getValue()).width).toBe(376));
  });

  test('no record on the page', async () => {
    renderApp(null);
    expect(await screen.findByText('Open a company or account record to see Sidecar.')).toBeTruthy();
  });
});

describe('the snapshot painted before React', () => {
  const snapshotKey = snapshotKeyOf(recordIdentity(ref));
  const storedSnapshot = async () => (await fakeBrowser.storage.session.get(snapshotKey))[snapshotKey] as ViewSnapshot | undefined;
  beforeEach(() => {
    document.getElementById(SNAPSHOT_ELEMENT_ID)?.remove();
  });

  test('stays over the skeleton while the record loads, and goes in the commit that shows the record', async () => {
    let opened!: () => void;
    const openGate = new Promise<void>((r) => (opened = r));
    serve({
      'record.open': async () => {
        await openGate;
        return health({ ...record, sync: { status: 'cached' } }, 65);
      },
    });
    pageRoot();
    paintSnapshot(document, '<p>Last time: 61</p>', 'en');
    renderApp();
    await screen.findByText('Loading…');
    expect(document.getElementById(SNAPSHOT_ELEMENT_ID)).not.toBeNull();
    act(() => opened());
    await screen.findByText('65');
    expect(document.getElementById(SNAPSHOT_ELEMENT_ID)).toBeNull();
  });

  test('gives way to an error rather than stand in for it', async () => {
    serve({ 'record.open': () => Promise.reject(new Error('The background did not answer.')) });
    pageRoot();
    paintSnapshot(document, '<p>Last time: 61</p>', 'en');
    renderApp();
    await screen.findByText(/The background did not answer/);
    expect(document.getElementById(SNAPSHOT_ELEMENT_ID)).toBeNull();
  });

  test('the record on screen is kept as the next visit’s snapshot, without its relative times', async () => {
    renderApp();
    await screen.findByText('72');
    await waitFor(async () => expect(await storedSnapshot()).toBeDefined(), { timeout: 3_000 });
    const saved = (await storedSnapshot())!;
    expect(saved).toMatchObject({ v: 1, accountKey: 'hubspot:24681357:9001', lang: 'en' });
    const copy = document.createElement('div');
    copy.innerHTML = saved.html;
    expect(copy.querySelector('.score__value')?.textContent).toBe('72');
    expect(copy.querySelector('[data-testid="as-of"]')?.textContent).not.toMatch(/\(/);
    expect(copy.querySelector('.toast-region')).toBeNull();
  });

  test('on a switch to another record, its snapshot stands in until its live view is ready', async () => {
    const next: RecordRef = { ...ref, recordId: '9002' };
    const nextKey = snapshotKeyOf(recordIdentity(next));
    await fakeBrowser.storage.session.set({ [nextKey]: { v: 1, accountKey: 'hubspot:24681357:9002', lang: 'en', html: '<p>Northwind, last time</p>', savedAt: Date.now() } });
    let opened!: () => void;
    const openGate = new Promise<void>((r) => (opened = r));
    serve({
      'record.open': async (data) => {
        if ((data as { ref: RecordRef }).ref.recordId !== '9002') return { ...record, sync: { status: 'cached' } };
        await openGate;
        return { ...record, ref: next, account: { ...record.account, key: 'hubspot:24681357:9002', name: 'Northwind Logistics' }, sync: { status: 'cached' } };
      },
    });
    renderApp();
    await screen.findByText('72');
    act(() => bg.pageRecord!(next));
    await waitFor(() => expect(document.getElementById(SNAPSHOT_ELEMENT_ID)?.textContent).toBe('Northwind, last time'));
    await waitFor(() => expect(document.documentElement.dataset).toMatchObject({ paintedRecord: 'hubspot:24681357:9002', paintedFrom: 'snapshot' }));
    act(() => opened());
    await screen.findByRole('heading', { name: 'Northwind Logistics' });
    expect(document.getElementById(SNAPSHOT_ELEMENT_ID)).toBeNull();
  });

  test('a switch never shows the previous record’s data under the next record’s name, at any moment', async () => {
    const next: RecordRef = { ...ref, recordId: '9002' };
    await fakeBrowser.storage.session.set({ [snapshotKeyOf(recordIdentity(next))]: { v: 1, accountKey: 'hubspot:24681357:9002', lang: 'en', html: '<h1>Northwind, last time</h1>', savedAt: Date.now() } });
    let opened!: () => void;
    const openGate = new Promise<void>((r) => (opened = r));
    const northwind = { ...health(record, 55), ref: next, account: { ...record.account, key: 'hubspot:24681357:9002', name: 'Northwind Logistics' }, sync: { status: 'cached' as const } };
    serve({
      'record.open': async (data) => {
        if ((data as { ref: RecordRef }).ref.recordId !== '9002') return { ...record, sync: { status: 'cached' } };
        await openGate;
        return northwind;
      },
      'record.refresh': (data) => ((data as { ref: RecordRef }).ref.recordId === '9002' ? northwind : record),
    });
    renderApp();
    await screen.findByText('72');
    // Every state the root passes through: the name shown and the score under it.
    const root = pageRoot();
    const seen: string[] = [];
    const look = () => {
      const name = root.querySelector('[data-testid="record-id"]')?.textContent ?? '-';
      const score = root.querySelector('.score__value')?.textContent ?? '-';
      const snapshot = document.getElementById(SNAPSHOT_ELEMENT_ID)?.textContent ?? '-';
      seen.push(`${name} ${score} / ${snapshot}`);
    };
    const watcher = new MutationObserver(look);
    watcher.observe(document.body, { subtree: true, childList: true, characterData: true });
    act(() => bg.pageRecord!(next));
    await screen.findByText('Loading…');
    expect(document.getElementById(SNAPSHOT_ELEMENT_ID)?.textContent).toBe('Northwind, last time');
    act(() => opened());
    await screen.findByRole('heading', { name: 'Northwind Logistics' });
    look();
    watcher.disconnect();
    expect(screen.getByText('55')).toBeTruthy();
    expect(seen.filter((s) => s.startsWith('Northwind Logistics') && !s.startsWith('Northwind Logistics 55'))).toEqual([]);
    expect(seen.filter((s) => s.startsWith('株式会社サンプル商事 72') && !s.endsWith('/ -') && !s.endsWith('/ Northwind, last time'))).toEqual([]);
    // The previous record's live view is never uncovered once the switch began: the picture lies over it until the next record is live.
    const afterSwitch = seen.slice(seen.findIndex((s) => s.endsWith('/ Northwind, last time')));
    expect(afterSwitch.filter((s) => s.startsWith('株式会社サンプル商事') && s.endsWith('/ -'))).toEqual([]);
    expect(seen.at(-1)).toBe('Northwind Logistics 55 / -');
  });

  test('on a switch to a record without a snapshot, the skeleton shows, and no earlier picture lingers', async () => {
    const next: RecordRef = { ...ref, recordId: '9003' };
    serve({ 'record.open': (data) => ((data as { ref: RecordRef }).ref.recordId === '9003' ? new Promise(() => {}) : { ...record, sync: { status: 'cached' } }) });
    renderApp();
    await screen.findByText('72');
    act(() => bg.pageRecord!(next));
    await screen.findByText('Loading…');
    expect(document.getElementById(SNAPSHOT_ELEMENT_ID)).toBeNull();
  });

  test('after switching the language, the snapshot is retaken in that language', async () => {
    const user = userEvent.setup();
    renderApp();
    await screen.findByText('72');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'ja');
    await screen.findByRole('region', { name: 'ヘルス' });
    await waitFor(async () => expect((await storedSnapshot())?.lang).toBe('ja'), { timeout: 3_000 });
    expect((await storedSnapshot())!.html).toContain('ヘルス');
  });
});
