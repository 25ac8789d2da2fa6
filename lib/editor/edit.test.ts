import { describe, expect, test } from 'vitest';
import { freshId, moveItem, numberFrom, removeAt, replaceAt, sharesOf100 } from './edit.ts';

describe('list edits', () => {
  test.each([
    [0, 2, ['b', 'c', 'a']],
    [2, 0, ['c', 'a', 'b']],
    [1, 1, ['a', 'b', 'c']],
    [1, 9, ['a', 'c', 'b']],
    [5, 0, ['a', 'b', 'c']],
  ])('move %i → %i', (from, to, out) => expect(moveItem(['a', 'b', 'c'], from, to)).toEqual(out));

  test('replace and remove leave the input alone', () => {
    const list = ['a', 'b'];
    expect(replaceAt(list, 1, 'x')).toEqual(['a', 'x']);
    expect(removeAt(list, 0)).toEqual(['b']);
    expect(list).toEqual(['a', 'b']);
  });

  test.each([
    ['signal', [], 'signal'],
    ['signal', ['signal'], 'signal-2'],
    ['signal', ['signal', 'signal-2'], 'signal-3'],
  ])('freshId %s among %j', (base, taken, out) => expect(freshId(base, taken)).toBe(out));
});

test.each([
  ['12', 12],
  ['１２．５', 12.5],
  [' 0 ', 0],
  ['', Number.NaN],
  ['abc', Number.NaN],
])('numberFrom(%j)', (text, n) => expect(numberFrom(text)).toBe(n));

test.each([
  [[1, 1, 1], [34, 33, 33]],
  [[20, 15, 0], [57, 43, 0]],
  [[0, 0], [0, 0]],
])('weights %j are %j of 100', (w, shares) => {
  expect(sharesOf100(w)).toEqual(shares);
});
