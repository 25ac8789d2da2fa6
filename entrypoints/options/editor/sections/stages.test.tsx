// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { StagesSection } from './stages';
import { description, renderSection } from './section-test-helpers';

afterEach(cleanup);

test('renewal: the notice period (更新拒絶期限) is set, bounded and removed', () => {
  const { last } = renderSection(StagesSection, { locale: 'ja' });
  const notice = screen.getByLabelText('更新拒絶期限（更新日の何日前）');
  fireEvent.change(notice, { target: { value: '60' } });
  expect(last().lifecycle.renewal.noticeDays).toBe(60);
  fireEvent.change(notice, { target: { value: '999' } });
  expect(notice.getAttribute('aria-invalid')).toBe('true');
  expect(description(notice)).toMatch(/730/);
  fireEvent.change(notice, { target: { value: '' } });
  expect(last().lifecycle.renewal).not.toHaveProperty('noticeDays');
});

test('renaming a role carries the stages’ owners and the playbook’s actions', () => {
  const { last, initial } = renderSection(StagesSection);
  const i = initial.roles.findIndex((r) => r.id === 'csm');
  const id = screen.getAllByLabelText('Id')[i]!;
  fireEvent.change(id, { target: { value: 'cs_manager' } });
  fireEvent.keyDown(id, { key: 'Enter' });
  expect(last().lifecycle.stages.filter((s) => s.owner === 'cs_manager').length).toBe(initial.lifecycle.stages.filter((s) => s.owner === 'csm').length);
  expect(last().playbook.some((r) => r.action.ownerRole === 'csm')).toBe(false);
});

test('the renewal signal must count days until a date: the choices are those signals', () => {
  renderSection(StagesSection);
  const select = screen.getByLabelText('Days to renewal (signal)') as HTMLSelectElement;
  expect([...select.options].map((o) => o.value)).toEqual(['days_to_renewal']);
});
