// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { defaultConfigPack, evaluateAccount, parseConfigPack } from '../../../lib/engine/index';
import { errorText, renderPathErrors } from '../../../lib/i18n/errors';
import type { PackCheck } from '../../../lib/messages/options';
import { answer, renderOptions, requests } from '../test-helpers';
import { PackSection } from './PackSection';
import { SidecarDb } from '../../../lib/db/schema';

const db = new SidecarDb(`pack-section-${crypto.randomUUID()}`);

/** The pack section with its JSON editor open: it is the map editor's "JSON (advanced)" tab. */
function renderPack() {
  const r = renderOptions(<PackSection db={db} />);
  fireEvent.click(screen.getByRole('tab', { name: 'JSON (advanced)' }));
  return r;
}

vi.mock('../../../lib/ui/options-messaging', () => ({ call: vi.fn() }));

const NOW = new Date('2026-11-23T03:00:00Z');
const pack = defaultConfigPack('en');
const installedJson = JSON.stringify(pack, null, 2);

/** The background's pack.check, as its handler words it (in English here): path and message per error. */
function check(json: string): PackCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    return { ok: false, errors: [{ path: '(file)', message: errorText('pack.not-json', { detail: (err as Error).message }, 'en') }] };
  }
  const r = parseConfigPack(raw);
  if (!r.ok) return { ok: false, errors: renderPathErrors(r.errors, 'en') };
  return {
    ok: true,
    errors: [],
    summary: {
      id: r.pack.id,
      name: r.pack.name,
      version: r.pack.version,
      signals: r.pack.signals.length,
      scorecards: r.pack.scorecards.length,
      levels: r.pack.maturity.levels.length,
      playbookRules: r.pack.playbook.length,
      templates: r.pack.templates.length,
    },
  };
}

function background() {
  return answer({
    'pack.current': () => ({ json: installedJson, source: 'default' }),
    'pack.check': ({ json }) => check(json),
    'pack.install': ({ json }) => check(json),
    'pack.reset': () => ({}),
    'pack.preview': ({ signals }) => ({ evaluation: evaluateAccount(pack, { signals }, NOW) }),
    // The console's cards (issue 18): no version kept yet, and a book of nothing for the impact.
    'pack.versions': () => ({ versions: [], governs: 'local' }),
    'pack.impact': () => ({ total: 0, based: 0, bandChanged: 0, levelChanged: 0, actionChanged: 0, moves: [], accounts: [], bands: {}, against: { name: pack.name, version: pack.version } }),
  });
}

/** Install is two steps: the impact first, then the confirmation (with an optional note). */
async function confirmInstall(user: ReturnType<typeof userEvent.setup>) {
  const review = within(await screen.findByRole('region', { name: 'Before you install: what changes for the team' }));
  await review.findByTestId('impact-based');
  await user.click(review.getByRole('button', { name: 'Install this version' }));
}

/** A pack with a measure on a signal that does not exist, and a weight out of range. */
function brokenPack(): string {
  const p = structuredClone(pack) as unknown as { scorecards: Array<{ measures: Array<{ signal: string; weight: number }> }> };
  p.scorecards[0]!.measures[2]!.signal = 'npss';
  return JSON.stringify(p, null, 2);
}

afterEach(cleanup);
beforeEach(() => vi.clearAllMocks());

function editor() {
  return within(screen.getByRole('group', { name: 'Edit or load a pack' }));
}

describe('pack console', () => {
  test('shows the installed pack', async () => {
    background();
    renderPack();
    const status = await screen.findByTestId('pack-status');
    await waitFor(() => expect(status.textContent).toContain('Sidecar default pack'));
    expect(status.textContent).toContain('v1.0.0');
    expect(status.textContent).toContain('Default pack');
  });

  test('an invalid pack lists each error with its path, and Install stays disabled', async () => {
    background();
    renderPack();
    const ed = editor();
    const textarea = (await ed.findByLabelText(/Pack JSON/)) as HTMLTextAreaElement;
    await waitFor(() => expect(textarea.value).toContain('sidecar-default-en'));
    const install = ed.getByRole('button', { name: 'Install' }) as HTMLButtonElement;
    expect(install.disabled).toBe(true);

    fireEvent.change(textarea, { target: { value: brokenPack() } });
    fireEvent.click(ed.getByRole('button', { name: 'Check' }));

    const alert = await ed.findByRole('alert');
    const items = within(alert).getAllByRole('listitem');
    const paths = items.map((li) => li.querySelector('code')?.textContent);
    expect(paths).toContain('scorecards[0].measures[2].signal');
    expect(alert.textContent).toMatch(/npss/);
    expect(alert.textContent).toMatch(/Nothing was changed/);
    expect(install.disabled).toBe(true);
    expect(requests('pack.install')).toHaveLength(0);
  });

  test('bad JSON is an error too, named at the file', async () => {
    background();
    renderPack();
    const ed = editor();
    const textarea = await ed.findByLabelText(/Pack JSON/);
    fireEvent.change(textarea, { target: { value: '{ "schemaVersion": 2, ' } });
    fireEvent.click(ed.getByRole('button', { name: 'Check' }));
    const alert = await ed.findByRole('alert');
    expect(alert.querySelector('code')?.textContent).toBe('(file)');
    expect((ed.getByRole('button', { name: 'Install' }) as HTMLButtonElement).disabled).toBe(true);
  });

  test('a valid pack shows its counts; Install is enabled only for the checked text', async () => {
    background();
    const user = userEvent.setup();
    renderPack();
    const ed = editor();
    const textarea = (await ed.findByLabelText(/Pack JSON/)) as HTMLTextAreaElement;
    const renamed = JSON.stringify({ ...pack, name: 'Acme CS pack', version: '2.1.0' }, null, 2);
    fireEvent.change(textarea, { target: { value: renamed } });
    await user.click(ed.getByRole('button', { name: 'Check' }));

    const ok = await ed.findByText('The pack is valid.');
    const summary = ok.closest('[role="status"]') as HTMLElement;
    expect(summary.textContent).toContain('Acme CS pack');
    expect(within(summary).getByText('Signals').nextElementSibling?.textContent).toBe(String(pack.signals.length));
    expect(within(summary).getByText('Playbook rules').nextElementSibling?.textContent).toBe(String(pack.playbook.length));
    const install = ed.getByRole('button', { name: 'Install' }) as HTMLButtonElement;
    expect(install.disabled).toBe(false);

    // Any edit after the check makes it stale.
    fireEvent.change(textarea, { target: { value: `${renamed} ` } });
    expect(install.disabled).toBe(true);
    await user.click(ed.getByRole('button', { name: 'Check' }));
    await waitFor(() => expect(install.disabled).toBe(false));
    await user.click(install);
    expect(requests('pack.install')).toHaveLength(0);
    await confirmInstall(user);
    expect(await ed.findByText(/^Installed\./)).toBeTruthy();
    expect(requests('pack.install')).toEqual([{ json: `${renamed} `, source: 'editor' }]);
  });

  test('loading a file checks it at once and installs it under its file name', async () => {
    background();
    const user = userEvent.setup();
    const { container } = renderPack();
    await editor().findByLabelText(/Pack JSON/);
    const input = container.querySelector<HTMLInputElement>('#pack-file')!;
    await user.upload(input, new File([JSON.stringify(pack)], 'acme-pack.json', { type: 'application/json' }));
    expect(await editor().findByText('The pack is valid.')).toBeTruthy();
    await user.click(editor().getByRole('button', { name: 'Install' }));
    await confirmInstall(user);
    await waitFor(() => expect(requests('pack.install')).toHaveLength(1));
    expect(requests('pack.install')[0]).toMatchObject({ fileName: 'acme-pack.json', source: 'file' });
  });

  test('reset asks first', async () => {
    answer({
      'pack.current': () => ({ json: installedJson, source: 'file', fileName: 'acme.json', installedAt: '2026-11-20T00:00:00.000Z' }),
      'pack.reset': () => ({}),
    });
    const user = userEvent.setup();
    renderPack();
    const status = within(await screen.findByRole('group', { name: 'Installed pack' }));
    await user.click(await status.findByRole('button', { name: 'Reset to default…' }));
    expect(requests('pack.reset')).toHaveLength(0);
    expect(status.getByRole('alertdialog').textContent).toMatch(/kept in history/);
    await user.click(status.getByRole('button', { name: 'Cancel' }));
    expect(requests('pack.reset')).toHaveLength(0);
    await user.click(status.getByRole('button', { name: 'Reset to default…' }));
    await user.click(status.getByRole('button', { name: 'Reset to default' }));
    await waitFor(() => expect(requests('pack.reset')).toHaveLength(1));
  });
});

describe('score tester', () => {
  test('typed inputs go to pack.preview; the answer shows score, band, measures, drivers and the next action', async () => {
    background();
    const user = userEvent.setup();
    renderPack();
    const tester = within(await screen.findByRole('group', { name: 'Score tester' }));

    // Inputs are typed by signal type.
    expect((tester.getByLabelText(/Active user rate/) as HTMLInputElement).type).toBe('number');
    expect((tester.getByLabelText(/Last login/) as HTMLInputElement).type).toBe('date');
    expect(tester.getByLabelText(/Customer sentiment/).tagName).toBe('SELECT');

    await user.clear(tester.getByLabelText('Observed on'));
    await user.type(tester.getByLabelText('Observed on'), '2026-11-20');
    await user.type(tester.getByLabelText(/Active user rate/), '85');
    await user.type(tester.getByLabelText(/Documents sent \(30d\)/), '1200');
    await user.type(tester.getByLabelText(/Documents received \(30d\)/), '900');
    await user.type(tester.getByLabelText(/Open support tickets/), '1');
    await user.type(tester.getByLabelText(/Help-site page views/), '40');
    await user.type(tester.getByLabelText(/^NPS/), '45');
    fireEvent.change(tester.getByLabelText(/Last login/), { target: { value: '2026-11-19' } });
    await user.selectOptions(tester.getByLabelText(/Customer sentiment/), '4');
    await user.click(tester.getByRole('button', { name: 'Score' }));

    const result = within(await tester.findByTestId('score-result'));
    const sent = requests('pack.preview')[0]!;
    expect(sent.json).toBeUndefined();
    expect(sent.signals['active_user_rate']).toEqual({ value: 85, observedAt: '2026-11-20T12:00:00.000Z' });
    expect(sent.signals['sentiment']).toEqual({ value: 4, observedAt: '2026-11-20T12:00:00.000Z' });
    expect(sent.signals['last_login_at']?.value).toBe('2026-11-19');
    expect(sent.signals['nps']?.value).toBe(45);
    expect(Object.keys(sent.signals)).not.toContain('arr');

    const expected = evaluateAccount(pack, { signals: sent.signals }, NOW);
    expect(expected.health.score).not.toBeNull();
    expect(result.getByTestId('score-value').textContent).toBe(String(Math.round(expected.health.score!)));
    const band = pack.bands.find((b) => b.id === expected.health.band)!;
    expect(result.getByTestId('score-band').textContent).toBe(band.label.en);
    // One row per measure, with its sub-score, weight and contribution.
    const rows = result.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(expected.health.measures.length);
    const aur = rows.find((r) => r.textContent?.startsWith('Active user rate'))!;
    const m = expected.health.measures.find((x) => x.signalId === 'active_user_rate')!;
    const cells = within(aur).getAllByRole('cell').map((c) => c.textContent);
    expect(cells[2]).toBe(String(m.weight));
    expect(Number(cells[3])).toBeCloseTo(m.contribution, 0);
    if (expected.nextAction) expect(result.getByTestId('next-action').textContent).toContain(expected.nextAction.best.title.en);
    for (const d of expected.health.drivers.up) expect(result.getByText(d.text.en, { exact: false })).toBeTruthy();
  });

  test('a checked draft can be scored instead of the installed pack', async () => {
    background();
    const user = userEvent.setup();
    renderPack();
    const ed = editor();
    const textarea = await ed.findByLabelText(/Pack JSON/);
    const draft = JSON.stringify({ ...pack, version: '9.9.9' });
    fireEvent.change(textarea, { target: { value: draft } });
    await user.click(ed.getByRole('button', { name: 'Check' }));
    const tester = within(screen.getByRole('group', { name: 'Score tester' }));
    await user.click(await tester.findByLabelText('Use the checked draft from the editor'));
    await user.click(tester.getByRole('button', { name: 'Score' }));
    await tester.findByTestId('score-result');
    expect(requests('pack.preview')[0]?.json).toBe(draft);
  });
});
