import { describe, expect, test } from 'vitest';
import { canRedo, canUndo, record, redo, redoWhat, seal, startHistory, undo, undoWhat } from './history.ts';

describe('history', () => {
  test('keystrokes on one field are one step; another field, a seal or an undo starts a new one', () => {
    let h = startHistory('');
    h = record(h, 'N', 'label', 'signals[0].label.en');
    h = record(h, 'NP', 'label', 'signals[0].label.en');
    h = record(h, 'NPS', 'label', 'signals[0].label.en');
    expect(h.past.map((p) => p.state)).toEqual(['']);
    h = record(h, 'NPS!', 'unit', 'signals[0].unit.en');
    h = seal(h);
    h = record(h, 'NPS!?', 'unit', 'signals[0].unit.en');
    expect(h.past.map((p) => p.state)).toEqual(['', 'NPS', 'NPS!']);
    h = undo(h);
    expect(h.present).toBe('NPS!');
    h = record(h, 'NPS!x', 'unit', 'signals[0].unit.en');
    // After an undo the same field is a new step, and the redo list is gone.
    expect(h.past.map((p) => p.state)).toEqual(['', 'NPS', 'NPS!']);
    expect(canRedo(h)).toBe(false);
  });

  test('an edit without a key is always its own step; an edit that changes nothing is none', () => {
    let h = startHistory(1);
    h = record(h, 2, 'a');
    h = record(h, 3, 'b');
    h = record(h, 3, 'c');
    expect(h.past.map((p) => p.state)).toEqual([1, 2]);
    expect(undoWhat(h)).toBe('b');
  });

  test('undo and redo walk the steps and name them', () => {
    let h = startHistory('a');
    h = record(h, 'b', 'to b');
    h = record(h, 'c', 'to c');
    h = undo(undo(h));
    expect([h.present, canUndo(h), redoWhat(h)]).toEqual(['a', false, 'to b']);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect([h.present, undoWhat(h), redoWhat(h)]).toEqual(['b', 'to b', 'to c']);
  });

  test('the list is bounded: the oldest steps go', () => {
    let h = startHistory(0);
    for (let i = 1; i <= 10; i++) h = record(h, i, `step ${i}`, null, 4);
    expect(h.past.map((p) => p.state)).toEqual([6, 7, 8, 9]);
    while (canUndo(h)) h = undo(h);
    expect(h.present).toBe(6);
  });
});
