// Salesforce's error arrays and usage header → Sidecar's CrmError.
import { classifyByStatus, crmErrors, retryAfterMs, type CrmError, type HttpResponseInfo } from '../http.ts';
import { ErrorArray } from './schemas.ts';

export interface SalesforceApiUsage {
  used: number;
  max: number;
}

/** `Sforce-Limit-Info: api-usage=25/15000` → { used: 25, max: 15000 }. */
export function readApiUsage(headers: Headers): SalesforceApiUsage | null {
  const m = /api-usage=(\d+)\/(\d+)/.exec(headers.get('sforce-limit-info') ?? '');
  return m ? { used: Number(m[1]), max: Number(m[2]) } : null;
}

// The org's 24-hour request allowance frees up gradually; an hour is a fair
// first wait. Concurrency limits ("ConcurrentPerOrgLongTxn") clear in seconds.
const DAILY_WAIT_MS = 60 * 60_000;
const CONCURRENT_WAIT_MS = 10_000;

export function classifySalesforce(res: HttpResponseInfo, now: number): CrmError {
  const parsed = ErrorArray.safeParse(res.body);
  const first = parsed.success ? parsed.data[0] : undefined;
  const code = first?.errorCode;
  if (code === 'INVALID_SESSION_ID' || res.status === 401) return crmErrors.auth('salesforce', first?.message);
  if (code === 'REQUEST_LIMIT_EXCEEDED' || res.status === 429) {
    const daily = /TotalRequests/i.test(first?.message ?? '');
    const wait = retryAfterMs(res.headers, now) ?? (daily ? DAILY_WAIT_MS : CONCURRENT_WAIT_MS);
    return crmErrors.rateLimit('salesforce', wait, 'REQUEST_LIMIT_EXCEEDED');
  }
  if (res.status === 403) return crmErrors.forbidden('salesforce', undefined, code);
  if (res.status === 404) return crmErrors.notFound('salesforce', first?.message);
  if (res.status >= 400 && res.status < 500) {
    const fields = parsed.success ? [...new Set(parsed.data.flatMap((e) => e.fields ?? []))] : [];
    // INVALID_FIELD names the column only in its text ("No such column 'X' on entity …"): lift it into
    // `fields`, so callers act on data, never on a message's words.
    const column = code === 'INVALID_FIELD' ? /No such column '([^']+)'/.exec(first?.message ?? '')?.[1] : undefined;
    if (column && !fields.includes(column)) fields.unshift(column);
    return crmErrors.validation('salesforce', first ? `${first.errorCode}: ${first.message}` : undefined, fields.length ? fields : undefined);
  }
  return classifyByStatus('salesforce', res, now);
}
