// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { bootSidebar, waitForBoot } from './boot';
import { SNAPSHOT_ELEMENT_ID } from './dom';
import { snapshotKeyOf, type SnapshotArea, type ViewSnapshot } from './read';

const ID = 'hubspot|app.hubspot.com|24681357|company|9001';
const stored = (over: Partial<ViewSnapshot> = {}): ViewSnapshot => ({ v: 1, accountKey: 'hubspot:24681357:9001', lang: 'ja', html: '<main class="sidebar">61</main>', savedAt: Date.now(), ...over });

/** Session storage holding `value` under the record's key; `gate` holds the answer back. */
function areaWith(value: unknown, gate: Promise<void> = Promise.resolve()): SnapshotArea {
  return {
    get: async (key) => {
      await gate;
      return key === snapshotKeyOf(ID) && value !== undefined ? { [key]: value } : {};
    },
    set: async () => {},
    remove: async () => {},
  };
}

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '<div id="root"></div>';
  for (const k of Object.keys(document.documentElement.dataset)) delete document.documentElement.dataset[k];
  window.history.replaceState(null, '', `/sidebar.html?ref=x&id=${encodeURIComponent(ID)}&cs=1#token`);
});
afterEach(() => vi.useRealTimers());
const snapshotOnScreen = () => document.getElementById(SNAPSHOT_ELEMENT_ID);

describe('the sidebar boot script', () => {
  test('paints the record’s snapshot and marks the first paint as from it', async () => {
    const boot = bootSidebar(window, areaWith(stored()));
    expect((await boot.painted)?.accountKey).toBe('hubspot:24681357:9001');
    expect(snapshotOnScreen()?.innerHTML).toBe('<main class="sidebar">61</main>');
    expect(document.documentElement.dataset).toMatchObject({ paintedFrom: 'snapshot', paintedRecord: 'hubspot:24681357:9001' });
  });

  test.each([
    ['there is no snapshot', undefined],
    ['the snapshot is too old', stored({ savedAt: Date.now() - 13 * 60 * 60 * 1000 })],
    ['the stored value is not a snapshot', { html: 42 }],
  ])('paints nothing when %s', async (_name, value) => {
    const boot = bootSidebar(window, areaWith(value));
    expect(await boot.painted).toBeNull();
    expect(snapshotOnScreen()).toBeNull();
    expect(document.documentElement.dataset.paintedRecord).toBeUndefined();
  });

  test('paints nothing without session storage or without a record id in its URL', async () => {
    expect(await bootSidebar(window, null).painted).toBeNull();
    window.history.replaceState(null, '', '/sidebar.html?ref=x#token');
    expect(await bootSidebar(window, areaWith(stored())).painted).toBeNull();
    expect(snapshotOnScreen()).toBeNull();
  });

  test('once the live view has started, a late snapshot is not painted over it', async () => {
    let release!: () => void;
    const boot = bootSidebar(window, areaWith(stored(), new Promise((r) => (release = r))));
    boot.cancel();
    release();
    expect(await boot.painted).toBeNull();
    expect(snapshotOnScreen()).toBeNull();
  });

  test('a snapshot the live view never takes over is removed after the failsafe delay', async () => {
    const boot = bootSidebar(window, areaWith(stored()), 40);
    expect(await boot.painted).not.toBeNull();
    expect(snapshotOnScreen()).not.toBeNull();
    await new Promise((r) => setTimeout(r, 60));
    expect(snapshotOnScreen()).toBeNull();
  });

  test('preloads the strings of the browser language', () => {
    bootSidebar(window, null);
    expect(document.head.querySelector<HTMLLinkElement>('link[rel="modulepreload"]')?.getAttribute('href')).toMatch(/^\/chunks\/strings-(en|ja)\.js$/);
  });
});

describe('the live view waiting for the boot script', () => {
  test('starts as soon as the snapshot is on screen', async () => {
    const boot = bootSidebar(window, areaWith(stored()));
    await waitForBoot(boot, 10_000);
    expect(snapshotOnScreen()).not.toBeNull();
  });

  test('starts after the wait at most, and the snapshot then never comes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const boot = bootSidebar(window, areaWith(stored(), new Promise(() => {})));
    const started = vi.fn();
    void waitForBoot(boot, 250).then(started);
    await vi.advanceTimersByTimeAsync(249);
    expect(started).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toHaveBeenCalled();
  });

  test('starts at once without a boot script', async () => {
    await expect(waitForBoot(undefined)).resolves.toBeUndefined();
  });
});
