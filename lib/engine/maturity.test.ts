import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from './default-pack/index.ts';
import { evaluateAccount } from './evaluate.ts';
import { account, NOW } from './test-support.ts';

const LV1 = { departments_using: 1, emails_sent_30d: 5, partners_digital_pct: 5 };
const LV2 = { ...LV1, departments_using: 3, form_types_used: 3 };
const LV3 = { ...LV2, department_coverage_pct: 100, paper_mail_sent_30d: 0 };
const LV4 = { ...LV3, partners_digital_pct: 90, paper_mail_received_30d: 0, promotion: 5 };

describe.each(['ja', 'en'] as const)('maturity (%s pack)', (locale) => {
  const pack = defaultConfigPack(locale);
  test.each([
    ['nothing', {}, 0, 'pilot'],
    ['Lv.1', LV1, 1, 'departments'],
    ['Lv.2', LV2, 2, 'company-wide'],
    ['Lv.3', LV3, 3, 'ecosystem'],
    ['Lv.4', LV4, 4, null],
    // Higher criteria met without the lower ones do not count.
    ['Lv.3 criteria without Lv.2', { ...LV1, department_coverage_pct: 100, paper_mail_sent_30d: 0 }, 1, 'departments'],
    ['Lv.4 criteria, no sending', { ...LV4, emails_sent_30d: 0 }, 0, 'pilot'],
  ])('%s → level %i, next %s', (_n, values, level, next) => {
    const m = evaluateAccount(pack, account(values), NOW).maturity;
    expect(m.level).toBe(level);
    expect(m.next?.id ?? null).toBe(next);
    expect(m.levels).toHaveLength(4);
  });

  test('the next level lists what is unmet, with the current value', () => {
    const m = evaluateAccount(pack, account({ ...LV1, departments_using: 2 }), NOW).maturity;
    expect(m.next!.unmet.map((u) => u.id)).toEqual(['several-forms']);
    expect(m.next!.unmet[0]!.text.ja).toContain('現在: 未入力');
    expect(m.levels[1]!.criteria.map((c) => [c.id, c.met])).toEqual([['several-departments', true], ['several-forms', false]]);
  });
});
