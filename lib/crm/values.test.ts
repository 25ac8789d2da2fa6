import { expect, test } from 'vitest';
import { readCrmValue } from './values.ts';

test.each([
  ['number', '1234', 1234],
  ['number', '1,234.5', 1234.5],
  ['number', 42, 42],
  ['number', 'n/a', null],
  ['number', '', null],
  ['number', null, null],
  ['rating', '4', 4],
  ['boolean', 'true', true],
  ['boolean', 'false', false],
  ['boolean', true, true],
  ['boolean', 'maybe', null],
  ['date', '2027-03-31', '2027-03-31'],
  ['date', '1806451200000', '2027-03-31'],
  ['date', '2027-03-31T00:00:00.000Z', '2027-03-31'],
  ['date', 'someday', null],
] as const)('%s %j → %j', (type, raw, expected) => {
  expect(readCrmValue(type, raw)).toEqual(expected);
});
