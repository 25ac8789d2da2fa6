import type { CrmError } from '../crm/http.ts';
import type { Locale } from '../engine/types.ts';
import { SidecarError } from '../messages/envelope';

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
  return new SidecarError(err.kind, err.message[locale], detail);
}
