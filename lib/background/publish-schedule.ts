// The daily "score the book" (issue 16): one browser publishes for the team, the one whose CS Ops
// user the policy names (`publisher`, an e-mail matched to the CRM user Sidecar knows), so two CS
// Ops browsers never race each other and a CSM's browser never writes results. An hourly alarm and
// every browser start ask whether a day has passed since the last run, so a missed day (a laptop
// closed overnight) catches up at the next start. Salesforce needs OAuth for this: a browser
// session expires, and a scheduled run has no open tab.
import type { Crm, SidecarDb, SyncStateRow } from '../db/schema';
import type { CrmPerson } from '../crm/people.ts';
import type { ErrorKey } from '../i18n/errors.ts';
import type { ScheduleView } from '../messages/publish';
import type { Publisher } from './publish';

export const PUBLISH_ALARM = 'sidecar-publish-daily';
/** How often the alarm asks whether a run is due. */
export const PUBLISH_CHECK_MINUTES = 60;
/** A day, less an hour of slack so an hourly check does not drift a run a day later each time. */
export const PUBLISH_EVERY_MS = 23 * 3_600_000;

export interface ScheduleDeps {
  db: SidecarDb;
  now: () => Date;
  publisher: Pick<Publisher, 'start' | 'idle'>;
  role: () => Promise<'csm' | 'csops'>;
  /** The policy's `publisher` e-mail (lowercase), if any. */
  publisherEmail: () => Promise<string | undefined>;
  /** The CRM user this browser acts as, with their e-mail where the CRM gives one. */
  me: (crm: Crm) => Promise<CrmPerson | null>;
  /** Whether the CRM is connected in a way a run with no open tab can use (HubSpot key, Salesforce OAuth). */
  canRunUnattended: (crm: Crm) => Promise<boolean | 'needs-oauth'>;
  /** Whether the pack has CSV signals (their imported values are published before the scores). */
  hasUsageData: () => Promise<boolean>;
}

export type ScheduleState =
  | { kind: 'off'; reason: 'no-publisher' | 'not-csops' | 'other-browser' | 'not-connected' | 'needs-oauth' }
  | { kind: 'due' }
  | { kind: 'waiting'; nextAt: string };

const stateId = (crm: Crm) => `publish-schedule:${crm}`;
const sameEmail = (a: string | undefined, b: string | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

export function createPublishSchedule(deps: ScheduleDeps) {
  const { db, now } = deps;
  let running: Promise<void> | null = null;

  async function state(crm: Crm): Promise<ScheduleState> {
    const email = await deps.publisherEmail();
    if (!email) return { kind: 'off', reason: 'no-publisher' };
    if ((await deps.role()) !== 'csops') return { kind: 'off', reason: 'not-csops' };
    const ready = await deps.canRunUnattended(crm);
    if (ready === 'needs-oauth') return { kind: 'off', reason: 'needs-oauth' };
    if (!ready) return { kind: 'off', reason: 'not-connected' };
    const me = await deps.me(crm).catch(() => null);
    if (!sameEmail(me?.email, email)) return { kind: 'off', reason: 'other-browser' };
    const last = (await db.syncState.get(stateId(crm)))?.lastAttemptAt;
    if (!last) return { kind: 'due' };
    const next = Date.parse(last) + PUBLISH_EVERY_MS;
    return next <= now().getTime() ? { kind: 'due' } : { kind: 'waiting', nextAt: new Date(next).toISOString() };
  }

  async function runFor(crm: Crm): Promise<void> {
    const at = now().toISOString();
    // Recorded before the run: a run that fails is not retried every hour, but tomorrow (the report says why).
    const before = await db.syncState.get(stateId(crm));
    await db.syncState.put({ ...before, id: stateId(crm), lastAttemptAt: at });
    try {
      if (await deps.hasUsageData()) {
        await deps.publisher.start(crm, 'signals');
        await deps.publisher.idle();
      }
      await deps.publisher.start(crm, 'scores');
      await deps.publisher.idle();
      const row: SyncStateRow = { id: stateId(crm), lastAttemptAt: at, lastSuccessAt: now().toISOString() };
      await db.syncState.put(row);
    } catch (err) {
      const code = (err as { key?: ErrorKey; code?: string }).code ?? 'internal';
      await db.syncState.put({ id: stateId(crm), lastAttemptAt: at, ...(before?.lastSuccessAt ? { lastSuccessAt: before.lastSuccessAt } : {}), lastError: { code, message: err instanceof Error ? err.message : String(err), at } });
    }
  }

  return {
    state,
    /** The alarm and every start: run what is due, one CRM after the other; a second call waits for the first. */
    tick(): Promise<void> {
      running ??= (async () => {
        for (const crm of ['hubspot', 'salesforce'] as const) {
          if ((await state(crm)).kind === 'due') await runFor(crm);
        }
      })().finally(() => {
        running = null;
      });
      return running;
    },
    /** What the options page shows: the state, the next run, the last run and how it went. */
    async view(crm: Crm): Promise<ScheduleView> {
      const st = await state(crm);
      const last = await db.syncState.get(stateId(crm));
      return {
        crm,
        state: st.kind,
        ...(st.kind === 'off' ? { reason: st.reason } : {}),
        ...(st.kind === 'waiting' ? { nextAt: st.nextAt } : {}),
        ...(last?.lastAttemptAt ? { lastRunAt: last.lastAttemptAt } : {}),
        ...(last?.lastSuccessAt ? { lastSuccessAt: last.lastSuccessAt } : {}),
        ...(last?.lastError ? { lastError: last.lastError.message } : {}),
      };
    },
    /** The last scheduled run per CRM, for the options page. */
    async last(crm: Crm): Promise<SyncStateRow | undefined> {
      return db.syncState.get(stateId(crm));
    },
  };
}

export type PublishSchedule = ReturnType<typeof createPublishSchedule>;
