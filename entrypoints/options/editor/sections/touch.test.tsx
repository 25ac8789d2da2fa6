// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { TouchSection } from './touch';
import { renderSection } from './section-test-helpers';

afterEach(cleanup);

test('an assignment rule: segments ticked, a maturity range, the model; unticking all means any segment', () => {
  const { last } = renderSection(TouchSection);
  fireEvent.click(screen.getByRole('button', { name: 'Add an assignment rule' }));
  const rule = screen.getAllByRole('heading', { level: 5 }).filter((h) => /^Rule \d+:/.test(h.textContent ?? '')).at(-1)!.closest('li')!;
  const j = last().touch.assign.length - 1;
  const segs = within(rule).getByRole('group', { name: 'Segments' });
  expect(within(rule).getByRole('heading', { level: 5 }).textContent).toMatch(/^Rule \d+: any segment → /);
  fireEvent.click(within(segs).getByLabelText('Enterprise'));
  expect(last().touch.assign[j]!.segments).toEqual(['enterprise']);
  expect(within(rule).getByRole('heading', { level: 5 }).textContent).toMatch(/^Rule \d+: Enterprise → /);
  fireEvent.change(within(rule).getByLabelText('From maturity level'), { target: { value: '2' } });
  expect(last().touch.assign[j]!.minMaturity).toBe(2);
  fireEvent.change(within(rule).getByLabelText('From maturity level'), { target: { value: '' } });
  expect(last().touch.assign[j]).not.toHaveProperty('minMaturity');
  fireEvent.click(within(segs).getByLabelText('Enterprise'));
  expect(last().touch.assign[j]).not.toHaveProperty('segments');
  expect(within(segs).getByText('None ticked: any matches.')).toBeTruthy();
});

test('renaming a touch model carries the default and the rules; removing one in use is named where it was used', () => {
  const { last, initial } = renderSection(TouchSection);
  const def = initial.touch.default;
  const index = initial.touch.models.findIndex((m) => m.id === def);
  const model = screen.getAllByLabelText('Id')[index]!;
  fireEvent.change(model, { target: { value: 'renamed' } });
  fireEvent.blur(model);
  expect(last().touch.default).toBe('renamed');
  const name = initial.touch.models[index]!.label.en!;
  fireEvent.click(screen.getByRole('button', { name: `Remove ${name}` }));
  // The default now names a model that is gone: said beside the default's field.
  const select = screen.getByLabelText('Default touch model');
  expect(select.getAttribute('aria-invalid')).toBe('true');
  expect(screen.getAllByText(/Unknown touch model "renamed"/).length).toBeGreaterThan(0);
});
