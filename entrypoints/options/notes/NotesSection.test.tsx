// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { NoteExport } from '../../../lib/messages/options';
import { answer, renderOptions, requests } from '../test-helpers';
import { NotesSection } from './NotesSection';
import { notesCsv } from '../../../lib/notes/file';

vi.mock('../../../lib/ui/options-messaging', () => ({ call: vi.fn() }));

const notes: NoteExport[] = [
  {
    id: '0b6f6f2e-1111-4c1e-9a55-000000000001',
    accountKey: 'hubspot:24681357:9001',
    origin: { objectType: 'company', recordId: '9001' },
    text: '定例会議。営業部でも利用開始、"紙の郵送" はゼロに。\nNext: 経理部へ展開',
    ratings: { promotion: 4, relationship: 5 },
    touchpoint: 'meeting',
    createdAt: '2026-11-20T01:00:00.000Z',
    updatedAt: '2026-11-20T01:05:00.000Z',
    status: 'synced',
    remoteId: '551',
  },
  {
    id: '0b6f6f2e-1111-4c1e-9a55-000000000002',
    accountKey: 'salesforce:acme:001D000000IRFmaIAH',
    origin: { objectType: 'account', recordId: '001D000000IRFmaIAH' },
    text: '=HYPERLINK("http://evil.example")',
    ratings: {},
    touchpoint: 'call',
    createdAt: '2026-11-21T01:00:00.000Z',
    updatedAt: '2026-11-21T01:00:00.000Z',
    status: 'pending',
  },
  {
    id: '0b6f6f2e-1111-4c1e-9a55-000000000003',
    accountKey: 'hubspot:24681357:9002',
    origin: { objectType: 'company', recordId: '9002' },
    text: 'deleted',
    ratings: {},
    touchpoint: 'email',
    createdAt: '2026-11-19T01:00:00.000Z',
    updatedAt: '2026-11-19T01:00:00.000Z',
    status: 'synced',
    deletedAt: '2026-11-22T00:00:00.000Z',
  },
];

/** Catches what the page hands the browser to save: the file name and the blob's text. */
function captureDownloads() {
  const saved: Array<{ name: string; blob: Blob }> = [];
  let last: Blob | null = null;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    last = b as Blob;
    return 'blob:test';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (last) saved.push({ name: this.download, blob: last });
  });
  return saved;
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
beforeEach(() => vi.clearAllMocks());

const outbox = { pending: 1, failed: 2, needsAuth: 1, nextAttemptAt: '2026-11-23T05:10:00.000Z', lastError: 'HubSpot rate limit (DAILY): sending resumes around midnight.' };

describe('notes', () => {
  test('CSV for Excel: BOM, the agreed columns, deleted notes left out, formulas defused', async () => {
    const csv = notesCsv(notes);
    expect(csv.split('\r\n')[0]).toBe('id,account,created,updated,touchpoint,ratings,status,text');
    expect(csv).toContain('"定例会議。営業部でも利用開始、""紙の郵送"" はゼロに。\nNext: 経理部へ展開"');
    expect(csv).toContain('promotion=4; relationship=5');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv).not.toContain('deleted');

    answer({ 'notes.export': () => ({ exportedAt: '2026-11-23T04:00:00.000Z', notes }), 'outbox.status': () => outbox });
    const saved = captureDownloads();
    const user = userEvent.setup();
    renderOptions(<NotesSection />);
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('sidecar-notes-2026-11-23.csv');
    const bytes = new Uint8Array(await saved[0]!.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await screen.findByText('Exported 2 notes as CSV.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Download JSON' }));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]!.name).toBe('sidecar-notes-2026-11-23.json');
    expect(JSON.parse(await saved[1]!.blob.text()).notes).toHaveLength(3);
  });

  test('importing a JSON export shows added and skipped', async () => {
    answer({ 'notes.import': ({ notes: list }) => ({ added: list.length - 1, skipped: 1 }), 'outbox.status': () => outbox });
    const user = userEvent.setup();
    const { container } = renderOptions(<NotesSection />);
    const input = container.querySelector<HTMLInputElement>('input[type="file"]')!;
    await user.upload(input, new File([JSON.stringify({ exportedAt: '2026-11-23T04:00:00.000Z', notes })], 'sidecar-notes.json', { type: 'application/json' }));
    expect((await screen.findByTestId('notes-import-result')).textContent).toBe('Added 2 notes, skipped 1 already here.');
    expect(requests('notes.import')[0]?.notes.map((n) => n.id)).toEqual(notes.map((n) => n.id));
  });

  test('a file that is not an export is refused before anything is sent', async () => {
    answer({ 'outbox.status': () => outbox });
    const user = userEvent.setup();
    const { container } = renderOptions(<NotesSection />);
    const card = within(screen.getByRole('group', { name: 'Import notes' }));
    const input = container.querySelector<HTMLInputElement>('input[type="file"]')!;
    await user.upload(input, new File(['{"notes":[{"id":1}]}'], 'other.json', { type: 'application/json' }));
    expect((await card.findByRole('alert')).textContent).toMatch(/other\.json is not a Sidecar notes export \(notes\.0\.id: .*; notes\.0\.accountKey/);
    await user.upload(input, new File(['id,text'], 'notes.csv', { type: 'application/json' }));
    expect((await card.findByRole('alert')).textContent).toMatch(/notes\.csv is not a JSON file/);
    expect(requests('notes.import')).toHaveLength(0);
  });
});

describe('outbox', () => {
  test('shows pending, failed and needs sign-in, with the last error; retry asks the background', async () => {
    answer({ 'outbox.status': () => outbox, 'outbox.retry': () => ({ pending: 3, failed: 0, needsAuth: 1 }) });
    const user = userEvent.setup();
    renderOptions(<NotesSection />);
    const card = within(screen.getByRole('group', { name: 'Outbox' }));
    const counts = await card.findByTestId('outbox-counts');
    expect(within(counts).getByText('Waiting').nextElementSibling?.textContent).toBe('1');
    expect(within(counts).getByText('Failed').nextElementSibling?.textContent).toBe('2');
    expect(within(counts).getByText('Needs sign-in').nextElementSibling?.textContent).toBe('1');
    expect(card.getByRole('alert').textContent).toContain('rate limit (DAILY)');
    expect(card.getByText(/Reconnect the CRM/)).toBeTruthy();
    await user.click(card.getByRole('button', { name: 'Retry now' }));
    await waitFor(() => expect(within(counts).getByText('Failed').nextElementSibling?.textContent).toBe('0'));
    expect(requests('outbox.retry')).toHaveLength(1);
  });

  test('nothing waiting: retry is disabled', async () => {
    answer({ 'outbox.status': () => ({ pending: 0, failed: 0, needsAuth: 0 }) });
    renderOptions(<NotesSection />);
    const card = within(screen.getByRole('group', { name: 'Outbox' }));
    expect(await card.findByText('All sent')).toBeTruthy();
    expect((card.getByRole('button', { name: 'Retry now' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
