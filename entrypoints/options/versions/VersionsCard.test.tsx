// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ImpactView, PackVersion } from '../../../lib/messages/console';
import { answer, renderOptions, requests } from '../test-helpers';
import { ImpactReview } from '../impact/ImpactReview';
import { VersionsCard } from './VersionsCard';

vi.mock('../../../lib/ui/options-messaging', () => ({ call: vi.fn() }));
afterEach(cleanup);
beforeEach(() => vi.clearAllMocks());

const v = (n: number, extra: Partial<PackVersion> = {}): PackVersion => ({
  id: `2026-12-0${n}T09:00:00.000Z`,
  n,
  packId: 'acme',
  name: 'ACME map',
  version: `1.${n}.0`,
  installedAt: `2026-12-0${n}T09:00:00.000Z`,
  source: 'editor',
  active: false,
  ...extra,
});
const VERSIONS = [v(3, { active: true, rollbackOf: 1, by: '佐藤 花子', note: 'too harsh' }), v(2, { by: '佐藤 花子' }), v(1, { note: 'first map' })];

describe('VersionsCard', () => {
  test('lists who, when and why; diffs the last change; rolls back in one click', async () => {
    answer({
      'pack.versions': () => ({ versions: VERSIONS, governs: 'local' }),
      'pack.diff': ({ from, to }) => ({ changes: [`${from} → ${to}`, 'Weight of NPS (Enterprise): 15 → 20'] }),
      'pack.rollback': () => ({ ok: true, errors: [] }),
    });
    const user = userEvent.setup();
    renderOptions(<VersionsCard />);
    const rows = await screen.findAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]!.textContent).toMatch(/#3.*In force.*rollback to #1.*佐藤 花子.*too harsh/);
    expect(rows[3]!.textContent).toMatch(/#1.*this browser.*first map/);
    // By default: what the version in force changed from the one before.
    expect(await screen.findByText('Weight of NPS (Enterprise): 15 → 20')).toBeTruthy();
    expect(requests('pack.diff')[0]).toEqual({ from: VERSIONS[1]!.id, to: VERSIONS[0]!.id });
    await user.click(screen.getByRole('button', { name: 'Roll back to #1' }));
    await waitFor(() => expect(requests('pack.rollback')).toEqual([{ id: VERSIONS[2]!.id }]));
    expect(await screen.findByText(/Rolled back: the pack of #1 is in force again/)).toBeTruthy();
  });

  test('under IT policy it says so, in Japanese, and rollback is off', async () => {
    answer({ 'pack.versions': () => ({ versions: VERSIONS, governs: 'policy-url' }), 'pack.diff': () => ({ changes: [] }) });
    renderOptions(<VersionsCard />, 'ja');
    expect((await screen.findByTestId('versions-governed')).textContent).toMatch(/IT ポリシーで配布されているため/);
    for (const b of screen.getAllByRole('button', { name: /に戻す$/ })) expect((b as HTMLButtonElement).disabled).toBe(true);
  });
});

const IMPACT: ImpactView = {
  total: 1350,
  based: 412,
  bandChanged: 3,
  levelChanged: 1,
  actionChanged: 2,
  moves: [{ from: 'yellow', to: 'red', count: 3 }],
  bands: { red: { label: { ja: '赤（リスク）', en: 'Red (at risk)' }, rank: 0, color: '#d93025' }, yellow: { label: { ja: '黄（注意）', en: 'Yellow (watch)' }, rank: 1 } },
  against: { name: 'ACME map', version: '1.2.0' },
  accounts: [
    { key: 'a', name: 'A 社', before: { score: 45, band: 'yellow', level: 2, action: null }, after: { score: 38, band: 'red', level: 2, action: null }, band: true, level: false, action: false, driver: { kind: 'measure', signalId: 'nps', label: { ja: 'NPS', en: 'NPS' }, before: -7.5, after: -27.03 } },
    { key: 'b', name: 'B 社', before: { score: 41, band: 'yellow', level: 2, action: null }, after: { score: 41, band: 'red', level: 2, action: null }, band: true, level: false, action: false, driver: { kind: 'bounds', scoreBefore: 41, scoreAfter: 41 } },
    { key: 'c', name: 'C 社', before: { score: 80, band: 'yellow', level: 2, action: null }, after: { score: 80, band: 'yellow', level: 1, action: null }, band: false, level: true, action: false, driver: { kind: 'criterion', level: 2, criterionId: 'forms', label: { ja: '3種類以上の帳票で利用', en: 'Three or more kinds of forms' }, met: false } },
  ],
};

describe('ImpactReview', () => {
  test('counts, moves and each account’s driver in Japanese; the note goes with the install', async () => {
    answer({ 'pack.impact': () => IMPACT });
    const onConfirm = vi.fn();
    const user = userEvent.setup();
    renderOptions(<ImpactReview json="{}" installing={false} onConfirm={onConfirm} onCancel={() => {}} />, 'ja');
    expect((await screen.findByTestId('impact-based')).textContent).toMatch(/このブラウザの 1,350 件のうち、採点に十分なデータがある 412 件に基づいています。/);
    expect(screen.getByTestId('impact-moves').textContent).toBe('3 件が 黄（注意） から 赤（リスク） へ');
    const list = within(screen.getByTestId('impact-list'));
    expect(list.getByText('A 社').closest('tr')!.textContent).toContain('NPS：-7.5 → -27.0 点');
    expect(list.getByText('B 社').closest('tr')!.textContent).toContain('バンドの境界の変更（スコア 41 → 41）');
    expect(list.getByText('C 社').closest('tr')!.textContent).toMatch(/Lv\.2 → Lv\.1.*Lv\.2：「3種類以上の帳票で利用」を満たさなくなります/);
    await user.type(screen.getByLabelText('このバージョンのメモ（任意）'), 'NPS 重視');
    await user.click(screen.getByRole('button', { name: 'このバージョンをインストール' }));
    expect(onConfirm).toHaveBeenCalledWith('NPS 重視');
  });
});

describe('ImpactReview of a draft while policy or a pack URL governs', () => {
  test('shows the impact and offers no install', async () => {
    answer({ 'pack.impact': () => IMPACT });
    const onCancel = vi.fn();
    const user = userEvent.setup();
    renderOptions(<ImpactReview json="{}" installing={false} onConfirm={() => {}} onCancel={onCancel} draftOnly />);
    await screen.findByTestId('impact-based');
    expect(screen.queryByRole('button', { name: 'Install this version' })).toBeNull();
    expect(screen.queryByLabelText('Note for this version (optional)')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onCancel).toHaveBeenCalled();
  });
});
