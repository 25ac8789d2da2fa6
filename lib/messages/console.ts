import * as z from 'zod/mini';
import { PackCheck, PackSourceName } from './options';
import { Iso, message } from './protocol';

// The CS Ops console (issue 18): the pack's versions, the diff between two, rollback, the impact of
// a new pack on the cached book before it is installed, and the exports for the team.

const Empty = z.object({});
const Text = z.object({ ja: z.string(), en: z.string() });
/** A version is named by the time it was installed; 'default' is the built-in pack. */
const VersionId = z.string().check(z.minLength(1), z.maxLength(40));
const Note = z.string().check(z.maxLength(500));

export const PackVersion = z.object({
  id: VersionId,
  /** 1 for the first install this browser kept, counting up. */
  n: z.number(),
  packId: z.string(),
  name: z.string(),
  version: z.string(),
  installedAt: Iso,
  source: PackSourceName,
  /** Who installed it: the CRM user Sidecar knows; absent means "this browser" (or policy / the pack URL, by source). */
  by: z.optional(z.string()),
  note: z.optional(z.string()),
  /** A rollback: the number of the version it brought back. */
  rollbackOf: z.optional(z.number()),
  fileName: z.optional(z.string()),
  active: z.boolean(),
});
export type PackVersion = z.infer<typeof PackVersion>;

export const PackVersions = z.object({
  /** Newest first. */
  versions: z.array(PackVersion),
  /** Policy or a pack URL governs the pack: rollback and install are refused here; the page works on a draft. */
  governs: z.enum(['policy-inline', 'policy-url', 'user-url', 'local']),
});
export type PackVersions = z.infer<typeof PackVersions>;

const Standing = z.object({
  score: z.nullable(z.number()),
  band: z.nullable(z.string()),
  level: z.number(),
  action: z.nullable(z.object({ id: z.string(), title: Text })),
});
const Driver = z.union([
  z.object({ kind: z.literal('measure'), signalId: z.string(), label: Text, before: z.number(), after: z.number() }),
  z.object({ kind: z.literal('criterion'), level: z.number(), criterionId: z.string(), label: Text, met: z.boolean() }),
  z.object({ kind: z.literal('bounds'), scoreBefore: z.number(), scoreAfter: z.number() }),
]);
export const ImpactView = z.object({
  total: z.number(),
  based: z.number(),
  bandChanged: z.number(),
  levelChanged: z.number(),
  actionChanged: z.number(),
  moves: z.array(z.object({ from: z.nullable(z.string()), to: z.nullable(z.string()), count: z.number() })),
  accounts: z.array(
    z.object({ key: z.string(), name: z.string(), before: Standing, after: Standing, band: z.boolean(), level: z.boolean(), action: z.boolean(), driver: z.nullable(Driver) }),
  ),
  bands: z.record(z.string(), z.object({ label: Text, rank: z.number(), color: z.optional(z.string()) })),
  /** The pack compared with: the one in force now. */
  against: z.object({ name: z.string(), version: z.string() }),
});
export type ImpactView = z.infer<typeof ImpactView>;

export const PackExportView = z.object({
  target: z.enum(['url', 'policy', 'admin-console']),
  fileName: z.string(),
  text: z.string(),
  sha256: z.string(),
  version: z.string(),
  previousVersion: z.nullable(z.string()),
  changes: z.array(z.string()),
  releaseNote: z.string(),
});
export type PackExportView = z.infer<typeof PackExportView>;

export const consoleMessages = {
  /** Every version this browser kept, newest first, and whether this page may install. */
  'pack.versions': message(Empty, PackVersions),
  /** What changed from one version to another (or the built-in 'default'), in the user's language. */
  'pack.diff': message(z.object({ from: VersionId, to: VersionId }), z.object({ changes: z.array(z.string()) })),
  /** Install an earlier version again: a new version, marked as the rollback. Refused while policy or a pack URL governs. */
  'pack.rollback': message(z.object({ id: VersionId, note: z.optional(Note) }), PackCheck),
  /** Score every cached account with the pack in force and with this one; nothing is written. */
  'pack.impact': message(z.object({ json: z.string().check(z.maxLength(5_000_000)) }), ImpactView),
  /** The pack in force as a file for the team URL or IT's policy, with its hash and the diff from the version before. */
  'pack.export': message(z.object({ target: z.enum(['url', 'policy', 'admin-console']), extensionId: z.string().check(z.regex(/^[A-Za-z0-9._@{}-]{1,100}$/)) }), PackExportView),
};
