// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { loadPackDraft, savePackDraft } from '../../../lib/db/pack-drafts';
import { SidecarDb } from '../../../lib/db/schema';
import { defaultConfigPack, parseConfigPack } from '../../../lib/engine/index';
import { renderPathErrors } from '../../../lib/i18n/errors';
import type { PackCheck } from '../../../lib/messages/options';
import { PackSection } from '../pack/PackSection';
import { answer, renderOptions, requests } from '../test-helpers';

vi.mock('../../../lib/ui/options-messaging', () => ({ call: vi.fn() }));

// The map editor inside the pack section, with the background answering as it does: the structured
// tabs and the JSON tab are one draft, edits are undoable steps, an invalid draft is refused before
// any request, and the draft is kept in IndexedDB and offered back.

const pack = defaultConfigPack('en');
const installedJson = JSON.stringify(pack, null, 2);
let db: SidecarDb;

function check(json: string): PackCheck {
  const r = parseConfigPack(JSON.parse(json));
  return r.ok ? { ok: true, errors: [] } : { ok: false, errors: renderPathErrors(r.errors, 'en') };
}

beforeEach(() => {
  vi.clearAllMocks();
  db = new SidecarDb(`map-editor-${crypto.randomUUID()}`);
  answer({
    'pack.current': () => ({ json: installedJson, source: 'default' }),
    'pack.check': ({ json }) => check(json),
    'pack.install': ({ json }) => check(json),
    'pack.versions': () => ({ versions: [], governs: 'local' }),
    'pack.impact': () => ({ total: 0, based: 0, bandChanged: 0, levelChanged: 0, actionChanged: 0, moves: [], accounts: [], bands: {}, against: { name: pack.name, version: pack.version } }),
  });
});
afterEach(cleanup);

async function openSignal(id: string) {
  const panel = within(await screen.findByTestId('section-signals'));
  fireEvent.click(panel.getByTestId(`signal-${id}`));
  return panel;
}

const nameEn = () => within(screen.getByRole('group', { name: 'Name' })).getByLabelText('English') as HTMLInputElement;
const jsonText = () => (screen.getByLabelText(/Pack JSON/) as HTMLTextAreaElement).value;

describe('the map editor', () => {
  test('the structured tabs and the JSON tab are one draft, both ways; undo takes a typed name back in one step', async () => {
    renderOptions(<PackSection db={db} />);
    await openSignal('nps');
    const input = nameEn();
    // Typed letter by letter in one field: one undo step.
    input.focus();
    for (const text of ['N', 'NP', 'NPS!']) fireEvent.change(input, { target: { value: text } });
    fireEvent.click(screen.getByRole('tab', { name: 'JSON (advanced)' }));
    expect(JSON.parse(jsonText()).signals.find((s: { id: string }) => s.id === 'nps').label.en).toBe('NPS!');

    // A valid JSON edit comes back to the structured tabs.
    fireEvent.change(screen.getByLabelText(/Pack JSON/), { target: { value: jsonText().replace('"NPS!"', '"NPS from JSON"') } });
    fireEvent.click(screen.getByRole('tab', { name: 'Signals' }));
    await openSignal('nps');
    expect(nameEn().value).toBe('NPS from JSON');
    // An invalid JSON edit leaves the structured draft alone, and says so.
    fireEvent.click(screen.getByRole('tab', { name: 'JSON (advanced)' }));
    fireEvent.change(screen.getByLabelText(/Pack JSON/), { target: { value: '{ "schemaVersion": 2,' } });
    fireEvent.click(screen.getByRole('tab', { name: 'Signals' }));
    await openSignal('nps');
    expect(nameEn().value).toBe('NPS from JSON');
    expect(screen.getAllByText(/The JSON tab holds text that is not a valid pack/).length).toBeGreaterThan(0);

    // Undo: the JSON edit, then the whole typed name; the JSON tab follows.
    const undo = screen.getByRole('button', { name: 'Undo' });
    fireEvent.click(undo);
    expect(nameEn().value).toBe('NPS!');
    fireEvent.click(undo);
    expect(nameEn().value).toBe('NPS');
    expect((undo as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('tab', { name: 'JSON (advanced)' }));
    expect(JSON.parse(jsonText())).toEqual(JSON.parse(installedJson));
    // Ctrl+Shift+Z brings it back.
    fireEvent.keyDown(screen.getByRole('tab', { name: 'JSON (advanced)' }), { key: 'z', ctrlKey: true, shiftKey: true });
    expect(JSON.parse(jsonText()).signals.find((s: { id: string }) => s.id === 'nps').label.en).toBe('NPS!');
  });

  test('an invalid draft names the problem beside its field, on its tab and at the top, and cannot be installed', async () => {
    renderOptions(<PackSection db={db} />);
    await openSignal('nps');
    const fresh = screen.getByLabelText('Fresh for (days)') as HTMLInputElement;
    fireEvent.change(fresh, { target: { value: '0' } });
    const ids = fresh.getAttribute('aria-describedby')!.split(' ');
    expect(ids.map((id) => document.getElementById(id)?.textContent).join(' ')).toMatch(/0/);
    expect(screen.getByTestId('editor-problems').textContent).toMatch(/signals\[\d+\]\.freshnessDays/);
    expect(screen.getByRole('tab', { name: /Signals/ }).textContent).toBe('Signals1');
    const install = screen.getByRole('button', { name: 'Check and install…' }) as HTMLButtonElement;
    expect(install.disabled).toBe(true);
    expect(screen.getByTestId('editor-install-why').textContent).toBe('Cannot install yet: fix the 1 problem(s) listed above.');
    fireEvent.click(install);
    expect(requests('pack.check')).toHaveLength(0);
    expect(requests('pack.install')).toHaveLength(0);
  });

  test('the draft is saved as you edit, offered back when the editor opens, and discarded on request; never installed', async () => {
    const first = renderOptions(<PackSection db={db} />);
    await openSignal('nps');
    fireEvent.change(nameEn(), { target: { value: 'Saved NPS' } });
    await waitFor(async () => expect(((await loadPackDraft(db))?.pack as typeof pack | undefined)?.signals.find((s) => s.id === 'nps')?.label.en).toBe('Saved NPS'), { timeout: 3000 });
    expect((await loadPackDraft(db))?.base).toEqual({ packId: pack.id, version: pack.version });
    first.unmount();

    renderOptions(<PackSection db={db} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Continue the draft' }));
    await openSignal('nps');
    expect(nameEn().value).toBe('Saved NPS');
    expect(requests('pack.install')).toHaveLength(0);
    cleanup();

    renderOptions(<PackSection db={db} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Discard it' }));
    await waitFor(async () => expect(await loadPackDraft(db)).toBeNull());
  });

  test('a new map is named and numbered above the tabs; the page says "Saving…" until the draft is written', async () => {
    renderOptions(<PackSection db={db} />);
    await screen.findByTestId('section-signals');
    fireEvent.click(screen.getByRole('button', { name: 'New empty map' }));
    fireEvent.change(screen.getByLabelText('Map name'), { target: { value: 'e-contract CS map' } });
    fireEvent.change(screen.getByLabelText('Map version'), { target: { value: '1.0.0' } });
    // Not written yet: whoever closes the page now would lose it, and the page says so.
    expect(screen.getByTestId('editor-save').textContent).toBe('Saving the draft…');
    await waitFor(() => expect(screen.getByTestId('editor-save').textContent).toMatch(/^Draft saved/), { timeout: 3000 });
    const saved = (await loadPackDraft(db))?.pack as typeof pack;
    expect([saved.name, saved.version]).toEqual(['e-contract CS map', '1.0.0']);
    // An emptied name is a problem beside the field, and the map cannot be installed.
    fireEvent.change(screen.getByLabelText('Map name'), { target: { value: '' } });
    expect(screen.getByLabelText('Map name').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByRole('button', { name: 'Check and install…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  test('a saved draft that says nothing new is not offered', async () => {
    await savePackDraft(db, { pack, base: { packId: pack.id, version: pack.version }, savedAt: '2026-12-05T10:00:00.000Z' });
    renderOptions(<PackSection db={db} />);
    await screen.findByTestId('section-signals');
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(screen.queryByRole('button', { name: 'Continue the draft' })).toBeNull();
  });
});
