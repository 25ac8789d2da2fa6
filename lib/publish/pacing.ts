// Pacing a publication (issue 16), pure: from the CRM's own usage headers, how long to wait before
// the next batch. HubSpot's limits are per app per account, shared by every CSM on the same key:
// a publication leaves at least SIDEBAR_SHARE of the ten-second window to the team's sidebars, and
// stops before the daily limit is nearly spent. Salesforce reports the org's 24-hour usage on every
// answer (Sforce-Limit-Info: api-usage=n/m); it has no ten-second window, only the daily limit.

/** The share of HubSpot's ten-second limit a publication never takes. */
export const SIDEBAR_SHARE = 0.3;
/** The share of the daily limit a publication leaves to everything else (the team's sidebars for the rest of the day). */
export const DAILY_RESERVE = 0.1;

export interface HubspotUsage {
  /** X-HubSpot-RateLimit-Max / -Remaining / -Interval-Milliseconds of the last answer. */
  max?: number;
  remaining?: number;
  intervalMs?: number;
  /** X-HubSpot-RateLimit-Daily / -Daily-Remaining. */
  daily?: number;
  dailyRemaining?: number;
}

export interface SalesforceUsage {
  /** Sforce-Limit-Info: api-usage=used/max (the org's 24-hour allowance). */
  used: number;
  max: number;
}

export type Pace =
  | { kind: 'go'; waitMs: number }
  /** The daily limit is nearly spent: stop here, resume tomorrow (or when an admin raises it). */
  | { kind: 'stop'; reason: 'daily'; left: number; reserve: number };

const DEFAULT_INTERVAL_MS = 10_000;

/**
 * Before a HubSpot batch of `needed` requests: go now while the window keeps its sidebar share
 * after it, else wait out the rolling window. Without headers (the first request), go.
 */
export function paceHubspot(usage: HubspotUsage | null, needed = 1): Pace {
  if (!usage) return { kind: 'go', waitMs: 0 };
  if (usage.daily !== undefined && usage.dailyRemaining !== undefined) {
    const reserve = Math.ceil(usage.daily * DAILY_RESERVE);
    if (usage.dailyRemaining - needed < reserve) return { kind: 'stop', reason: 'daily', left: usage.dailyRemaining, reserve };
  }
  if (usage.max === undefined || usage.remaining === undefined) return { kind: 'go', waitMs: 0 };
  const keep = Math.ceil(usage.max * SIDEBAR_SHARE);
  if (usage.remaining - needed >= keep) return { kind: 'go', waitMs: 0 };
  // The window is rolling: after one full interval every request counted now has left it.
  return { kind: 'go', waitMs: usage.intervalMs ?? DEFAULT_INTERVAL_MS };
}

/** Before a Salesforce batch of `needed` requests: go unless the org's daily allowance is nearly spent. */
export function paceSalesforce(usage: SalesforceUsage | null, needed = 1): Pace {
  if (!usage || usage.max <= 0) return { kind: 'go', waitMs: 0 };
  const reserve = Math.ceil(usage.max * DAILY_RESERVE);
  const left = usage.max - usage.used;
  return left - needed < reserve ? { kind: 'stop', reason: 'daily', left, reserve } : { kind: 'go', waitMs: 0 };
}

/** The share of HubSpot's ten-second window left to the sidebars after an answer (for the report and the bench). */
export function sidebarShareLeft(usage: HubspotUsage | null): number | null {
  if (!usage || usage.max === undefined || usage.remaining === undefined || usage.max <= 0) return null;
  return Math.max(0, Math.min(1, usage.remaining / usage.max));
}
