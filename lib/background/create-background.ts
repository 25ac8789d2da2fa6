// The background, built from its dependencies: everything the service worker
// does except touching chrome.* (entrypoints/background/index.ts binds these
// to the browser). Tests build it with fakes, the mocks and a fake IndexedDB.
import { createConnections, type ConnectionDeps } from './connections';
import { createCrmFetch } from './crm-fetch';
import { pullCrmNotes } from './crm-notes';
import type { CrmSync } from './crm-sync';
import { createFrameGate, type FrameGateDeps } from './frame-gate';
import { createHandlers } from './handlers';
import { createOutbox, OUTBOX_ALARM } from './outbox';
import { createPackStore } from './pack-store';
import { createPortfolio } from './portfolio';
import { createRatingFields } from './rating-fields';
import { createPeople } from './people';
import { createPublisher, type Publisher } from './publish';
import { createPublishSchedule, PUBLISH_ALARM, type PublishSchedule } from './publish-schedule';
import type { Crm } from '../publish/fields';
import { createPreparedViews } from './prepared-views';
import { route, isSidecarRequest, type Handlers, type Sender } from './router';
import { resolveLocale } from './services';
import { withStorageErrors, type StorageEstimate } from './storage-errors';
import { createTeam, memoryTeamSettings, TEAM_ALARM, type TeamDeps } from './team';
import type { SidecarDb } from '../db/schema';
import { errorText } from '../i18n/errors.ts';
import type { Locale } from '../engine/types.ts';
import { PageRecordEvent } from '../messages/record';
import type { RecordView, Settings } from '../messages/protocol';
import type { ResponseEnvelope } from '../messages/envelope';

export const WARM_ALARM = 'sidecar-warm';
export { OUTBOX_ALARM, TEAM_ALARM };

export interface BackgroundDeps extends Pick<ConnectionDeps, 'readCookie' | 'launchWebAuthFlow' | 'redirectUri' | 'hubspotBaseUrl'> {
  db: SidecarDb;
  now: () => Date;
  fetch: typeof fetch;
  /** The browser's language, for Settings.locale 'auto'. */
  browserLocale: () => string;
  settings: { get(): Promise<Settings>; set(next: Settings): Promise<void> };
  /** Wake the outbox at this time (chrome.alarms in the browser). */
  schedule: (atMs: number) => void;
  /** Drop every first-paint snapshot: they show the old pack, language or settings. */
  clearSnapshots: () => void;
  estimateStorage?: () => Promise<StorageEstimate>;
  random?: () => number;
  /** Ask the content script in a tab's top frame which sidebar it mounted (tabs.sendMessage in the browser). */
  askMount: FrameGateDeps['askMount'];
  /** chrome.storage.managed.get(): IT's enterprise policy (lib/team/policy.ts). */
  readManaged?: TeamDeps['readManaged'];
  /** The last policy read (extension storage), for browser starts when Chromium is slow to answer. */
  policyCache?: TeamDeps['policyCache'];
  policyWaitMs?: number;
  /** Subscribe to policy changes (storage.onChanged, area 'managed'). */
  onManagedChanged?: (listener: () => void) => void;
  /** The user's own pack URL and role (extension storage in the browser; memory otherwise). */
  teamSettings?: TeamDeps['settings'];
  /** chrome.permissions.contains for the pack URL's origin. */
  hasOrigin?: TeamDeps['hasOrigin'];
  /** The pack URL's fetch (the background's own fetch otherwise). */
  fetchPack?: typeof fetch;
  /** How publishing waits (pacing, a 429): a timer in the browser, the test's clock in tests. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Background {
  handlers: Handlers;
  /** A runtime message: a Sidecar request answers (an envelope), a page event starts work and answers null. */
  onMessage(message: unknown, sender: Sender & { fromTab: boolean }): Promise<ResponseEnvelope | null> | null;
  onAlarm(name: string): void;
  /** Every start of the worker, and coming back online: resume the outbox. */
  resume(): void;
  /** The browser started or Sidecar was installed or updated: check the team's pack (policy, URL). Resolves when checked. */
  start(): Promise<void>;
  /** Publishing to the CRM (lib/background/publish.ts), for tests to wait on. */
  publisher: Publisher;
  /** The daily scheduled publication (lib/background/publish-schedule.ts). */
  schedule: PublishSchedule;
}

export function createBackground(deps: BackgroundDeps): Background {
  const { db, now } = deps;
  let locale: Locale = resolveLocale('auto', deps.browserLocale());
  void deps.settings.get().then((s) => (locale = resolveLocale(s.locale, deps.browserLocale())));
  const packStore = createPackStore(db, () => locale);
  // Every change that redraws all records (a pack installed or reset, the language or settings
  // changed) comes through invalidate: the first-paint snapshots drawn the old way go with it.
  const packs: typeof packStore = {
    ...packStore,
    invalidate() {
      packStore.invalidate();
      deps.clearSnapshots();
    },
  };
  // The team's one pack: IT's policy or the pack URL decide it, and keep the last good one.
  const team = createTeam({
    db,
    now,
    fetch: deps.fetchPack ?? deps.fetch,
    locale: () => locale,
    packs,
    settings: deps.teamSettings ?? memoryTeamSettings(),
    ...(deps.readManaged ? { readManaged: deps.readManaged } : {}),
    ...(deps.policyCache ? { policyCache: deps.policyCache } : {}),
    ...(deps.policyWaitMs !== undefined ? { policyWaitMs: deps.policyWaitMs } : {}),
    ...(deps.hasOrigin ? { hasOrigin: deps.hasOrigin } : {}),
  });
  deps.onManagedChanged?.(() =>
    void team
      .policyChanged()
      .then(() => people.adoptPolicyOwner())
      .catch((err: unknown) => console.warn('[Sidecar] policy', err)),
  );
  const connections = createConnections({
    db,
    now,
    allowed: () => team.allowed(),
    fetch: deps.fetch,
    locale: () => locale,
    readCookie: deps.readCookie,
    launchWebAuthFlow: deps.launchWebAuthFlow,
    redirectUri: deps.redirectUri,
    ...(deps.hubspotBaseUrl ? { hubspotBaseUrl: deps.hubspotBaseUrl } : {}),
  });
  // Who's who: the CSM per CRM, HubSpot's owners (account owners, note authors), cached.
  const people = createPeople({
    db,
    clients: connections,
    now,
    locale: () => locale,
    profileEmail: async () => (await team.hubspotOwnerEmail()) ?? (await deps.settings.get()).csmEmail,
    policyEmail: () => team.hubspotOwnerEmail(),
  });
  const ownerNames = async () => {
    const read = await people.hubspotOwners();
    return read?.ok ? new Map([...read.owners].map(([id, o]) => [id, o.name])) : null;
  };
  const crm = createCrmFetch({ db, now, clients: connections, locale: () => locale, readCookie: deps.readCookie, people });

  const ratingFields = createRatingFields({ db, now, pack: async () => (await packs.active()).pack, fields: (crm, pageHost) => connections.fields(crm, pageHost) });
  // Notes: the outbox takes them to the CRM; an alarm wakes it, so retries outlive the worker.
  const outbox = createOutbox({
    db,
    now,
    clients: connections,
    packs,
    locale: () => locale,
    random: deps.random ?? Math.random,
    schedule: deps.schedule,
    ...(deps.estimateStorage ? { estimateStorage: deps.estimateStorage } : {}),
    // The latest ratings follow the note to the account's CRM fields, where they exist; never the note's concern.
    onRatingsSent: (note) =>
      void ratingFields
        .publish(note.accountKey)
        .then((r) => r.kind === 'failed' && console.warn('[Sidecar] rating fields', r.reason))
        .catch((err: unknown) => console.warn('[Sidecar] rating fields', err)),
  });
  // A refresh also reads the team's notes; a failure there only adds a warning.
  const crmWithNotes: CrmSync = {
    ...crm,
    async refresh(ref, key, pack) {
      const result = await crm.refresh(ref, key, pack);
      try {
        await pullCrmNotes({ db, clients: connections, now, locale: () => locale, ownerNames }, ref, key, pack);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return { warning: result.warning ? `${result.warning} ${message}` : message };
      }
      return result;
    },
  };
  // A reconnect resumes the notes that waited for it.
  const connectionsWithKick: typeof connections = {
    ...connections,
    hubspotConnect: async (token) => {
      const r = await connections.hubspotConnect(token);
      people.clear();
      // Before the outbox runs: IT's policy may name the owner the notes are written as.
      await people.adoptPolicyOwner().catch((err: unknown) => console.warn('[Sidecar] owner', err));
      outbox.kick();
      return r;
    },
    salesforceConnect: async () => {
      const r = await connections.salesforceConnect();
      outbox.kick();
      return r;
    },
  };

  // Publishing to the CRM (CS Ops): resumable, paced, recorded batch by batch.
  /** The connected CRM user: the daily run's "is this the publisher's browser", and who a publication's stamp names. */
  const crmMe = async (crm: Crm) => {
    if (crm === 'hubspot') return people.me('hubspot', 'app.hubspot.com');
    const myDomain = (await db.connections.get('salesforce'))?.myDomain;
    return myDomain ? people.me('salesforce', myDomain) : null;
  };
  const publisher = createPublisher({
    db,
    now,
    locale: () => locale,
    fields: (c) => connections.fields(c),
    pack: async () => (await packs.active()).pack,
    who: async (c) => (await crmMe(c).catch(() => null))?.email ?? ((await deps.settings.get()).csmEmail || null),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });

  // The daily "score the book", from the one browser the policy names as publisher.
  const schedule = createPublishSchedule({
    db,
    now,
    publisher,
    role: async () => (await team.status()).role,
    publisherEmail: () => team.publisherEmail(),
    me: crmMe,
    canRunUnattended: async (crm) => {
      if (!(await connections.hasCredentials(crm))) return false;
      return crm === 'salesforce' && (await connections.salesforceMode()) !== 'oauth' ? 'needs-oauth' : true;
    },
    hasUsageData: async () => (await packs.active()).pack.signals.some((x) => x.source.kind === 'csv') && (await db.imports.count()) > 0,
  });

  // The CSM's book, from the cache alone.
  const portfolio = createPortfolio({
    db,
    now,
    pack: async () => (await packs.active()).pack,
    // The book from the CRM and handover sheets: the same connections, owners list and pacing as publishing.
    crm: {
      fields: (c) => connections.fields(c),
      handover: (c) => connections.handover(c),
      notes: (place) => connections.notes(place),
      hubspotOwners: () => people.hubspotOwners(),
      locale: () => locale,
      profile: async () => {
        const { csmName, companyName, productName } = await deps.settings.get();
        return { ...(csmName ? { csmName } : {}), ...(companyName ? { companyName } : {}), ...(productName ? { productName } : {}) };
      },
      sleep: deps.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    },
  });
  const all = withStorageErrors(
    createHandlers({
      portfolio,
      db,
      now,
      packs,
      crm: crmWithNotes,
      connections: connectionsWithKick,
      outbox,
      people: people.options,
      team,
      whoAmI: (crm, pageHost) => people.me(crm, pageHost),
      onNoteQueued: () => outbox.kick(),
      settings: {
        get: () => deps.settings.get(),
        async set(next: Settings) {
          await deps.settings.set(next);
          locale = resolveLocale(next.locale, deps.browserLocale());
          packs.invalidate();
        },
      },
      browserLocale: deps.browserLocale,
      locale: () => locale,
      publish: publisher,
      role: async () => (await team.status()).role,
      schedule: (c) => schedule.view(c),
    }),
    () => locale,
  );
  // A sidebar frame acts only for the records its own content script mounted it for.
  const gate = createFrameGate({
    askMount: deps.askMount,
    resolvedTo: async (key) => (await db.accounts.get(key))?.resolvedTo,
    noteAccount: async (id) => (await db.notes.get(id))?.accountKey,
    // The refusal in the user's language, from the catalogue; the reason stays in the detail for support.
    message: (type) => errorText('request.frame-refused', { type }, locale),
  });
  // The content script's page.record event starts the view; the frame's record.open takes it.
  const prepared = createPreparedViews<RecordView>(() => Date.now());
  const handlers: Handlers = {
    ...all,
    'record.open': (req, sender) => prepared.open(req.ref, () => all['record.open'](req, sender)),
  };

  return {
    handlers,
    onMessage(message, sender) {
      if (!isSidecarRequest(message)) {
        const event = sender.fromTab ? PageRecordEvent.safeParse(message) : null;
        const ref = event?.success ? event.data.ref : null;
        // Only a content script's (a tab's top frame, not an extension page) event counts.
        if (ref && event?.success && sender.tabId !== undefined && sender.frameId === 0 && !sender.fromExtensionPage) {
          gate.noteRecord(sender.tabId, event.data.token, ref);
          prepared.prepare(ref, () => all['record.open']({ ref }, sender));
        }
        return null;
      }
      return gate.check(message, sender).then((refusal) => refusal ?? route(message, sender, handlers, () => locale));
    },
    onAlarm(name) {
      if (name === OUTBOX_ALARM) outbox.kick();
      if (name === TEAM_ALARM) void team.check().catch((err: unknown) => console.warn('[Sidecar] team pack', err));
      if (name === PUBLISH_ALARM) void schedule.tick().catch((err: unknown) => console.warn('[Sidecar] scheduled publish', err));
      if (name === WARM_ALARM) void packs.active().then(({ pack }) => crm.warmHubspot(pack)).catch((err: unknown) => console.warn('[Sidecar] warm-up', err));
    },
    resume() {
      outbox.kick();
      // A publication the worker's stop interrupted carries on (a limit's stop waits for the browser's next start).
      void publisher.resume().catch((err: unknown) => console.warn('[Sidecar] publish', err));
    },
    start: () =>
      team.check().then(() => {
        // What a stop left carries on first; then a missed day's scheduled run catches up.
        void publisher
          .resume({ reopenStopped: true })
          .then(() => schedule.tick())
          .catch((err: unknown) => console.warn('[Sidecar] publish', err));
        return people.adoptPolicyOwner().catch((err: unknown) => console.warn('[Sidecar] owner', err));
      }),
    publisher,
    schedule,
  };
}
