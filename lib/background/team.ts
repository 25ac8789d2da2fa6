// The team's one pack (issue 15): IT's enterprise policy, or a pack URL CS Ops shares, decides the
// pack in force. Checked at start, every 3 hours (an alarm) and when the policy changes. A source
// that fails, or serves an invalid pack, keeps the last good pack and says why (the path-naming
// errors too): nothing is ever reset silently. The deciding and fetching is pure (lib/team).
import type { SidecarDb } from '../db/schema';
import type { Locale } from '../engine/types.ts';
import { errorText, pathErrorText, renderPathErrors } from '../i18n/errors.ts';
import type { TeamStatus } from '../messages/options';
import { checkPackUrl, choosePackSource, fetchPack, inlinePack, originPattern, type PackResult, type PackSource } from '../team/pack-source.ts';
import { allowedAccounts, parsePolicy, type AllowedAccounts, type PolicyRead, type Role } from '../team/policy.ts';
import { sidecarError } from './crm-errors';
import type { PackStore } from './pack-store';

export const TEAM_ALARM = 'sidecar-team-pack';
/** How often the pack URL is checked again. */
export const TEAM_CHECK_MINUTES = 180;
const STATE_ID = 'pack-source';
/**
 * How long a caller waits for chrome.storage.managed. At browser start Chromium can take
 * minutes to answer it (its policy service loads first: Privacy Badger PR 2982, Ghostery
 * issue 3367); a note waiting on the allowed portals must not wait that long.
 */
export const POLICY_WAIT_MS = 3_000;

/** What the user chose here: their own pack URL and role (extension storage in the browser). */
export interface TeamSettings {
  packUrl?: string;
  role?: Role;
}

export interface TeamDeps {
  db: SidecarDb;
  now: () => Date;
  fetch: typeof fetch;
  locale: () => Locale;
  packs: PackStore;
  /** chrome.storage.managed.get(): the policy's raw values ({} or a rejection when there is none). */
  readManaged?: () => Promise<unknown>;
  /** The last policy read, kept in extension storage: it governs while Chromium is slow to answer. */
  policyCache?: { get(): Promise<unknown>; set(raw: unknown): Promise<void> };
  /** How long a caller waits for the policy before the last one seen governs (POLICY_WAIT_MS). */
  policyWaitMs?: number;
  settings: { get(): Promise<TeamSettings>; set(next: TeamSettings): Promise<void> };
  /** chrome.permissions.contains for one origin pattern; without it, fetching is simply tried. */
  hasOrigin?: (pattern: string) => Promise<boolean>;
  timeoutMs?: number;
}

export function memoryTeamSettings(initial: TeamSettings = {}): TeamDeps['settings'] {
  let value = initial;
  return { get: async () => value, set: async (next) => void (value = next) };
}

/** A failed check in the user's language; an invalid pack's words name its first error ({message}). */
function failureText(result: Extract<PackResult, { ok: false }>, locale: Locale): string {
  const first = result.errors[0];
  const params = first && result.key === 'team.pack-invalid' ? { ...result.params, message: pathErrorText(first, locale) } : result.params;
  return errorText(result.key, params, locale);
}

export function createTeam(deps: TeamDeps) {
  const { db, now, packs } = deps;
  let policyRead: PolicyRead | null = null;
  /** The last policy seen, governing while a read is slow; null once the read answers. */
  let standIn: PolicyRead | null = null;
  let reading: Promise<PolicyRead> | null = null;
  let running: Promise<void> | null = null;
  /** The check that follows Chromium's late answer: until it ends, the stand-in's pack is not the answer. */
  let lateCheck: Promise<void> | null = null;

  const asPolicy = (raw: unknown): PolicyRead => {
    const empty = typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.keys(raw).length === 0;
    return parsePolicy(empty ? undefined : raw);
  };

  /** One read of managed storage at a time; its answer is kept, and remembered for slow starts. */
  function readManaged(): Promise<PolicyRead> {
    reading ??= (async () => {
      let raw: unknown = undefined;
      try {
        raw = deps.readManaged ? await deps.readManaged() : undefined;
      } catch {
        // No managed storage (Firefox without policies, a test): no policy.
        raw = undefined;
      }
      policyRead = asPolicy(raw);
      standIn = null;
      await deps.policyCache?.set(raw ?? {}).catch(() => {});
      return policyRead;
    })().finally(() => {
      reading = null;
    });
    return reading;
  }

  async function readPolicy(): Promise<PolicyRead> {
    const fresh = readManaged();
    // Already waiting on a slow read: the stand-in governs until it answers.
    if (standIn) return standIn;
    const waitMs = deps.policyWaitMs ?? POLICY_WAIT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), waitMs);
    });
    const answered = await Promise.race([fresh, late]);
    clearTimeout(timer);
    if (answered) return answered;
    if (standIn) return standIn;
    // Chromium has not answered: the policy last seen governs (none on a first start), and
    // the pack is checked again as soon as the answer comes.
    const cached = deps.policyCache ? await deps.policyCache.get().catch(() => undefined) : undefined;
    standIn = asPolicy(cached);
    lateCheck = fresh
      .then(() => (running ?? Promise.resolve()).catch(() => {}).then(() => check()))
      .catch((err: unknown) => console.warn('[Sidecar] policy', err))
      .finally(() => {
        lateCheck = null;
      });
    return standIn;
  }
  const policy = async () => policyRead ?? readPolicy();

  /** Install a checked pack as the active one, unless it already is; the one it replaces goes to history. */
  async function install(result: Extract<PackResult, { ok: true }>, source: 'policy' | 'url', url: string | undefined): Promise<void> {
    const at = now().toISOString();
    let changed = false;
    await db.transaction('rw', db.packs, async () => {
      const previous = await db.packs.get('active');
      const same = previous && previous.source === source && previous.url === url && JSON.stringify(previous.pack) === JSON.stringify(result.pack);
      if (same) return;
      if (previous) await db.packs.put({ ...previous, id: `history:${at}` });
      await db.packs.put({ id: 'active', pack: result.pack, installedAt: at, source, ...(url ? { url } : {}) });
      changed = true;
    });
    if (changed) packs.invalidate();
  }

  async function record(source: PackSource, result: PackResult | null): Promise<void> {
    const at = now().toISOString();
    const before = await db.syncState.get(STATE_ID);
    const checked = source.kind === 'policy-inline' ? 'policy' : source.kind === 'local' ? undefined : source.url;
    if (!result) {
      await db.syncState.delete(STATE_ID);
      return;
    }
    if (result.ok) {
      await db.syncState.put({ id: STATE_ID, lastAttemptAt: at, lastSuccessAt: at, ...(checked ? { checked } : {}) });
      return;
    }
    await db.syncState.put({
      id: STATE_ID,
      lastAttemptAt: at,
      ...(before?.lastSuccessAt ? { lastSuccessAt: before.lastSuccessAt } : {}),
      lastError: { code: result.key, message: failureText(result, deps.locale()), at },
      // Stored in the user's language at the time of the check, as lastError is.
      problems: renderPathErrors(result.errors.slice(0, 50), deps.locale()),
      ...(checked ? { checked } : {}),
    });
  }

  /** Read the policy and fetch the governing source; install what is good, keep the last good pack otherwise. */
  async function checkNow(): Promise<void> {
    const read = await readPolicy();
    const settings = await deps.settings.get();
    const source = choosePackSource(read.policy, settings.packUrl);
    let result: PackResult | null = null;
    if (source.kind === 'policy-inline') {
      result = await inlinePack(source.pack);
      if (result.ok) await install(result, 'policy', undefined);
    } else if (source.kind === 'policy-url' || source.kind === 'user-url') {
      const pattern = originPattern(source.url);
      if (pattern && deps.hasOrigin && !(await deps.hasOrigin(pattern).catch(() => true))) {
        // Without the origin's permission the fetch could only fail on CORS: say what to do instead.
        const origin = new URL(source.url).origin;
        result = { ok: false, key: 'team.no-permission', params: { origin }, errors: [] };
      } else {
        result = await fetchPack(source.url, {
          fetch: deps.fetch,
          ...(source.kind === 'policy-url' && source.sha256 ? { sha256: source.sha256 } : {}),
          ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
        });
      }
      if (result.ok) await install(result, source.kind === 'policy-url' ? 'policy' : 'url', source.url);
    }
    await record(source, result);
  }

  /** One check at a time: a second caller waits for the one running. */
  function check(): Promise<void> {
    running ??= checkNow().finally(() => {
      running = null;
    });
    return running;
  }

  async function status(): Promise<TeamStatus> {
    // A check under way (at start, say) is part of the answer: never report the state it is replacing.
    if (running) await running.catch(() => {});
    // Chromium has just answered a slow read: the check it starts is the answer, not the pack before it.
    if (lateCheck && !standIn) await lateCheck;
    const read = await policy();
    // Still waiting on Chromium: the card says so, and asks again until the policy is in.
    const policyPending = standIn !== null && read === standIn;
    const settings = await deps.settings.get();
    const source = choosePackSource(read.policy, settings.packUrl);
    const active = await packs.active();
    const row = await db.packs.get('active');
    const state = await db.syncState.get(STATE_ID);
    const p = read.policy;
    return {
      governs: source.kind,
      managed: source.kind === 'policy-inline' || source.kind === 'policy-url',
      ...(source.kind === 'policy-url' || source.kind === 'user-url' ? { url: source.url } : {}),
      ...(source.kind === 'policy-url' && source.sha256 ? { sha256: source.sha256 } : {}),
      ...(settings.packUrl ? { userUrl: settings.packUrl } : {}),
      role: p.role ?? settings.role ?? 'csm',
      roleManaged: !!p.role,
      policyPending,
      policy: {
        present: read.present,
        ...(p.hubspotOwnerEmail ? { hubspotOwnerEmail: p.hubspotOwnerEmail } : {}),
        ...(p.allowedHubspotPortals ? { allowedHubspotPortals: p.allowedHubspotPortals } : {}),
        ...(p.allowedSalesforceOrgs ? { allowedSalesforceOrgs: p.allowedSalesforceOrgs } : {}),
        problems: read.problems.map((x) => ({ path: x.path, message: errorText(x.key, x.params, deps.locale()) })),
      },
      pack: {
        id: active.pack.id,
        name: active.pack.name,
        version: active.pack.version,
        source: active.source,
        ...(active.url ? { url: active.url } : {}),
        ...(row && !active.problem ? { installedAt: row.installedAt } : {}),
      },
      ...(state?.lastAttemptAt
        ? {
            lastCheck: {
              at: state.lastAttemptAt,
              ok: !state.lastError,
              ...(state.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
              ...(state.lastError ? { message: state.lastError.message } : {}),
              errors: state.problems ?? [],
            },
          }
        : {}),
    };
  }

  return {
    check,
    status,
    /** The policy changed (storage.onChanged, area 'managed'): read it again and apply it. */
    policyChanged: () => check(),
    /** Who may be read and written: null when the policy names no list. */
    async allowed(): Promise<AllowedAccounts | null> {
      return allowedAccounts((await policy()).policy);
    },
    /** The e-mail IT gives for the user's HubSpot owner, if any. */
    async hubspotOwnerEmail(): Promise<string | undefined> {
      return (await policy()).policy.hubspotOwnerEmail;
    },
    /** The e-mail of the CS Ops user whose browser runs the daily publication, if the policy names one. */
    async publisherEmail(): Promise<string | undefined> {
      return (await policy()).policy.publisher;
    },
    /** Refuse a change to the pack here while policy or a pack URL governs it. */
    async assertPackEditable(): Promise<void> {
      const read = await policy();
      const source = choosePackSource(read.policy, (await deps.settings.get()).packUrl);
      if (source.kind === 'policy-inline' || source.kind === 'policy-url') throw sidecarError('pack-managed', 'pack.managed', undefined, deps.locale());
      if (source.kind === 'user-url') throw sidecarError('pack-managed', 'pack.url-managed', { url: source.url }, deps.locale());
    },
    async setUrl(url: string | null): Promise<TeamStatus> {
      const settings = await deps.settings.get();
      if (url !== null) {
        const trimmed = url.trim();
        const checked = checkPackUrl(trimmed);
        if (!checked.ok) throw sidecarError('invalid-url', checked.key, checked.params, deps.locale());
        await deps.settings.set({ ...settings, packUrl: trimmed });
      } else {
        const { packUrl: _drop, ...rest } = settings;
        await deps.settings.set(rest);
      }
      await check();
      return status();
    },
    async setRole(role: Role): Promise<TeamStatus> {
      if ((await policy()).policy.role) throw sidecarError('role-managed', 'team.role-managed', undefined, deps.locale());
      await deps.settings.set({ ...(await deps.settings.get()), role });
      return status();
    },
  };
}
export type Team = ReturnType<typeof createTeam>;

