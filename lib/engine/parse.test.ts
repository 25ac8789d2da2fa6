import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from './default-pack/index.ts';
import { parseConfigPack } from './parse.ts';
import { CURRENT_SCHEMA_VERSION } from './schema.ts';
import type { ConfigPack } from './types.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

function mutated(edit: (p: ConfigPack) => void): unknown {
  const p = defaultConfigPack('ja');
  edit(p);
  return JSON.parse(JSON.stringify(p));
}

describe('parseConfigPack', () => {
  test.each(['ja', 'en'] as const)('accepts the default %s pack', (locale) => {
    const r = parseConfigPack(defaultConfigPack(locale));
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  test.each([
    ['pack.v2.json', 2],
    ['pack.v1.json', 1],
  ])('accepts fixture %s (schemaVersion %i)', (name) => {
    const r = parseConfigPack(fixture(name));
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (r.ok) expect(r.pack.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  // Each invalid pack: the edit, the path that must be named, and a word the fix must mention.
  test.each<[string, (p: ConfigPack) => void, string, RegExp]>([
    ['wrong type', (p) => ((p.scorecards[0]!.measures[0] as { weight: unknown }).weight = 'high'), 'scorecards[0].measures[0].weight', /number/],
    ['unknown signal in a measure', (p) => (p.scorecards[0]!.measures[0]!.signal = 'nps2'), 'scorecards[0].measures[0].signal', /Unknown signal "nps2"/],
    ['unknown signal in a criterion', (p) => (p.maturity.levels[1]!.criteria[0]!.condition.signal = 'ghost'), 'maturity.levels[1].criteria[0].condition.signal', /Unknown signal/],
    ['unknown signal in a playbook condition', (p) => (p.playbook.find((r) => r.when.signals)!.when.signals![0]!.signal = 'ghost'), '.when.signals[0].signal', /Unknown signal/],
    ['all weights zero', (p) => p.scorecards[1]!.measures.forEach((m) => (m.weight = 0)), 'scorecards[1].measures', /weight above 0/],
    ['empty levels', (p) => (p.maturity.levels = []), 'maturity.levels', /at least 1/],
    ['duplicate level number', (p) => (p.maturity.levels[1]!.level = 1), 'maturity.levels[1].level', /twice/],
    ['duplicate level id', (p) => (p.maturity.levels[2]!.id = 'pilot'), 'maturity.levels[2].id', /Duplicate level id/],
    ['unknown merge field', (p) => (p.templates[0]!.body.ja += '{{company.ceo}}'), 'templates[0].body.ja', /Unknown merge field "\{\{company\.ceo\}\}"/],
    ['unknown template id', (p) => (p.playbook[0]!.action.templateIds = ['nope']), 'playbook[0].action.templateIds[0]', /Unknown template/],
    ['unknown band in playbook', (p) => (p.playbook[0]!.when.bands = ['purple']), 'playbook[0].when.bands[0]', /Unknown band/],
    ['misspelt key', (p) => ((p as Record<string, unknown>)['playbok'] = []), '(root)', /playbok/],
    ['score against direction', (p) => (p.scorecards[0]!.measures[0]!.scoring = { kind: 'ranges', points: [{ value: 0, score: 100 }, { value: 100, score: 0 }] }), 'scorecards[0].measures[0].scoring.points[1].score', /higherIsBetter/],
    ['email without subject', (p) => delete p.templates.find((t) => t.kind === 'email')!.subject, '.subject', /subject/],
    ['rating without 5 points', (p) => p.signals.find((s) => s.id === 'promotion')!.points!.pop(), '.points', /five points/],
    ['segment without scorecard', (p) => (p.scorecards[1]!.segments = ['mid']), 'segments[2]', /No scorecard/],
  ])('rejects %s, naming the path', (_name, edit, path, message) => {
    const r = parseConfigPack(mutated(edit));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const hit = r.errors.find((e) => e.path.includes(path) && message.test(e.message));
    expect(hit, JSON.stringify(r.errors, null, 1)).toBeDefined();
  });

  test.each<[string, unknown, string]>([
    ['null', null, '(root)'],
    ['a string', 'pack', '(root)'],
    ['an array', [], '(root)'],
    ['no schemaVersion', { id: 'x' }, 'schemaVersion'],
    ['a future schemaVersion', { schemaVersion: 99 }, 'schemaVersion'],
    ['schemaVersion 0', { schemaVersion: 0 }, 'schemaVersion'],
    ['a bad v1 pack', { schemaVersion: 1, id: 'x' }, 'name'],
  ])('never throws: %s', (_name, input, path) => {
    const r = parseConfigPack(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.some((e) => e.path === path)).toBe(true);
  });

  test('every message says what to do', () => {
    const r = parseConfigPack(mutated((p) => ((p.signals[0] as { type: unknown }).type = 7)));
    expect(r.ok).toBe(false);
    if (!r.ok) for (const e of r.errors) expect(e.message).toMatch(/^(Use|Add|Give|Remove|Change|Expected|Missing|List|Point|Unknown|Duplicate)/);
  });
});

describe('migration v1 → v2', () => {
  const r = parseConfigPack(fixture('pack.v1.json'));
  const pack = r.ok ? r.pack : (null as never);

  test('texts become per-locale in the v1 locale', () => {
    expect(pack.locales).toEqual({ default: 'ja', available: ['ja'] });
    expect(pack.signals.find((s) => s.id === 'logins_30d')!.label).toEqual({ ja: 'ログイン数（30日）' });
    expect(pack.templates[1]!.subject).toEqual({ ja: '{{product.name}}の展開について' });
  });

  test('red/green thresholds become ranges that follow the signal direction', () => {
    const measures = pack.scorecards[0]!.measures;
    expect(measures.find((m) => m.signal === 'nps')!.scoring).toEqual({ kind: 'ranges', points: [{ value: 6, score: 0 }, { value: 9, score: 100 }] });
    expect(measures.find((m) => m.signal === 'open_tickets')!.scoring).toEqual({ kind: 'ranges', points: [{ value: 1, score: 100 }, { value: 8, score: 0 }] });
  });

  test('critical measures become a band rule; bands keep their cut-offs', () => {
    expect(pack.scorecards[0]!.rules.map((x) => x.id)).toEqual(['critical-red']);
    expect(pack.bands.map((b) => [b.id, b.min])).toEqual([['red', 0], ['yellow', 40], ['green', 70]]);
  });

  test('touch by ARR becomes segments', () => {
    expect(pack.segments.map((s) => s.id)).toEqual(['arr1', 'arr2', 'other']);
    expect(pack.touch.assign).toEqual([{ segments: ['arr1'], touchModel: 'high' }, { segments: ['arr2'], touchModel: 'low' }]);
  });

  test('levels are numbered and playbook conditions become lists', () => {
    expect(pack.maturity.levels.map((l) => [l.level, l.id])).toEqual([[1, 'lv1'], [2, 'lv2']]);
    expect(pack.playbook[2]!.when).toEqual({ bands: ['green'], maturity: { min: 1 } });
  });

  test('the migrated pack equals the v2 fixture apart from its identity', () => {
    const v2 = parseConfigPack(fixture('pack.v2.json'));
    expect(v2.ok).toBe(true);
    if (v2.ok) expect({ ...v2.pack, id: pack.id, version: pack.version }).toEqual(pack);
  });
});
