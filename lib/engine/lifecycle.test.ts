import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from './default-pack/index.ts';
import { evaluateAccount } from './evaluate.ts';
import { account, iso, NOW } from './test-support.ts';

const LV3 = { departments_using: 5, emails_sent_30d: 5, partners_digital_pct: 5, form_types_used: 3, department_coverage_pct: 100, paper_mail_sent_30d: 0 };

describe('lifecycle stage', () => {
  const pack = defaultConfigPack('ja');
  test.each([
    ['new contract', { contract_start_date: iso(-10), renewal_date: iso(355) }, 'onboarding'],
    ['day 60', { contract_start_date: iso(-60), renewal_date: iso(305) }, 'implementation'],
    ['day 200', { contract_start_date: iso(-200), renewal_date: iso(165) }, 'adoption'],
    ['91 days to renewal', { contract_start_date: iso(-274), renewal_date: iso(91) }, 'adoption'],
    ['90 days to renewal', { contract_start_date: iso(-275), renewal_date: iso(90) }, 'renewal'],
    ['renewal date passed', { contract_start_date: iso(-400), renewal_date: iso(-5) }, 'renewal'],
    ['Lv.3, mid-term', { ...LV3, contract_start_date: iso(-200), renewal_date: iso(165) }, 'expansion'],
    ['Lv.3 near renewal', { ...LV3, contract_start_date: iso(-300), renewal_date: iso(30) }, 'renewal'],
    ['no dates at all', {}, 'adoption'],
  ])('%s → %s', (_n, values, stage) => {
    expect(evaluateAccount(pack, account(values), NOW).health.context.stage).toBe(stage);
  });

  test.each([
    ['expansion', 'expansion'],
    ['not-a-stage', 'onboarding'],
  ])('a stage set on the account (%s) wins when it exists', (forced, stage) => {
    const a = account({ contract_start_date: iso(-10) });
    a.attributes = { stage: forced };
    expect(evaluateAccount(pack, a, NOW).health.context.stage).toBe(stage);
  });
});
