import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from './default-pack/index.ts';
import type { PackErrorKey } from './pack-errors.ts';
import type { ConfigPack, SignalDef } from './types.ts';
import { validatePack } from './validate.ts';

// The cross-reference checks, one table: an edit to the (parsed) default pack, the path the error
// must name, and the key with its parameters. Words are the catalogue's (lib/i18n/errors.test.ts).

function edited(edit: (p: ConfigPack) => void): ConfigPack {
  const p = structuredClone(defaultConfigPack('en'));
  edit(p);
  return p;
}
const signal = (p: ConfigPack, id: string): SignalDef => p.signals.find((s) => s.id === id)!;
const flag: SignalDef = { id: 'champion', type: 'boolean', higherIsBetter: true, label: { en: 'Champion' }, source: { kind: 'crm', hubspot: 'sidecar_champion' } } as SignalDef;
const measure0 = (p: ConfigPack) => p.scorecards[0]!.measures[0]!;

test('the default pack passes', () => {
  expect(validatePack(defaultConfigPack('ja'))).toEqual([]);
  expect(validatePack(defaultConfigPack('en'))).toEqual([]);
});

describe('validatePack', () => {
  test.each<[string, (p: ConfigPack) => void, string, PackErrorKey, Record<string, string | number>?]>([
    ['a default locale not available', (p) => (p.locales.available = ['ja']), 'locales.default', 'pack.locales.default', { locale: 'en' }],
    ['a duplicate signal id', (p) => (p.signals[1]!.id = p.signals[0]!.id), 'signals[1].id', 'pack.duplicate-id', { what: 'signal', id: 'emails_sent_30d' }],
    ['a duplicate segment id', (p) => (p.segments[1]!.id = 'enterprise'), 'segments[1].id', 'pack.duplicate-id', { what: 'segment', id: 'enterprise' }],
    ['a duplicate touch model id', (p) => (p.touch.models[1]!.id = 'high'), 'touch.models[1].id', 'pack.duplicate-id', { what: 'touch model', id: 'high' }],
    ['a duplicate playbook rule id', (p) => (p.playbook[1]!.id = p.playbook[0]!.id), 'playbook[1].id', 'pack.duplicate-id', { what: 'playbook rule', id: 'onboarding-kickoff' }],
    ['an unknown touch model by default', (p) => (p.touch.default = 'zoom'), 'touch.default', 'pack.unknown-ref', { what: 'touch model', id: 'zoom', where: 'touch.models[]', known: 'high, low, tech, community' }],
    ['an unknown stage owner', (p) => (p.lifecycle.stages[0]!.owner = 'cfo'), 'lifecycle.stages[0].owner', 'pack.unknown-ref', { what: 'role', id: 'cfo', where: 'roles[]' }],
    ['an unknown default stage', (p) => (p.lifecycle.default = 'limbo'), 'lifecycle.default', 'pack.unknown-ref', { what: 'stage', id: 'limbo', where: 'lifecycle.stages[]' }],
    ['an unknown segment in a scorecard', (p) => (p.scorecards[0]!.segments = ['enterprise', 'gov']), 'scorecards[0].segments[1]', 'pack.unknown-ref', { what: 'segment', id: 'gov' }],
    ['a band "unknown" is named among the bands a playbook may use', (p) => (p.playbook[0]!.when.bands = ['amber']), 'playbook[0].when.bands[0]', 'pack.unknown-ref', { known: 'red, yellow, green, unknown' }],
    ['a comparison with no value', (p) => (p.segments[0]!.when = [{ signal: 'arr', op: '>=' }]), 'segments[0].when[0].value', 'pack.condition.value', { op: '>=' }],
    ['a raw date compared', (p) => (p.segments[0]!.when = [{ signal: 'renewal_date', op: '>=', value: 3 }]), 'segments[0].when[0].signal', 'pack.condition.date', { id: 'renewal_date' }],
    ['a boolean compared with >=', (p) => (p.signals.push(flag), (p.segments[0]!.when = [{ signal: 'champion', op: '>=', value: 1 }])), 'segments[0].when[0]', 'pack.condition.boolean', { id: 'champion' }],
    ['a number compared with true', (p) => (p.segments[0]!.when = [{ signal: 'arr', op: '==', value: true }]), 'segments[0].when[0].value', 'pack.condition.number', { id: 'arr' }],
    ['a boolean scored by ranges', (p) => (p.signals.push(flag), (measure0(p).signal = 'champion')), 'scorecards[0].measures[0].scoring.kind', 'pack.scoring.boolean', { id: 'champion' }],
    ['a date scored directly', (p) => (measure0(p).signal = 'renewal_date'), 'scorecards[0].measures[0].scoring', 'pack.scoring.date', { id: 'renewal_date' }],
    ['a number scored as boolean', (p) => (measure0(p).scoring = { kind: 'boolean', whenTrue: 100, whenFalse: 0 }), 'scorecards[0].measures[0].scoring.kind', 'pack.scoring.numeric', { id: 'active_user_rate' }],
    ['points out of order', (p) => (measure0(p).scoring = { kind: 'ranges', points: [{ value: 5, score: 0 }, { value: 5, score: 100 }] }), 'scoring.points[1].value', 'pack.scoring.points-order'],
    ['points against a lower-is-better signal', (p) => (p.scorecards[0]!.measures.find((m) => m.signal === 'open_tickets')!.scoring = { kind: 'ranges', points: [{ value: 0, score: 0 }, { value: 9, score: 100 }] }), 'scoring.points[1].score', 'pack.scoring.points-fall', { id: 'open_tickets' }],
    ['steps out of order', (p) => (measure0(p).scoring = { kind: 'thresholds', otherwise: 0, steps: [{ atLeast: 50, score: 50 }, { atLeast: 10, score: 100 }] }), 'scoring.steps[1].atLeast', 'pack.scoring.steps-order'],
    ['steps falling for a higher-is-better signal', (p) => (measure0(p).scoring = { kind: 'thresholds', otherwise: 50, steps: [{ atLeast: 10, score: 20 }] }), 'scoring.steps[0].score', 'pack.scoring.steps-rise', { id: 'active_user_rate' }],
    ['steps rising for a lower-is-better signal', (p) => (p.scorecards[0]!.measures.find((m) => m.signal === 'open_tickets')!.scoring = { kind: 'thresholds', otherwise: 0, steps: [{ atLeast: 3, score: 60 }] }), 'scoring.steps[0].score', 'pack.scoring.steps-fall', { id: 'open_tickets' }],
    ['whenTrue below whenFalse', (p) => (p.signals.push(flag), (measure0(p).signal = 'champion'), (measure0(p).scoring = { kind: 'boolean', whenTrue: 0, whenFalse: 100 })), 'scoring.whenTrue', 'pack.scoring.when-true-rise', { id: 'champion' }],
    ['whenTrue above whenFalse, lower is better', (p) => (p.signals.push({ ...flag, higherIsBetter: false }), (measure0(p).signal = 'champion'), (measure0(p).scoring = { kind: 'boolean', whenTrue: 100, whenFalse: 0 })), 'scoring.whenTrue', 'pack.scoring.when-true-fall', { id: 'champion' }],
    ['a computed signal from a number', (p) => ((signal(p, 'days_since_login').source as { from: string }).from = 'arr'), 'source.from', 'pack.computed.from-date', { id: 'arr' }],
    ['a computed signal typed as a date', (p) => (signal(p, 'days_since_login').type = 'date'), '.type', 'pack.computed.type'],
    ['a rating from an association', (p) => (signal(p, 'promotion').source = { kind: 'association', object: 'tickets', count: 'open' } as never), '.source', 'pack.rating.source'],
    ['a rated signal typed as a number', (p) => (signal(p, 'promotion').type = 'number'), '.type', 'pack.rating.type'],
    ['a band named "unknown"', (p) => (p.bands[2]!.id = 'unknown'), 'bands', 'pack.band.reserved', { id: 'unknown' }],
    ['a worst band above 0', (p) => (p.bands[0]!.min = 10), 'bands[0].min', 'pack.band.worst-min'],
    ['bands out of order', (p) => (p.bands[2]!.min = 30), 'bands[2].min', 'pack.band.order'],
    ['a worst band cut-off above 0', (p) => (p.scorecards[0]!.bandCutoffs = { red: 5, yellow: 40, green: 70 }), 'scorecards[0].bandCutoffs.red', 'pack.band.worst-min'],
    ['a segment in two scorecards', (p) => (p.scorecards[1]!.segments = ['mid', 'smb', 'enterprise']), 'scorecards[1].segments[2]', 'pack.segment.scored-twice', { segment: 'enterprise', scorecard: 'enterprise' }],
    ['a signal measured twice', (p) => (p.scorecards[0]!.measures[1]!.signal = 'active_user_rate'), 'scorecards[0].measures[1].signal', 'pack.measure.twice', { signal: 'active_user_rate' }],
    ['levels out of order', (p) => (p.maturity.levels[1]!.level = 3), 'maturity.levels[1].level', 'pack.level.order', { expected: 2 }],
    ['a renewal on a raw date', (p) => (p.lifecycle.renewal.signal = 'renewal_date'), 'lifecycle.renewal.signal', 'pack.renewal.signal'],
    ['maturity bounds swapped', (p) => (p.playbook[0]!.when.maturity = { min: 3, max: 1 }), 'playbook[0].when.maturity', 'pack.maturity.swap'],
  ])('%s', (_name, edit, path, key, params) => {
    const errors = validatePack(edited(edit));
    const hit = errors.find((e) => e.path.includes(path) && e.key === key);
    expect(hit, JSON.stringify(errors, null, 1)).toBeDefined();
    if (params) expect(hit!.params).toMatchObject(params);
  });
});
