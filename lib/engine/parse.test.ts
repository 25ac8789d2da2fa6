import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from './default-pack/index.ts';
import { parseConfigPack } from './parse.ts';
import { CURRENT_SCHEMA_VERSION } from './schema.ts';
import { isPackErrorKey } from './pack-errors.ts';
import type { ConfigPack, ParseError } from './types.ts';

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

  // Each invalid pack: the edit, the path that must be named, and the key with its parameters (never words).
  test.each<[string, (p: ConfigPack) => void, string, ParseError['key'], Record<string, string | number>?]>([
    ['wrong type', (p) => ((p.scorecards[0]!.measures[0] as { weight: unknown }).weight = 'high'), 'scorecards[0].measures[0].weight', 'pack.wrong-type', { expected: 'number', got: 'string' }],
    ['a missing value', (p) => delete (p.scorecards[0] as { id?: unknown }).id, 'scorecards[0].id', 'pack.missing', { expected: 'string' }],
    ['a missing choice', (p) => delete (p.signals[0] as { type?: unknown }).type, 'signals[0].type', 'pack.missing-one-of', { values: '"number", "rating", "boolean", "date"' }],
    ['a fraction where a whole number goes', (p) => (p.maturity.levels[0]!.level = 1.5), 'maturity.levels[0].level', 'pack.wrong-type', { expected: 'int', got: 'fraction' }],
    ['unknown signal in a measure', (p) => (p.scorecards[0]!.measures[0]!.signal = 'nps2'), 'scorecards[0].measures[0].signal', 'pack.unknown-ref', { what: 'signal', id: 'nps2', where: 'signals[]' }],
    ['unknown signal in a criterion', (p) => (p.maturity.levels[1]!.criteria[0]!.condition.signal = 'ghost'), 'maturity.levels[1].criteria[0].condition.signal', 'pack.unknown-ref', { what: 'signal', id: 'ghost' }],
    ['unknown signal in a playbook condition', (p) => (p.playbook.find((r) => r.when.signals)!.when.signals![0]!.signal = 'ghost'), '.when.signals[0].signal', 'pack.unknown-ref', { what: 'signal', id: 'ghost' }],
    ['all weights zero', (p) => p.scorecards[1]!.measures.forEach((m) => (m.weight = 0)), 'scorecards[1].measures', 'pack.weights.zero'],
    ['empty levels', (p) => (p.maturity.levels = []), 'maturity.levels', 'pack.too-small.array', { minimum: '1' }],
    ['duplicate level number', (p) => (p.maturity.levels[1]!.level = 1), 'maturity.levels[1].level', 'pack.level.twice', { level: 1 }],
    ['duplicate level id', (p) => (p.maturity.levels[2]!.id = 'pilot'), 'maturity.levels[2].id', 'pack.duplicate-id', { what: 'level', id: 'pilot' }],
    ['unknown merge field', (p) => (p.templates[0]!.body.ja += '{{company.ceo}}'), 'templates[0].body.ja', 'pack.merge-field', { field: '{{company.ceo}}' }],
    ['unknown template id', (p) => (p.playbook[0]!.action.templateIds = ['nope']), 'playbook[0].action.templateIds[0]', 'pack.unknown-ref', { what: 'template', id: 'nope', where: 'templates[]' }],
    ['unknown band in playbook', (p) => (p.playbook[0]!.when.bands = ['purple']), 'playbook[0].when.bands[0]', 'pack.unknown-ref', { what: 'band', id: 'purple', where: 'bands[]' }],
    ['misspelt key', (p) => ((p as Record<string, unknown>)['playbok'] = []), '(root)', 'pack.unknown-keys', { keys: '"playbok"' }],
    ['an unknown enum value', (p) => ((p.templates[0] as { kind: string }).kind = 'fax'), 'templates[0].kind', 'pack.one-of', { values: '"email", "call", "chat"' }],
    ['an unknown source kind', (p) => ((p.signals[0]!.source as { kind: string }).kind = 'ldap'), 'signals[0].source', 'pack.unknown-kind', { kind: '"ldap"' }],
    ['an id with a space', (p) => (p.bands[0]!.id = 'at risk'), 'bands[0].id', 'pack.id-format'],
    ['a label in no language', (p) => (p.bands[0]!.label = {}), 'bands[0].label', 'pack.text-locale'],
    ['a score above 100', (p) => (p.bands[1]!.min = 120), 'bands[1].min', 'pack.too-big', { maximum: '100' }],
    ['score against direction', (p) => (p.scorecards[0]!.measures[0]!.scoring = { kind: 'ranges', points: [{ value: 0, score: 100 }, { value: 100, score: 0 }] }), 'scorecards[0].measures[0].scoring.points[1].score', 'pack.scoring.points-rise'],
    ['email without subject', (p) => delete p.templates.find((t) => t.kind === 'email')!.subject, '.subject', 'pack.template.subject'],
    ['rating without 5 points', (p) => p.signals.find((s) => s.id === 'promotion')!.points!.pop(), '.points', 'pack.rating.points'],
    ['segment without scorecard', (p) => (p.scorecards[1]!.segments = ['mid']), 'segments[2]', 'pack.segment.unscored', { segment: 'smb' }],
  ])('rejects %s, naming the path and the key', (_name, edit, path, key, params) => {
    const r = parseConfigPack(mutated(edit));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const hit = r.errors.find((e) => e.path.includes(path) && e.key === key);
    expect(hit, JSON.stringify(r.errors, null, 1)).toBeDefined();
    if (params) expect(hit!.params).toMatchObject(params);
  });

  test.each<[string, unknown, string, ParseError['key'], Record<string, string | number>?]>([
    ['null', null, '(root)', 'pack.not-object', { got: 'null' }],
    ['a string', 'pack', '(root)', 'pack.not-object', { got: 'string' }],
    ['an array', [], '(root)', 'pack.not-object', { got: 'array' }],
    ['no schemaVersion', { id: 'x' }, 'schemaVersion', 'pack.schema-version.missing', { current: CURRENT_SCHEMA_VERSION }],
    ['a future schemaVersion', { schemaVersion: 99 }, 'schemaVersion', 'pack.schema-version.newer', { version: 99, current: CURRENT_SCHEMA_VERSION }],
    ['schemaVersion 0', { schemaVersion: 0 }, 'schemaVersion', 'pack.schema-version.unsupported', { version: 0, current: CURRENT_SCHEMA_VERSION }],
    ['a bad v1 pack', { schemaVersion: 1, id: 'x' }, 'name', 'pack.missing', { expected: 'string' }],
    [
      'a throwing getter',
      Object.defineProperty({}, 'schemaVersion', {
        get() {
          throw new Error('boom');
        },
      }),
      '(root)',
      'pack.unreadable',
      { detail: 'boom' },
    ],
  ])('never throws: %s', (_name, input, path, key, params) => {
    const r = parseConfigPack(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const hit = r.errors.find((e) => e.path === path && e.key === key);
    expect(hit, JSON.stringify(r.errors, null, 1)).toBeDefined();
    if (params) expect(hit!.params).toEqual(params);
  });

  test('an error in an older pack names the schemaVersion it was found in', () => {
    const r = parseConfigPack({ schemaVersion: 1, id: 'x' });
    expect(r.ok ? [] : r.errors.map((e) => e.schemaVersion)).toEqual(expect.arrayContaining([1]));
    if (!r.ok) for (const e of r.errors) expect(e.schemaVersion).toBe(1);
  });

  test('errors are keys with parameters: no words in them', () => {
    const r = parseConfigPack(mutated((p) => ((p.signals[0] as { type: unknown }).type = 7)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      for (const e of r.errors) {
        expect(isPackErrorKey(e.key)).toBe(true);
        expect(Object.keys(e).sort()).toEqual(expect.arrayContaining(['key', 'path']));
        expect(e).not.toHaveProperty('message');
      }
    }
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
