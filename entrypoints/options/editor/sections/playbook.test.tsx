// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { defaultConfigPack } from '../../../../lib/engine/default-pack/index';
import type { ConfigPack } from '../../../../lib/engine/types';
import { PlaybookSection } from './playbook';
import { description, renderSection } from './section-test-helpers';

afterEach(cleanup);

function small(): ConfigPack {
  const pack = defaultConfigPack('en');
  const action = (title: string, priority: 'urgent' | 'normal') => ({ title: { en: title }, why: { en: 'w' }, ownerRole: 'csm', dueInDays: 3, priority, templateIds: [] });
  pack.playbook = [
    { id: 'base', when: {}, action: action('Baseline step', 'normal') },
    { id: 'adopt-red', when: { stages: ['adoption'], bands: ['red'] }, action: action('Rescue adoption', 'normal') },
    { id: 'detractor', when: { signals: [{ signal: 'nps', op: '<=', value: 6 }] }, action: action('Call the detractor', 'urgent') },
  ];
  return pack;
}

const cell = (id: string) => document.querySelector(`[data-cell="${id}"]`) as HTMLElement;

test('each cell names the rule that wins there and why, with its condition', () => {
  renderSection(PlaybookSection, { draft: small() });
  const adoptionRed = cell('adoption/red');
  expect(adoptionRed.textContent).toBe('If NPS ≤ 6: Call the detractorOtherwise: Rescue adoptionWins over “Rescue adoption” by priority. 1 more match.');
  const renewalGreen = cell('renewal/green');
  expect(within(renewalGreen).getAllByRole('button').map((b) => b.textContent)).toEqual(['Call the detractor', 'Baseline step']);
  expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Stage \\ health', 'Red (at risk)', 'Yellow (watch)', 'Green (healthy)', 'Insufficient data']);
});

test('editing a rule re-ranks the matrix at once: a higher priority wins over a more specific rule', () => {
  const { last } = renderSection(PlaybookSection, { draft: small() });
  // Open "Baseline step" from the matrix, then make it urgent and earlier than the detractor call.
  fireEvent.click(within(cell('adoption/red')).getByRole('button', { name: 'Rescue adoption' }));
  expect(within(screen.getByTestId('rule-editor')).getByRole('heading', { level: 5 }).textContent).toBe('Rule 2: Rescue adoption');
  fireEvent.change(within(screen.getByTestId('rule-editor')).getByLabelText('Priority'), { target: { value: 'urgent' } });
  expect(last().playbook[1]!.action.priority).toBe('urgent');
  expect(within(cell('adoption/red')).getAllByRole('button')[0]!.textContent).toBe('Rescue adoption');
  expect(cell('adoption/red').textContent).toMatch(/Wins over “Call the detractor”: more specific\./);
});

test('a rule names a stage and band; unknown (insufficient data) is offered; a maturity range the wrong way round is named', () => {
  const { last } = renderSection(PlaybookSection, { draft: small() });
  fireEvent.change(screen.getByLabelText('Rule'), { target: { value: '0' } });
  const editor = screen.getByTestId('rule-editor');
  fireEvent.click(within(within(editor).getByRole('group', { name: 'Health bands' })).getByLabelText('Insufficient data'));
  expect(last().playbook[0]!.when.bands).toEqual(['unknown']);
  expect(within(cell('onboarding/unknown')).getAllByRole('button').at(-1)!.textContent).toBe('Baseline step');
  expect(cell('onboarding/red').textContent).not.toMatch(/Baseline step/);
  fireEvent.change(within(editor).getByLabelText('From maturity level'), { target: { value: '3' } });
  fireEvent.change(within(editor).getByLabelText('Up to maturity level'), { target: { value: '1' } });
  expect(last().playbook[0]!.when.maturity).toEqual({ min: 3, max: 1 });
  expect(within(editor).getByText('maturity.min is above maturity.max: swap them.')).toBeTruthy();
});

test('action texts in both languages and templates offered; an unknown owner is named beside the owner', () => {
  const draft = small();
  draft.playbook[0]!.action.ownerRole = 'nobody';
  const { last } = renderSection(PlaybookSection, { draft });
  // The picker says which rule has problems, so one not open is found.
  expect([...(screen.getByLabelText('Rule') as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['1. Baseline step (base) — 1 problem(s)', '2. Rescue adoption (adopt-red)', '3. Call the detractor (detractor)']);
  fireEvent.change(screen.getByLabelText('Rule'), { target: { value: '0' } });
  const editor = screen.getByTestId('rule-editor');
  const owner = within(editor).getByLabelText('Owner role');
  expect(description(owner)).toMatch(/Unknown role "nobody"/);
  const title = within(editor).getByRole('group', { name: 'Action' });
  fireEvent.change(within(title).getByLabelText('Japanese'), { target: { value: '基本のフォロー' } });
  expect(last().playbook[0]!.action.title).toEqual({ en: 'Baseline step', ja: '基本のフォロー' });
  fireEvent.click(within(within(editor).getByRole('group', { name: 'Templates offered with the action' })).getByLabelText('Kickoff meeting invitation'));
  expect(last().playbook[0]!.action.templateIds).toEqual(['kickoff-email']);
});
