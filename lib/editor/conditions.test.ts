import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/default-pack/index';
import { parseConfigPack } from '../engine/parse';
import type { Condition, SignalDef } from '../engine/types';
import { newCondition, opsFor, parseNumber, valueKind, withOp, withSignal } from './conditions';

const pack = defaultConfigPack('en');
const sig = (type: SignalDef['type'], kind: SignalDef['source']['kind'] = 'csv'): SignalDef =>
  ({ id: `s_${type}_${kind}`, type, higherIsBetter: true, label: { en: type }, source: kind === 'computed' ? { kind, fn: 'daysSince', from: 'd' } : { kind: 'csv', column: 'c' } }) as SignalDef;

describe('opsFor and valueKind follow the pack check', () => {
  test.each([
    ['number', 'csv', ['>=', '>', '<=', '<', '==', '!=', 'present', 'missing'], 'number'],
    ['rating', 'csv', ['>=', '>', '<=', '<', '==', '!=', 'present', 'missing'], 'number'],
    ['number', 'computed', ['>=', '>', '<=', '<', '==', '!=', 'present', 'missing'], 'number'],
    ['boolean', 'csv', ['==', '!=', 'present', 'missing'], 'boolean'],
    ['date', 'csv', ['present', 'missing'], 'none'],
  ] as const)('%s from %s', (type, kind, ops, value) => {
    const s = sig(type, kind);
    expect(opsFor(s)).toEqual(ops);
    expect(valueKind(s, opsFor(s)[0]!)).toBe(value);
    expect(valueKind(s, 'present')).toBe('none');
  });
});

describe('withSignal keeps what the new signal takes', () => {
  test.each<[Condition, SignalDef['type'], Condition]>([
    [{ signal: 'x', op: '<=', value: 6 }, 'number', { signal: 's_number_csv', op: '<=', value: 6 }],
    [{ signal: 'x', op: '<=', value: 6 }, 'boolean', { signal: 's_boolean_csv', op: '==', value: true }],
    [{ signal: 'x', op: '!=', value: false }, 'number', { signal: 's_number_csv', op: '!=', value: 0 }],
    [{ signal: 'x', op: '>=', value: 3 }, 'date', { signal: 's_date_csv', op: 'present' }],
    [{ signal: 'x', op: 'missing' }, 'boolean', { signal: 's_boolean_csv', op: 'missing' }],
  ])('%j → %s', (c, type, expected) => expect(withSignal(c, sig(type))).toEqual(expected));
});

test.each<[Condition, Condition['op'], Condition]>([
  [{ signal: 'n', op: '>=', value: 5 }, 'present', { signal: 'n', op: 'present' }],
  [{ signal: 'n', op: 'present' }, '<', { signal: 'n', op: '<', value: 0 }],
  [{ signal: 'n', op: '>=', value: 5 }, '<', { signal: 'n', op: '<', value: 5 }],
])('withOp %j %s', (c, op, expected) => expect(withOp(c, op, sig('number'))).toEqual(expected));

test('every condition the helpers make on the default pack passes the pack check', () => {
  const next = structuredClone(pack);
  next.segments[2]!.when = pack.signals.map((s) => withSignal(newCondition(pack.signals), s));
  const parsed = parseConfigPack(next);
  expect(parsed.ok ? [] : parsed.errors).toEqual([]);
});

test.each([
  ['12', 12],
  ['-3.5', -3.5],
  ['１０', 10],
  ['1,000,000', 1_000_000],
  ['', null],
  ['-', null],
  ['1e3', 1000],
  ['abc', null],
  ['1.2.3', null],
])('parseNumber(%j) = %j', (raw, n) => expect(parseNumber(raw)).toBe(n));
