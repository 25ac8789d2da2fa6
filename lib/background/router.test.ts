import { describe, expect, test } from 'vitest';
import { extensionPage as page, makeBackground } from '../../tests/support/background';
import { createClient } from '../messages/client';
import { protocol } from '../messages/index';
import { route } from './router';

const ref = { crm: 'hubspot', host: 'app.hubspot.com', portalId: '123', objectType: 'company', recordId: '42' } as const;

const setup = () => makeBackground();

describe('route rejects what is not a valid request', () => {
  const { handlers } = setup();
  test.each([
    ['no channel', { type: 'record.open', data: { ref } }, null],
    ['another channel', { channel: 'other', type: 'record.open', data: { ref } }, null],
    ['a page event', { channel: 'sidecar', type: 'page.record', token: 'abcdefgh', ref }, null],
    ['a string', 'record.open', null],
    ['null', null, null],
    ['an unknown type', { channel: 'sidecar', type: 'record.delete-everything', data: {} }, 'unknown-type'],
    ['an empty type', { channel: 'sidecar', type: '', data: {} }, 'bad-request'],
    ['no data', { channel: 'sidecar', type: 'record.open' }, 'bad-request'],
    ['a bad crm', { channel: 'sidecar', type: 'record.open', data: { ref: { ...ref, crm: 'zoho' } } }, 'bad-request'],
    ['a bad record id', { channel: 'sidecar', type: 'record.open', data: { ref: { ...ref, recordId: '<script>' } } }, 'bad-request'],
    ['a bad portal id', { channel: 'sidecar', type: 'record.open', data: { ref: { ...ref, portalId: '12a' } } }, 'bad-request'],
  ])('%s', async (_name, raw, code) => {
    const res = await route(raw, page, handlers);
    if (code === null) expect(res).toBeNull();
    else expect(res).toMatchObject({ ok: false, error: { code } });
  });

  test('the error names the field that is wrong', async () => {
    const res = await route({ channel: 'sidecar', type: 'record.open', data: { ref: { ...ref, objectType: 'ticket' } } }, page, handlers);
    expect(res?.ok).toBe(false);
    expect(res && !res.ok && res.error.message).toMatch(/ref\.objectType/);
  });

  test('requests from outside our extension pages are refused', async () => {
    const res = await route({ channel: 'sidecar', type: 'record.open', data: { ref } }, { ...page, fromExtensionPage: false }, handlers);
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('record.open over the typed client', () => {
  test('first and last seen are kept across visits', async () => {
    const { call, advance } = setup();
    const first = await call('record.open', { ref });
    expect(first.account.firstSeenAt).toBe('2026-11-20T09:00:00.000Z');
    expect(first.account.previousSeenAt).toBeUndefined();
    advance(3_600_000);
    const second = await call('record.open', { ref });
    expect(second.account.firstSeenAt).toBe('2026-11-20T09:00:00.000Z');
    expect(second.account.previousSeenAt).toBe('2026-11-20T09:00:00.000Z');
    expect(second.account.lastSeenAt).toBe('2026-11-20T10:00:00.000Z');
  });

  test('a malformed answer from the background is an error, not data', async () => {
    const call = createClient(async () => ({ ok: true, data: { ref, account: { key: 1 } } }), protocol);
    await expect(call('record.open', { ref })).rejects.toMatchObject({ code: 'bad-response' });
  });

  test('a background error reaches the caller with its code', async () => {
    const call = createClient(async () => ({ ok: false, error: { code: 'auth', message: 'Reconnect HubSpot' } }), protocol);
    await expect(call('record.open', { ref })).rejects.toMatchObject({ code: 'auth', message: 'Reconnect HubSpot' });
  });
});
