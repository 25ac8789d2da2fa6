import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/index.ts';
import { choosePackSource, fetchPack, inlinePack, originPattern, sha256Hex } from './pack-source.ts';

const URL_ = 'https://ops.example.com/team/pack.json';
const PACK = { ...defaultConfigPack('en'), id: 'acme-cs', name: 'ACME CS map', version: '3' };
const PACK_TEXT = JSON.stringify(PACK);
const broken = () => {
  const p = structuredClone(PACK) as unknown as { scorecards: Array<{ measures: Array<{ signal: string }> }> };
  p.scorecards[0]!.measures[0]!.signal = 'no_such_signal';
  return JSON.stringify(p);
};
const sha = async (text: string) => sha256Hex(new TextEncoder().encode(text));

/** A fetch that answers like a server would; `url` is where redirects ended. */
function serve(body: string, init: { status?: number; type?: string; url?: string } = {}): typeof fetch {
  return (async () => {
    const res = new Response(body, { status: init.status ?? 200, headers: { 'content-type': init.type ?? 'application/json' } });
    Object.defineProperty(res, 'url', { value: init.url ?? URL_ });
    return res;
  }) as typeof fetch;
}

describe('which source governs the pack: policy inline > policy URL > the user’s URL > this browser', () => {
  test.each([
    ['nothing set', {}, undefined, 'local'],
    ['the user’s URL', {}, URL_, 'user-url'],
    ['a policy URL beats the user’s', { packUrl: 'https://it.example.com/p.json' }, URL_, 'policy-url'],
    ['an inline pack beats every URL', { pack: PACK_TEXT, packUrl: 'https://it.example.com/p.json' }, URL_, 'policy-inline'],
  ] as const)('%s', (_n, policy, userUrl, kind) => expect(choosePackSource(policy, userUrl).kind).toBe(kind));

  test('a policy URL carries its pinned hash', () => {
    expect(choosePackSource({ packUrl: URL_, packSha256: 'ab'.repeat(32) }, undefined)).toEqual({ kind: 'policy-url', url: URL_, sha256: 'ab'.repeat(32) });
  });
});

describe('fetching a pack: every hostile or odd answer is refused with its own reason', () => {
  test('a good pack over HTTPS is taken, with the hash of its bytes', async () => {
    const r = await fetchPack(URL_, { fetch: serve(PACK_TEXT) });
    expect(r).toMatchObject({ ok: true, pack: { id: 'acme-cs', name: 'ACME CS map', version: '3' }, sha256: await sha(PACK_TEXT) });
  });

  test('the pinned hash, when it matches (any case), lets the pack through', async () => {
    const r = await fetchPack(URL_, { fetch: serve(PACK_TEXT), sha256: (await sha(PACK_TEXT)).toUpperCase() });
    expect(r.ok).toBe(true);
  });

  test.each([
    ['404', serve('Not found', { status: 404, type: 'text/plain' }), 'team.fetch-status', { status: 404 }],
    ['500', serve('{}', { status: 500 }), 'team.fetch-status', { status: 500 }],
    ['HTML by its content type (a sign-in page)', serve('<!doctype html><title>Sign in</title>', { type: 'text/html; charset=utf-8' }), 'team.fetch-html', {}],
    ['HTML served as JSON', serve('\n <html><body>Error</body></html>'), 'team.fetch-html', {}],
    ['a body that is not JSON', serve('schemaVersion: 2', { type: 'text/plain' }), 'team.fetch-not-json', {}],
    ['a redirect to plain HTTP', serve(PACK_TEXT, { url: 'http://ops.example.com/pack.json' }), 'team.url-not-https', {}],
    ['a network failure', (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch, 'team.fetch-network', { detail: 'Failed to fetch' }],
  ])('%s', async (_n, fetch, key, params) => {
    const r = await fetchPack(URL_, { fetch });
    expect(r).toMatchObject({ ok: false, key, params });
  });

  test('an invalid pack is refused with the engine’s path-naming errors', async () => {
    const r = await fetchPack(URL_, { fetch: serve(broken()) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.key).toBe('team.pack-invalid');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0]!.path).toMatch(/^scorecards\[0\]\.measures\[0\]/);
    expect(r.params).toMatchObject({ from: URL_, path: r.errors[0]!.path });
  });

  test('a pack whose hash does not match the pinned one is refused before it is read, naming both hashes', async () => {
    const pinned = await sha(PACK_TEXT);
    const tampered = PACK_TEXT.replace('ACME CS map', 'ACME CS map!');
    const r = await fetchPack(URL_, { fetch: serve(tampered), sha256: pinned });
    expect(r).toMatchObject({ ok: false, key: 'team.hash-mismatch', params: { expected: pinned, actual: await sha(tampered) } });
  });

  test.each([
    ['http://ops.example.com/pack.json', 'team.url-not-https'],
    ['ftp://ops.example.com/pack.json', 'team.url-not-https'],
    ['pack.json', 'team.url-invalid'],
    ['https://me:secret@ops.example.com/pack.json', 'team.url-credentials'],
  ])('%s is never fetched', async (url, key) => {
    let called = false;
    const r = await fetchPack(url, { fetch: (async () => ((called = true), new Response(PACK_TEXT))) as typeof fetch });
    expect(r).toMatchObject({ ok: false, key });
    expect(called).toBe(false);
  });

  test('a server that never answers times out', async () => {
    const hang = ((_u: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as typeof fetch;
    const r = await fetchPack(URL_, { fetch: hang, timeoutMs: 50 });
    expect(r).toMatchObject({ ok: false, key: 'team.fetch-timeout', params: { seconds: 0 } });
  });

  test('no cookies, no cache: the request asks for the current pack only', async () => {
    let seen: RequestInit | undefined;
    await fetchPack(URL_, { fetch: (async (_u: string, init?: RequestInit) => ((seen = init), new Response(PACK_TEXT))) as typeof fetch });
    expect(seen).toMatchObject({ credentials: 'omit', cache: 'no-store' });
  });
});

describe('the inline pack and the origin asked for', () => {
  test('an inline pack is checked like a fetched one', async () => {
    expect(await inlinePack(PACK_TEXT)).toMatchObject({ ok: true, pack: { name: 'ACME CS map' } });
    expect(await inlinePack(PACK)).toMatchObject({ ok: true });
    expect(await inlinePack('{"schemaVersion":')).toMatchObject({ ok: false, key: 'team.policy-pack-json', errors: [{ path: 'pack' }] });
    const invalid = await inlinePack(broken());
    expect(invalid).toMatchObject({ ok: false, key: 'team.pack-invalid', params: { from: 'policy' } });
  });

  test.each([
    [URL_, 'https://ops.example.com/*'],
    ['https://ops.example.com:8443/a?b', 'https://ops.example.com:8443/*'],
    ['http://ops.example.com/a', null],
    ['nonsense', null],
  ])('%s → %s', (url, pattern) => expect(originPattern(url)).toBe(pattern));
});
