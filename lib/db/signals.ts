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

/**
 * The newest observation of each signal for many accounts at once, in one pass over the stored
 * observations (a cursor, so memory holds only the newest per subject and signal): the impact of a
 * new pack on the whole cache reads this instead of asking once per account. `subjectsByKey` maps
 * each account key to every subject that names it (lib/background/subjects.ts); the same newest-wins
 * rule as latestSignals applies, CRM first on a tie.
 */
export async function latestSignalsForMany(db: SidecarDb, subjectsByKey: ReadonlyMap<string, readonly string[]>): Promise<Map<string, Record<string, LatestSignal>>> {
  const wanted = new Set<string>();
  for (const subjects of subjectsByKey.values()) for (const s of subjects) wanted.add(s);
  const bySubject = new Map<string, Record<string, LatestSignal>>();
  const offer = (subject: string, signalId: string, value: SignalValue, observedAt: string, source: SourceName) => {
    let out = bySubject.get(subject);
    if (!out) bySubject.set(subject, (out = {}));
    const have = out[signalId];
    const newer = !have || observedAt > have.observedAt || (observedAt === have.observedAt && SOURCE_RANK[source] > SOURCE_RANK[have.source]);
    if (newer) out[signalId] = { value, observedAt, source };
  };
  await db.signals.each((row) => {
    if (wanted.has(row.subject)) offer(row.subject, row.signalId, row.value, row.observedAt, row.source);
  });
  await db.csvChunks.each((chunk) => {
    for (const row of chunk.rows) {
      if (!wanted.has(row.subject)) continue;
      for (const [signalId, value] of Object.entries(row.values)) offer(row.subject, signalId, value, row.observedAt, 'csv');
    }
  });
  const result = new Map<string, Record<string, LatestSignal>>();
  for (const [key, subjects] of subjectsByKey) {
    const out: Record<string, LatestSignal> = {};
    for (const subject of subjects) {
      for (const [signalId, s] of Object.entries(bySubject.get(subject) ?? {})) {
        const have = out[signalId];
        if (!have || s.observedAt > have.observedAt || (s.observedAt === have.observedAt && SOURCE_RANK[s.source] > SOURCE_RANK[have.source])) out[signalId] = s;
      }
    }
    result.set(key, out);
  }
  return result;
}
