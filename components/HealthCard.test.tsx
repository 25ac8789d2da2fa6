// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { health, pack, record, trend } from './fixtures';
import { HealthCard, type Health } from './HealthCard';
import { renderIn } from './test-utils';

afterEach(cleanup);

function renderCard(h: Health | null, extra: Partial<Parameters<typeof HealthCard>[0]> = {}, locale: 'en' | 'ja' = 'en') {
  const onSetOverride = vi.fn(async () => {});
  const onClearOverride = vi.fn();
  const utils = renderIn(<HealthCard health={h} trend={trend} pack={pack} onSetOverride={onSetOverride} onClearOverride={onClearOverride} {...extra} />, locale);
  return { ...utils, onSetOverride, onClearOverride };
}

describe('HealthCard', () => {
  test.each([
    ['healthy', 82, 'Healthy', 'good'],
    ['watch', 55, 'Watch', 'fair'],
    ['at-risk', 21, 'At risk', 'poor'],
  ] as const)('band %s is shown as words as well as colour', (band, score, label, tone) => {
    const { container } = renderCard({ ...health, band, computedBand: band, score });
    expect(screen.getByText(String(score))).toBeTruthy();
    const badge = container.querySelector(`.band[data-band="${band}"]`)!;
    expect(badge.textContent).toBe(label);
    expect(badge.className).toContain(`band--${tone}`);
  });

  test('the band label follows the locale', () => {
    renderCard(health, {}, 'ja');
    expect(screen.getByText('良好')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'ヘルス' })).toBeTruthy();
  });

  test('shows the top three drivers each way, with signed points', () => {
    renderCard(health);
    const up = screen.getByRole('heading', { name: /Lifting the score/ }).parentElement!;
    expect(within(up).getAllByRole('listitem')).toHaveLength(3);
    expect(within(up).getByText('120 active users, well above target')).toBeTruthy();
    expect(within(up).getByText('+12.5 pts')).toBeTruthy();
    expect(within(up).queryByText('Fourth driver')).toBeNull();
    const down = screen.getByRole('heading', { name: /Pulling it down/ }).parentElement!;
    expect(within(down).getByText('−8 pts')).toBeTruthy();
  });

  test('flags stale inputs with their age', () => {
    renderCard(health);
    const stale = screen.getByRole('group', { name: /Out-of-date inputs/ });
    expect(within(stale).getByText('NPS')).toBeTruthy();
    expect(within(stale).getByText('120 days old (limit 90)')).toBeTruthy();
  });

  test('a driver from a teammate’s rating names who rated and when; the team’s ratings are listed, a stale one marked', () => {
    const now = Date.now();
    const daysAgo = (d: number) => new Date(now - d * 86_400_000).toISOString();
    const ratings = {
      advocacy: { value: 4, mode: 'latest' as const, raters: [{ name: '佐藤 花子', own: false, value: 4, at: daysAgo(3), stale: false }] },
      relationship: { value: 2, mode: 'latest' as const, raters: [{ own: true, value: 2, at: daysAgo(100), stale: true }] },
    };
    renderCard(health, { ratings }, 'ja');
    const up = screen.getByRole('heading', { name: /スコアを押し上げている要因/ }).parentElement!;
    const driver = within(up).getByText('社内推進度が高い').closest('li')!;
    expect(driver.textContent).toContain('— 佐藤 花子、3 日前');
    const team = screen.getByRole('group', { name: 'チームの評価' });
    expect(within(team).getByTestId('team-rating-advocacy').textContent).toMatch(/社内推進度\s*4— 佐藤 花子、3 日前/);
    expect(within(team).getByTestId('team-rating-relationship').textContent).toMatch(/— あなた、\d+ (日|か月)前（古い評価）/);
  });

  test('a pack’s mean of N days lists each rater with their rating; none in the window says so', () => {
    const at = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const ratings = {
      advocacy: { value: 3.5, mode: 'mean' as const, days: 30, raters: [{ name: 'Hana Sato', own: false, value: 4, at, stale: false }, { own: true, value: 3, at, stale: false }] },
      relationship: { value: 5, mode: 'mean' as const, days: 30, outsideWindow: true, raters: [{ name: 'Ichiro Tanaka', own: false, value: 5, at: '2026-01-01T00:00:00Z', stale: true }] },
    };
    renderCard(health, { ratings });
    expect(screen.getByTestId('team-rating-advocacy').textContent).toContain('— mean of 2 in the last 30 days: Hana Sato 4, you 3');
    expect(screen.getByTestId('team-rating-relationship').textContent).toMatch(/— none in the last 30 days; the latest: Ichiro Tanaka, .+ ago \(out of date\)/);
  });

  test('without team ratings there is no team list', () => {
    renderCard(health);
    expect(screen.queryByRole('group', { name: 'The team’s ratings' })).toBeNull();
  });

  test('says what changed since the last look', () => {
    renderCard(health);
    expect(screen.getByText(/Score 65 → 72/)).toBeTruthy();
    expect(screen.getByText('Band Watch → Healthy')).toBeTruthy();
    expect(screen.getByText('+5 pts')).toBeTruthy();
  });

  test.each<[string, Health['changes'], string]>([
    ['no baseline yet', null, 'First visit: changes show from your next visit.'],
    ['nothing moved', { previousScore: 72, scoreDelta: 0, previousBand: 'healthy', bandChanged: false, scorecardChanged: false, measures: [] }, 'No change since your last visit.'],
  ])('changes: %s', (_name, changes, text) => {
    renderCard({ ...health, changes });
    expect(screen.getByText(text)).toBeTruthy();
  });

  test('an active override shows both the overridden and the computed band', () => {
    const { container } = renderCard({
      ...health,
      band: 'at-risk',
      computedBand: 'healthy',
      override: { status: 'active', band: 'at-risk', reason: 'Champion left', setAt: '2026-03-01T00:00:00Z', expiresAt: '2026-04-01T00:00:00Z' },
    });
    expect(container.querySelector('.band[data-band="at-risk"]')!.textContent).toBe('At risk');
    expect(container.querySelector('.band--muted[data-band="healthy"]')!.textContent).toBe('Healthy');
    expect(screen.getByText(/Computed:/)).toBeTruthy();
    expect(screen.getByText(/Overridden until/)).toBeTruthy();
    expect(screen.getByText('Reason: Champion left')).toBeTruthy();
  });

  test('a lapsed override is shown as lapsed, and the computed band rules', () => {
    const { container } = renderCard({
      ...health,
      override: { status: 'lapsed', band: 'at-risk', reason: 'Champion left', setAt: '2026-01-01T00:00:00Z', expiresAt: '2026-02-01T00:00:00Z' },
    });
    expect(screen.getByTestId('override').className).toContain('override--lapsed');
    expect(screen.getByText(/Override to At risk lapsed on/)).toBeTruthy();
    expect(container.querySelector('.score__band .band')!.getAttribute('data-band')).toBe('healthy');
  });

  test('setting an override asks for a reason and an expiry, and sends both', async () => {
    const user = userEvent.setup();
    const { onSetOverride } = renderCard(health);
    await user.click(screen.getByRole('button', { name: 'Override band' }));
    const dialog = screen.getByRole('dialog', { name: 'Override the health band' });
    await user.selectOptions(within(dialog).getByLabelText('Band'), 'watch');
    await user.click(within(dialog).getByRole('button', { name: 'Save override' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Give a reason.');
    expect(onSetOverride).not.toHaveBeenCalled();
    await user.type(within(dialog).getByLabelText('Reason'), 'Renewal at risk after re-org');
    const until = new Date(Date.now() + 10 * 86_400_000);
    const day = `${until.getFullYear()}-${String(until.getMonth() + 1).padStart(2, '0')}-${String(until.getDate()).padStart(2, '0')}`;
    fireEvent.change(within(dialog).getByLabelText('Until'), { target: { value: day } });
    await user.click(within(dialog).getByRole('button', { name: 'Save override' }));
    expect(onSetOverride).toHaveBeenCalledWith({ band: 'watch', reason: 'Renewal at risk after re-org', expiresAt: new Date(`${day}T23:59:59`).toISOString() });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('Escape closes the override dialog and returns focus', async () => {
    const user = userEvent.setup();
    renderCard(health);
    const open = screen.getByRole('button', { name: 'Override band' });
    await user.click(open);
    expect(screen.getByRole('dialog')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);
  });

  test('an override error from the background stays in the dialog', async () => {
    const user = userEvent.setup();
    const onSetOverride = vi.fn(async () => {
      throw new Error('The override must expire in the future.');
    });
    renderCard(health, { onSetOverride });
    await user.click(screen.getByRole('button', { name: 'Override band' }));
    await user.type(screen.getByLabelText('Reason'), 'x');
    await user.click(screen.getByRole('button', { name: 'Save override' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The override must expire in the future.');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  test('removing an override', async () => {
    const user = userEvent.setup();
    const { onClearOverride } = renderCard({ ...health, override: { status: 'active', band: 'watch', reason: 'r', setAt: '2026-03-01T00:00:00Z', expiresAt: '2026-04-01T00:00:00Z' } });
    await user.click(screen.getByRole('button', { name: 'Remove override' }));
    expect(onClearOverride).toHaveBeenCalledOnce();
  });

  test('the trend is an SVG with a cut-off line per band', () => {
    const { container } = renderCard(health);
    const svg = screen.getByRole('img', { name: /Health score over the last 90 days/ });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(container.querySelectorAll('.spark__cut')).toHaveLength(2);
    // Days without a score break the line into separate runs.
    expect(container.querySelector('.spark__line')!.getAttribute('d')!.match(/M/g)!.length).toBeGreaterThan(1);
  });

  test('too short a trend says so instead of drawing', () => {
    renderCard(health, { trend: record.trend.slice(0, 1) });
    expect(screen.getByText('The trend appears once Sidecar has a few days of scores.')).toBeTruthy();
  });

  test('insufficient data: says what is missing and how to get it', () => {
    renderCard({ ...health, status: 'insufficient-data', score: null, band: null, computedBand: null, coverage: 0.3, minCoverage: 0.6, missing: ['activeUsers', 'nps'] });
    expect(screen.getByText('Not enough data for a health score')).toBeTruthy();
    expect(screen.getByText('Sidecar has 30% of the inputs it needs; it needs at least 60%.')).toBeTruthy();
    expect(screen.getByText('Active users')).toBeTruthy();
    expect(screen.getByText(/Connect your CRM or import a CSV/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Override band' })).toBeNull();
  });

  test('no evaluation at all', () => {
    renderCard(null);
    expect(screen.getByText('Sidecar has no data for this record yet.')).toBeTruthy();
  });

  describe('the CRM’s published score', () => {
    const published = { score: 62, band: 'watch', level: 2, packId: 'sidecar-default', packVersion: '6', asOf: '2026-12-04T03:00:00.000Z', differs: true, stale: false };
    test.each([
      [{ differs: true, stale: false }, 'en', /^CRM: 62 · v6 · .*2026/, false],
      [{ differs: true, stale: false }, 'ja', /^CRM：62 · v6 · 2026/, false],
      [{ differs: false, stale: true }, 'en', /^CRM: 62 · v6 · .* published over 48 hours ago$/, true],
      [{ differs: false, stale: true }, 'ja', /公開から 48 時間以上経過$/, true],
    ] as const)('%j in %s', (flags, locale, text, stale) => {
      renderCard(health, { published: { ...published, ...flags } }, locale);
      const line = screen.getByTestId('published-score');
      expect(line.textContent).toMatch(text);
      expect(line.classList.contains('published--stale')).toBe(stale);
    });
    test('the same score, fresh: nothing beside the live one', () => {
      renderCard(health, { published: { ...published, differs: false, stale: false } });
      expect(screen.queryByTestId('published-score')).toBeNull();
    });
    test('no live score (not enough data): the published one is still shown', () => {
      renderCard({ ...health, status: 'insufficient-data', score: null }, { published });
      expect(screen.getByTestId('published-score').textContent).toMatch(/^CRM: 62/);
    });
  });
});
