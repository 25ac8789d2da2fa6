// The CS Ops console's background half (issue 18): the pack's versions, the diff between two,
// rollback, the impact of a new pack on every cached account (read only: nothing is written),
// and the exports for the team. The comparisons are pure (lib/packs); this reads the cache.
import { installPackRow, packVersions } from '../db/packs';
import type { PackRow, SidecarDb } from '../db/schema';
import { latestSignalsForMany } from '../db/signals';
import { defaultConfigPack, parseConfigPack } from '../engine/index.ts';
import type { AccountInput, ConfigPack, Locale } from '../engine/types.ts';
import type { RequestOf, ResponseOf } from '../messages/index';
import type { PackVersion } from '../messages/console';
import { describeDiff, diffPacks } from '../packs/diff.ts';
import { buildExport } from '../packs/export.ts';
import { packImpact, type ImpactAccount } from '../packs/impact.ts';
import { teamRatings, type RatedNote, type RatingSignal } from '../team/ratings.ts';
import { sidecarError } from './crm-errors';
import type { PackStore } from './pack-store';
import type { Sender } from './router';
import { subjectsFor } from './subjects';

type ConsoleTypes = 'pack.versions' | 'pack.diff' | 'pack.rollback' | 'pack.impact' | 'pack.export';
export type ConsoleHandlers = { [K in ConsoleTypes]: (data: RequestOf<K>, sender: Sender) => Promise<ResponseOf<K>> };

export interface PackConsoleDeps {
  db: SidecarDb;
  now: () => Date;
  packs: PackStore;
  locale?: () => Locale;
  team?: { status(): Promise<ResponseOf<'team.status'>>; assertPackEditable(): Promise<void> };
}

/** A stored pack, parsed as an install would have: the diff compares like with like (the default pack is not stored parsed). */
function normalised(pack: unknown): ConfigPack | null {
  const r = parseConfigPack(pack);
  return r.ok ? r.pack : null;
}

/** Who is installing: the CRM user Sidecar knows (HubSpot's picked owner, else the Salesforce user); none means "this browser". */
export async function installer(db: SidecarDb): Promise<string | undefined> {
  const [hs, sf] = await Promise.all([db.connections.get('hubspot'), db.connections.get('salesforce')]);
  return hs?.me?.name ?? sf?.me?.name;
}

export function createPackConsole(deps: PackConsoleDeps): ConsoleHandlers {
  const { db, now, packs } = deps;
  const locale = deps.locale ?? (() => 'en' as const);

  const view = (rows: PackRow[]): PackVersion[] => {
    const n = new Map(rows.map((r, i) => [r.installedAt, i + 1]));
    return rows.map((r, i) => {
      const pack = (r.pack ?? {}) as Partial<ConfigPack>;
      return {
        id: r.installedAt,
        n: i + 1,
        packId: String(pack.id ?? '?'),
        name: String(pack.name ?? '?'),
        version: String(pack.version ?? '?'),
        installedAt: r.installedAt,
        source: r.source,
        ...(r.by ? { by: r.by } : {}),
        ...(r.note ? { note: r.note } : {}),
        ...(r.rollbackOf && n.has(r.rollbackOf) ? { rollbackOf: n.get(r.rollbackOf)! } : {}),
        ...(r.fileName ? { fileName: r.fileName } : {}),
        active: r.id === 'active',
      };
    });
  };

  /** A version's pack, parsed; 'default' is the built-in one in the user's language. */
  async function packOf(id: string): Promise<{ pack: ConfigPack; row?: PackRow }> {
    if (id === 'default') return { pack: normalised(defaultConfigPack(locale())) ?? defaultConfigPack(locale()) };
    const row = (await packVersions(db)).find((r) => r.installedAt === id);
    const pack = row ? normalised(row.pack) : null;
    if (!row || !pack) throw sidecarError('not-found', 'pack.version-missing', { id }, locale());
    return { pack, row };
  }

  /** The accounts the cache holds, as the engine reads them for a pack: stored signals and the team's ratings. */
  async function cachedAccounts(before: ConfigPack, after: ConfigPack): Promise<ImpactAccount[]> {
    // A contact or deal page's row stands for its company, which has its own row; samples are not customers.
    const rows = (await db.accounts.toArray()).filter((a) => !a.resolvedTo && !a.sample);
    const ratingDefs = (pack: ConfigPack): RatingSignal[] =>
      pack.signals
        .filter((s) => s.source.kind === 'rating')
        .map((s) => ({
          id: s.id,
          ...(s.source.kind === 'rating' && s.source.combine ? { combine: s.source.combine } : {}),
          ...(s.freshnessDays !== undefined ? { freshnessDays: s.freshnessDays } : {}),
        }));
    const defsBefore = ratingDefs(before);
    const defsAfter = ratingDefs(after);
    const sameRatings = JSON.stringify(defsBefore) === JSON.stringify(defsAfter);
    const nowMs = now().getTime();
    // One pass over the stored observations and one over the notes, never a query per account:
    // a cache of 10,000 accounts is read in a few cursors (lib/db/signals.ts latestSignalsForMany).
    const subjects = new Map(rows.map((row) => [row.key, subjectsFor(row)]));
    const [stored, notes] = await Promise.all([latestSignalsForMany(db, subjects), db.notes.toArray()]);
    const subjectOwner = new Map<string, string[]>();
    for (const [key, list] of subjects) for (const s of list) subjectOwner.set(s, [...(subjectOwner.get(s) ?? []), key]);
    const rated = new Map<string, RatedNote[]>();
    for (const n of notes) {
      // As record-view.ts ratedNotesOf: deleted notes never count, nor notes without ratings.
      if (n.deletedAt || Object.keys(n.ratings).length === 0) continue;
      const note: RatedNote = { ratings: n.ratings, createdAt: n.createdAt, own: !n.fromCrm, ...(n.author ? { author: n.author } : {}), ...(n.authorId ? { authorId: n.authorId } : {}) };
      for (const key of subjectOwner.get(n.accountKey) ?? []) rated.set(key, [...(rated.get(key) ?? []), note]);
    }
    const out: ImpactAccount[] = [];
    for (const row of rows) {
      const base: AccountInput['signals'] = Object.fromEntries(Object.entries(stored.get(row.key) ?? {}).map(([id, s]) => [id, { value: s.value, observedAt: s.observedAt }]));
      const accountNotes = rated.get(row.key) ?? [];
      const withRatings = (defs: RatingSignal[]): AccountInput => {
        const signals = { ...base };
        for (const [id, r] of Object.entries(teamRatings(defs, accountNotes, nowMs))) signals[id] = { value: r.value, observedAt: r.observedAt };
        // No override: CS Ops compares what each pack computes; a CSM's override would hide the move.
        return { signals, attributes: { ...(row.name ? { name: row.name } : {}) } };
      };
      out.push({ key: row.key, name: row.name ?? row.recordId, input: withRatings(defsBefore), ...(sameRatings ? {} : { inputAfter: withRatings(defsAfter) }) });
    }
    return out;
  }

  async function assertEditable(): Promise<void> {
    await deps.team?.assertPackEditable();
  }

  return {
    async 'pack.versions'() {
      const rows = await packVersions(db);
      const governs = deps.team ? (await deps.team.status()).governs : 'local';
      return { versions: view(rows).reverse(), governs };
    },
    async 'pack.diff'({ from, to }) {
      const [a, b] = await Promise.all([packOf(from), packOf(to)]);
      return { changes: describeDiff(diffPacks(a.pack, b.pack), locale()) };
    },
    async 'pack.rollback'({ id, note }) {
      await assertEditable();
      const { pack, row } = await packOf(id);
      const at = now().toISOString();
      const by = await installer(db);
      await installPackRow(db, {
        pack,
        installedAt: at,
        // A rollback is an install of the old version: it is recorded as a new one, pointing back.
        source: row?.source === 'policy' || row?.source === 'url' ? 'editor' : (row?.source ?? 'editor'),
        ...(row?.fileName ? { fileName: row.fileName } : {}),
        ...(by ? { by } : {}),
        ...(note?.trim() ? { note: note.trim() } : {}),
        rollbackOf: id,
      });
      packs.invalidate();
      return {
        ok: true,
        errors: [],
        summary: { id: pack.id, name: pack.name, version: pack.version, signals: pack.signals.length, scorecards: pack.scorecards.length, levels: pack.maturity.levels.length, playbookRules: pack.playbook.length, templates: pack.templates.length },
      };
    },
    async 'pack.impact'({ json }) {
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch (err) {
        throw sidecarError('invalid-pack', 'pack.invalid', { path: '(file)', message: (err as Error).message.slice(0, 200) }, locale());
      }
      const parsed = parseConfigPack(value);
      if (!parsed.ok) throw sidecarError('invalid-pack', 'pack.invalid-unknown', undefined, locale());
      const current = (await packs.active()).pack;
      const before = normalised(current) ?? current;
      const accounts = await cachedAccounts(before, parsed.pack);
      const summary = packImpact(accounts, before, parsed.pack, now());
      return { ...summary, against: { name: before.name, version: before.version } };
    },
    async 'pack.export'({ target, extensionId }) {
      const rows = await packVersions(db);
      const activeAt = rows.findIndex((r) => r.id === 'active');
      const current = (await packs.active()).pack;
      const pack = normalised(current) ?? current;
      const previousRow = activeAt > 0 ? rows[activeAt - 1] : undefined;
      const previous = previousRow ? normalised(previousRow.pack) : null;
      return buildExport({ target, pack, previous, extensionId, locale: locale(), now: now() });
    },
  };
}
