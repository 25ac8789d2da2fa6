// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { SidecarDb } from '../../lib/db/schema';
import type { Settings } from '../../lib/messages/protocol';
import { optionsEn } from '../../lib/i18n/options-en';
import { optionsJa } from '../../lib/i18n/options-ja';
import { answer, renderOptions, requests } from './test-helpers';
import { OptionsPage } from './OptionsPage';

vi.mock('../../lib/ui/options-messaging', () => ({ call: vi.fn() }));

let settings: Settings;
const db = new SidecarDb(`options-page-${crypto.randomUUID()}`);

beforeEach(() => {
  vi.clearAllMocks();
  location.hash = '';
  settings = { locale: 'auto' };
  answer({
    'settings.get': () => settings,
    'settings.set': (next) => (settings = next),
    'connections.status': () => ({ hubspot: { connected: false }, salesforce: { connected: false, mode: 'session', noteMode: 'ContentNote' } }),
  });
});
afterEach(cleanup);

describe('options page', () => {
  test('every English key has a Japanese text, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, en] of Object.entries(optionsEn)) {
      const ja = optionsJa[key as keyof typeof optionsEn];
      expect(ja, key).toBeTruthy();
      expect(placeholders(ja), key).toEqual(placeholders(en));
    }
  });

  test('follows the browser language until a language is chosen, then switches at once', async () => {
    const user = userEvent.setup();
    renderOptions(<OptionsPage db={db} browserLanguage="ja-JP" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sidecar の設定' })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('ja'));

    await user.click(screen.getByRole('link', { name: 'プロフィール' }));
    await waitFor(() => expect(screen.getByRole('link', { name: 'プロフィール' }).getAttribute('aria-current')).toBe('page'));
    await user.type(await screen.findByLabelText('お名前'), '佐藤 花子');
    await user.type(screen.getByLabelText('メールアドレス'), 'hanako@example.co.jp');
    await user.type(screen.getByLabelText('会社名'), 'ペーパーレス株式会社');
    await user.selectOptions(screen.getByLabelText('表示言語'), 'en');
    await user.click(screen.getByRole('button', { name: '保存' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sidecar settings' })).toBeTruthy();
    expect(requests('settings.set')).toEqual([{ locale: 'en', csmName: '佐藤 花子', csmEmail: 'hanako@example.co.jp', companyName: 'ペーパーレス株式会社' }]);
    expect(screen.getByText('Saved.')).toBeTruthy();
  });

  test('an email that is not one is pointed out and not saved', async () => {
    location.hash = '#profile';
    const user = userEvent.setup();
    renderOptions(<OptionsPage db={db} browserLanguage="en-US" />);
    await user.type(await screen.findByLabelText('Your email'), 'hanako@');
    expect(screen.getByText(/Enter an email address/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    expect(requests('settings.set')).toHaveLength(0);
  });

  test('the navigation is a list of links with the current one marked', async () => {
    renderOptions(<OptionsPage db={db} browserLanguage="en-US" />);
    const nav = within(await screen.findByRole('navigation', { name: 'Settings sections' }));
    expect(nav.getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual(['#connections', '#profile', '#pack', '#map', '#import', '#publish', '#notes']);
    expect(nav.getByRole('link', { name: 'CRM connections' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByRole('heading', { level: 2, name: 'CRM connections' })).toBeTruthy();
  });
});
