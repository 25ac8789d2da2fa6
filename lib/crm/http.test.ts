import * as z from 'zod';
import { describe, expect, test, vi } from 'vitest';
import { startHubspotMock } from '../../tests/mocks/hubspot-server.ts';
import {
  backoffDelay,
  classifyByStatus,
  crmErrors,
  fail,
  isRetryable,
  ok,
  requestJson,
  retryAfterMs,
  withRetry,
  writeOnce,
  type CrmError,
  type CrmResult,
  type HttpOptions,
} from './http.ts';

const base = (fetchFn: typeof fetch, timeoutMs = 2_000): HttpOptions => ({
  crm: 'hubspot',
  fetch: fetchFn,
  timeoutMs,
  classify: (res) => classifyByStatus('hubspot', res, 0),
});

const Shape = z.object({ n: z.number() });

describe('requestJson', () => {
  test('a valid body comes back parsed, with status and headers', async () => {
    const f: typeof fetch = async () => new Response('{"n":1,"extra":true}', { status: 200, headers: { 'x-a': 'b' } });
    const r = await requestJson(base(f), { method: 'GET', url: 'http://x.invalid/' }, Shape);
    expect(r).toMatchObject({ ok: true, value: { data: { n: 1 }, status: 200 } });
    // zod strips what the schema does not name: the parsed value is what callers get.
    expect(r.ok && 'extra' in r.value.data).toBe(false);
  });

  test.each([
    ['not JSON', '<html>login</html>', /not JSON/],
    ['wrong shape', '{"n":"one"}', /n: /],
  ])('a 2xx body that is %s is malformed', async (_name, body, detail) => {
    const f: typeof fetch = async () => new Response(body, { status: 200 });
    const r = await requestJson(base(f), { method: 'GET', url: 'http://x.invalid/' }, Shape);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('malformed');
      expect(r.error.kind === 'malformed' && r.error.detail).toMatch(detail);
    }
  });

  test('a rejected fetch is a network error', async () => {
    const f: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
    };
    const r = await requestJson(base(f), { method: 'GET', url: 'http://x.invalid/' }, Shape);
    expect(r).toMatchObject({ ok: false, error: { kind: 'network', detail: 'ECONNRESET' } });
  });

  test('no answer within timeoutMs is a timeout', async () => {
    const f: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const r = await requestJson(base(f, 20), { method: 'GET', url: 'http://x.invalid/' }, Shape);
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  test('fetch is called unbound (a browser fetch throws on a foreign `this`)', async () => {
    const seen: unknown[] = [];
    const f = function (this: unknown) {
      seen.push(this);
      return Promise.resolve(new Response('{"n":1}'));
    } as unknown as typeof fetch;
    await requestJson(base(f), { method: 'GET', url: 'http://x.invalid/' }, Shape);
    expect(seen).toEqual([undefined]);
  });

  test('sends JSON and form bodies with their content types', async () => {
    const calls: Array<{ body: unknown; type: string | null }> = [];
    const f: typeof fetch = async (_u, init) => {
      calls.push({ body: init?.body, type: new Headers(init?.headers).get('content-type') });
      return new Response('{"n":2}');
    };
    await requestJson(base(f), { method: 'POST', url: 'http://x.invalid/', json: { a: 1 } }, Shape);
    await requestJson(base(f), { method: 'POST', url: 'http://x.invalid/', form: new URLSearchParams({ a: '1' }) }, Shape);
    expect(calls).toEqual([
      { body: '{"a":1}', type: 'application/json' },
      { body: 'a=1', type: 'application/x-www-form-urlencoded' },
    ]);
  });

  test('against a real socket: reset and timeout from the mock server', async () => {
    const mock = await startHubspotMock();
    try {
      const opts = base(fetch, 150);
      const url = `${mock.url}/account-info/2026-09/details`;
      mock.state.faults.push({ reset: true }, { delayMs: 2_000 });
      const reset = await requestJson(opts, { method: 'GET', url }, z.unknown());
      const late = await requestJson(opts, { method: 'GET', url }, z.unknown());
      expect(reset).toMatchObject({ ok: false, error: { kind: 'network' } });
      expect(late).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    } finally {
      await mock.close();
    }
  });
});

describe('classifyByStatus', () => {
  test.each([
    [401, 'auth'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [429, 'rate-limit'],
    [400, 'validation'],
    [422, 'validation'],
    [500, 'server'],
    [503, 'server'],
    [302, 'malformed'],
  ] as const)('HTTP %i → %s', (status, kind) => {
    expect(classifyByStatus('salesforce', { status, headers: new Headers(), body: undefined, text: '' }, 0).kind).toBe(kind);
  });
});

describe('retryAfterMs', () => {
  test.each([
    ['7', 7_000],
    ['0.5', 500],
    ['Thu, 01 Jan 1970 00:00:30 GMT', 20_000],
    ['soon', undefined],
  ])('Retry-After: %s → %s ms', (value, ms) => {
    expect(retryAfterMs(new Headers({ 'retry-after': value }), 10_000)).toBe(ms);
  });
});

describe('messages', () => {
  const all: CrmError[] = [
    crmErrors.auth('hubspot'),
    crmErrors.auth('salesforce'),
    crmErrors.forbidden('hubspot', 'crm.objects.companies.read'),
    crmErrors.forbidden('hubspot'),
    crmErrors.forbidden('salesforce'),
    crmErrors.notFound('hubspot'),
    crmErrors.rateLimit('hubspot', 10_000, 'TEN_SECONDLY_ROLLING'),
    crmErrors.rateLimit('hubspot', 3_600_000, 'DAILY'),
    crmErrors.rateLimit('salesforce', 60_000, 'REQUEST_LIMIT_EXCEEDED'),
    crmErrors.validation('salesforce', 'REQUIRED_FIELD_MISSING: Title', ['Title']),
    crmErrors.server('hubspot', 502),
    crmErrors.network('salesforce'),
    crmErrors.timeout('hubspot'),
    crmErrors.malformed('salesforce', 'HTTP 200: the body is not JSON'),
  ];
  test.each(all.map((e) => [`${e.crm} ${e.kind}`, e] as const))('%s has an English and a Japanese message', (_n, e) => {
    expect(e.message.en.length).toBeGreaterThan(30);
    expect(e.message.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
  test('a missing scope is named in both languages', () => {
    const e = crmErrors.forbidden('hubspot', 'crm.objects.companies.read');
    expect(e.message.en).toContain('crm.objects.companies.read');
    expect(e.message.ja).toContain('crm.objects.companies.read');
  });
  test('Salesforce auth asks to sign in again', () => {
    expect(crmErrors.auth('salesforce').message.en).toMatch(/sign in to Salesforce again/);
  });
});

describe('isRetryable', () => {
  test.each([
    [crmErrors.auth('hubspot'), false],
    [crmErrors.forbidden('hubspot', 'x'), false],
    [crmErrors.notFound('hubspot'), false],
    [crmErrors.validation('hubspot', 'bad'), false],
    [crmErrors.malformed('hubspot', 'x'), false],
    [crmErrors.rateLimit('hubspot', 10_000, 'TEN_SECONDLY_ROLLING'), true],
    [crmErrors.rateLimit('hubspot', 10_000, 'DAILY'), false],
    [crmErrors.server('hubspot', 500), true],
    [crmErrors.server('hubspot', 501), false],
    [crmErrors.network('hubspot'), true],
    [crmErrors.timeout('hubspot'), true],
  ])('%# %o → %s', (err, expected) => {
    expect(isRetryable(err)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  test.each([
    [0, 1, 500],
    [1, 1, 1_000],
    [3, 1, 4_000],
    [10, 1, 8_000],
    [3, 0.5, 2_000],
    [3, 0, 0],
  ])('attempt %i with random %s → %i ms', (attempt, r, ms) => {
    // `random` returns [0, 1): 1 stands in for its upper bound.
    expect(backoffDelay(attempt, { baseMs: 500, maxMs: 8_000, random: () => r })).toBe(ms);
  });
});

describe('withRetry', () => {
  const sequence = <T>(...results: Array<CrmResult<T>>) => {
    // The last result repeats once the others are used up.
    const fn = vi.fn(async () => (results.length > 1 ? results.shift()! : results[0]!));
    return fn;
  };

  test('retries server and network errors with jittered backoff, then succeeds', async () => {
    const sleep = vi.fn(async () => {});
    const fn = sequence(fail<number>(crmErrors.server('hubspot', 500)), fail<number>(crmErrors.network('hubspot')), ok(3));
    const r = await withRetry(fn, { sleep, random: () => 0.5, baseMs: 100 });
    expect(r).toEqual(ok(3));
    expect(sleep.mock.calls).toEqual([[50], [100]]);
  });

  test('a rate limit waits exactly retryAfterMs', async () => {
    const sleep = vi.fn(async () => {});
    const fn = sequence(fail<number>(crmErrors.rateLimit('hubspot', 10_000, 'TEN_SECONDLY_ROLLING')), ok(1));
    expect(await withRetry(fn, { sleep })).toEqual(ok(1));
    expect(sleep).toHaveBeenCalledWith(10_000);
  });

  test.each([crmErrors.auth('hubspot'), crmErrors.forbidden('hubspot', 's'), crmErrors.validation('hubspot', 'v'), crmErrors.rateLimit('hubspot', 1_000, 'DAILY')])(
    'never retries %#',
    async (err) => {
      const sleep = vi.fn(async () => {});
      const fn = sequence(fail<number>(err), ok(1));
      expect(await withRetry(fn, { sleep })).toEqual(fail(err));
      expect(fn).toHaveBeenCalledTimes(1);
      expect(sleep).not.toHaveBeenCalled();
    },
  );

  test('a wait longer than maxWaitMs is handed back instead of slept', async () => {
    const sleep = vi.fn(async () => {});
    const err = crmErrors.rateLimit('salesforce', 3_600_000, 'REQUEST_LIMIT_EXCEEDED');
    expect(await withRetry(sequence(fail<number>(err), ok(1)), { sleep })).toEqual(fail(err));
    expect(sleep).not.toHaveBeenCalled();
  });

  test('stops after maxAttempts', async () => {
    const fn = sequence(fail<number>(crmErrors.server('hubspot', 500)));
    const r = await withRetry(fn, { maxAttempts: 3, sleep: async () => {}, random: () => 0 });
    expect(r.ok).toBe(false);
    expect(fn).toHaveBeenCalledTimes(3);
  });
});

describe('writeOnce', () => {
  test('after an unknown outcome it looks before writing again', async () => {
    const store: string[] = [];
    const find = vi.fn(async () => ok(store[0] ?? null));
    let first = true;
    const create = vi.fn(async () => {
      store.push('note-1');
      if (first) {
        first = false;
        return fail<string>(crmErrors.timeout('hubspot'));
      }
      return ok('note-1');
    });
    const r = await writeOnce({ find, create }, { sleep: async () => {}, random: () => 0 });
    expect(r).toEqual(ok('note-1'));
    expect(create).toHaveBeenCalledTimes(1);
    expect(store).toEqual(['note-1']);
  });

  test('a validation error is returned, not retried', async () => {
    const create = vi.fn(async () => fail<string>(crmErrors.validation('hubspot', 'too long')));
    const r = await writeOnce({ find: async () => ok(null), create }, { sleep: async () => {} });
    expect(r.ok).toBe(false);
    expect(create).toHaveBeenCalledTimes(1);
  });
});
