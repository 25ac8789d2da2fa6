// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { emptySkeleton } from '../../../../lib/editor/skeleton';
import { renderSection } from './section-test-helpers';
import { SignalsSection } from './signals';

afterEach(cleanup);

const column = () => screen.getByLabelText('Column name in the CSV') as HTMLInputElement;
function rename(to: string) {
  const id = screen.getByLabelText('Id');
  fireEvent.change(id, { target: { value: to } });
  fireEvent.blur(id);
}

test('a new signal renamed takes its CSV column along; a column typed by hand stays', () => {
  const { last } = renderSection(SignalsSection, { draft: emptySkeleton('en') });
  fireEvent.click(screen.getByRole('button', { name: 'Add a signal' }));
  const placeholder = last().signals.at(-1)!.id;
  expect(column().value).toBe(placeholder);
  rename('templates_used');
  expect(last().signals.at(-1)).toMatchObject({ id: 'templates_used', source: { kind: 'csv', column: 'templates_used' } });
  expect(column().value).toBe('templates_used');
  // The BI export's own column name, typed: a later rename leaves it alone.
  fireEvent.change(column(), { target: { value: 'Templates (30d)' } });
  rename('templates');
  expect(last().signals.at(-1)).toMatchObject({ id: 'templates', source: { kind: 'csv', column: 'Templates (30d)' } });
  // An id another signal has is not taken up by the column either (the duplicate is a problem to fix).
  fireEvent.change(column(), { target: { value: 'templates' } });
  rename('renewal_date');
  expect(last().signals.at(-1)!.source).toEqual({ kind: 'csv', column: 'templates' });
});
