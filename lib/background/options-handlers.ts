import type { SidecarDb } from '../db/schema';
import type { CrmSetup } from '../crm/setup.ts';
import { evaluateAccount, parseConfigPack } from '../engine/index.ts';
import type { ConfigPack } from '../engine/types.ts';
import { sidecarError } from './crm-errors';
import { errorText, pathErrorText, renderPathErrors, type PathErrorCode } from '../i18n/errors.ts';
import type { Locale } from '../engine/types.ts';
import type { MessageType, RequestOf, ResponseOf } from '../messages/index';
import type { ConnectionsStatus, NoteExport, PackCheck } from '../messages/options';
import type { PackStore } from './pack-store';
import { importNotes } from '../db/notes';
import { installPackRow } from '../db/packs';
import { installer } from './pack-console';
import { planImport } from './note-import';
import { noteView } from './services';
import type { Sender } from './router';

type OptionsTypes =
  | 'connections.status' | 'hubspot.connect' | 'hubspot.disconnect' | 'salesforce.configure' | 'salesforce.connect' | 'salesforce.disconnect'
  | 'pack.current' | 'pack.check' | 'pack.install' | 'pack.reset' | 'pack.preview'
  | 'notes.export' | 'notes.import' | 'outbox.status' | 'outbox.retry' | 'people.status' | 'hubspot.me.set'
  | 'team.status' | 'team.url.set' | 'team.role.set' | 'team.check';
export type OptionsHandlers = { [K in OptionsTypes & MessageType]: (data: RequestOf<K>, sender: Sender) => Promise<ResponseOf<K>> };

/** The CRM connections, as the options page drives them. */
export interface Connections {
  status(): Promise<ConnectionsStatus>;
  /** The connected CRM's field setup (publish-setup.ts); absent in tests that build no CRM. */
  setup?(crm: 'hubspot' | 'salesforce'): Promise<CrmSetup | null>;
  hubspotConnect(token: string): Promise<ConnectionsStatus['hubspot']>;
  hubspotDisconnect(): Promise<ConnectionsStatus['hubspot']>;
  salesforceConfigure(cfg: RequestOf<'salesforce.configure'>): Promise<ConnectionsStatus['salesforce']>;
  salesforceConnect(): Promise<ConnectionsStatus['salesforce']>;
  salesforceDisconnect(): Promise<ConnectionsStatus['salesforce']>;
}

/** Who the CSM is per CRM, as the options page shows and sets it (lib/background/people.ts). */
export interface PeopleOptions {
  status(email?: string): Promise<ResponseOf<'people.status'>>;
  setHubspotMe(ownerId: string | null): Promise<ResponseOf<'people.status'>>;
}

/** The team layer, as the options page drives it (lib/background/team.ts). */
export interface TeamOptions {
  status(): Promise<ResponseOf<'team.status'>>;
  setUrl(url: string | null): Promise<ResponseOf<'team.status'>>;
  setRole(role: RequestOf<'team.role.set'>['role']): Promise<ResponseOf<'team.status'>>;
  check(): Promise<void>;
  /** Throws while policy or a pack URL governs the pack: it cannot be installed or reset here. */
  assertPackEditable(): Promise<void>;
}

export interface Outbox {
  status(): Promise<ResponseOf<'outbox.status'>>;
  retryNow(): Promise<ResponseOf<'outbox.status'>>;
}

function parseJson(json: string): { ok: true; value: unknown } | { ok: false; errors: PathErrorCode[] } {
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch (err) {
    return { ok: false, errors: [{ path: '(file)', key: 'pack.not-json', params: { detail: (err as Error).message.slice(0, 200) } }] };
  }
}

function summarise(pack: ConfigPack, raw: unknown): PackCheck['summary'] {
  const from = typeof raw === 'object' && raw !== null ? (raw as { schemaVersion?: unknown }).schemaVersion : undefined;
  return {
    id: pack.id,
    name: pack.name,
    version: pack.version,
    signals: pack.signals.length,
    scorecards: pack.scorecards.length,
    levels: pack.maturity.levels.length,
    playbookRules: pack.playbook.length,
    templates: pack.templates.length,
    ...(typeof from === 'number' && from !== pack.schemaVersion ? { migratedFrom: from } : {}),
  };
}

/** A pack check, its errors rendered in the user's language (the options page shows them as they come). */
function check(json: string, locale: Locale): { check: PackCheck; pack?: ConfigPack } {
  const parsed = parseJson(json);
  if (!parsed.ok) return { check: { ok: false, errors: renderPathErrors(parsed.errors, locale) } };
  const result = parseConfigPack(parsed.value);
  if (!result.ok) return { check: { ok: false, errors: renderPathErrors(result.errors, locale) } };
  return { check: { ok: true, errors: [], summary: summarise(result.pack, parsed.value) }, pack: result.pack };
}

export function createOptionsHandlers(deps: {
  db: SidecarDb;
  now: () => Date;
  packs: PackStore;
  connections: Connections;
  outbox: Outbox;
  people?: PeopleOptions;
  team?: TeamOptions;
  /** The user's language, for the errors these handlers raise. */
  locale?: () => Locale;
}): OptionsHandlers {
  const locale = deps.locale ?? (() => 'en' as const);
  const { db, now, packs } = deps;
  const team = (): TeamOptions => {
    if (!deps.team) throw new Error('The team layer is not set up in this background.');
    return deps.team;
  };
  return {
    'connections.status': () => deps.connections.status(),
    'hubspot.connect': ({ token }) => deps.connections.hubspotConnect(token.trim()),
    'hubspot.disconnect': () => deps.connections.hubspotDisconnect(),
    'salesforce.configure': (cfg) => deps.connections.salesforceConfigure(cfg),
    'salesforce.connect': () => deps.connections.salesforceConnect(),
    'salesforce.disconnect': () => deps.connections.salesforceDisconnect(),

    async 'pack.current'() {
      const active = await packs.active();
      const row = await db.packs.get('active');
      return {
        json: JSON.stringify(row && !active.problem ? row.pack : active.pack, null, 2),
        source: row ? row.source : 'default',
        ...(row ? { installedAt: row.installedAt } : {}),
        ...(row?.fileName ? { fileName: row.fileName } : {}),
        ...(active.problem ? { problem: errorText('pack.stored-invalid', { path: active.problem.path, message: pathErrorText(active.problem, locale()) }, locale()) } : {}),
      };
    },
    async 'pack.check'({ json }) {
      return check(json, locale()).check;
    },
    async 'pack.install'({ json, fileName, source, note }) {
      await deps.team?.assertPackEditable();
      const { check: result, pack } = check(json, locale());
      if (!pack) return result;
      const at = now().toISOString();
      const by = await installer(db);
      // The replaced pack is kept as a version (lib/db/packs.ts), so a bad rollout is undone in one click.
      // Store the migrated, parsed pack: it is what was validated.
      await installPackRow(db, { pack, installedAt: at, source, ...(fileName ? { fileName } : {}), ...(by ? { by } : {}), ...(note?.trim() ? { note: note.trim() } : {}) });
      packs.invalidate();
      return result;
    },
    async 'pack.reset'() {
      await deps.team?.assertPackEditable();
      const at = now().toISOString();
      await db.transaction('rw', db.packs, async () => {
        const previous = await db.packs.get('active');
        if (previous) {
          await db.packs.put({ ...previous, id: `history:${at}` });
          await db.packs.delete('active');
        }
      });
      packs.invalidate();
      return {};
    },
    async 'pack.preview'({ json, signals }) {
      let pack = (await packs.active()).pack;
      if (json !== undefined) {
        const checked = check(json, locale());
        if (!checked.pack) {
          const first = checked.check.errors[0];
          throw first ? sidecarError('invalid-pack', 'pack.invalid', { path: first.path, message: first.message }, locale()) : sidecarError('invalid-pack', 'pack.invalid-unknown', undefined, locale());
        }
        pack = checked.pack;
      }
      return { evaluation: evaluateAccount(pack, { signals }, now()) };
    },

    async 'notes.export'() {
      const notes = await db.notes.toArray();
      return {
        exportedAt: now().toISOString(),
        notes: notes.map((n): NoteExport => ({ ...noteView(n), origin: n.origin, ...(n.deletedAt ? { deletedAt: n.deletedAt } : {}) })),
      };
    },
    async 'notes.import'({ notes }) {
      const { pack } = await packs.active();
      const existing = new Set(await db.notes.toCollection().primaryKeys());
      const plan = planImport(notes, pack, now(), (id) => existing.has(id));
      if (!plan.ok) {
        // Nothing is stored: the file is fixed and imported again, whole.
        const first = plan.problems[0]!;
        throw sidecarError('import-rejected', 'import.rejected', { count: new Set(plan.problems.map((p) => p.row)).size, first: `#${first.row} ${first.field}` }, locale(), { problems: plan.problems.slice(0, 50) });
      }
      const added = await importNotes(db, plan.notes, now().toISOString());
      return { added, skipped: plan.skipped + plan.notes.length - added };
    },
    'team.status': () => team().status(),
    'team.url.set': ({ url }) => team().setUrl(url),
    'team.role.set': ({ role }) => team().setRole(role),
    async 'team.check'() {
      await team().check();
      return team().status();
    },
    'outbox.status': () => deps.outbox.status(),
    'outbox.retry': () => deps.outbox.retryNow(),
    async 'people.status'({ email }) {
      return deps.people ? deps.people.status(email) : { hubspot: { owners: [] }, salesforce: {} };
    },
    async 'hubspot.me.set'({ ownerId }) {
      if (!deps.people) throw sidecarError('not-connected', 'connect.hubspot', undefined, locale());
      return deps.people.setHubspotMe(ownerId);
    },
  };
}
