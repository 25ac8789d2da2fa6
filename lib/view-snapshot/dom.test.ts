// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { captureView, dropSnapshot, markFirstPaint, paintSnapshot, snapshotOnScreen, SNAPSHOT_ELEMENT_ID, whenPresented } from './dom';

beforeEach(() => {
  document.body.innerHTML = '<div id="root"></div>';
  document.documentElement.lang = 'en';
  for (const k of Object.keys(document.documentElement.dataset)) delete document.documentElement.dataset[k];
});
const root = () => document.getElementById('root')!;
const frames = () => ({ requestAnimationFrame: (cb: FrameRequestCallback) => setTimeout(() => cb(0), 0) as unknown as number, performance });

describe('taking the picture', () => {
  test('transient UI (toasts, dialogs, relative times) is left out; the live view is untouched', () => {
    root().innerHTML = '<main><h1>株式会社サンプル商事</h1><span data-snapshot-skip="">(2 min ago)</span><div data-snapshot-skip=""><p>Copied</p></div></main>';
    const html = captureView(root());
    expect(html).toBe('<main><h1>株式会社サンプル商事</h1></main>');
    expect(root().querySelectorAll('[data-snapshot-skip]')).toHaveLength(2);
  });

  test.each([
    ['a chosen option', '<select><option value="auto">Auto</option><option value="ja">日本語</option></select>', (r: HTMLElement) => (r.querySelector('select')!.value = 'ja'), 'option[value="ja"][selected]'],
    ['a ticked box', '<input type="checkbox">', (r: HTMLElement) => (r.querySelector('input')!.checked = true), 'input[checked]'],
    ['a chosen radio', '<input type="radio" name="t" value="call"><input type="radio" name="t" value="email">', (r: HTMLElement) => ((r.querySelectorAll('input')[1] as HTMLInputElement).checked = true), 'input[value="email"][checked]'],
    ['typed text', '<input type="text">', (r: HTMLElement) => (r.querySelector('input')!.value = 'Ready'), 'input[value="Ready"]'],
  ])('%s is kept in the picture', (_name, markup, change, selector) => {
    root().innerHTML = markup;
    change(root());
    const copy = document.createElement('div');
    copy.innerHTML = captureView(root());
    expect(copy.querySelector(selector)).not.toBeNull();
  });

  test('a draft in a text area is kept as its text', () => {
    root().innerHTML = '<textarea></textarea>';
    root().querySelector('textarea')!.value = '次回は部長も同席';
    expect(captureView(root())).toBe('<textarea>次回は部長も同席</textarea>');
  });
});

describe('painting and removing a snapshot', () => {
  test('it lies over the root, inert, in its language, once', () => {
    const box = paintSnapshot(document, '<main>61</main>', 'ja');
    expect(box?.id).toBe(SNAPSHOT_ELEMENT_ID);
    expect(box?.inert).toBe(true);
    expect(box?.nextElementSibling).toBe(root());
    expect(document.documentElement.lang).toBe('ja');
    expect(paintSnapshot(document, '<main>62</main>', 'ja')).toBeNull();
    expect(document.querySelectorAll(`#${SNAPSHOT_ELEMENT_ID}`)).toHaveLength(1);
  });

  test('before the parser has reached the root, it goes on the document element', () => {
    document.body.innerHTML = '';
    expect(paintSnapshot(document, '<main>61</main>', 'en')?.parentElement).toBe(document.documentElement);
    expect(dropSnapshot(document)).toBe(true);
  });

  test('removing it says whether there was one', () => {
    paintSnapshot(document, '<main>61</main>', 'en');
    expect(dropSnapshot(document)).toBe(true);
    expect(document.getElementById(SNAPSHOT_ELEMENT_ID)).toBeNull();
    expect(dropSnapshot(document)).toBe(false);
  });
});

describe('the first-paint mark', () => {
  const A = 'hubspot:24681357:9001';
  const B = 'hubspot:24681357:9002';
  test.each([
    ['a snapshot, then the live view', [[A, 'snapshot'], [A, 'live']], [A, 'snapshot']],
    ['the live view alone', [[A, 'live']], [A, 'live']],
    ['a switch to another record, painted from its snapshot', [[A, 'snapshot'], [A, 'live'], [B, 'snapshot'], [B, 'live']], [B, 'snapshot']],
    ['a switch to another record without one', [[A, 'live'], [B, 'live']], [B, 'live']],
  ] as const)('%s: the record on screen keeps its first paint', async (_name, paints, [record, from]) => {
    for (const [key, how] of paints) await markFirstPaint(document, frames(), key, how);
    const data = document.documentElement.dataset;
    expect([data.paintedRecord, data.paintedFrom]).toEqual([record, from]);
    expect(Number(data.paintedAt)).toBeGreaterThan(0);
  });
});

describe('which record the snapshot on screen is, and when it is on screen', () => {
  const timers = () => ({ ...frames(), setTimeout: (fn: () => void, ms?: number) => setTimeout(fn, ms) as unknown as number, clearTimeout: (id: number | undefined) => clearTimeout(id) });

  test('a snapshot painted for a record names it; one painted without, or none, names nothing', () => {
    expect(snapshotOnScreen(document)).toBeNull();
    paintSnapshot(document, '<main>61</main>', 'en');
    expect(snapshotOnScreen(document)).toBeNull();
    dropSnapshot(document);
    paintSnapshot(document, '<main>61</main>', 'en', 'hubspot|app.hubspot.com|1|company|9002');
    expect(snapshotOnScreen(document)).toBe('hubspot|app.hubspot.com|1|company|9002');
  });

  test.each([
    ['with a timed name, where the browser reports no element timing: once its frame is produced', '<h1 elementtiming="record a">A</h1>'],
    ['with no timed element: once its frame is produced', '<p>A</p>'],
  ])('a picture %s', async (_name, html) => {
    const box = paintSnapshot(document, html, 'en')!;
    let presented = false;
    const waiting = whenPresented(box, timers(), 10_000).then(() => (presented = true));
    expect(presented).toBe(false);
    await waiting;
    expect(presented).toBe(true);
  });

  test('never waits longer than its limit', async () => {
    const box = paintSnapshot(document, '<p>A</p>', 'en')!;
    const never = { requestAnimationFrame: () => 0, setTimeout: (fn: () => void, ms?: number) => setTimeout(fn, ms) as unknown as number, clearTimeout: (id: number | undefined) => clearTimeout(id) };
    const t = Date.now();
    await whenPresented(box, never, 30);
    expect(Date.now() - t).toBeGreaterThanOrEqual(25);
  });
});
