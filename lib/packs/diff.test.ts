import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/default-pack/index.ts';
import { parseConfigPack } from '../engine/parse.ts';
import type { ConfigPack } from '../engine/types.ts';
import { describeDiff, diffPacks } from './diff.ts';

/** The default Japanese pack with one edit applied; parsed again, as an install would. */
function edited(edit: (p: ConfigPack) => void): ConfigPack {
  const p = defaultConfigPack('ja');
  edit(p);
  const parsed = parseConfigPack(p);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.pack;
}
const base = edited(() => {});
const measure = (p: ConfigPack, card: string, signal: string) => p.scorecards.find((c) => c.id === card)!.measures.find((m) => m.signal === signal)!;
const level = (p: ConfigPack, n: number) => p.maturity.levels.find((l) => l.level === n)!;

describe('diffPacks in words', () => {
  test.each<[string, (p: ConfigPack) => void, string[], string[]]>([
    ['nothing changed', () => {}, [], []],
    [
      'a weight',
      (p) => void (measure(p, 'enterprise', 'nps').weight = 20),
      ['NPS（エンタープライズ）の重み：15 → 20'],
      ['Weight of NPS (Enterprise): 15 → 20'],
    ],
    [
      'a Lv.3 criterion added',
      (p) => level(p, 3).criteria.push({ id: 'no-paper-in-3', label: { ja: '紙の受取が5件以下', en: 'At most 5 paper mails received' }, condition: { signal: 'paper_mail_received_30d', op: '<=', value: 5 } }),
      ['Lv.3 の基準を追加：紙の受取が5件以下（紙の受取数（30日） ≤ 5）'],
      ['Lv.3 criterion added: At most 5 paper mails received (Paper mail received (30d) ≤ 5)'],
    ],
    [
      'a criterion threshold',
      (p) => void (level(p, 4).criteria.find((c) => c.id === 'partners-digital')!.condition.value = 90),
      ['Lv.4 の基準 取引先の80%以上が電子化：電子化済み取引先の割合 ≥ 80 → 電子化済み取引先の割合 ≥ 90'],
      ['Lv.4 criterion 80% or more of partners are digital: Partners gone digital ≥ 80 → Partners gone digital ≥ 90'],
    ],
    [
      'a criterion removed, and the version',
      (p) => {
        level(p, 1).criteria.pop();
        p.version = '1.1.0';
      },
      ['バージョン：1.0.0 → 1.1.0', 'Lv.1 の基準を削除：パイロット取引先が電子化済み'],
      ['Version: 1.0.0 → 1.1.0', 'Lv.1 criterion removed: Pilot partners have gone digital'],
    ],
    [
      'a measure removed and one made critical',
      (p) => {
        const card = p.scorecards.find((c) => c.id === 'standard')!;
        card.measures = card.measures.filter((m) => m.signal !== 'sentiment');
        measure(p, 'standard', 'nps').critical = true;
      },
      ['NPS（スタンダード）を重要指標に設定', 'スタンダード から指標を削除：お客様の温度感（重み 5）'],
      ['NPS (Standard) is now critical', 'Measure removed from Standard: Customer sentiment (weight 5)'],
    ],
    [
      'a band bound and a stage owner',
      (p) => {
        p.bands.find((b) => b.id === 'green')!.min = 75;
        p.lifecycle.stages.find((s) => s.id === 'onboarding')!.owner = 'csm';
      },
      ['緑（良好） の下限：70 → 75', 'オンボーディング の担当：営業 → カスタマーサクセス'],
      ['Lower bound of Green (healthy): 70 → 75', 'Owner of Onboarding: Sales → CSM'],
    ],
    [
      'who gets a touch model',
      (p) => void (p.touch.assign.find((a) => a.touchModel === 'community')!.minMaturity = 4),
      ['コミュニティタッチ の対象：SMB、Lv.3 以上 → SMB、Lv.4 以上'],
      ['Who gets Community touch: SMB, Lv.3+ → SMB, Lv.4+'],
    ],
    [
      'a playbook action: due date and priority',
      (p) => {
        const r = p.playbook.find((x) => x.id === 'onboarding-kickoff')!;
        r.action.dueInDays = 3;
        r.action.priority = 'urgent';
      },
      ['「キックオフ会議を実施する」の期限：5 → 3 日', '「キックオフ会議を実施する」の優先度：高 → 緊急'],
      ['Due date of "Hold the kickoff meeting": 5 → 3 days', 'Priority of "Hold the kickoff meeting": high → urgent'],
    ],
    [
      'a signal added, a template removed',
      (p) => {
        p.signals.push({ id: 'logins_7d', type: 'number', higherIsBetter: true, category: 'quantitative', source: { kind: 'csv', column: 'logins_7d' }, label: { ja: 'ログイン数（7日）', en: 'Logins (7d)' } });
        const gone = p.templates.pop()!;
        for (const r of p.playbook) r.action.templateIds = r.action.templateIds.filter((id) => id !== gone.id);
      },
      ['シグナルを追加：ログイン数（7日）'],
      ['Signal added: Logins (7d)'],
    ],
  ])('%s', (_name, edit, ja, en) => {
    const after = edited(edit);
    const changes = diffPacks(base, after);
    // Some edits bring side changes (a template removed also changes the actions that used it): the words listed come first or are among them.
    for (const line of ja) expect(describeDiff(changes, 'ja')).toContain(line);
    for (const line of en) expect(describeDiff(changes, 'en')).toContain(line);
    if (ja.length === 0) expect(changes).toEqual([]);
  });

  test('a template removed is named, with the actions that lost it', () => {
    const after = edited((p) => {
      const gone = p.templates.find((t) => t.id === 'kickoff-email')!;
      p.templates = p.templates.filter((t) => t !== gone);
      for (const r of p.playbook) r.action.templateIds = r.action.templateIds.filter((id) => id !== gone.id);
    });
    const en = describeDiff(diffPacks(base, after), 'en');
    expect(en).toContain('Templates of "Hold the kickoff meeting" changed');
    expect(en.some((l) => l.startsWith('Template removed: '))).toBe(true);
  });

  test('the diff runs both ways: what one side adds the other removes', () => {
    const after = edited((p) => void (measure(p, 'enterprise', 'nps').weight = 20));
    expect(describeDiff(diffPacks(after, base), 'en')).toEqual(['Weight of NPS (Enterprise): 20 → 15']);
  });

  test('the ja and en default packs differ only in what they are: id, name, default language, currency segments and ARR unit', () => {
    const ja = defaultConfigPack('ja');
    const en = defaultConfigPack('en');
    const keys = diffPacks(ja, en).map((c) => c.key);
    expect(new Set(keys)).toEqual(new Set(['pack.name', 'pack.id', 'locale.default', 'signal.changed', 'segment.when']));
  });
});
