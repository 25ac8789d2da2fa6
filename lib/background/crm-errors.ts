import type { CrmError } from '../crm/http.ts';
import type { Locale } from '../engine/types.ts';
import { errorText, type ErrorKey } from '../i18n/errors.ts';
import type { Vars } from '../i18n/index.ts';
import { SidecarError } from '../messages/envelope';

/**
 * An error from the catalogue (lib/i18n/errors.ts), in the user's language;
 * the key and parameters travel in `detail` so any page can render it again.
 */
export function sidecarError(code: string, key: ErrorKey, params: Vars | undefined, locale: Locale, detail?: Record<string, unknown>): SidecarError {
  return new SidecarError(code, errorText(key, params, locale), { ...detail, key, ...(params ? { params } : {}) });
}

/** A CRM client's typed failure → the error the UI shows, in the user's language, with what to do. */
export function toSidecarError(err: CrmError, locale: Locale): SidecarError {
  const detail: Record<string, unknown> = { crm: err.crm };
  if (err.kind === 'rate-limit') {
    detail.retryAfterMs = err.retryAfterMs;
    if (err.policy) detail.policy = err.policy;
  }
  if (err.kind === 'forbidden' && err.scope) detail.scope = err.scope;
  if (err.kind === 'server') detail.status = err.status;
  if (err.kind === 'validation' && err.fields) detail.fields = err.fields;
  // HubSpot support asks for the request's correlationId: keep it beside the message.
  if (err.correlationId) detail.correlationId = err.correlationId;
  return sidecarError(err.kind, err.key, err.params, locale, detail);
}
