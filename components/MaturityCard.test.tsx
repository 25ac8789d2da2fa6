// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { maturity, pack } from './fixtures';
import { bareLevelLabel, MaturityCard, type Maturity } from './MaturityCard';
import { renderIn } from './test-utils';

afterEach(cleanup);

describe('MaturityCard', () => {
  test('the ladder shows Lv.1–4 with the current level marked', () => {
    renderIn(<MaturityCard maturity={maturity} levels={pack.levels} />);
    const steps = within(screen.getByRole('list', { name: 'Maturity' })).getAllByRole('listitem');
    expect(steps.map((s) => s.querySelector('.ladder__lv')!.textContent)).toEqual(['Lv.1', 'Lv.2', 'Lv.3', 'Lv.4']);
    const current = steps.find((s) => s.getAttribute('aria-current') === 'step')!;
    expect(current.textContent).toContain('Spreading');
    expect(screen.getByText('Lv.2 Spreading')).toBeTruthy();
  });

  test('criteria met carry ✓ and missing ones say so, for screen readers too', () => {
    const { container } = renderIn(<MaturityCard maturity={maturity} levels={pack.levels} />);
    const met = [...container.querySelectorAll('.crit--met')].map((c) => c.textContent);
    const missing = [...container.querySelectorAll('.crit--missing')].map((c) => c.textContent);
    expect(met).toEqual(expect.arrayContaining(['Met: 3+ departments', 'Met: All departments']));
    expect(missing.some((m) => m?.startsWith('Not yet: Paper sent: zero'))).toBe(true);
  });

  test('what the next level needs', () => {
    renderIn(<MaturityCard maturity={maturity} levels={pack.levels} />);
    const next = screen.getByRole('heading', { name: 'For Lv.3 Company-wide' }).parentElement!;
    expect(within(next).getByText('Paper sent: 12 a month (needs 0)')).toBeTruthy();
  });

  test.each([
    ['top level', { ...maturity, level: 4, levelId: 'ecosystem', next: null } as Maturity, 'At the top level.'],
    ['below the first level', { ...maturity, level: 0, levelId: null, next: { level: 1, id: 'pilot', unmet: [] } } as Maturity, 'Below Lv.1'],
  ])('%s', (_name, m, text) => {
    renderIn(<MaturityCard maturity={m} levels={pack.levels} />);
    expect(screen.getByText(text)).toBeTruthy();
  });

  test('in Japanese', () => {
    renderIn(<MaturityCard maturity={maturity} levels={pack.levels} />, 'ja');
    expect(screen.getByRole('heading', { name: '活用レベル' })).toBeTruthy();
    expect(screen.getByText('Lv.3「全社展開」に必要なこと')).toBeTruthy();
  });
});

describe('level names', () => {
  test.each([
    ['Lv.2 複数部門展開', '複数部門展開'],
    ['Lv 3: Company-wide', 'Company-wide'],
    ['Pilot', 'Pilot'],
    ['Lv.4', 'Lv.4'],
  ])('%s → %s', (label, bare) => {
    expect(bareLevelLabel(label)).toBe(bare);
  });
});
