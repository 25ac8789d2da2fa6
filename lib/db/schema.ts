import Dexie, { type Table, type Transaction } from 'dexie';

// Rows as stored. Each is validated on the way in by the repository that owns
// it; the shapes here are the contract between schema versions.

export type Crm = 'hubspot' | 'salesforce';
export type SignalValue = number | boolean | string | null;
export type SourceName = 'hubspot' | 'salesforce' | 'csv' | 'note' | 'sample';

export interface AccountRow {
  /** accountKey(ref): `hubspot:{portal}:{id}` or `salesforce:{org}:{id18}`. */
  key: string;
  crm: Crm;
  host: string;
  portalId?: string;
  recordId: string;
  name?: string;
  domain?: string;
  /** The owner's name, from the CRM (HubSpot owners list, Salesforce User.Name). */
  owner?: string;
  /** The owner's CRM id (HubSpot owner id, Salesforce User id), for "my accounts". */
  ownerId?: string;
  /** The owner's name could not be read: the key lacks this scope (HubSpot crm.objects.owners.read). */
  ownerUnavailable?: { scope: string };
  /** The account's contacts for templates, primary first then the most recently engaged (lib/crm/people.ts). Not indexed. */
  contacts?: Array<{ id: string; firstName?: string; lastName?: string; email?: string; title?: string; primary: boolean; lastEngagedAt?: string }>;
  /** The contact the CSM picked for this account's templates. */
  contactId?: string;
  lifecycleStage?: string;
  /** CRM properties the pack asked for, as the CRM returned them. */
  properties: Record<string, string | null>;
  firstSeenAt: string;
  lastSeenAt: string;
  /** When the sidebar last showed this account before the current visit. */
  previousSeenAt?: string;
  fetchedAt?: string;
  sample?: boolean;
  /** The evaluation last shown, and the one shown at the start of this visit ("since you last looked"). Not indexed. */
  lastEvaluation?: unknown;
  visitBaseline?: unknown;
  /** For a contact or deal: the company (account key) it belongs to. */
  resolvedTo?: string;
}

/** One observed value of one signal. Re-importing the same observation overwrites it. */
export interface SignalRow {
  /** An account key, or a CSV subject such as `domain:acme.co.jp` / `name:acme`. */
  subject: string;
  signalId: string;
  source: SourceName;
  observedAt: string;
  value: SignalValue;
  importId?: string;
}

/**
 * A slice of one CSV import: up to CSV_CHUNK_ROWS accounts' rows in one record.
 * IndexedDB pays per record (about 7,500 puts a second in Chromium here), so a
 * 100,000-row export is stored as ~100 records, found by a multi-entry index
 * on the subjects they hold.
 */
export interface CsvChunkRow {
  importId: string;
  chunk: number;
  subjects: string[];
  rows: Array<{ subject: string; observedAt: string; values: Record<string, SignalValue> }>;
}

export const CSV_CHUNK_ROWS = 1_000;

export interface HealthDayRow {
  accountKey: string;
  /** YYYY-MM-DD in UTC: one evaluated snapshot per account per day. */
  day: string;
  score: number | null;
  band: string | null;
  computedBand: string | null;
  level: number;
  /** Per-measure sub-scores, kept so "what changed" can be shown across days. */
  measures: Record<string, number | null>;
  evaluatedAt: string;
}

export type NoteSyncStatus = 'pending' | 'syncing' | 'synced' | 'failed' | 'needs-auth' | 'local-only';

export interface NoteRow {
  /** Client id (UUID): the note's identity here and, through a marker, in the CRM. */
  id: string;
  accountKey: string;
  /** The record the note was written from (a contact or deal page links there too). */
  origin: { objectType: string; recordId: string };
  text: string;
  ratings: Record<string, number>;
  touchpoint: 'meeting' | 'call' | 'email' | 'event' | 'other';
  /** Who wrote it: the name the CRM records for authorId (never typed text). */
  author?: string;
  /** The author's CRM id (HubSpot owner id, Salesforce User id). */
  authorId?: string;
  createdAt: string;
  updatedAt: string;
  status: NoteSyncStatus;
  remoteId?: string;
  error?: string;
  /** Notes read from the CRM that Sidecar did not write. */
  fromCrm?: boolean;
  /** The CRM shows more than `text` (a Salesforce ContentNote preview stops at 255 characters). */
  cut?: boolean;
  /** A teammate's note whose Sidecar block was changed by hand in the CRM: its ratings are ignored. */
  editedInCrm?: boolean;
  /** Deleted here by the user (hidden); with an outbox 'delete' entry the CRM copy goes too. */
  deletedAt?: string;
  /** Deleted here with the CRM copy kept on purpose: the copy, when the pull sees it, is the user's note again. */
  keptInCrm?: boolean;
  /** Restored from a notes file: its CRM identity may only come from the CRM, and a copy found there must say the same. */
  importedAt?: string;
}

export interface OutboxRow {
  seq?: number;
  noteId: string;
  op: 'create' | 'update' | 'delete';
  attempts: number;
  nextAttemptAt: string;
  /** Set when a send may have reached the CRM without an answer: check before re-sending. */
  uncertain?: boolean;
  lastError?: string;
  createdAt: string;
}

export interface PackRow {
  /** 'active' for the one in force; `history:{iso}` for earlier ones kept for rollback. */
  id: string;
  pack: unknown;
  installedAt: string;
  /** 'policy': IT's enterprise policy (inline or its URL); 'url': the pack URL CS Ops shared (lib/background/team.ts). */
  source: 'default' | 'file' | 'editor' | 'policy' | 'url';
  fileName?: string;
  /** The URL a 'policy' or 'url' pack was fetched from (none for a pack inline in the policy). */
  url?: string;
  /** Who installed it: the CRM user Sidecar knows (none: this browser, or policy / the pack URL by source). Not indexed. */
  by?: string;
  /** The note the install dialog asked for. */
  note?: string;
  /** A rollback: the install time of the version it brought back. */
  rollbackOf?: string;
}

/**
 * The structured editor's draft of the pack (issue 19): saved as CS Ops edits, offered again when the
 * editor opens, never installed by itself. One row, `id: 'editor'`. Not indexed beyond its id.
 */
export interface PackDraftRow {
  id: 'editor';
  /** The draft as the editor holds it: the pack's shape, though it may not pass the checks yet. */
  pack: unknown;
  /** The installed pack the draft started from (its id, version and install time), to say so when it is offered back. */
  base: { packId: string; version: string; installedAt?: string };
  savedAt: string;
  /** The editor's tab when it was saved. */
  tab?: string;
}

export interface SyncStateRow {
  /** `account:{key}`, `crm:hubspot`, `crm:salesforce`, `outbox`, `pack-source`, `portfolio`, `book-rows`. */
  id: string;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  lastError?: { code: string; message: string; at: string };
  retryAt?: string;
  /** `pack-source`: the last failed check's path-naming errors (an invalid pack), and what was checked. */
  problems?: Array<{ path: string; message: string }>;
  checked?: string;
  /** `book-rows`: the pack (id@version) the portfolio's rows (bookRows) were derived under; absent until they were. */
  builtFor?: string;
  /** `portfolio`: what the CSM saw of each account at their last look at the portfolio (not indexed). */
  seen?: Record<string, { band: string | null; level: number; action: string | null }>;
}

export interface DraftRow {
  accountKey: string;
  text: string;
  ratings: Record<string, number>;
  touchpoint: NoteRow['touchpoint'];
  updatedAt: string;
}

export interface OverrideRow {
  accountKey: string;
  band: string;
  reason: string;
  expiresAt: string;
  setAt: string;
}

export interface CopyLogRow {
  id?: number;
  accountKey: string;
  templateId: string;
  missing: string[];
  at: string;
}

export interface CsvMappingRow {
  /** headerSignature(headers): the same export layout gets the same mapping back. */
  signature: string;
  mapping: unknown;
  fileName: string;
  savedAt: string;
}

export interface ImportRow {
  id: string;
  fileName: string;
  encoding: string;
  at: string;
  accepted: number;
  rejected: number;
  /** Bounded: the downloadable report keeps at most 5,000 rejected rows. */
  report: Array<{ row: number; column: string; value: string; reason: string }>;
}

/** Credentials for one CRM. Only the background reads this table; never indexed beyond its id. */
export interface ConnectionRow {
  id: 'hubspot' | 'salesforce';
  /** HubSpot private-app or static app token; Salesforce OAuth tokens. The Salesforce session id is never stored. */
  secret?: { token?: string; accessToken?: string; refreshToken?: string; instanceUrl?: string };
  portalId?: string;
  mode?: 'session' | 'oauth';
  myDomain?: string;
  clientId?: string;
  /** Salesforce notes as ContentNote (default) or Task. */
  noteMode?: 'ContentNote' | 'Task';
  connectedAt?: string;
  lastCheckedAt?: string;
  lastError?: { code: string; message: string; at: string };
  /**
   * The CSM as this CRM knows them. HubSpot: the owner the CSM picked (a key belongs
   * to no person); Salesforce: the signed-in user (userinfo), kept for the options page.
   */
  /** picked: the CSM chose it; policy: IT's policy names the owner's e-mail; userinfo: the Salesforce session's user. */
  me?: { id: string; name: string; email?: string; how: 'picked' | 'policy' | 'userinfo' };
}

/** One publication to a CRM (issue 16): resumable, its progress written after every batch. */
export interface PublishJobRow {
  id: string;
  crm: Crm;
  /** signals: imported CSV values; scores: each account's score, band, level, next action. */
  kind: 'signals' | 'scores';
  pack: { id: string; version: string };
  /** The "as of" this publication writes where a result changes. */
  asOf: string;
  status: 'running' | 'done' | 'stopped';
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** Accounts in the book, records to write, and how many were sent, skipped, refused so far. */
  accounts: number;
  total: number;
  sent: number;
  skipped: number;
  failed: number;
  batches: number;
  /** The next batch to send. */
  nextBatch: number;
  /** A batch sent without its answer recorded (the browser closed): check the CRM before sending it again. */
  inFlight?: number;
  /** Why it stopped, as a catalogue key with parameters (a daily limit, the CRM refusing the key). */
  stop?: { key: string; params?: Record<string, string | number> };
  /** The publisher as the stamp names them, and whether the CRM has the stamp's field (jobs before it: absent). */
  by?: string | null;
  recorded?: boolean;
  /** Accounts skipped because a newer version of the pack wrote their results. */
  newerPack: number;
  /** The lowest share of HubSpot's ten-second window left after an answer. */
  windowLeftMin?: number;
  requests: number;
  /** The order jobs were created in (several can start within one clock tick). */
  seq?: number;
}

/** One record of a publication: what to write, and what became of it. */
export interface PublishItemRow {
  jobId: string;
  /** The CRM record id. */
  id: string;
  name: string | null;
  batch: number;
  /** The CRM's field names and wire values to write. Not indexed. */
  fields: Record<string, string | number | boolean | null>;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  failure?: { code: string; message: string; crmCode?: string; fields?: string[] };
}

/**
 * The portfolio's row for one account (issue 17), derived from its account row, notes and daily
 * health: what the book's table shows, a few hundred bytes instead of the ~5 KB stored evaluation.
 * A cache: lib/background/portfolio.ts rebuilds it from those tables whenever it cannot vouch for it.
 */
export interface BookRowRecord {
  key: string;
  crm: Crm;
  name: string;
  url: string;
  score: number | null;
  band: string | null;
  level: number;
  stage: string;
  touchModel: string;
  nextAction: { id: string; title: { ja?: string; en?: string }; dueDate: string } | null;
  drivers: { up: { ja?: string; en?: string } | null; down: { ja?: string; en?: string } | null };
  /** The renewal date as the CRM gave it (the pack's renewal signal's field); days to it are counted on reading. */
  renewal: string | null;
  lastTouch: { at: string; by?: string } | null;
  fetchedAt: string | null;
  owner: string | null;
  ownerId: string | null;
  /** Daily scores of the trend's window when derived, oldest first; the window is cut again on reading. */
  days: Array<{ day: string; score: number }>;
  staleInputs: number;
}

/**
 * The book's records in a few chunks (an account's chunk: lib/db/book-rows.ts chunkOf), because
 * IndexedDB pays per record: 10,000 records of ~600 bytes took 0.6–0.8 s to read in a started worker,
 * the same rows in 32 records 0.2–0.25 s (JSON text in their place was no faster).
 */
export interface BookRowChunk {
  chunk: number;
  rows: BookRowRecord[];
}

export const DB_NAME = 'sidecar';

type Upgrade = (tx: Transaction) => Promise<void>;

/**
 * Every schema version Sidecar has shipped, oldest first. A shipped version is
 * never edited: a change appends a version with its upgrade, and
 * lib/db/fixtures holds a database written by each version so the
 * migrations are proven (migrations.test.ts).
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{ version: number; stores: Record<string, string>; upgrade?: Upgrade }> = [
  {
    version: 1,
    stores: {
      accounts: 'key, lastSeenAt, domain, name',
      signals: '[subject+signalId+source+observedAt], subject, importId',
      healthDays: '[accountKey+day], accountKey',
      notes: 'id, accountKey, [accountKey+createdAt], status',
      outbox: '++seq, noteId, nextAttemptAt',
      packs: 'id',
      syncState: 'id',
      drafts: 'accountKey',
      overrides: 'accountKey',
      copyLog: '++id, accountKey',
      csvMappings: 'signature',
      imports: 'id, at',
    },
  },
  {
    // v2: notes read from the CRM are matched by their CRM id, domains are
    // compared lowercased (v1 stored them as the CRM gave them), CRM
    // credentials move into the background's own database, where no content
    // script can read them (extension storage.local is readable by content
    // scripts), and CSV imports are stored in chunks (v1's one row per value
    // could not take a 100,000-row export in reasonable time; v1 rows stay readable).
    version: 2,
    stores: {
      notes: 'id, accountKey, [accountKey+createdAt], status, remoteId',
      connections: 'id',
      csvChunks: '[importId+chunk], *subjects, importId',
    },
    upgrade: async (tx) => {
      await tx
        .table('accounts')
        .toCollection()
        .modify((row: AccountRow) => {
          if (row.domain) row.domain = row.domain.trim().toLowerCase();
        });
    },
  },
  {
    // v3: publications to the CRM (issue 16) and each one's records, so a closed browser resumes
    // at the next batch. New tables only; nothing existing changes.
    version: 3,
    stores: {
      publishJobs: 'id, startedAt, status',
      publishItems: '[jobId+id], [jobId+batch], [jobId+status]',
    },
  },
  {
    // v4: the structured editor's draft of the pack (issue 19), kept across reloads. A new table only.
    version: 4,
    stores: {
      packDrafts: 'id',
    },
  },
  {
    // v5: the portfolio's compact row per account (issue 17), so opening a 10,000-account book reads
    // a few MB instead of decoding every stored evaluation (52 MB), in 32 chunks. A new table only,
    // filled by the portfolio on its first read (its derivation needs the installed pack, which no upgrade has).
    version: 5,
    stores: {
      bookRows: 'chunk',
    },
  },
];

export const CURRENT_DB_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

export class SidecarDb extends Dexie {
  accounts!: Table<AccountRow, string>;
  signals!: Table<SignalRow, [string, string, string, string]>;
  healthDays!: Table<HealthDayRow, [string, string]>;
  notes!: Table<NoteRow, string>;
  outbox!: Table<OutboxRow, number>;
  packs!: Table<PackRow, string>;
  syncState!: Table<SyncStateRow, string>;
  drafts!: Table<DraftRow, string>;
  overrides!: Table<OverrideRow, string>;
  copyLog!: Table<CopyLogRow, number>;
  csvMappings!: Table<CsvMappingRow, string>;
  imports!: Table<ImportRow, string>;
  connections!: Table<ConnectionRow, string>;
  csvChunks!: Table<CsvChunkRow, [string, number]>;
  publishJobs!: Table<PublishJobRow, string>;
  publishItems!: Table<PublishItemRow, [string, string]>;
  packDrafts!: Table<PackDraftRow, string>;
  bookRows!: Table<BookRowChunk, number>;

  /** `upTo` opens the database as an older version did: for migration tests only. */
  constructor(name = DB_NAME, upTo = CURRENT_DB_VERSION) {
    super(name);
    for (const v of SCHEMA_VERSIONS) {
      if (v.version > upTo) break;
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}
