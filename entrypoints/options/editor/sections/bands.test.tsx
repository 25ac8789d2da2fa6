// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { referenceCount } from '../../../../lib/editor/rename';
import { BandsSection } from './bands';
import { description, renderSection } from './section-test-helpers';

afterEach(cleanup);

test('a band minimum out of order is one step, and the problem shows beside that field', () => {
  const { change, last } = renderSection(BandsSection);
  const yellow = screen.getAllByRole('listitem')[1]!;
  const min = within(yellow).getByLabelText('Minimum score (0–100)');
  fireEvent.change(min, { target: { value: '80' } });
  expect(change).toHaveBeenCalledTimes(1);
  expect(change.mock.calls[0]![1]).toBe('Minimum score (0–100) of Yellow (watch)');
  expect(last().bands.map((b) => b.min)).toEqual([0, 80, 70]);
  // bands[2].min is now not above bands[1]: named beside the green band's minimum, not the yellow's.
  const green = screen.getAllByRole('listitem')[2]!;
  const greenMin = within(green).getByLabelText('Minimum score (0–100)');
  expect(greenMin.getAttribute('aria-invalid')).toBe('true');
  expect(description(greenMin)).toMatch(/out of order/);
  expect(min.getAttribute('aria-invalid')).toBeNull();
});

test('a half-typed number never reaches the draft', () => {
  const { change } = renderSection(BandsSection);
  const min = within(screen.getAllByRole('listitem')[1]!).getByLabelText('Minimum score (0–100)');
  fireEvent.change(min, { target: { value: '-' } });
  expect(change).not.toHaveBeenCalled();
  expect(description(min)).toMatch(/Enter a number from 0 to 100/);
  fireEvent.change(min, { target: { value: '４５' } });
  expect(change.mock.calls[0]![0].bands[1]!.min).toBe(45);
});

test('renaming a band on leaving the field carries the playbook and band rules along', () => {
  const { change, last, initial } = renderSection(BandsSection);
  const red = screen.getAllByRole('listitem')[0]!;
  const id = within(red).getByLabelText('Id');
  fireEvent.change(id, { target: { value: 'at_risk' } });
  expect(change).not.toHaveBeenCalled();
  fireEvent.blur(id);
  expect(change).toHaveBeenCalledTimes(1);
  const next = last();
  expect(next.bands[0]!.id).toBe('at_risk');
  expect(referenceCount(next, 'band', 'red')).toBe(0);
  expect(next.scorecards[0]!.rules[0]!.when.band).toBe('at_risk');
  expect(initial.bands[0]!.id).toBe('red');
});

test('the reserved band is explained, and a band named unknown is refused beside the list', () => {
  renderSection(BandsSection);
  expect(screen.getByText(/"unknown" is reserved/)).toBeTruthy();
  const id = within(screen.getAllByRole('listitem')[2]!).getByLabelText('Id');
  fireEvent.change(id, { target: { value: 'unknown' } });
  fireEvent.keyDown(id, { key: 'Enter' });
  expect(screen.getByText(/reserved for insufficient data: rename that band/)).toBeTruthy();
});

test('Japanese labels and the band removed in one step', () => {
  const { change, last } = renderSection(BandsSection, { locale: 'ja' });
  expect(screen.getAllByLabelText('日本語')[0]).toHaveProperty('value', '赤（リスク）');
  fireEvent.click(screen.getByRole('button', { name: '黄（注意）を削除' }));
  expect(change.mock.calls[0]![1]).toBe('黄（注意）の削除');
  expect(last().bands.map((b) => b.id)).toEqual(['red', 'green']);
});
