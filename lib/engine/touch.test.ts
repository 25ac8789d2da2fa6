import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from './default-pack/index.ts';
import { evaluateAccount } from './evaluate.ts';
import { account, NOW } from './test-support.ts';

const LV3 = { departments_using: 5, emails_sent_30d: 5, partners_digital_pct: 5, form_types_used: 3, department_coverage_pct: 100, paper_mail_sent_30d: 0 };

describe('segment and touch model', () => {
  test.each([
    ['ja', 12_000_000, {}, 'enterprise', 'enterprise', 'high'],
    ['ja', 10_000_000, {}, 'enterprise', 'enterprise', 'high'],
    ['ja', 3_000_000, {}, 'mid', 'standard', 'low'],
    ['ja', 500_000, {}, 'smb', 'standard', 'tech'],
    ['ja', 500_000, LV3, 'smb', 'standard', 'community'],
    ['ja', null, {}, 'smb', 'standard', 'tech'],
    ['en', 150_000, {}, 'enterprise', 'enterprise', 'high'],
    ['en', 50_000, {}, 'mid', 'standard', 'low'],
    ['en', 5_000, {}, 'smb', 'standard', 'tech'],
    ['en', 10_000_000, {}, 'enterprise', 'enterprise', 'high'],
  ] as const)('%s pack, ARR %s → %s / %s / %s', (locale, arr, extra, segment, scorecard, touchModel) => {
    const ctx = evaluateAccount(defaultConfigPack(locale), account({ arr, ...extra }), NOW).health.context;
    expect(ctx).toMatchObject({ segment, scorecard, touchModel });
  });
});
