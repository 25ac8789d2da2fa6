// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, onTestFinished, test, vi } from 'vitest';
import { pack } from '../../components/fixtures';
import '../../components/test-utils';
import type { LoadStatus, PortfolioView } from '../../lib/messages/portfolio';
import type { FirstScreen } from '../../lib/messages/portfolio';
import { prefetchPortfolio } from '../../lib/ui/portfolio-queries';
import { dropBookSnapshot, paintBookSnapshot } from '../../lib/ui/portfolio-boot';
import { SNAPSHOT_KEY } from '../../lib/ui/portfolio-snapshot';
import { firstScreenOf, readKeptView } from '../../lib/ui/portfolio-view';
import { App } from './App';

// The background, answered by the test: the book's answer waits until the test lets it go.
const answers: { settings: { locale: 'auto' | 'ja' | 'en'; csmEmail?: string }; pack: typeof pack; book: () => Promise<PortfolioView>; first: (f: FirstScreen) => Promise<PortfolioView> } = {
  settings: { locale: 'en' },
  pack,
  book: () => new Promise(() => {}),
  first: () => new Promise(() => {}),
};
/** While set, the settings and pack wait for it (a stopped background starting). */
let held: { promise: Promise<void>; resolve: () => void } | null = null;
/** Loading the book from the CRM: what the background says on starting it, and when asked after. */
const idle: LoadStatus = { state: 'idle', crm: null, read: 0, expected: null, loaded: [], error: null };
const loads: { start: () => LoadStatus; status: () => LoadStatus } = { start: () => idle, status: () => idle };
/** The book's messages in the order the page sent them: 'first' (a first screenful) or 'whole'. */
const asked: string[] = [];
let packAnswered: Promise<unknown> | null = null;
vi.mock('../../lib/ui/portfolio-messaging', () => ({
  call: (type: string, data?: { first?: FirstScreen }) => {
    if (type === 'portfolio.view') asked.push(data?.first ? 'first' : 'whole');
    if (type === 'portfolio.view' && data?.first) return answers.first(data.first);
    if (type === 'settings.get') return held ? held.promise.then(() => answers.settings) : Promise.resolve(answers.settings);
    if (type === 'pack.view') return held ? held.promise.then(() => answers.pack) : (packAnswered = Promise.resolve(answers.pack));
    if (type === 'portfolio.view') return answers.book();
    if (type === 'portfolio.load') return Promise.resolve(loads.start());
    if (type === 'portfolio.loadStatus') return Promise.resolve(loads.status());
    return new Promise(() => {});
  },
}));

const row = (i: number, name: string): PortfolioView['rows'][number] => ({
  key: `hubspot:${i}`,
  crm: 'hubspot',
  name,
  url: `https://app.hubspot.com/contacts/1/company/${i}`,
  score: 40 + i,
  band: pack.bands[0]!.id,
  level: 2,
  stage: pack.stages[0]!.id,
  touchModel: pack.touchModels[0]!.id,
  nextAction: null,
  drivers: { up: null, down: null },
  renewalDays: 30,
  lastTouch: null,
  fetchedAt: null,
  owner: null,
  ownerId: null,
  trend: [],
  staleInputs: 0,
});
const book = (names: string[]): PortfolioView => ({
  rows: names.map((n, i) => row(i, n)),
  counts: { bands: { [pack.bands[0]!.id]: names.length }, levels: { '2': names.length }, total: names.length },
  changes: [],
  lastLookedAt: null,
  me: { ids: [] },
  hasMine: false,
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Opens the page; `asMain`: as main.tsx does, asking for the first screenful before React mounts. */
function open(asMain = false) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  if (asMain) prefetchPortfolio(client, firstScreenOf(readKeptView(localStorage)));
  // As portfolio.html: #root, and the boot script before the main one.
  const root = document.body.appendChild(document.createElement('div'));
  root.id = 'root';
  paintBookSnapshot(document, localStorage);
  const page = render(
    <QueryClientProvider client={client}>
      <App browserLanguage="en-US" />
    </QueryClientProvider>,
    { container: root },
  );
  return {
    ...page,
    unmount: () => {
      page.unmount();
      dropBookSnapshot(document);
      root.remove();
    },
  };
}

/** One visit that draws the live book (and so keeps its snapshot), then closes. */
async function visit(names: string[]) {
  answers.book = () => Promise.resolve(book(names));
  const page = open();
  await screen.findByRole('link', { name: names[0] });
  // Drawn in the wanted language (the book may first be drawn in the browser's, while the wanted strings load).
  const lang = answers.settings.locale === 'ja' ? 'ja' : 'en';
  await vi.waitFor(() => expect((JSON.parse(localStorage.getItem(SNAPSHOT_KEY) ?? '{}') as { identity?: { lang?: string } }).identity?.lang).toBe(lang));
  // With its markup, for the boot script (taken when the page is idle).
  await vi.waitFor(() => {
    const kept = JSON.parse(localStorage.getItem(SNAPSHOT_KEY) ?? '{}') as { html?: string; rows?: Array<{ name: string }> };
    expect(kept.rows?.[0]?.name).toBe(names[0]);
    expect(kept.html).toContain('data-testid="book-snapshot"');
  });
  page.unmount();
}

beforeEach(() => {
  localStorage.clear();
  asked.length = 0;
  held = null;
  answers.first = () => new Promise(() => {});
  answers.settings = { locale: 'en' };
  answers.pack = pack;
});
afterEach(() => {
  cleanup();
  dropBookSnapshot(document);
  document.getElementById('root')?.remove();
});

describe('the portfolio paints its last snapshot before the book arrives', () => {
  test('painted at once, marked and inert, then replaced by the live book', async () => {
    await visit(['Acme', 'Globex']);
    expect(localStorage.getItem(SNAPSHOT_KEY)).toContain('Acme');
    const live = deferred<PortfolioView>();
    answers.book = () => live.promise;
    open();
    const snapshot = await screen.findByTestId('book-snapshot');
    expect(within(snapshot).getByTestId('snapshot-note').textContent).toMatch(/^Last seen .+, updating…/);
    expect(snapshot.getAttribute('aria-busy')).toBe('true');
    // The table's semantics as the live one's; the handover buttons and count chips are disabled.
    const table = within(snapshot).getByRole('table');
    expect(table.getAttribute('aria-rowcount')).toBe('3');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByRole('link', { name: 'Acme' }).getAttribute('href')).toBe('https://app.hubspot.com/contacts/1/company/0');
    for (const b of within(snapshot).getAllByRole('button')) expect((b as HTMLButtonElement).disabled).toBe(true);

    live.resolve(book(['Acme', 'Globex', 'Initech']));
    await screen.findByRole('link', { name: 'Initech' });
    expect(screen.queryByTestId('book-snapshot')).toBeNull();
    expect(screen.queryByText(/Last seen/)).toBeNull();
    expect(screen.getByRole('button', { name: /Acme/ }).hasAttribute('disabled')).toBe(false);
  });

  test('a name that is markup is painted as text, by the boot script too', async () => {
    const hostile = '<img src=x onerror="window.__owned=1">Acme <b>株式会社</b>';
    await visit([hostile]);
    answers.book = () => new Promise(() => {});
    open();
    const snapshot = await screen.findByTestId('book-snapshot');
    expect(within(snapshot).getByRole('link').textContent).toBe(hostile);
    expect(snapshot.querySelector('img, b')).toBeNull();
    expect((window as { __owned?: number }).__owned).toBeUndefined();
  });

  test('in Japanese, marked in Japanese', async () => {
    answers.settings = { locale: 'ja' };
    await visit(['株式会社サンプル']);
    answers.book = () => new Promise(() => {});
    open();
    expect((await screen.findByTestId('snapshot-note')).textContent).toMatch(/時点の表示です。最新の情報に更新しています/);
    expect(screen.getByRole('link', { name: '株式会社サンプル' })).toBeTruthy();
  });

  test.each([
    ['another language', () => (answers.settings = { locale: 'ja' })],
    ['another pack version', () => (answers.pack = { ...pack, version: `${pack.version}-next` })],
    ['another pack', () => (answers.pack = { ...pack, id: 'other-pack' })],
    ['another user', () => (answers.settings = { locale: 'en', csmEmail: 'someone.else@example.com' })],
    ['another view', () => localStorage.setItem('sidecar.portfolio.view', JSON.stringify({ filters: { bands: [pack.bands[1]!.id] }, sort: 0 }))],
    ['a snapshot that does not parse', () => localStorage.setItem(SNAPSHOT_KEY, '{"v":1,"rows":"Acme"}')],
  ])('a snapshot taken under %s is not shown', async (_what, change) => {
    await visit(['Acme']);
    change();
    answers.book = () => new Promise(() => {});
    packAnswered = null;
    open();
    await screen.findByText(/Loading the book|取引先を読み込んでいます/);
    // The pack and settings are in (the snapshot's check has what it needs) before we look.
    await vi.waitFor(() => expect(packAnswered).not.toBeNull());
    await act(async () => {
      await packAnswered;
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(screen.getByText(/Loading the book|取引先を読み込んでいます/)).toBeTruthy();
    expect(screen.queryByTestId('book-snapshot')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Acme' })).toBeNull();
  });
});

describe('the last picture before the background answers', () => {
  test('painted before the settings and pack answer, in its own language with its own chips; the live book replaces it', async () => {
    answers.settings = { locale: 'ja' };
    await visit(['株式会社サンプル']);
    let release!: () => void;
    held = { promise: new Promise<void>((r) => (release = r)), resolve: () => release() };
    const live = deferred<PortfolioView>();
    answers.book = () => live.promise;
    open();
    const snapshot = await screen.findByTestId('book-snapshot');
    // Nothing has answered: the settings, the pack and the book are all still pending.
    expect(within(snapshot).getByTestId('snapshot-note').textContent).toMatch(/時点の表示です/);
    expect(within(snapshot).getByRole('link', { name: '株式会社サンプル' })).toBeTruthy();
    expect(within(snapshot).getAllByRole('button').slice(0, pack.bands.length).map((b) => b.textContent)).toEqual(pack.bands.map((b) => expect.stringContaining(b.label.ja)));
    await act(async () => {
      held!.resolve();
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(screen.getByTestId('book-snapshot')).toBeTruthy();
    live.resolve(book(['株式会社サンプル', 'Initech']));
    await screen.findByRole('link', { name: 'Initech' });
    expect(screen.queryByTestId('book-snapshot')).toBeNull();
  });

  test.each([
    ['another user', () => (answers.settings = { locale: 'ja', csmEmail: 'someone.else@example.com' })],
    ['another pack version', () => (answers.pack = { ...pack, version: `${pack.version}-next` })],
    ['another language', () => (answers.settings = { locale: 'en' })],
  ])('painted early, then gone once the answers say %s', async (_what, change) => {
    answers.settings = { locale: 'ja' };
    await visit(['株式会社サンプル']);
    let release!: () => void;
    held = { promise: new Promise<void>((r) => (release = r)), resolve: () => release() };
    answers.book = () => new Promise(() => {});
    change();
    open();
    expect(await screen.findByTestId('book-snapshot')).toBeTruthy();
    await act(async () => {
      held!.resolve();
      await new Promise((r) => setTimeout(r, 10));
    });
    await vi.waitFor(() => expect(screen.queryByTestId('book-snapshot')).toBeNull());
    expect(screen.getByText(/Loading the book|取引先を読み込んでいます/)).toBeTruthy();
  });
});

describe('the live book’s first screenful, before the whole book', () => {
  test('asked before React mounts for the kept view; drawn live with the view’s count, the filters waiting; then the whole book', async () => {
    localStorage.setItem('sidecar.portfolio.view', JSON.stringify({ filters: { bands: [pack.bands[0]!.id] }, sort: 5 }));
    const firsts: FirstScreen[] = [];
    answers.first = (f) => {
      firsts.push(f);
      return Promise.resolve({ ...book(['Acme', 'Globex']), counts: { bands: {}, levels: {}, total: 1200 }, first: { shown: 340 } });
    };
    const whole = deferred<PortfolioView>();
    answers.book = () => whole.promise;
    // A browser with Element Timing: the test says when a row has reached the screen.
    const observers: Array<(list: { getEntries(): Array<{ identifier: string }> }) => void> = [];
    vi.stubGlobal(
      'PerformanceObserver',
      class {
        static readonly supportedEntryTypes = ['element'];
        constructor(private cb: (typeof observers)[number]) {}
        observe() {
          observers.push(this.cb);
        }
        disconnect() {
          observers.splice(observers.indexOf(this.cb), 1);
        }
      },
    );
    onTestFinished(() => void vi.unstubAllGlobals());
    open(true);
    expect(await screen.findByRole('link', { name: 'Acme' })).toBeTruthy();
    // The kept view, its sort by name, a screenful; the whole book asked only once a row of it is on screen.
    expect(firsts).toEqual([{ filters: { bands: [pack.bands[0]!.id] }, by: 'name', dir: 'asc', limit: 30 }]);
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(asked).toEqual(['first']);
    act(() => [...observers].forEach((cb) => cb({ getEntries: () => [{ identifier: 'book-row' }] })));
    await vi.waitFor(() => expect(asked).toEqual(['first', 'whole']));
    expect(screen.getByTestId('book-shown').textContent).toMatch(/340.*1,?200/);
    expect(screen.queryByTestId('book-snapshot')).toBeNull();
    // The filters wait for the whole book (they would filter 2 rows of 340); a row's links work.
    expect(screen.getByRole('searchbox').closest('fieldset')?.disabled).toBe(true);
    expect(screen.getByRole('button', { name: /Acme/ }).hasAttribute('disabled')).toBe(false);
    // No snapshot is taken of a first screenful.
    expect(localStorage.getItem(SNAPSHOT_KEY)).toBeNull();

    whole.resolve(book(['Acme', 'Globex', 'Initech']));
    await screen.findByRole('link', { name: 'Initech' });
    expect(screen.getByRole('searchbox').closest('fieldset')?.disabled).toBe(false);
    // The whole book's picture is taken when the page is idle.
    await vi.waitFor(() => expect(localStorage.getItem(SNAPSHOT_KEY)).toContain('Initech'));
  });

  test('a first screenful that fails (a damaged kept view) costs nothing: the whole book is asked and drawn', async () => {
    answers.first = () => Promise.reject(new Error('bad view'));
    answers.book = () => Promise.resolve(book(['Acme']));
    open(true);
    expect(await screen.findByRole('link', { name: 'Acme' })).toBeTruthy();
    expect(asked).toEqual(['first', 'whole']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('a first screenful with no rows (an empty view) does not wait for a row on screen', async () => {
    // A browser with Element Timing, where no row will ever be reported: waiting would cost the fallback's second.
    vi.stubGlobal('PerformanceObserver', class { static readonly supportedEntryTypes = ['element']; observe() {} disconnect() {} });
    onTestFinished(() => void vi.unstubAllGlobals());
    answers.first = () => Promise.resolve({ ...book([]), first: { shown: 0 } });
    answers.book = () => Promise.resolve(book(['Acme']));
    open(true);
    expect(await screen.findByRole('link', { name: 'Acme' })).toBeTruthy();
    expect(asked).toEqual(['first', 'whole']);
  });
});

describe('the book read again after a load from the CRM', () => {
  afterEach(() => {
    loads.start = () => idle;
    loads.status = () => idle;
  });
  const hubspotLoaded = { crm: 'hubspot' as const, at: '2026-12-06T01:00:00.000Z', count: 1 };
  test.each([
    { name: 'a load that brought no CRM rows (none connected): the whole book is read once', before: [], end: 'done' as const, after: [], reads: 1 },
    { name: 'a load that brought a CRM’s rows: read again, so they join', before: [], end: 'done' as const, after: [hubspotLoaded], reads: 2 },
    { name: 'a load that read the CRM again: read again', before: [hubspotLoaded], end: 'done' as const, after: [{ ...hubspotLoaded, at: '2026-12-06T01:05:00.000Z' }], reads: 2 },
    { name: 'a load that failed, the CRM read before kept: read once', before: [hubspotLoaded], end: 'failed' as const, after: [hubspotLoaded], reads: 1 },
  ])('$name', async ({ before, end, after, reads }) => {
    let statusAsked = 0;
    loads.start = () => ({ ...idle, state: 'running', loaded: before });
    loads.status = () => (statusAsked++, { ...idle, state: end, loaded: after });
    answers.book = () => Promise.resolve(book(['Acme']));
    open();
    expect(await screen.findByRole('link', { name: 'Acme' })).toBeTruthy();
    // The status is asked every 400 ms while the load runs: its end has been seen once it was asked after the start.
    await vi.waitFor(() => expect(statusAsked).toBeGreaterThanOrEqual(2), { timeout: 3_000 });
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(asked).toEqual(Array(reads).fill('whole'));
  });
});

