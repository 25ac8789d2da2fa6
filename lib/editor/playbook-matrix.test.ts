import { describe, expect, test } from 'vitest';
import { compilePack } from '../engine/compile';
import { testAll } from '../engine/conditions';
import { defaultConfigPack } from '../engine/default-pack/index';
import { computeNextAction } from '../engine/playbook';
import type { ConfigPack } from '../engine/types';
import { compileDraft, maturityChoices, playbookMatrix } from './playbook-matrix';

const pack = defaultConfigPack('en');
const c = compilePack(pack);

function cell(p: ConfigPack, stage: string, band: string, f: { maturity: number; touchModel: string; segment: string }) {
  const m = playbookMatrix(compilePack(p), f);
  return m.rows[m.stages.indexOf(stage)]![m.bands.indexOf(band)]!;
}

test('rows are the stages, columns the bands worst first and then unknown', () => {
  const m = playbookMatrix(c, { maturity: 1, touchModel: pack.touch.default, segment: 'smb' });
  expect(m.stages).toEqual(pack.lifecycle.stages.map((s) => s.id));
  expect(m.bands).toEqual(['red', 'yellow', 'green', 'unknown']);
  expect(m.rows.every((r) => r.length === 4)).toBe(true);
});

// A small pack where each reason shows once.
const small: ConfigPack = structuredClone(pack);
const action = (priority: 'urgent' | 'high' | 'normal' | 'low') => ({ title: { en: 't' }, why: { en: 'w' }, ownerRole: 'csm', dueInDays: 1, priority, templateIds: [] });
small.playbook = [
  { id: 'base', when: {}, action: action('normal') },
  { id: 'adopt', when: { stages: ['adoption'] }, action: action('normal') },
  { id: 'adopt-red', when: { stages: ['adoption'], bands: ['red'] }, action: action('normal') },
  { id: 'detractor', when: { signals: [{ signal: 'nps', op: '<=', value: 6 }] }, action: action('urgent') },
  { id: 'base-2', when: {}, action: action('normal') },
  { id: 'lv0', when: { maturity: { max: 0 } }, action: action('high') },
];
const F = { maturity: 2, touchModel: pack.touch.default, segment: 'smb' };

describe('each cell: the winning rule, what it depends on, and why', () => {
  test.each([
    // stage, band, filters, steps (ruleId?conditional), why
    ['adoption', 'red', F, ['detractor?', 'adopt-red'], { over: 'adopt-red', by: 'priority' }],
    ['adoption', 'green', F, ['detractor?', 'adopt'], { over: 'adopt', by: 'priority' }],
    ['renewal', 'green', F, ['detractor?', 'base'], { over: 'base', by: 'priority' }],
    ['adoption', 'red', { ...F, maturity: 0 }, ['detractor?', 'lv0'], { over: 'lv0', by: 'priority' }],
  ])('%s × %s', (stage, band, f, steps, why) => {
    const got = cell(small, stage, band, f);
    expect(got.steps.map((s) => s.ruleId + (s.conditional ? '?' : ''))).toEqual(steps);
    expect(got.why).toEqual(why);
  });

  test('specificity, then pack order, decide between rules of one priority', () => {
    const p = structuredClone(small);
    p.playbook = p.playbook.filter((r) => r.id !== 'detractor' && r.id !== 'lv0');
    expect(cell(p, 'adoption', 'red', F).why).toEqual({ over: 'adopt', by: 'specificity' });
    expect(cell(p, 'renewal', 'red', F).why).toEqual({ over: 'base-2', by: 'order' });
    p.playbook = [p.playbook[0]!];
    expect(cell(p, 'renewal', 'red', F)).toMatchObject({ steps: [{ ruleId: 'base', index: 0, conditional: false }], why: null, matching: 1 });
    p.playbook = [];
    expect(cell(p, 'renewal', 'red', F)).toMatchObject({ steps: [], why: null, matching: 0 });
  });
});

test('the matrix agrees with the engine: with no signal values, each cell goes to its first step whose conditions hold', () => {
  const none = pack.signals.map(() => null);
  for (const maturity of maturityChoices(pack)) {
    for (const touchModel of pack.touch.models.map((m) => m.id)) {
      for (const segment of pack.segments.map((s) => s.id)) {
        const m = playbookMatrix(c, { maturity, touchModel, segment });
        m.rows.forEach((row, i) =>
          row.forEach((got, j) => {
            const next = computeNextAction(c, { stage: m.stages[i]!, band: m.bands[j]!, touchModel, segment, maturity }, none, 0);
            const expected = got.steps.find((s) => testAll(c.rules[s.index]!.signals, none));
            expect(next?.best.ruleId ?? null).toBe(expected?.ruleId ?? null);
          }),
        );
      }
    }
  }
});

test('a draft too broken to compile gives no matrix instead of a crash', () => {
  expect(compileDraft({ ...pack, playbook: null } as unknown as ConfigPack)).toBeNull();
  expect(compileDraft(pack)).not.toBeNull();
});
