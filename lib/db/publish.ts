// A publication's writes (issue 16): the job and its records change together, so each change is
// one named method around one transaction. lib/background/publish.ts decides; these keep the job's
// counters and its records in step whatever stops the worker between two batches.
import type { PublishItemRow, PublishJobRow, SidecarDb } from './schema';

/** The job and every record it will write, in one transaction: a job never exists without its records. */
export async function createPublishJob(db: SidecarDb, job: PublishJobRow, items: PublishItemRow[]): Promise<void> {
  await db.transaction('rw', [db.publishJobs, db.publishItems], async () => {
    const seq = Math.max(0, ...(await db.publishJobs.toArray()).map((j) => j.seq ?? 0)) + 1;
    await db.publishJobs.put({ ...job, seq });
    await db.publishItems.bulkPut(items);
  });
}

/** Before a batch is sent: on disk, so a browser closed mid-request checks the CRM before sending it again. */
export async function markBatchInFlight(db: SidecarDb, jobId: string, batch: number, at: string): Promise<void> {
  await db.publishJobs.update(jobId, { inFlight: batch, updatedAt: at });
}

export interface BatchOutcome {
  sent: string[];
  failed: Array<{ id: string; failure: NonNullable<PublishItemRow['failure']> }>;
  /** Records found already holding their values (a batch re-checked after a closed browser). */
  alreadyThere: string[];
  requests: number;
  windowLeft: number | null;
}

/** A batch answered: its records sent or refused, the job's counters and its next batch, together. */
export async function recordBatch(db: SidecarDb, jobId: string, batch: number, outcome: BatchOutcome, at: string): Promise<PublishJobRow | undefined> {
  return db.transaction('rw', [db.publishJobs, db.publishItems], async () => {
    const job = await db.publishJobs.get(jobId);
    if (!job) return undefined;
    for (const id of [...outcome.sent, ...outcome.alreadyThere]) await db.publishItems.update([jobId, id], { status: 'sent' });
    for (const f of outcome.failed) {
      const item = await db.publishItems.get([jobId, f.id]);
      await db.publishItems.update([jobId, f.id], { status: 'failed', failure: f.failure, attempts: (item?.attempts ?? 0) + 1 });
    }
    const windowLeftMin = outcome.windowLeft === null ? job.windowLeftMin : Math.min(job.windowLeftMin ?? 1, outcome.windowLeft);
    const next: PublishJobRow = {
      ...job,
      sent: job.sent + outcome.sent.length + outcome.alreadyThere.length,
      failed: job.failed + outcome.failed.length,
      nextBatch: batch + 1,
      requests: job.requests + outcome.requests,
      updatedAt: at,
      ...(windowLeftMin === undefined ? {} : { windowLeftMin }),
    };
    delete next.inFlight;
    await db.publishJobs.put(next);
    return next;
  });
}

/** Requests that wrote nothing (a 429 waited out, a read of the book) still count. */
export async function countRequests(db: SidecarDb, jobId: string, requests: number, windowLeft: number | null): Promise<void> {
  await db.transaction('rw', db.publishJobs, async () => {
    const job = await db.publishJobs.get(jobId);
    if (!job) return;
    await db.publishJobs.update(jobId, { requests: job.requests + requests, ...(windowLeft === null ? {} : { windowLeftMin: Math.min(job.windowLeftMin ?? 1, windowLeft) }) });
  });
}

/** The job ends: done, or stopped with why (it resumes at the next start only while 'running'). */
export async function finishPublishJob(db: SidecarDb, jobId: string, status: 'done' | 'stopped', at: string, stop?: PublishJobRow['stop']): Promise<void> {
  await db.publishJobs.update(jobId, { status, finishedAt: at, updatedAt: at, ...(stop ? { stop } : {}) });
}

/** A stopped job picked up again (the next start, or CS Ops pressing publish again). */
export async function reopenPublishJob(db: SidecarDb, jobId: string, at: string): Promise<void> {
  await db.transaction('rw', db.publishJobs, async () => {
    const job = await db.publishJobs.get(jobId);
    if (!job) return;
    const next: PublishJobRow = { ...job, status: 'running', updatedAt: at };
    delete next.stop;
    delete next.finishedAt;
    await db.publishJobs.put(next);
  });
}

/** Jobs not finished: running (interrupted) or stopped by a limit, newest first. */
export async function unfinishedJobs(db: SidecarDb): Promise<PublishJobRow[]> {
  const rows = await db.publishJobs.where('status').anyOf(['running', 'stopped']).toArray();
  return rows.sort(newestFirst);
}

const newestFirst = (a: PublishJobRow, b: PublishJobRow) => b.startedAt.localeCompare(a.startedAt) || (b.seq ?? 0) - (a.seq ?? 0);

export async function latestPublishJob(db: SidecarDb, crm?: PublishJobRow['crm']): Promise<PublishJobRow | undefined> {
  const rows = await db.publishJobs.toArray();
  return rows.sort(newestFirst).find((j) => !crm || j.crm === crm);
}

export function batchItems(db: SidecarDb, jobId: string, batch: number): Promise<PublishItemRow[]> {
  return db.publishItems.where('[jobId+batch]').equals([jobId, batch]).toArray();
}

export function failedItems(db: SidecarDb, jobId: string): Promise<PublishItemRow[]> {
  return db.publishItems.where('[jobId+status]').equals([jobId, 'failed']).toArray();
}
