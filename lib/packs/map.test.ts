import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/default-pack/index.ts';
import { ANY, packMap, sharesOf100 } from './map.ts';

describe('sharesOf100', () => {
  test.each([
    [[20, 10, 10, 5, 10, 5, 15, 10, 10, 5], [20, 10, 10, 5, 10, 5, 15, 10, 10, 5]],
    [[1, 1, 1], [34, 33, 33]],
    [[2, 1], [67, 33]],
    [[0, 0], [0, 0]],
    [[5], [100]],
  ])('%j → %j', (weights, shares) => {
    expect(sharesOf100(weights)).toEqual(shares);
    if (weights.some((w) => w > 0)) expect(shares.reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('packMap of the default pack', () => {
  const en = packMap(defaultConfigPack('en'), 'en');
  const ja = packMap(defaultConfigPack('ja'), 'ja');

  test('the maturity curve Lv.1–4 with each level’s criteria in words', () => {
    expect(en.levels.map((l) => l.label)).toEqual(['Lv.1 Pilot', 'Lv.2 Several departments', 'Lv.3 Company-wide', 'Lv.4 Partners digital too']);
    expect(en.levels[2]!.criteria).toContainEqual({ label: 'No paper mail sent', condition: 'Paper mail sent (30d) ≤ 0' });
    expect(ja.levels[0]!.label).toBe('Lv.1 試験導入');
  });

  test('signals grouped by kind, each scorecard’s shares adding up to 100', () => {
    expect(en.signals.map((g) => g.kind)).toEqual(['usage', 'support', 'touch']);
    expect(en.signals.find((g) => g.kind === 'support')!.items.map((i) => i.id)).toEqual(['open_tickets', 'help_page_views_30d']);
    expect(en.signals.find((g) => g.kind === 'touch')!.items.map((i) => i.id)).toEqual(['promotion', 'relationship', 'sentiment']);
    for (let c = 0; c < en.scorecards.length; c++) {
      expect(en.signals.flatMap((g) => g.items).reduce((n, i) => n + (i.shares[c] ?? 0), 0)).toBe(100);
    }
    // The standard scorecard does not score the relationship rating.
    const rel = en.signals.find((g) => g.kind === 'touch')!.items.find((i) => i.id === 'relationship')!;
    expect(rel.shares).toEqual([10, null]);
    expect(rel.critical).toEqual([true, false]);
  });

  test('touch models with who gets each; stages with owners', () => {
    expect(en.touch.map((t) => [t.id, t.who, t.isDefault])).toEqual([
      ['high', ['Enterprise'], false],
      ['low', ['Mid-market'], false],
      ['tech', [], true],
      ['community', ['SMB, Lv.3+'], false],
    ]);
    expect(ja.stages.map((s) => `${s.label}:${s.owner}`)).toEqual(['オンボーディング:営業', '導入支援:導入コンサルタント', '活用促進:カスタマーサクセス', '更新:カスタマーサクセス', 'アップセル・クロスセル:営業']);
  });

  test('every playbook action is placed where it fires, and only there', () => {
    const pack = defaultConfigPack('en');
    for (const r of pack.playbook) {
      const cells = Object.entries(en.playbook.cells).filter(([, list]) => list.some((a) => a.id === r.id)).map(([k]) => k);
      const want = (r.when.stages?.length ? r.when.stages : [ANY]).flatMap((s) => (r.when.bands?.length ? r.when.bands : [ANY]).map((b) => `${s}|${b}`));
      expect(cells.sort()).toEqual(want.sort());
    }
    expect(en.playbook.columns.map((c) => c.id).slice(0, 3)).toEqual(['green', 'yellow', 'red']);
  });
});
