// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { NoteView } from '../lib/messages/protocol';
import { notes, pack } from './fixtures';
import { NotesList } from './NotesList';
import { renderIn } from './test-utils';

afterEach(cleanup);

const base = notes[0]!;
const note = (over: Partial<NoteView>): NoteView => ({ ...base, ...over });

describe('NotesList', () => {
  test.each([
    ['pending', 'Waiting to sync'],
    ['syncing', 'Syncing…'],
    ['synced', 'Synced'],
    ['failed', 'Sync failed'],
    ['needs-auth', 'Sign in to sync'],
    ['local-only', 'Saved here only'],
  ] as const)('status %s reads "%s"', (status, label) => {
    renderIn(<NotesList notes={[note({ status })]} ratings={pack.ratings} onDelete={vi.fn()} />);
    const chip = document.querySelector('[data-status]')!;
    expect(chip.getAttribute('data-status')).toBe(status);
    expect(chip.textContent).toBe(label);
  });

  test('a note still being sent offers "also in the CRM" and says the delete waits for the send', async () => {
    const onDelete = vi.fn();
    renderIn(<NotesList notes={[note({ status: 'syncing', remoteId: undefined })]} ratings={pack.ratings} onDelete={onDelete} />);
    await userEvent.click(screen.getByRole('button', { name: /Delete note of/ }));
    expect(screen.getByTestId('delete-while-sending').textContent).toMatch(/still being sent/);
    await userEvent.click(screen.getByRole('checkbox'));
    await userEvent.click(screen.getByRole('button', { name: 'Delete note' }));
    expect(onDelete).toHaveBeenCalledWith(base.id, true);
  });

  test.each(['en', 'ja'] as const)('a Salesforce note cut at 255 characters says so (%s)', (locale) => {
    renderIn(<NotesList notes={[note({ fromCrm: true, cut: true })]} ratings={pack.ratings} onDelete={vi.fn()} />, locale);
    expect(screen.getByTestId('note-cut').textContent).toMatch(locale === 'ja' ? /255 文字/ : /first 255 characters/);
  });

  test('own and team notes, with ratings in words and the error of a failed sync', () => {
    renderIn(<NotesList notes={notes} ratings={pack.ratings} onDelete={vi.fn()} />);
    const items = within(screen.getByRole('list', { name: 'Notes' })).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(within(items[0]!).getByText('Internal advocacy 4 (Strong)')).toBeTruthy();
    expect(within(items[1]!).getByText('HubSpot refused the note: 403 MISSING_SCOPES')).toBeTruthy();
    expect(within(items[2]!).getByText('From the CRM')).toBeTruthy();
    // A colleague's note from the CRM is not the CSM's to delete here.
    expect(within(items[2]!).queryByRole('button')).toBeNull();
  });

  test('delete asks first, with "also delete in the CRM" off by default', async () => {
    const user = userEvent.setup();
    const onDelete = vi.fn();
    renderIn(<NotesList notes={notes} ratings={pack.ratings} onDelete={onDelete} />);
    await user.click(screen.getAllByRole('button', { name: /Delete note of/ })[0]!);
    expect(onDelete).not.toHaveBeenCalled();
    const dialog = screen.getByRole('dialog', { name: 'Delete this note?' });
    const box = within(dialog).getByRole('checkbox', { name: 'Also delete it in the CRM' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Delete note' }));
    expect(onDelete).toHaveBeenCalledWith('n1', false);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('ticking the box deletes in the CRM too', async () => {
    const user = userEvent.setup();
    const onDelete = vi.fn();
    renderIn(<NotesList notes={notes} ratings={pack.ratings} onDelete={onDelete} />);
    await user.click(screen.getAllByRole('button', { name: /Delete note of/ })[0]!);
    await user.click(screen.getByRole('checkbox', { name: 'Also delete it in the CRM' }));
    await user.click(screen.getByRole('button', { name: 'Delete note' }));
    expect(onDelete).toHaveBeenCalledWith('n1', true);
  });

  test('Escape or Cancel keeps the note', async () => {
    const user = userEvent.setup();
    const onDelete = vi.fn();
    renderIn(<NotesList notes={notes} ratings={pack.ratings} onDelete={onDelete} />);
    await user.click(screen.getAllByRole('button', { name: /Delete note of/ })[0]!);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(screen.getAllByRole('button', { name: /Delete note of/ })[0]!);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onDelete).not.toHaveBeenCalled();
  });

  test('a note only on this device offers no CRM deletion', async () => {
    const user = userEvent.setup();
    renderIn(<NotesList notes={[note({ status: 'local-only', remoteId: undefined })]} ratings={pack.ratings} onDelete={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: /Delete note of/ }));
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  test('empty', () => {
    renderIn(<NotesList notes={[]} ratings={pack.ratings} onDelete={vi.fn()} />, 'ja');
    expect(screen.getByText('メモはまだありません。')).toBeTruthy();
  });
});
