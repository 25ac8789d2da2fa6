// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { draftProblems } from '../../../../lib/editor/model';
import { MaturitySection } from './maturity';
import { description, renderSection } from './section-test-helpers';

afterEach(cleanup);

const level = (n: number) => screen.getAllByRole('heading', { level: 4 })[n]!.closest('li')!;

test('moving a level renumbers them all; the pack stays valid', () => {
  const { last, initial } = renderSection(MaturitySection);
  fireEvent.click(within(level(0)).getAllByRole('button', { name: /^Move .* down$/ })[0]!);
  expect(last().maturity.levels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
  expect(draftProblems(last())).toEqual([]);
  expect(last().maturity.levels.map((l) => l.id)).toEqual([initial.maturity.levels[1]!.id, initial.maturity.levels[0]!.id, ...initial.maturity.levels.slice(2).map((l) => l.id)]);
});

test('a criterion edited through its condition; an emptied name is named beside the pair', () => {
  const { last } = renderSection(MaturitySection);
  const lv2 = level(1);
  const crit = within(lv2).getAllByRole('group', { name: 'Condition' })[0]!;
  fireEvent.change(within(crit).getByLabelText('Value'), { target: { value: '3' } });
  expect(last().maturity.levels[1]!.criteria[0]!.condition.value).toBe(3);
  const names = within(lv2).getAllByRole('group', { name: 'Name' })[0]!;
  fireEvent.change(within(names).getByLabelText('Japanese'), { target: { value: '' } });
  fireEvent.change(within(names).getByLabelText('English'), { target: { value: '' } });
  expect(last().maturity.levels[1]!.label).toEqual({});
  expect(description(names)).toMatch(/give it in at least one language/);
});

test('a criterion on a rating offers its five points by name', () => {
  const { last } = renderSection(MaturitySection);
  const crit = within(level(0)).getAllByRole('group', { name: 'Condition' })[0]!;
  fireEvent.change(within(crit).getByLabelText('Signal'), { target: { value: 'promotion' } });
  const value = within(crit).getByLabelText('Value') as HTMLSelectElement;
  expect([...value.options].map((o) => o.textContent)).toEqual(['1 no one promotes it', '2 reluctant', '3 only the project owner', '4 several departments push it', '5 a company-wide policy']);
  fireEvent.change(value, { target: { value: '4' } });
  expect(last().maturity.levels[0]!.criteria[0]!.condition).toMatchObject({ signal: 'promotion', value: 4 });
});

test('a new level gets the next number and one criterion', () => {
  const { last } = renderSection(MaturitySection, { locale: 'ja' });
  fireEvent.click(screen.getByRole('button', { name: 'レベルを追加' }));
  const added = last().maturity.levels.at(-1)!;
  expect(added).toMatchObject({ level: 5, id: 'lv5', label: { ja: 'レベル 5' } });
  expect(added.criteria).toHaveLength(1);
});
