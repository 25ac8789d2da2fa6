import { describe, expect, test } from 'vitest';
import { compilePack } from './compile.ts';
import { defaultConfigPack } from './default-pack/index.ts';
import { evaluateAccount } from './evaluate.ts';
import { computeNextAction } from './playbook.ts';
import { account, HEALTHY, iso, NOW } from './test-support.ts';

const pack = defaultConfigPack('ja');
const c = compilePack(pack);
const none: never[] = [];
const STAGES = pack.lifecycle.stages.map((s) => s.id);
const BANDS = [...pack.bands.map((b) => b.id), null];

describe('playbook', () => {
  test('has at least 12 actions', () => expect(pack.playbook.length).toBeGreaterThanOrEqual(12));

  // Every stage × band (and "unknown") has some action, for every touch model, at every maturity.
  test.each(STAGES.flatMap((stage) => BANDS.map((band) => [stage, band] as const)))('stage %s × band %s has an action', (stage, band) => {
    for (const touchModel of ['high', 'low', 'tech', 'community'])
      for (const maturity of [0, 1, 2, 3, 4]) {
        const na = computeNextAction(c, { stage, band, touchModel, segment: 'mid', maturity }, none, NOW.getTime());
        expect(na, `${touchModel} Lv.${maturity}`).not.toBeNull();
      }
  });

  test.each([
    ['renewal, red', { stage: 'renewal', band: 'red', touchModel: 'high', segment: 'enterprise', maturity: 2 }, 'renewal-red'],
    ['renewal, green', { stage: 'renewal', band: 'green', touchModel: 'low', segment: 'mid', maturity: 2 }, 'renewal-green'],
    ['adoption, red, tech', { stage: 'adoption', band: 'red', touchModel: 'tech', segment: 'smb', maturity: 1 }, 'adoption-red-tech'],
    ['adoption, red, high', { stage: 'adoption', band: 'red', touchModel: 'high', segment: 'enterprise', maturity: 1 }, 'adoption-red-high'],
    ['adoption, green, Lv.1', { stage: 'adoption', band: 'green', touchModel: 'low', segment: 'mid', maturity: 1 }, 'adoption-more-departments'],
    ['adoption, green, Lv.2', { stage: 'adoption', band: 'green', touchModel: 'low', segment: 'mid', maturity: 2 }, 'adoption-company-wide'],
    ['onboarding, Lv.0', { stage: 'onboarding', band: 'green', touchModel: 'high', segment: 'enterprise', maturity: 0 }, 'onboarding-kickoff'],
    ['onboarding, red', { stage: 'onboarding', band: 'red', touchModel: 'high', segment: 'enterprise', maturity: 0 }, 'onboarding-stalled'],
    ['expansion, green', { stage: 'expansion', band: 'green', touchModel: 'low', segment: 'mid', maturity: 3 }, 'expansion-upsell'],
    ['insufficient data', { stage: 'adoption', band: null, touchModel: 'low', segment: 'mid', maturity: 1 }, 'insufficient-data'],
  ])('%s → %s', (_n, situation, ruleId) => {
    expect(computeNextAction(c, situation, none, NOW.getTime())!.best.ruleId).toBe(ruleId);
  });

  test('a signal condition names the value it matched, with a runner-up', () => {
    const na = evaluateAccount(pack, account({ ...HEALTHY, nps: 5 }), NOW).nextAction!;
    expect(na.best.ruleId).toBe('nps-detractor');
    expect(na.best.reason.text.ja).toBe('NPS ≤ 6（現在: 5（批判者））');
    expect(na.best.reason.text.en).toBe('NPS ≤ 6 (now: 5 (detractor))');
    expect(na.runnerUp).not.toBeNull();
    expect(na.best.dueDate).toBe(iso(3));
  });

  test('ranking: priority, then specificity, then pack order', () => {
    const na = computeNextAction(c, { stage: 'renewal', band: 'yellow', touchModel: 'low', segment: 'mid', maturity: 2 }, none, NOW.getTime())!;
    expect(na.best.ruleId).toBe('renewal-yellow');
    expect(na.runnerUp).toBeNull();
  });
});
