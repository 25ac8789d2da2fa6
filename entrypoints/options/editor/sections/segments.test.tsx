// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { defaultConfigPack } from '../../../../lib/engine/default-pack/index';
import type { ConfigPack } from '../../../../lib/engine/types';
import { referenceCount } from '../../../../lib/editor/rename';
import { SegmentsSection } from './segments';
import { description, renderSection } from './section-test-helpers';

afterEach(cleanup);

const item = (n: number) => screen.getAllByRole('listitem')[n]!;

/** The default pack with a boolean signal, which the default pack lacks. */
function withBoolean(): ConfigPack {
  const pack = defaultConfigPack('en');
  pack.signals.push({ id: 'sso', type: 'boolean', higherIsBetter: true, source: { kind: 'csv', column: 'sso' }, label: { en: 'SSO on', ja: 'SSO 利用' } });
  return pack;
}

test('the condition editor: another signal keeps the condition valid for its type, and the value is typed', () => {
  const { change, last } = renderSection(SegmentsSection, { draft: withBoolean() });
  const mid = item(1);
  const cond = within(mid).getByRole('group', { name: 'Condition 1' });
  expect(within(cond).getByLabelText('Signal')).toHaveProperty('value', 'arr');
  fireEvent.change(within(cond).getByLabelText('Value'), { target: { value: '50,000' } });
  expect(last().segments[1]!.when[0]).toEqual({ signal: 'arr', op: '>=', value: 50000 });
  // A boolean signal takes = / ≠ with yes or no, never ≥.
  fireEvent.change(within(cond).getByLabelText('Signal'), { target: { value: 'sso' } });
  expect(last().segments[1]!.when[0]).toEqual({ signal: 'sso', op: '==', value: true });
  const ops = [...(within(cond).getByLabelText('Comparison') as HTMLSelectElement).options].map((o) => o.value);
  expect(ops).toEqual(['==', '!=', 'present', 'missing']);
  fireEvent.change(within(cond).getByLabelText('Value'), { target: { value: 'false' } });
  expect(last().segments[1]!.when[0]).toEqual({ signal: 'sso', op: '==', value: false });
  // present/missing need no value: the field goes away and the value leaves the pack.
  fireEvent.change(within(cond).getByLabelText('Comparison'), { target: { value: 'missing' } });
  expect(last().segments[1]!.when[0]).not.toHaveProperty('value');
  expect(within(cond).queryByLabelText('Value')).toBeNull();
  expect(change.mock.calls.every(([, what]) => what === 'Who is in this segment of Mid-market')).toBe(true);
});

test('a raw date offers only recorded / not recorded; a condition the check refuses is named in its row', () => {
  const draft = withBoolean();
  draft.segments[0]!.when = [{ signal: 'sso', op: '>=', value: 1 }];
  renderSection(SegmentsSection, { draft });
  const cond = within(item(0)).getByRole('group', { name: 'Condition 1' });
  expect(within(cond).getByText(/Signal "sso" is boolean: use op "==" or "!="/)).toBeTruthy();
  fireEvent.change(within(cond).getByLabelText('Signal'), { target: { value: 'renewal_date' } });
  expect(within(cond).getByLabelText('Comparison')).toHaveProperty('value', 'present');
  expect([...(within(cond).getByLabelText('Comparison') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['present', 'missing']);
  expect(within(cond).queryByText(/is boolean/)).toBeNull();
});

test('a new segment goes before the catch-all, and is named as unscored until a scorecard takes it', () => {
  const { last } = renderSection(SegmentsSection);
  fireEvent.click(screen.getByRole('button', { name: 'Add a segment' }));
  expect(last().segments.map((s) => s.id)).toEqual(['enterprise', 'mid', 'segment', 'smb']);
  const added = item(2);
  expect(within(added).getByText(/No scorecard scores this segment yet/)).toBeTruthy();
  expect(within(added).getByText('No scorecard scores segment "segment": add it to one scorecard’s "segments".')).toBeTruthy();
});

test('renaming a segment carries the scorecards and touch rules along', () => {
  const { last } = renderSection(SegmentsSection);
  const id = within(item(0)).getByLabelText('Id');
  expect(description(id)).toMatch(/Used in \d+ place/);
  fireEvent.change(id, { target: { value: 'ent' } });
  fireEvent.blur(id);
  expect(last().segments[0]!.id).toBe('ent');
  expect(last().scorecards[0]!.segments).toEqual(['ent']);
  expect(referenceCount(last(), 'segment', 'enterprise')).toBe(0);
});
