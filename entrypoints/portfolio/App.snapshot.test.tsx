// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { pack } from '../../components/fixtures';
import '../../components/test-utils';
import type { PortfolioView } from '../../lib/messages/portfolio';
import { SNAPSHOT_KEY } from '../../lib/ui/portfolio-snapshot';
import { App } from './App';

// The background, answered by the test: the book's answer waits until the test lets it go.
const answers: { settings: { locale: 'auto' | 'ja' | 'en'; csmEmail?: string }; pack: typeof pack; book: () => Promise<PortfolioView> } = {
  settings: { locale: 'en' },
  pack,
  book: () => new Promise(() => {}),
};
let packAnswered: Promise<unknown> | null = null;
vi.mock('../../lib/ui/portfolio-messaging', () => ({
  call: (type: string) => {
    if (type === 'settings.get') return Promise.resolve(answers.settings);
    if (type === 'pack.view') return (packAnswered = Promise.resolve(answers.pack));
    if (type === 'portfolio.view') return answers.book();
    if (type === 'portfolio.loadStatus' || type === 'portfolio.load') return Promise.resolve({ state: 'idle', crm: null, read: 0, expected: null, loaded: [], error: null });
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
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function open() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App browserLanguage="en-US" />
    </QueryClientProvider>,
  );
}

/** One visit that draws the live book (and so keeps its snapshot), then closes. */
async function visit(names: string[]) {
  answers.book = () => Promise.resolve(book(names));
  const page = open();
  await screen.findByRole('link', { name: names[0] });
  page.unmount();
}

beforeEach(() => {
  localStorage.clear();
  answers.settings = { locale: 'en' };
  answers.pack = pack;
});
afterEach(cleanup);

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
