// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { health, pack, record } from './fixtures';
import { RecordHeader } from './RecordHeader';
import { LoadError, NoDataNotice, OfflineNotice, SampleBanner, Skeleton, SyncErrorBanner } from './States';
import { renderIn } from './test-utils';

afterEach(cleanup);

describe('states', () => {
  test('loading: a skeleton announced as busy', () => {
    renderIn(<Skeleton />);
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-busy')).toBe('true');
    expect(status.textContent).toContain('Loading…');
  });

  test.each([
    ['en', 'Sample data', 'Open settings'],
    ['ja', 'サンプルデータ', '設定を開く'],
  ] as const)('first run (%s): labelled sample, with a way to the settings', async (locale, title, action) => {
    const user = userEvent.setup();
    const onOpenSettings = vi.fn();
    renderIn(<SampleBanner onOpenSettings={onOpenSettings} />, locale);
    expect(screen.getByRole('region', { name: title })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: action }));
    expect(onOpenSettings).toHaveBeenCalledOnce();
  });

  test('CRM error: the error, and that the saved data is what is shown', () => {
    renderIn(<SyncErrorBanner error={{ message: 'HubSpot says the token expired (401).' }} savedAt="2026-03-06T08:30:00.000Z" />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Could not update from the CRM');
    expect(alert.textContent).toContain('HubSpot says the token expired (401).');
    expect(alert.textContent).toMatch(/Showing the data saved Mar \d+/);
  });

  test('offline notice', () => {
    renderIn(<OfflineNotice />, 'ja');
    expect(screen.getByRole('status').textContent).toContain('保存済みのデータを表示しています');
  });

  test('load error offers a retry', async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    renderIn(<LoadError message="The background did not answer." onRetry={onRetry} />);
    expect(screen.getByRole('alert').textContent).toContain('Sidecar could not load this record: The background did not answer.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  test('no data: missing inputs by name, in Japanese', () => {
    renderIn(<NoDataNotice health={{ ...health, status: 'insufficient-data', coverage: 0.25, minCoverage: 0.5, missing: ['nps'] }} signals={pack.signals} />, 'ja');
    expect(screen.getByText('ヘルススコアを算出するためのデータが不足しています')).toBeTruthy();
    expect(screen.getByText('必要な入力のうち 25% がそろっています（50% 以上必要です）。')).toBeTruthy();
    expect(screen.getByText('NPS')).toBeTruthy();
  });
});

describe('RecordHeader', () => {
  const props = {
    account: record.account,
    context: health.context,
    pack,
    sources: record.sources,
    asOf: record.asOf!,
    refreshing: false,
    onRefresh: vi.fn(),
    offline: false,
  };

  test('company, segment, touch model, stage, owner, sources and as-of', () => {
    renderIn(<RecordHeader {...props} />);
    expect(screen.getByTestId('record-id').textContent).toBe('株式会社サンプル商事');
    for (const [term, value] of [
      ['Segment', 'Enterprise'],
      ['Touch model', 'High touch'],
      ['Stage', 'Adoption'],
      ['Owner', '山田 花子'],
    ] as Array<[string, string]>) {
      expect(screen.getByText(term).nextElementSibling!.textContent).toBe(value);
    }
    expect(screen.getByRole('list', { name: 'Sources' }).textContent).toBe('HubSpotCSV');
    expect(screen.getByText(/^As of /)).toBeTruthy();
  });

  test('in Japanese', () => {
    renderIn(<RecordHeader {...props} />, 'ja');
    expect(screen.getByText('セグメント').nextElementSibling!.textContent).toBe('エンタープライズ');
    expect(screen.getByTestId('as-of').textContent).toMatch(/時点 \(.+前|時点 \(昨日|時点 \(.+\)$/);
  });

  test('refresh calls back, and is off while refreshing or offline', async () => {
    const user = userEvent.setup();
    const onRefresh = vi.fn();
    const { rerender } = renderIn(<RecordHeader {...props} onRefresh={onRefresh} />);
    await user.click(screen.getByRole('button', { name: 'Refresh from the CRM' }));
    expect(onRefresh).toHaveBeenCalledOnce();
    rerender(<RecordHeader {...props} refreshing />);
    expect((screen.getByRole('button', { name: 'Updating…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  test('offline shows a badge', () => {
    renderIn(<RecordHeader {...props} offline />);
    expect(screen.getByText('Offline')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Refresh from the CRM' }) as HTMLButtonElement).disabled).toBe(true);
  });

  test("the name carries the record's element-timing identifier, so Chromium reports when it is on screen", () => {
    renderIn(<RecordHeader {...props} />);
    expect(screen.getByTestId('record-id').getAttribute('elementtiming')).toBe(`record ${record.account.key}`);
  });

  test('missing facts say "Not set"', () => {
    renderIn(<RecordHeader {...props} account={{ ...record.account, owner: undefined, name: undefined }} context={null} />);
    expect(screen.getByTestId('record-id').textContent).toBe('Unnamed company');
    expect(screen.getAllByText('Not set').length).toBeGreaterThanOrEqual(3);
  });
});
