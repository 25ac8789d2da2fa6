import { describe, expect, test } from 'vitest';
import type { ParseError } from '../engine/types';
import { isUnder, issuesUnder } from './issues';

describe('isUnder', () => {
  test.each([
    ['signals[2]', 'signals[2]', true],
    ['signals[2].label.ja', 'signals[2]', true],
    ['signals[2].label.ja', 'signals[2].label', true],
    ['signals[20].label', 'signals[2]', false],
    ['signals[2].labelX', 'signals[2].label', false],
    ['signals', 'signals[2]', false],
    ['scorecards[0].measures[1].weight', 'scorecards[0].measures', true],
    ['(root)', 'signals', false],
  ])('%s under %s: %s', (path, prefix, expected) => expect(isUnder(path, prefix)).toBe(expected));
});

test('issuesUnder keeps the engine order and drops the rest', () => {
  const issues: ParseError[] = [
    { path: 'bands[1].min', key: 'pack.band.order' },
    { path: 'signals[0].label', key: 'pack.text-locale' },
    { path: 'bands[10].id', key: 'pack.id-format' },
    { path: 'bands[1].label.en', key: 'pack.too-small.string' },
  ];
  expect(issuesUnder(issues, 'bands[1]').map((i) => i.path)).toEqual(['bands[1].min', 'bands[1].label.en']);
});
