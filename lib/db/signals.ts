import type { SidecarDb, SignalValue, SourceName } from './schema';

export interface LatestSignal {
  value: SignalValue;
  observedAt: string;
  source: SourceName;
}

// When two sources observed a signal at the same instant, the CRM is the system of record.
const SOURCE_RANK: Record<SourceName, number> = { hubspot: 4, salesforce: 4, csv: 3, note: 2, sample: 0 };

/** The newest observation of each signal across every subject that names this account, CRM, notes and CSV imports alike. */
export async function latestSignals(db: SidecarDb, subjects: string[]): Promise<Record<string, LatestSignal>> {
  const [rows, chunks] = await Promise.all([
    db.signals.where('subject').anyOf(subjects).toArray(),
    db.csvChunks.where('subjects').anyOf(subjects).distinct().toArray(),
  ]);
  const out: Record<string, LatestSignal> = {};
  const offer = (signalId: string, value: SignalValue, observedAt: string, source: SourceName) => {
    const have = out[signalId];
    const newer = !have || observedAt > have.observedAt || (observedAt === have.observedAt && SOURCE_RANK[source] > SOURCE_RANK[have.source]);
    if (newer) out[signalId] = { value, observedAt, source };
  };
  for (const row of rows) offer(row.signalId, row.value, row.observedAt, row.source);
  const wanted = new Set(subjects);
  for (const chunk of chunks) {
    for (const row of chunk.rows) {
      if (!wanted.has(row.subject)) continue;
      for (const [signalId, value] of Object.entries(row.values)) offer(signalId, value, row.observedAt, 'csv');
    }
  }
  return out;
}
