// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { RequestEnvelope } from '../messages/envelope';
import { protocol } from '../messages/index';
import { announceOpening, BOOT_SNAPSHOT_ID, bookSnapshotShown, dropBookSnapshot, OPENING, paintBookSnapshot, SNAPSHOT_KEY, VIEW_KEY } from './portfolio-boot';

const VIEW = JSON.stringify({ filters: {}, sort: 0 });
const picture = (over: Record<string, unknown> = {}) => JSON.stringify({ v: 1, identity: { lang: 'ja', pack: 'p@1', user: 'a|b', view: VIEW }, html: '<main data-testid="book-snapshot"><a>株式会社サンプル</a></main>', ...over });
const memory = (entries: Record<string, string>): Pick<Storage, 'getItem'> => ({ getItem: (k) => entries[k] ?? null });

beforeEach(() => {
  document.body.innerHTML = '<div id="root"></div>';
  document.documentElement.lang = 'en';
});
afterEach(() => void dropBookSnapshot(document));

describe('paintBookSnapshot (the boot script)', () => {
  test.each([
    { name: 'no kept view (a first visit)', store: memory({ [SNAPSHOT_KEY]: picture() }) },
    { name: 'no picture', store: memory({ [VIEW_KEY]: VIEW }) },
    { name: 'a picture of another view', store: memory({ [VIEW_KEY]: JSON.stringify({ filters: { bands: ['red'] }, sort: 0 }), [SNAPSHOT_KEY]: picture() }) },
    { name: 'a picture without markup (taken before the boot script painted)', store: memory({ [VIEW_KEY]: VIEW, [SNAPSHOT_KEY]: picture({ html: undefined }) }) },
    { name: 'an empty markup', store: memory({ [VIEW_KEY]: VIEW, [SNAPSHOT_KEY]: picture({ html: '' }) }) },
    { name: 'another format version', store: memory({ [VIEW_KEY]: VIEW, [SNAPSHOT_KEY]: picture({ v: 2 }) }) },
    { name: 'an unknown language', store: memory({ [VIEW_KEY]: VIEW, [SNAPSHOT_KEY]: picture({ identity: { lang: 'fr', view: VIEW } }) }) },
    { name: 'damaged JSON', store: memory({ [VIEW_KEY]: VIEW, [SNAPSHOT_KEY]: '{"v":1,' }) },
    { name: 'JSON null', store: memory({ [VIEW_KEY]: VIEW, [SNAPSHOT_KEY]: 'null' }) },
    { name: 'a storage that throws (disabled)', store: { getItem: () => { throw new Error('SecurityError'); } } },
  ])('paints nothing: $name', ({ store }) => {
    expect(paintBookSnapshot(document, store)).toBeNull();
    expect(bookSnapshotShown(document)).toBe(false);
    expect(document.documentElement.lang).toBe('en');
  });

  test('paints the picture of the kept view before #root, inert, in its language', () => {
    const box = paintBookSnapshot(document, memory({ [VIEW_KEY]: VIEW, [SNAPSHOT_KEY]: picture() }));
    expect(box?.id).toBe(BOOT_SNAPSHOT_ID);
    expect(box?.inert).toBe(true);
    expect(box?.nextElementSibling?.id).toBe('root');
    expect(box?.querySelector('[data-testid="book-snapshot"]')?.textContent).toBe('株式会社サンプル');
    expect(document.documentElement.lang).toBe('ja');
    expect(bookSnapshotShown(document)).toBe(true);
  });

  test('once: a second call paints no second picture; without #root, none', () => {
    const store = memory({ [VIEW_KEY]: VIEW, [SNAPSHOT_KEY]: picture() });
    expect(paintBookSnapshot(document, store)).not.toBeNull();
    expect(paintBookSnapshot(document, store)).toBeNull();
    expect(document.querySelectorAll(`#${BOOT_SNAPSHOT_ID}`)).toHaveLength(1);
    expect(dropBookSnapshot(document)).toBe(true);
    expect(dropBookSnapshot(document)).toBe(false);
    document.getElementById('root')!.remove();
    expect(paintBookSnapshot(document, store)).toBeNull();
  });
});

describe('announceOpening (the boot script wakes the background)', () => {
  test('sends the protocol’s portfolio.open request, as the router reads it', () => {
    const sent: unknown[] = [];
    announceOpening((m) => (sent.push(m), Promise.resolve({ ok: true, data: {} })));
    expect(sent).toEqual([OPENING]);
    const envelope = RequestEnvelope.safeParse(sent[0]);
    expect(envelope.success).toBe(true);
    expect(envelope.data?.type).toBe('portfolio.open');
    expect(protocol['portfolio.open'].request.safeParse(envelope.data?.data).success).toBe(true);
  });

  test.each([
    { name: 'a refusal', send: () => Promise.reject(new Error('Could not establish connection')) },
    { name: 'no runtime', send: () => { throw new TypeError('browser.runtime is undefined'); } },
    { name: 'no promise (a callback-style runtime)', send: () => undefined },
  ])('never throws: $name', async ({ send }) => {
    expect(() => announceOpening(send)).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
  });
});

