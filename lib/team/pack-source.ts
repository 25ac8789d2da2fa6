// Where the team's pack comes from, and fetching one from a URL. Pure logic over an injected
// fetch: no chrome.*, no Dexie. The background (lib/background/team.ts) stores what wins.
import { parseConfigPack } from '../engine/index.ts';
import type { ConfigPack } from '../engine/types.ts';
import type { ErrorKey, PathErrorCode } from '../i18n/errors.ts';
import type { Vars } from '../i18n/index.ts';
import { inlinePackValue, type TeamPolicy } from './policy.ts';

/** Which source governs the pack, strongest first: policy inline > policy URL > the user's URL > what was installed here. */
export type PackSource =
  | { kind: 'policy-inline'; pack: unknown }
  | { kind: 'policy-url'; url: string; sha256?: string }
  | { kind: 'user-url'; url: string }
  | { kind: 'local' };

export function choosePackSource(policy: TeamPolicy, userUrl: string | undefined): PackSource {
  if (policy.pack !== undefined) return { kind: 'policy-inline', pack: policy.pack };
  if (policy.packUrl) return { kind: 'policy-url', url: policy.packUrl, ...(policy.packSha256 ? { sha256: policy.packSha256 } : {}) };
  if (userUrl) return { kind: 'user-url', url: userUrl };
  return { kind: 'local' };
}

/** A pack's path-naming errors, as the engine gives them: a path and a key with parameters (rendered by the background). */
export type PathError = PathErrorCode;

export type PackFailure = { ok: false; key: ErrorKey; params: Vars; errors: PathError[] };
export type PackResult = { ok: true; pack: ConfigPack; sha256: string } | PackFailure;

const fail = (key: ErrorKey, params: Vars, errors: PathError[] = []): PackFailure => ({ ok: false, key, params, errors });

/** A pack is a few hundred KB at most; a bigger answer is not a pack. */
export const MAX_PACK_BYTES = 5_000_000;
export const PACK_FETCH_TIMEOUT_MS = 15_000;

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The URL if it is one Sidecar may fetch a pack from (https, no credentials in it), else why not. */
export function checkPackUrl(url: string): { ok: true; url: URL } | PackFailure {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return fail('team.url-invalid', { url: url.slice(0, 200) });
  }
  if (u.protocol !== 'https:') return fail('team.url-not-https', { url: u.href });
  if (u.username || u.password) return fail('team.url-credentials', { origin: u.origin });
  return { ok: true, url: u };
}

/** The origin pattern a host permission is asked for: one origin, every path. */
export function originPattern(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? `${u.origin}/*` : null;
  } catch {
    return null;
  }
}

/**
 * Validate a pack's JSON value with the engine: the errors name their paths. The failure's
 * {message} is the first error's words, which the background renders (lib/background/team.ts).
 */
export function validatePack(value: unknown, from: string): { ok: true; pack: ConfigPack } | PackFailure {
  const parsed = parseConfigPack(value);
  if (parsed.ok) return parsed;
  return fail('team.pack-invalid', { from, count: parsed.errors.length, path: parsed.errors[0]?.path ?? '(pack)' }, parsed.errors);
}

/** The policy's inline pack, checked. */
export async function inlinePack(pack: unknown): Promise<PackResult> {
  const value = inlinePackValue(pack);
  if (!value.ok) return fail('team.policy-pack-json', { detail: value.detail }, [{ path: 'pack', key: 'pack.not-json', params: { detail: value.detail } }]);
  const checked = validatePack(value.value, 'policy');
  if (!checked.ok) return checked;
  const text = typeof pack === 'string' ? pack : JSON.stringify(pack);
  return { ok: true, pack: checked.pack, sha256: await sha256Hex(new TextEncoder().encode(text)) };
}

export interface FetchPackOptions {
  fetch: typeof fetch;
  /** Lowercase hex: the bytes must hash to this, or the pack is refused. */
  sha256?: string;
  timeoutMs?: number;
}

/**
 * Fetch and check the pack at `url`. Refuses, each with its own key: a URL that is not HTTPS,
 * no answer in time, a network failure, a status other than 200, a web page (a sign-in page or
 * an error page served as 200), a body that is not JSON, one larger than a pack can be, a hash
 * that does not match the pinned one, and a pack the engine finds invalid (with its paths).
 */
export async function fetchPack(url: string, options: FetchPackOptions): Promise<PackResult> {
  const checked = checkPackUrl(url);
  if (!checked.ok) return checked;
  const href = checked.url.href;
  const timeoutMs = options.timeoutMs ?? PACK_FETCH_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let bytes: Uint8Array;
  let contentType: string;
  try {
    const res = await options.fetch(href, {
      signal: controller.signal,
      // A pack is the team's current map: never an old copy from a cache, never a cookie-bearing request.
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'follow',
      headers: { accept: 'application/json' },
    });
    // A redirect may not leave HTTPS.
    if (res.url && !res.url.startsWith('https://')) return fail('team.url-not-https', { url: res.url });
    if (res.status !== 200) return fail('team.fetch-status', { url: href, status: res.status });
    contentType = (res.headers.get('content-type') ?? '').toLowerCase();
    const length = Number(res.headers.get('content-length') ?? '0');
    if (length > MAX_PACK_BYTES) return fail('team.fetch-too-large', { url: href, max: MAX_PACK_BYTES / 1_000_000 });
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    if (controller.signal.aborted) return fail('team.fetch-timeout', { url: href, seconds: Math.round(timeoutMs / 1000) });
    return fail('team.fetch-network', { url: href, detail: String((err as Error)?.message ?? err).slice(0, 200) });
  } finally {
    clearTimeout(timer);
  }
  if (bytes.byteLength > MAX_PACK_BYTES) return fail('team.fetch-too-large', { url: href, max: MAX_PACK_BYTES / 1_000_000 });
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  if (/\bhtml\b/.test(contentType) || /^\s*</.test(text)) return fail('team.fetch-html', { url: href });
  // The hash pins the bytes served, before anything reads them.
  const actual = await sha256Hex(bytes);
  if (options.sha256 && actual !== options.sha256.toLowerCase()) {
    return fail('team.hash-mismatch', { url: href, expected: options.sha256.toLowerCase(), actual });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const detail = (err as Error).message.slice(0, 200);
    return fail('team.fetch-not-json', { url: href, detail }, [{ path: '(file)', key: 'pack.not-json', params: { detail } }]);
  }
  const pack = validatePack(value, href);
  return pack.ok ? { ok: true, pack: pack.pack, sha256: actual } : pack;
}
