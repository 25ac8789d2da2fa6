// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { draftProblems } from '../../../../lib/editor/model';
import { emptySkeleton } from '../../../../lib/editor/skeleton';
import type { ConfigPack } from '../../../../lib/engine/types';
import { ScorecardsSection } from './scorecards';
import { renderSection } from './section-test-helpers';

afterEach(cleanup);

/** The empty skeleton with one more signal, where fewer is better (paper contracts a month). */
function draft(): ConfigPack {
  const d = emptySkeleton('en');
  d.signals.push({ id: 'paper_contracts', type: 'number', higherIsBetter: false, source: { kind: 'csv', column: 'paper_contracts' }, label: { en: 'Paper contracts' } });
  return d;
}

test('a measure moved to a signal that faces the other way turns its curve with it, and the map stays valid', () => {
  const { last } = renderSection(ScorecardsSection, { draft: draft() });
  fireEvent.change(screen.getByLabelText('Signal'), { target: { value: 'paper_contracts' } });
  const measure = last().scorecards[0]!.measures[0]!;
  expect(measure.signal).toBe('paper_contracts');
  // The skeleton's 0 → 0, 80 → 100 becomes 0 → 100, 80 → 0: the values kept, the scores turned.
  expect(measure.scoring).toEqual({ kind: 'ranges', points: [{ value: 0, score: 100 }, { value: 80, score: 0 }] });
  expect(draftProblems(last())).toEqual([]);
  // Back to a signal where higher is better: turned back.
  fireEvent.change(screen.getByLabelText('Signal'), { target: { value: 'active_user_rate' } });
  expect(last().scorecards[0]!.measures[0]!.scoring).toEqual(draft().scorecards[0]!.measures[0]!.scoring);
});
