// Storage failures put in words: a full disk must never look like a saved
// note, and a failed IndexedDB write reaches the user as what it is.
import type { Locale } from '../engine/types.ts';
import { errorText } from '../i18n/errors.ts';
import { type SidecarError } from '../messages/envelope';
import { sidecarError } from './crm-errors';

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
}

function errorChain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let cur: unknown = err;
  for (let i = 0; i < 5 && typeof cur === 'object' && cur !== null; i++) {
    const e = cur as ErrorLike;
    out.push(e);
    cur = e.inner ?? e.cause;
  }
  return out;
}

const STORAGE_ERRORS = new Set(['QuotaExceededError', 'DatabaseClosedError', 'InvalidStateError', 'UnknownError', 'VersionError', 'OpenFailedError', 'DataCloneError']);

/**
 * A failed IndexedDB write (Dexie wraps the browser's DOMException, sometimes
 * inside an AbortError) → a SidecarError that says what happened and what to
 * do; null when the error is not about storage. A full disk must never look
 * like a saved note.
 */
export function describeStorageError(err: unknown, locale: Locale): SidecarError | null {
  const chain = errorChain(err);
  const names = chain.map((e) => (typeof e.name === 'string' ? e.name : ''));
  const text = chain.map((e) => (typeof e.message === 'string' ? e.message : '')).join(' ');
  const quota = names.includes('QuotaExceededError') || /quota|disk (is )?full|no space/i.test(text);
  if (quota) return sidecarError('storage-full', 'storage.full', undefined, locale, { storage: 'quota' });
  const named = names.find((n) => STORAGE_ERRORS.has(n));
  if (named) return sidecarError('storage', 'storage.failed', { name: named }, locale, { storage: named });
  return null;
}

/**
 * The same handlers, with IndexedDB failures turned into describeStorageError's
 * SidecarError: a full disk reaches the user as such, never as "internal".
 */
export function withStorageErrors<H extends object>(handlers: H, locale: () => Locale): H {
  const out: Record<string, unknown> = {};
  for (const [key, h] of Object.entries(handlers as Record<string, unknown>)) {
    if (typeof h !== 'function') {
      out[key] = h;
      continue;
    }
    const call = h as (...args: unknown[]) => Promise<unknown>;
    out[key] = async (...args: unknown[]) => {
      try {
        return await call(...args);
      } catch (err) {
        throw describeStorageError(err, locale()) ?? err;
      }
    };
  }
  return out as H;
}

export interface StorageEstimate {
  usage?: number;
  quota?: number;
}

/** navigator.storage.estimate() → a warning when Sidecar's storage is nearly full (90 %), else null. */
export function storagePressure(estimate: StorageEstimate, locale: Locale): string | null {
  if (!estimate.quota || estimate.usage === undefined) return null;
  const used = estimate.usage / estimate.quota;
  if (used < 0.9) return null;
  return errorText('storage.pressure', { pct: Math.round(used * 100) }, locale);
}
