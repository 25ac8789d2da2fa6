import type { SidecarDb, SignalRow, SignalValue, SourceName } from './schema';

export interface LatestSignal {
  value: SignalValue;
  observedAt: string;
  source: SourceName;
}

// When two sources observed a signal at the same instant, the CRM is the system of record.
const SOURCE_RANK: Record<SourceName, number> = { hubspot: 4, salesforce: 4, csv: 3, note: 2, sample: 0 };

/** The newest observation of each signal across every subject that names this account. */
export async function latestSignals(db: SidecarDb, subjects: string[]): Promise<Record<string, LatestSignal>> {
  const rows = await db.signals.where('subject').anyOf(subjects).toArray();
  const out: Record<string, LatestSignal> = {};
  for (const row of rows) {
    const have = out[row.signalId];
    const newer =
      !have ||
      row.observedAt > have.observedAt ||
      (row.observedAt === have.observedAt && SOURCE_RANK[row.source] > SOURCE_RANK[have.source]);
    if (newer) out[row.signalId] = { value: row.value, observedAt: row.observedAt, source: row.source };
  }
  return out;
}

/** Observations are keyed by subject, signal, source and time, so writing the same one twice changes nothing. */
export async function putSignals(db: SidecarDb, rows: SignalRow[]): Promise<void> {
  if (rows.length) await db.signals.bulkPut(rows);
}

export async function hasSignals(db: SidecarDb, subjects: string[]): Promise<boolean> {
  return (await db.signals.where('subject').anyOf(subjects).first()) !== undefined;
}
