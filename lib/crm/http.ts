// The one place CRM traffic goes through: an injected fetch, a timeout, and a
// typed outcome. Pure TypeScript so the clients run in the service worker and
// in Node tests alike.
import type * as z from 'zod';
import { errorBoth, type ErrorKey } from '../i18n/errors.ts';
import type { Vars } from '../i18n/index.ts';
import type { CrmName } from './detect.ts';

export interface Localized {
  en: string;
  ja: string;
}

/**
 * The CRM's own id for the failed request (HubSpot's correlationId): support
 * asks for it. And the error as a catalogue key with parameters
 * (lib/i18n/errors.ts): `message` is that key rendered in both languages.
 */
interface CrmErrorTrace {
  correlationId?: string;
  key: ErrorKey;
  params?: Vars;
}

export type CrmError = CrmErrorTrace &
  (
    /** 401: the token or session expired, was revoked, or is wrong. */
    | { kind: 'auth'; crm: CrmName; message: Localized; detail?: string }
    /** 403: the credentials work but lack a scope or permission. */
    | { kind: 'forbidden'; crm: CrmName; scope?: string; message: Localized; detail?: string }
    | { kind: 'not-found'; crm: CrmName; message: Localized; detail?: string }
    /** policy: TEN_SECONDLY_ROLLING | DAILY (HubSpot), REQUEST_LIMIT_EXCEEDED (Salesforce). */
    | { kind: 'rate-limit'; crm: CrmName; retryAfterMs: number; policy?: string; message: Localized }
    /** 4xx for bad input: sending the same request again cannot succeed. */
    | { kind: 'validation'; crm: CrmName; message: Localized; fields?: string[]; detail?: string }
    | { kind: 'server'; crm: CrmName; status: number; message: Localized }
    /** Connection reset, DNS, offline: the request may or may not have arrived. */
    | { kind: 'network'; crm: CrmName; message: Localized; detail?: string }
    /** No answer in time: a write may or may not have happened. */
    | { kind: 'timeout'; crm: CrmName; message: Localized }
    /** A 2xx whose body was not JSON or not the shape we rely on. */
    | { kind: 'malformed'; crm: CrmName; detail: string; message: Localized }
  );

export type CrmErrorKind = CrmError['kind'];

export type CrmResult<T> = { ok: true; value: T } | { ok: false; error: CrmError };

export const ok = <T>(value: T): CrmResult<T> => ({ ok: true, value });
export const fail = <T = never>(error: CrmError): CrmResult<T> => ({ ok: false, error });

/** For callers that prefer exceptions (the background turns these into SidecarError). */
export class CrmFailure extends Error {
  readonly error: CrmError;
  constructor(error: CrmError) {
    super(error.message.en);
    this.name = 'CrmFailure';
    this.error = error;
  }
}

export function unwrap<T>(result: CrmResult<T>): T {
  if (!result.ok) throw new CrmFailure(result.error);
  return result.value;
}

// ---------------------------------------------------------------------------
// Messages: each says what is wrong and what to do, in both UI languages.

const LABEL: Record<CrmName, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

function seconds(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1000)));
}

/** The key, its parameters, and its words in both languages. */
function words(key: ErrorKey, params?: Vars): { key: ErrorKey; params?: Vars; message: Localized } {
  return { key, ...(params ? { params } : {}), message: errorBoth(key, params) };
}

export const crmErrors = {
  auth(crm: CrmName, detail?: string): CrmError {
    return { kind: 'auth', crm, ...words(crm === 'salesforce' ? 'crm.auth.salesforce' : 'crm.auth.hubspot'), detail };
  },
  forbidden(crm: CrmName, scope?: string, detail?: string): CrmError {
    const w =
      crm === 'hubspot'
        ? scope
          ? words('crm.forbidden.hubspot.scope', { scope })
          : words('crm.forbidden.hubspot')
        : detail
          ? words('crm.forbidden.salesforce.detail', { detail })
          : words('crm.forbidden.salesforce');
    return { kind: 'forbidden', crm, scope, ...w, detail };
  },
  notFound(crm: CrmName, detail?: string): CrmError {
    return { kind: 'not-found', crm, detail, ...words('crm.not-found', { crm: LABEL[crm] }) };
  },
  rateLimit(crm: CrmName, retryAfterMs: number, policy?: string): CrmError {
    const w =
      policy === 'DAILY'
        ? words('crm.rate-limit.daily', { crm: LABEL[crm] })
        : policy === 'REQUEST_LIMIT_EXCEEDED'
          ? words('crm.rate-limit.salesforce', { seconds: seconds(retryAfterMs) })
          : words('crm.rate-limit', { crm: LABEL[crm], seconds: seconds(retryAfterMs) });
    return { kind: 'rate-limit', crm, retryAfterMs, policy, ...w };
  },
  validation(crm: CrmName, detail?: string, fields?: string[]): CrmError {
    const list = fields?.length ? fields.join(', ') : '';
    const w =
      list && detail
        ? words('crm.validation.fields.detail', { crm: LABEL[crm], fields: list, detail })
        : list
          ? words('crm.validation.fields', { crm: LABEL[crm], fields: list })
          : detail
            ? words('crm.validation.detail', { crm: LABEL[crm], detail })
            : words('crm.validation', { crm: LABEL[crm] });
    return { kind: 'validation', crm, detail, fields, ...w };
  },
  /** A validation error Sidecar words itself (e.g. a note too long), from the catalogue. */
  invalid(crm: CrmName, key: ErrorKey, params?: Vars, fields?: string[]): CrmError {
    return { kind: 'validation', crm, ...words(key, params), ...(fields ? { fields } : {}) };
  },
  server(crm: CrmName, status: number): CrmError {
    return { kind: 'server', crm, status, ...words('crm.server', { crm: LABEL[crm], status }) };
  },
  network(crm: CrmName, detail?: string): CrmError {
    return { kind: 'network', crm, detail, ...words('crm.network', { crm: LABEL[crm] }) };
  },
  timeout(crm: CrmName): CrmError {
    return { kind: 'timeout', crm, ...words('crm.timeout', { crm: LABEL[crm] }) };
  },
  malformed(crm: CrmName, detail: string): CrmError {
    return { kind: 'malformed', crm, detail, ...words('crm.malformed', { crm: LABEL[crm], detail }) };
  },
};

// ---------------------------------------------------------------------------
// Retry policy

export function isRetryable(err: CrmError): boolean {
  switch (err.kind) {
    case 'rate-limit':
      // A daily cap will not lift within any wait worth holding a request for.
      return err.policy !== 'DAILY';
    case 'server':
      // 501 means "never": the endpoint is not there.
      return err.status !== 501;
    case 'network':
    case 'timeout':
      return true;
    default:
      return false;
  }
}

/** Exponential backoff with full jitter: uniform in [0, min(maxMs, baseMs·2^attempt)). attempt 0 is the first retry. */
export function backoffDelay(attempt: number, opts: { baseMs: number; maxMs: number; random: () => number }): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(opts.random() * ceiling);
}

export interface RetryOptions {
  /** Total tries, the first included. */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  baseMs?: number;
  maxMs?: number;
  /** A rate-limit wait longer than this is returned to the caller instead of slept through. */
  maxWaitMs?: number;
  onRetry?: (err: CrmError, attempt: number, delayMs: number) => void;
  /** Which errors to retry; `isRetryable` unless told. */
  retryIf?: (err: CrmError) => boolean;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Retry an operation that is safe to repeat (a read, or a write guarded by a
 * client-id lookup as in `writeOnce`). Auth, forbidden, validation, not-found
 * and malformed are returned at once: repeating cannot fix them.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<CrmResult<T>>, opts: RetryOptions = {}): Promise<CrmResult<T>> {
  const maxAttempts = opts.maxAttempts ?? 4;
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  const maxWaitMs = opts.maxWaitMs ?? 60_000;
  let attempt = 0;
  for (;;) {
    const result = await fn(attempt);
    if (result.ok || !(opts.retryIf ?? isRetryable)(result.error) || attempt + 1 >= maxAttempts) return result;
    const err = result.error;
    let delay: number;
    if (err.kind === 'rate-limit') {
      if (err.retryAfterMs > maxWaitMs) return result;
      delay = err.retryAfterMs;
    } else {
      delay = backoffDelay(attempt, { baseMs: opts.baseMs ?? 500, maxMs: opts.maxMs ?? 8_000, random });
    }
    opts.onRetry?.(err, attempt, delay);
    await sleep(delay);
    attempt++;
  }
}

/** Errors after which a write may or may not have happened. */
export function isUnknownOutcome(err: CrmError): boolean {
  return err.kind === 'timeout' || err.kind === 'network' || err.kind === 'server' || err.kind === 'malformed';
}

/**
 * Create something at most once. Before each retry (and before the first
 * try) look it up by the client id the write carries, because a timeout or a
 * reset can hide a write that did happen.
 */
export async function writeOnce<T>(
  ops: { find: () => Promise<CrmResult<T | null>>; create: () => Promise<CrmResult<T>> },
  opts: RetryOptions & { lookFirst?: boolean } = {},
): Promise<CrmResult<T>> {
  let mayExist = opts.lookFirst ?? true;
  return withRetry(
    async () => {
      if (mayExist) {
        const found = await ops.find();
        if (!found.ok) return found;
        if (found.value !== null) return ok(found.value);
      }
      const created = await ops.create();
      if (!created.ok && isUnknownOutcome(created.error)) mayExist = true;
      return created;
    },
    // A garbled answer to a write is an unknown outcome too: the lookup settles it.
    { ...opts, retryIf: (e) => isRetryable(e) || e.kind === 'malformed' },
  );
}

// ---------------------------------------------------------------------------
// The request helper

export interface HttpResponseInfo {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  body: unknown;
  text: string;
}

export interface HttpOptions {
  crm: CrmName;
  fetch: typeof fetch;
  timeoutMs: number;
  /** Turn a non-2xx answer into the CRM's error. */
  classify: (res: HttpResponseInfo) => CrmError;
  /** Sees every answer's headers (rate-limit and usage bookkeeping). */
  onHeaders?: (headers: Headers) => void;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: URLSearchParams;
  /** The answer is a blob, not JSON: its text goes to the schema as it is. */
  text?: boolean;
}

export interface HttpSuccess<T> {
  data: T;
  status: number;
  headers: Headers;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** zod issues → one short line naming where the shape broke. */
export function describeZodIssues(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * Send one request and validate the 2xx body with `schema`; the parsed value
 * is what the caller gets. An empty body is validated as `undefined`.
 */
export async function requestJson<S extends z.ZodType>(opts: HttpOptions, req: HttpRequest, schema: S): Promise<CrmResult<HttpSuccess<z.output<S>>>> {
  const { crm } = opts;
  // Called unbound: a browser's fetch throws "Illegal invocation" as a method of another object.
  const doFetch = opts.fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = req.form.toString();
  }
  let status: number;
  let resHeaders: Headers;
  let text: string;
  try {
    const res = await doFetch(req.url, { method: req.method, headers, body, signal: controller.signal, redirect: 'error' });
    status = res.status;
    resHeaders = res.headers;
    // The timer stays armed while the body streams: a stalled body is a timeout too.
    text = await res.text();
  } catch (e) {
    if (controller.signal.aborted) return fail(crmErrors.timeout(crm));
    return fail(crmErrors.network(crm, e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)));
  } finally {
    clearTimeout(timer);
  }
  opts.onHeaders?.(resHeaders);
  const parsed = parseJson(text);
  if (status < 200 || status >= 300) {
    return fail(opts.classify({ status, headers: resHeaders, body: parsed.ok ? parsed.value : undefined, text }));
  }
  // A blob (Salesforce's sObject Blob Get) is the body itself, given to the schema as text.
  if (req.text) {
    const blob = schema.safeParse(text);
    return blob.success ? ok({ data: blob.data, status, headers: resHeaders }) : fail(crmErrors.malformed(crm, `HTTP ${status}: ${describeZodIssues(blob.error)}`));
  }
  if (!parsed.ok) return fail(crmErrors.malformed(crm, `HTTP ${status}: the body is not JSON`));
  const checked = schema.safeParse(parsed.value);
  if (!checked.success) return fail(crmErrors.malformed(crm, `HTTP ${status}: ${describeZodIssues(checked.error)}`));
  return ok({ data: checked.data, status, headers: resHeaders });
}

/** Retry-After as seconds or an HTTP date → milliseconds, or undefined. */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw.trim())) return Math.round(Number(raw) * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Fallback classification by status alone, for bodies a CRM-specific classifier did not recognise. */
export function classifyByStatus(crm: CrmName, res: HttpResponseInfo, now: number): CrmError {
  const { status } = res;
  if (status === 401) return crmErrors.auth(crm);
  if (status === 403) return crmErrors.forbidden(crm);
  if (status === 404) return crmErrors.notFound(crm);
  if (status === 429) return crmErrors.rateLimit(crm, retryAfterMs(res.headers, now) ?? 10_000);
  if (status >= 500) return crmErrors.server(crm, status);
  if (status >= 400) return crmErrors.validation(crm, `HTTP ${status}`);
  // 1xx/3xx reach here only when fetch did not follow them: a redirect would
  // have dropped the Authorization header, so report it as malformed.
  return crmErrors.malformed(crm, `unexpected HTTP ${status}`);
}
