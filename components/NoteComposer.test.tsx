// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { EMPTY_DRAFT, type DraftValue } from '../lib/ui/queries';
import { pack } from './fixtures';
import { NoteComposer } from './NoteComposer';
import { renderIn } from './test-utils';

afterEach(cleanup);

/** The composer is controlled; this holds its value the way the container does. */
function Harness({ onSubmit, onChange, initial = EMPTY_DRAFT, error }: { onSubmit: () => void; onChange?: (v: DraftValue) => void; initial?: DraftValue; error?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <NoteComposer
      ratings={pack.ratings}
      value={value}
      onChange={(v) => {
        setValue(v);
        onChange?.(v);
      }}
      onSubmit={onSubmit}
      saving={false}
      {...(error ? { error } : {})}
    />
  );
}

describe('NoteComposer', () => {
  test('each pack rating is a radio group with a label per point', () => {
    renderIn(<Harness onSubmit={vi.fn()} />);
    const group = screen.getByRole('group', { name: 'Internal advocacy' });
    const radios = within(group).getAllByRole('radio');
    expect(radios).toHaveLength(5);
    expect(within(group).getByRole('radio', { name: '4 Strong' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Owner–user relationship' })).toBeTruthy();
  });

  test('choosing and clearing a rating', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderIn(<Harness onSubmit={vi.fn()} onChange={onChange} />);
    await user.click(screen.getByRole('radio', { name: '3 Some' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...EMPTY_DRAFT, ratings: { advocacy: 3 } });
    expect(screen.getByText('Some')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /Clear Internal advocacy/ }));
    expect(onChange).toHaveBeenLastCalledWith({ ...EMPTY_DRAFT, ratings: {} });
  });

  test('text, touchpoint and ratings make the note; save is off while it is empty', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    const onChange = vi.fn();
    renderIn(<Harness onSubmit={onSubmit} onChange={onChange} />);
    const save = screen.getByRole('button', { name: 'Save note' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await user.selectOptions(screen.getByLabelText('Touchpoint'), 'call');
    expect([...(screen.getByLabelText('Touchpoint') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['meeting', 'call', 'email', 'event']);
    await user.type(screen.getByLabelText('Note'), 'Discussed roll-out');
    await user.click(screen.getByRole('radio', { name: '5 Excellent' }));
    expect(onChange).toHaveBeenLastCalledWith({ text: 'Discussed roll-out', touchpoint: 'call', ratings: { relationship: 5 } });
    expect(save.disabled).toBe(false);
    await user.click(save);
    expect(onSubmit).toHaveBeenCalledOnce();
  });

  test('a stored draft is shown as the starting value', () => {
    renderIn(<Harness onSubmit={vi.fn()} initial={{ text: 'half-written', ratings: { advocacy: 2 }, touchpoint: 'email' }} />);
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('half-written');
    expect((screen.getByRole('radio', { name: '2 Low' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Touchpoint') as HTMLSelectElement).value).toBe('email');
  });

  test('a save error is announced', () => {
    renderIn(<Harness onSubmit={vi.fn()} error="Could not save the note: offline" />);
    expect(screen.getByRole('alert').textContent).toBe('Could not save the note: offline');
  });

  test('in Japanese', () => {
    renderIn(<Harness onSubmit={vi.fn()} />, 'ja');
    expect(screen.getByRole('group', { name: '社内推進度' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: '5 非常に高い' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'メモを保存' })).toBeTruthy();
  });
});
