// HubSpot's error bodies and rate-limit headers → Sidecar's CrmError.
import { classifyByStatus, crmErrors, retryAfterMs, type CrmError, type HttpResponseInfo } from '../http.ts';
import { ErrorBody } from './schemas.ts';

export interface HubspotRateLimit {
  /** Requests left in the current rolling window, and the window's size. */
  remaining?: number;
  max?: number;
  intervalMs?: number;
  dailyRemaining?: number;
  daily?: number;
}

function intHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw);
}

/** The X-HubSpot-RateLimit-* headers, or null when the answer carried none. */
export function readRateLimit(headers: Headers): HubspotRateLimit | null {
  const info: HubspotRateLimit = {
    remaining: intHeader(headers, 'x-hubspot-ratelimit-remaining'),
    max: intHeader(headers, 'x-hubspot-ratelimit-max'),
    intervalMs: intHeader(headers, 'x-hubspot-ratelimit-interval-milliseconds'),
    dailyRemaining: intHeader(headers, 'x-hubspot-ratelimit-daily-remaining'),
    daily: intHeader(headers, 'x-hubspot-ratelimit-daily'),
  };
  return Object.values(info).some((v) => v !== undefined) ? info : null;
}

/**
 * HubSpot's daily cap resets at midnight in the account's time zone, which we
 * do not know here; the next UTC midnight is a fair guess and the message
 * says "around midnight".
 */
export function msUntilUtcMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - now;
}

// `missingScopes` and `invalidPropertyName` are the 2026-09 spec's names (in
// `context` and in each `errors[].context`); the others are what earlier
// versions answered, still read so an older answer is understood.
const SCOPE_KEYS = ['missingScopes', 'requiredGranularScopes', 'requiredScopes', 'requiredScope'];
const PROPERTY_KEYS = ['invalidPropertyName', 'propertyName'];

function contexts(body: ErrorBody): Array<Record<string, string[]>> {
  return [body.context, ...(body.errors ?? []).map((e) => e.context)].filter((c): c is Record<string, string[]> => !!c);
}

function missingScope(body: ErrorBody): string | undefined {
  for (const key of SCOPE_KEYS) {
    for (const context of contexts(body)) {
      const scope = context[key]?.[0];
      if (scope) return scope;
    }
  }
  return undefined;
}

function propertyNames(body: ErrorBody): string[] | undefined {
  const names = contexts(body).flatMap((c) => PROPERTY_KEYS.flatMap((key) => c[key] ?? []));
  return names.length ? [...new Set(names)] : undefined;
}

/** A non-2xx answer → CrmError, carrying HubSpot's correlationId (support asks for it). */
export function classifyHubspot(res: HttpResponseInfo, now: number): CrmError {
  const parsed = ErrorBody.safeParse(res.body);
  const body: ErrorBody = parsed.success ? parsed.data : {};
  const error = classify(res, body, now);
  return body.correlationId ? { ...error, correlationId: body.correlationId } : error;
}

function classify(res: HttpResponseInfo, body: ErrorBody, now: number): CrmError {
  const { status } = res;
  if (status === 429 || body.errorType === 'RATE_LIMIT') {
    const policy = body.policyName;
    if (policy === 'DAILY') return crmErrors.rateLimit('hubspot', msUntilUtcMidnight(now), 'DAILY');
    const wait = intHeader(res.headers, 'x-hubspot-ratelimit-interval-milliseconds') ?? retryAfterMs(res.headers, now) ?? 10_000;
    return crmErrors.rateLimit('hubspot', wait, policy);
  }
  if (status === 401) return crmErrors.auth('hubspot', body.message);
  if (status === 403) {
    return crmErrors.forbidden('hubspot', missingScope(body), body.message);
  }
  if (status === 404) return crmErrors.notFound('hubspot', body.message);
  if (status >= 400 && status < 500) return crmErrors.validation('hubspot', body.message, propertyNames(body));
  return classifyByStatus('hubspot', res, now);
}
