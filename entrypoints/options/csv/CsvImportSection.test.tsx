// @vitest-environment happy-dom
import { latestSignals } from '../../../lib/db/signals';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Encoding from 'encoding-japanese';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SidecarDb } from '../../../lib/db/schema';
import { defaultConfigPack } from '../../../lib/engine/index';
import { headerSignature } from '../../../lib/import/index';
import { answer, renderOptions } from '../test-helpers';
import { CsvImportSection } from './CsvImportSection';

vi.mock('../../../lib/ui/options-messaging', () => ({ call: vi.fn() }));

const packJson = JSON.stringify(defaultConfigPack('en'));
let db: SidecarDb;

beforeEach(() => {
  vi.clearAllMocks();
  answer({ 'pack.current': () => ({ json: packJson, source: 'default' }) });
  // A database of its own per test, over fake-indexeddb (tests/setup.ts).
  db = new SidecarDb(`options-csv-${crypto.randomUUID()}`);
});
afterEach(async () => {
  cleanup();
  db.close();
});

const USAGE = [
  'Company Domain,Active user rate,help_page_views_30d,NPS,Report date,Notes',
  'acme.co.jp,0.82,140,42,2026-11-01,ok',
  'globex.com,0.35,12,-10,2026-11-01,',
  'initech.jp,n/a,33,15,2026-11-01,',
  'not a domain,0.5,20,10,2026-11-01,',
  'umbrella.co.jp,0.61,75,30,2026-11-01,',
].join('\r\n');

function csvFile(text: string | Uint8Array, name = 'usage.csv'): File {
  return new File([text as BlobPart], name, { type: 'text/csv' });
}

async function choose(file: File) {
  const user = userEvent.setup();
  const { container } = renderOptions(<CsvImportSection db={db} />);
  const input = container.querySelector<HTMLInputElement>('#csv-file')!;
  await waitFor(() => expect(input.disabled).toBe(false));
  await user.upload(input, file);
  return { user, container };
}

function mappingRow(column: string) {
  const table = screen.getByRole('table', { name: 'Column mapping' });
  return within(table).getByLabelText(column) as HTMLSelectElement;
}

describe('CSV import', () => {
  test('shows what was detected and pre-fills the mapping from the header names', async () => {
    await choose(csvFile(USAGE));
    const facts = await screen.findByTestId('csv-facts');
    expect(within(facts).getByTestId('csv-encoding').textContent).toBe('UTF-8');
    expect(within(facts).getByTestId('csv-delimiter').textContent).toBe('Comma');
    expect(within(facts).getByTestId('csv-rows').textContent).toBe('5');
    expect(screen.getByTestId('csv-mapping-source').textContent).toMatch(/Suggested from the column names/);

    expect(mappingRow('Company Domain').value).toBe('@key');
    expect((screen.getByLabelText('The account key is a') as HTMLSelectElement).value).toBe('domain');
    expect(mappingRow('Active user rate').value).toBe('sig:active_user_rate');
    expect(mappingRow('help_page_views_30d').value).toBe('sig:help_page_views_30d');
    expect(mappingRow('NPS').value).toBe('sig:nps');
    expect(mappingRow('Report date').value).toBe('@date');
    expect(mappingRow('Notes').value).toBe('');
    expect(screen.getByRole('button', { name: 'Import 5 rows' })).toBeTruthy();
  });

  test('imports, lists the rejected rows with row, column, value and why, and remembers the mapping', async () => {
    const { user } = await choose(csvFile(USAGE));
    await screen.findByTestId('csv-facts');
    // The admin maps one more column by hand.
    await user.selectOptions(mappingRow('Notes'), 'sig:departments_using');
    await user.selectOptions(mappingRow('Notes'), '');
    await user.click(screen.getByRole('button', { name: 'Import 5 rows' }));

    const result = within(await screen.findByTestId('csv-result'));
    // 4 keyed rows × 3 signals, less the one bad number.
    expect(result.getByTestId('csv-accepted').textContent).toBe('11');
    expect(result.getByTestId('csv-rejected').textContent).toBe('2');
    const rows = result.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows[0]).toEqual(['4', 'Active user rate', 'n/a', expect.stringMatching(/"n\/a" is not a number/)]);
    expect(rows[1]?.slice(0, 3)).toEqual(['5', 'Company Domain', 'not a domain']);
    expect(rows[1]?.[3]).toMatch(/not a domain name/);
    expect(result.getByRole('button', { name: 'Download report' })).toBeTruthy();

    // Stored: the observations and the import's record; the mapping under the header's signature.
    expect(Object.keys(await latestSignals(db, ['domain:acme.co.jp']))).toHaveLength(3);
    expect((await db.imports.toArray()).map((r) => [r.fileName, r.accepted, r.rejected])).toEqual([['usage.csv', 11, 2]]);
    const saved = await db.csvMappings.get(headerSignature(USAGE.split('\r\n')[0]!.split(',')));
    expect(saved?.mapping).toMatchObject({ keyColumn: 'Company Domain', keyKind: 'domain', observedAtColumn: 'Report date' });
    // The recent imports list picked it up.
    await waitFor(() => expect(within(screen.getByTestId('csv-recent')).getByText('usage.csv')).toBeTruthy());
  });

  test('an import drops the sidebar snapshots, so no sidebar first paints scores from before it', async () => {
    await fakeBrowser.storage.session.set({ 'sidecar.view:hubspot|app.hubspot.com|1|company|9': { v: 1 }, 'unrelated': 1 });
    const { user } = await choose(csvFile(USAGE));
    await screen.findByTestId('csv-facts');
    await user.click(screen.getByRole('button', { name: 'Import 5 rows' }));
    await screen.findByTestId('csv-result');
    await waitFor(async () => expect(await fakeBrowser.storage.session.get(null)).toEqual({ unrelated: 1 }));
  });

  test('the next file with the same layout gets the remembered mapping; the same file is recognised', async () => {
    const header = 'Company Domain,Active user rate,help_page_views_30d,NPS,Report date,Notes';
    await db.csvMappings.put({
      signature: headerSignature(header.split(',')),
      // The admin had chosen NPS → nps and Notes → departments_using last time, and no date column.
      mapping: { keyColumn: 'Company Domain', keyKind: 'name', columns: { NPS: 'nps', Notes: 'departments_using' } },
      fileName: 'october.csv',
      savedAt: '2026-10-31T00:00:00.000Z',
    });
    const { user } = await choose(csvFile(USAGE, 'november.csv'));
    await screen.findByTestId('csv-facts');
    expect(screen.getByTestId('csv-mapping-source').textContent).toMatch(/Using the mapping you saved/);
    expect((screen.getByLabelText('The account key is a') as HTMLSelectElement).value).toBe('name');
    expect(mappingRow('Notes').value).toBe('sig:departments_using');
    expect(mappingRow('Active user rate').value).toBe('');
    expect(mappingRow('Report date').value).toBe('');
    expect(screen.queryByTestId('csv-same-file')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Import 5 rows' }));
    await screen.findByTestId('csv-result');
    await user.click(screen.getAllByRole('button', { name: 'Import another file' })[0]!);
    const input = document.querySelector<HTMLInputElement>('#csv-file')!;
    await user.upload(input, csvFile(USAGE, 'november-again.csv'));
    expect((await screen.findByTestId('csv-same-file')).textContent).toMatch(/same file you imported .*nothing is counted twice/);
    await user.click(screen.getByRole('button', { name: 'Import 5 rows' }));
    await screen.findByTestId('csv-result');
    // Idempotent: one import record, no doubled observations.
    expect(await db.imports.count()).toBe(1);
    expect(Object.keys(await latestSignals(db, ['name:acme.co.jp']))).toHaveLength(1);
  });

  test('reads Shift_JIS files written by Excel in Japan', async () => {
    const text = '会社名,NPS,集計日\r\n株式会社サンプル,40,2026/11/01\r\nテスト商事,x,2026/11/01\r\n';
    const bytes = Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
    await choose(csvFile(bytes, '利用状況.csv'));
    expect((await screen.findByTestId('csv-encoding')).textContent).toBe('Shift_JIS');
    expect(mappingRow('会社名').value).toBe('@key');
    expect((screen.getByLabelText('The account key is a') as HTMLSelectElement).value).toBe('name');
    expect(mappingRow('集計日').value).toBe('@date');
    fireEvent.click(screen.getByRole('button', { name: 'Import 2 rows' }));
    const result = within(await screen.findByTestId('csv-result'));
    expect(result.getByTestId('csv-accepted').textContent).toBe('1');
    expect(result.getByText('x')).toBeTruthy();
  });

  test('a mapping without a key column cannot be imported', async () => {
    const { user } = await choose(csvFile('foo,NPS\r\n1,2\r\n'));
    await screen.findByTestId('csv-facts');
    const importButton = screen.getByRole('button', { name: 'Import 1 rows' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    expect(screen.getByText('Choose the column that identifies the account.')).toBeTruthy();
    await user.selectOptions(mappingRow('foo'), '@key');
    expect(importButton.disabled).toBe(false);
  });

  test.each([
    ['an empty file', '', /empty/],
    ['a header with no rows', 'domain,nps\r\n', /no data rows/],
  ])('%s gets a clear error', async (_name, text, pattern) => {
    await choose(csvFile(text, 'export.csv'));
    const error = await screen.findByTestId('csv-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toMatch(/^export\.csv: /);
    expect(error.textContent).toMatch(pattern);
    // The chooser is back for another try.
    expect(document.querySelector('#csv-file')).toBeTruthy();
  });

  test('the progress bar moves while a large file is parsed and saved', async () => {
    const lines = ['domain,nps,active_user_rate'];
    for (let i = 0; i < 40_000; i++) lines.push(`c${i}.example.com,${i % 100},0.${i % 10}`);
    const seen: number[] = [];
    const observer = new MutationObserver(() => {
      const bar = document.querySelector('progress');
      const v = bar?.getAttribute('value');
      if (v !== null && v !== undefined && seen.at(-1) !== Number(v)) seen.push(Number(v));
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    const { user } = await choose(csvFile(lines.join('\n'), 'big.csv'));
    await screen.findByTestId('csv-facts', {}, { timeout: 20_000 });
    const parseSteps = [...seen];
    await user.click(screen.getByRole('button', { name: 'Import 40,000 rows' }));
    await screen.findByTestId('csv-result', {}, { timeout: 60_000 });
    observer.disconnect();

    // Parsing painted fractions between 0 and 100 while it ran, then the write painted its chunks, always forward.
    // (How many of the ~4 parse chunks get their own paint depends on the machine's load, so at least one.)
    expect(parseSteps.filter((v) => v > 0 && v < 100).length).toBeGreaterThanOrEqual(1);
    const writeSteps = seen.slice(parseSteps.length);
    expect(writeSteps.filter((v) => v > 10 && v < 100).length).toBeGreaterThanOrEqual(2);
    const forward = (steps: number[]) => steps.every((v, i) => i === 0 || v >= steps[i - 1]!);
    expect(forward(parseSteps)).toBe(true);
    expect(forward(writeSteps.filter((v) => v >= 10))).toBe(true);
    expect(within(screen.getByTestId('csv-result')).getByTestId('csv-accepted').textContent).toBe('80,000');
  }, 90_000);
});
