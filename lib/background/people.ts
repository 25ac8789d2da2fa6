// Who's who in the background: the CSM per CRM, HubSpot's owners by id (for
// account owners and note authors), cached. Every name comes from a CRM field;
// nothing here reads what someone typed.
import type { CrmError } from '../crm/http.ts';
import type { HubspotOwner } from '../crm/hubspot/client.ts';
import { apiHostFor } from '../crm/salesforce/host.ts';
import { sameEmail, type CrmPerson } from '../crm/people.ts';
import type { ConnectionRow, SidecarDb } from '../db/schema';
import type { Locale } from '../engine/types.ts';
import type { PeopleStatus } from '../messages/options';
import type { CrmClients } from './connections';
import { sidecarError, toSidecarError } from './crm-errors';
import type { PeopleOptions } from './options-handlers';

/** How long the owners list is trusted: owners change rarely, and a refresh of every record must not re-read it. */
export const OWNERS_TTL_MS = 15 * 60_000;
/** How long a Salesforce user read through userinfo is trusted, per org. */
const ME_TTL_MS = 60 * 60_000;

export type OwnersRead = { ok: true; owners: Map<string, HubspotOwner> } | { ok: false; error: CrmError };

export interface People {
  /** HubSpot's owners by id: cached; a 403 (no crm.objects.owners.read) is an answer too, cached as briefly. */
  hubspotOwners(fresh?: boolean): Promise<OwnersRead | null>;
  /** The CSM in this account's CRM: the picked HubSpot owner, or the signed-in Salesforce user; null when unknown. */
  me(crm: 'hubspot' | 'salesforce', pageHost: string): Promise<CrmPerson | null>;
  /** The CSM picks their HubSpot owner (null forgets it). */
  setHubspotMe(owner: CrmPerson | null): Promise<void>;
  /**
   * IT's policy names the CSM's HubSpot owner by e-mail: take the one active owner with it, so
   * notes carry the right author without the CSM picking. The CSM's own pick stays.
   */
  adoptPolicyOwner(): Promise<void>;
  /** Forget what is cached (a new connection). */
  clear(): void;
  /** The options page's view and choice. */
  options: PeopleOptions;
}

export interface PeopleDeps {
  db: SidecarDb;
  clients: CrmClients;
  now: () => Date;
  locale: () => Locale;
  /** The e-mail in the CSM's profile, the match when the options page gives none. */
  profileEmail?: () => Promise<string | undefined>;
  /** The HubSpot owner's e-mail IT's policy gives (lib/team/policy.ts). */
  policyEmail?: () => Promise<string | undefined>;
}

export function createPeople(deps: PeopleDeps): People {
  const { db, clients, now } = deps;
  let owners: { at: number; read: OwnersRead; key: string } | null = null;
  let loading: Promise<OwnersRead | null> | null = null;
  const sfMe = new Map<string, { at: number; person: CrmPerson }>();

  async function readOwners(): Promise<OwnersRead | null> {
    const client = await clients.hubspot();
    if (!client) return null;
    const r = await client.listOwners();
    return r.ok ? { ok: true, owners: new Map(r.value.map((o) => [o.id, o])) } : { ok: false, error: r.error };
  }

  const person = (p: CrmPerson) => ({ id: p.id, name: p.name, ...(p.email ? { email: p.email } : {}) });
  const info = (e: CrmError) => {
    const err = toSidecarError(e, deps.locale());
    return { code: err.code, message: err.message };
  };

  async function status(email?: string): Promise<PeopleStatus> {
    const hs = await db.connections.get('hubspot');
    const hubspot: PeopleStatus['hubspot'] = { owners: [], ...(hs?.me ? { me: person(hs.me) } : {}) };
    const read = hs?.secret?.token && !hs.lastError ? await people.hubspotOwners(true) : null;
    if (read && !read.ok) hubspot.error = info(read.error);
    if (read?.ok) {
      hubspot.owners = [...read.owners.values()].filter((o) => !o.archived).map(person).sort((a, b) => a.name.localeCompare(b.name));
      const want = email?.trim() || (await deps.profileEmail?.());
      const hits = want ? hubspot.owners.filter((o) => sameEmail(o.email, want)) : [];
      if (hits.length === 1) hubspot.match = hits[0]!.id;
    }
    const sfRow = await db.connections.get('salesforce');
    const salesforce: PeopleStatus['salesforce'] = {};
    if (sfRow?.myDomain && !sfRow.lastError) {
      const me = await people.me('salesforce', sfRow.myDomain).catch(() => null);
      if (me) salesforce.me = person(me);
    }
    if (!salesforce.me) {
      const stored = (await db.connections.get('salesforce'))?.me;
      if (stored) salesforce.me = person(stored);
    }
    return { hubspot, salesforce };
  }

  const people: People = {
    options: {
      status,
      async setHubspotMe(ownerId) {
        if (ownerId === null) {
          await people.setHubspotMe(null);
          return status();
        }
        const read = await people.hubspotOwners(true);
        if (!read) throw sidecarError('not-connected', 'connect.hubspot', undefined, deps.locale());
        if (!read.ok) throw toSidecarError(read.error, deps.locale());
        const owner = read.owners.get(ownerId);
        if (!owner || owner.archived) throw sidecarError('not-found', 'hubspot.no-owner', { id: ownerId }, deps.locale());
        await people.setHubspotMe(owner);
        return status();
      },
    },

    async hubspotOwners(fresh = false) {
      const row = await db.connections.get('hubspot');
      const key = `${row?.portalId ?? ''}:${row?.connectedAt ?? ''}`;
      const t = now().getTime();
      if (!fresh && owners && owners.key === key && t - owners.at < OWNERS_TTL_MS) return owners.read;
      loading ??= readOwners().finally(() => (loading = null));
      const read = await loading;
      // Only answers worth keeping: a scope the key lacks, or the list; a network failure is asked again next time.
      if (read && (read.ok || read.error.kind === 'forbidden')) owners = { at: t, read, key };
      return read;
    },

    async me(crm, pageHost) {
      if (crm === 'hubspot') {
        const row = await db.connections.get('hubspot');
        return row?.me ? { id: row.me.id, name: row.me.name, ...(row.me.email ? { email: row.me.email } : {}) } : null;
      }
      const api = apiHostFor(pageHost) ?? pageHost;
      const cached = sfMe.get(api);
      if (cached && now().getTime() - cached.at < ME_TTL_MS) return cached.person;
      const sf = await clients.salesforce(pageHost).catch(() => null);
      if (!sf) return null;
      const r = await sf.client.currentUser();
      if (!r.ok) return cached?.person ?? null;
      sfMe.set(api, { at: now().getTime(), person: r.value });
      // The options page shows the user of the configured org.
      const row: ConnectionRow = (await db.connections.get('salesforce')) ?? { id: 'salesforce' };
      const mine = row.myDomain ? apiHostFor(row.myDomain) : null;
      if (!mine || mine === api) await db.connections.put({ ...row, me: { ...r.value, how: 'userinfo' } });
      return r.value;
    },

    async setHubspotMe(owner) {
      await db.transaction('rw', db.connections, async () => {
        const row = await db.connections.get('hubspot');
        if (!row) return;
        await db.connections.put({ ...row, me: owner ? { id: owner.id, name: owner.name, ...(owner.email ? { email: owner.email } : {}), how: 'picked' } : undefined });
      });
    },

    async adoptPolicyOwner() {
      const email = await deps.policyEmail?.();
      const row = await db.connections.get('hubspot');
      if (!email || !row?.secret?.token || row.lastError || row.me?.how === 'picked') return;
      if (row.me && sameEmail(row.me.email, email)) return;
      const read = await people.hubspotOwners();
      if (!read?.ok) return;
      const hits = [...read.owners.values()].filter((o) => !o.archived && sameEmail(o.email, email));
      // None or several: the options page shows the choice instead; a guess would misname every note.
      if (hits.length !== 1) return;
      const owner = hits[0]!;
      await db.transaction('rw', db.connections, async () => {
        const now = await db.connections.get('hubspot');
        if (!now || now.me?.how === 'picked') return;
        await db.connections.put({ ...now, me: { id: owner.id, name: owner.name, ...(owner.email ? { email: owner.email } : {}), how: 'policy' } });
      });
    },

    clear() {
      owners = null;
      sfMe.clear();
    },
  };
  return people;
}
