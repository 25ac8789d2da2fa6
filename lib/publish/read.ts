// Reading what CS Ops published (issue 16), as every CSM's Sidecar does: the shared usage data
// (the pack's CSV signals, with the date the data describes) and the published result (score,
// band, level, next action, pack, "as of"). Pure: the CRM folders read the fields, this says
// what they mean. A value that cannot be read is "no value", never 0.
import type { ConfigPack, SignalValue } from '../engine/types.ts';
import { readCrmValue } from '../crm/values.ts';
import { RESULT_FIELDS, USAGE_AS_OF, signalField, type Crm } from './fields.ts';

/** Published data older than this is flagged in the sidebar. */
export const PUBLISHED_STALE_MS = 48 * 3_600_000;

export interface PublishedSignal {
  signalId: string;
  value: SignalValue;
  /** When the data describes (the usage "as of" CS Ops published with it). */
  observedAt: string;
}

export interface PublishedResult {
  score: number;
  band: string | null;
  level: number | null;
  nextActionId: string | null;
  nextAction: string | null;
  packId: string | null;
  packVersion: string | null;
  asOf: string;
}

export interface PublishedRead {
  signals: PublishedSignal[];
  result: PublishedResult | null;
}

const csvSignals = (pack: Pick<ConfigPack, 'signals'>) => pack.signals.filter((s) => s.source.kind === 'csv');

/** The CRM field names a record is read with so its published data comes along. */
export function publishedReadNames(pack: Pick<ConfigPack, 'signals'>, crm: Crm): string[] {
  const csv = csvSignals(pack);
  return [...Object.values(RESULT_FIELDS).map((f) => f[crm]), ...(csv.length ? [USAGE_AS_OF[crm]] : []), ...csv.map((s) => signalField(s.id, s.type)[crm])];
}

function isoOf(raw: unknown): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const s = String(raw).trim();
  // HubSpot datetime properties may come back as epoch milliseconds.
  const t = /^\d{10,14}$/.test(s) ? Number(s) : Date.parse(s);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

const str = (raw: unknown): string | null => (raw === null || raw === undefined || raw === '' ? null : String(raw));

/**
 * The published data in one record's fields. A signal value without the usage "as of" is dated
 * `fallbackAt` (when it was read), so it still ages; a result without a score or an "as of" is none.
 */
export function readPublished(pack: Pick<ConfigPack, 'signals'>, crm: Crm, fields: Record<string, unknown>, fallbackAt: string): PublishedRead {
  const usageAt = isoOf(fields[USAGE_AS_OF[crm]]) ?? fallbackAt;
  const signals: PublishedSignal[] = [];
  for (const s of csvSignals(pack)) {
    const value = readCrmValue(s.type, fields[signalField(s.id, s.type)[crm]]);
    if (value !== null) signals.push({ signalId: s.id, value, observedAt: usageAt });
  }
  const score = readCrmValue('number', fields[RESULT_FIELDS.score[crm]]);
  const asOf = isoOf(fields[RESULT_FIELDS.asOf[crm]]);
  const level = readCrmValue('number', fields[RESULT_FIELDS.level[crm]]);
  const result: PublishedResult | null =
    typeof score === 'number' && asOf
      ? {
          score,
          band: str(fields[RESULT_FIELDS.band[crm]]),
          level: typeof level === 'number' ? level : null,
          nextActionId: str(fields[RESULT_FIELDS.nextActionId[crm]]),
          nextAction: str(fields[RESULT_FIELDS.nextAction[crm]]),
          packId: str(fields[RESULT_FIELDS.packId[crm]]),
          packVersion: str(fields[RESULT_FIELDS.packVersion[crm]]),
          asOf,
        }
      : null;
  return { signals, result };
}

/** Whether the sidebar shows the CRM's published result beside its live one: it differs in value or pack version. */
export function publishedDiffers(live: { score: number; packId: string; packVersion: string }, published: PublishedResult): boolean {
  if (Math.round(live.score) !== Math.round(published.score)) return true;
  return (published.packId !== null && published.packId !== live.packId) || (published.packVersion !== null && published.packVersion !== live.packVersion);
}

export const publishedStale = (published: PublishedResult, now: Date): boolean => now.getTime() - Date.parse(published.asOf) > PUBLISHED_STALE_MS;
