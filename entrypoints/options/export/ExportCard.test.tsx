// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { downloadText } from '../../../lib/ui/download';
import { answer, renderOptions, requests } from '../test-helpers';
import { ExportCard } from './ExportCard';

vi.mock('../../../lib/ui/options-messaging', () => ({ call: vi.fn() }));
vi.mock('../../../lib/ui/download', () => ({ downloadText: vi.fn() }));
afterEach(cleanup);
beforeEach(() => vi.clearAllMocks());

test('exports for IT’s policy under this install’s id, downloads the file and shows its version, hash and changes', async () => {
  answer({
    'pack.export': ({ target }) => ({
      target,
      fileName: 'acme-1.1.0-policy.json',
      text: '{"3rdparty":{}}\n',
      sha256: 'ab'.repeat(32),
      version: '1.1.0',
      previousVersion: '1.0.0',
      changes: ['Weight of NPS (Enterprise): 15 → 20'],
      releaseNote: 'ACME v1.1.0\n',
    }),
  });
  const user = userEvent.setup();
  renderOptions(<ExportCard />);
  await user.click(screen.getByRole('button', { name: 'Export policy JSON for IT' }));
  await waitFor(() => expect(vi.mocked(downloadText)).toHaveBeenCalledWith('acme-1.1.0-policy.json', '{"3rdparty":{}}\n', 'application/json'));
  expect(requests('pack.export')).toEqual([{ target: 'policy', extensionId: browser.runtime.id }]);
  expect(screen.getByTestId('export-sha').textContent).toBe('ab'.repeat(32));
  expect(screen.getByTestId('export-changes').textContent).toBe('Weight of NPS (Enterprise): 15 → 20');
  await user.click(screen.getByRole('button', { name: 'Download the release note (.txt)' }));
  expect(vi.mocked(downloadText)).toHaveBeenLastCalledWith('acme-1.1.0-policy.txt', 'ACME v1.1.0\n', 'text/plain;charset=utf-8');
});
