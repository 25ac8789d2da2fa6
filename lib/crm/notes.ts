// The one small interface through which notes reach a CRM. Each CRM folder
// implements it (hubspot/notes.ts, salesforce/notes.ts) and owns every note
// read and write behind it; the outbox and the pull only call these four.
import type { CrmResult } from './http.ts';
import type { NoteRating } from './hubspot/note-body.ts';
import { readBlock } from './note-block.ts';

/** A note as Sidecar sends it, whatever the CRM. */
export interface OutgoingNote {
  /** The note's own Sidecar ID: the only identity a look-up ever uses. */
  clientId: string;
  /** What the user typed. */
  text: string;
  ratings: NoteRating[];
  /** The touchpoint's label, in the user's language. */
  touchpoint: string;
  /** ISO time the note was written (HubSpot files it under this time). */
  createdAt: string;
  /** The user's own calendar date of createdAt (YYYY-MM-DD), for Salesforce's ActivityDate. */
  localDate: string;
  locale: 'en' | 'ja';
  /** The pack that named the ratings (written into Sidecar's block). */
  pack?: { id: string; version: string } | null;
}

/** A note read back from the CRM. */
export interface RemoteNoteRead {
  remoteId: string;
  /** The client id in Sidecar's own marker, when Sidecar wrote the note; never from typed text. */
  clientId: string | null;
  /** Plain text without Sidecar's own marker line. */
  text: string;
  at: string;
  /** The CRM shows more than this text (a Salesforce ContentNote's preview stops at 255 characters). */
  cut?: boolean;
  /** Ratings from Sidecar's own block (signal id → value); absent when the note has none or its block was edited. */
  ratings?: Record<string, number>;
  /** Sidecar's block was changed by hand in the CRM: its ratings are not trusted. */
  edited?: boolean;
  /** An earlier Sidecar's ratings, by label (HubSpot HTML notes, where the block is unambiguous); the pack maps labels to ids. */
  ratingLabels?: Array<{ label: string; value: number }>;
  /**
   * Who wrote it, as the CRM records it (HubSpot's hubspot_owner_id, Salesforce's CreatedById and
   * CreatedBy.Name); never read from the note's text. A HubSpot owner's name is filled in from the owners list.
   */
  author?: { id: string; name?: string };
}

/** What a note body's Sidecar block says (see note-block.ts), for a RemoteNoteRead. */
export function blockFields(bodyLines: readonly string[], clientId: string | null): Pick<RemoteNoteRead, 'ratings' | 'edited'> {
  if (!clientId) return {};
  const read = readBlock(bodyLines, clientId);
  if (read.kind === 'edited') return { edited: true };
  if (read.kind === 'none' || !read.block.ratings.length) return {};
  return { ratings: Object.fromEntries(read.block.ratings.map((r) => [r.id, r.value])) };
}

export interface CreateOptions {
  /** An earlier send may have reached the CRM: look the client id up before creating. */
  lookFirst: boolean;
  /**
   * A note found by the look-up must pass this before it is taken as this note
   * (imported notes: the CRM copy must say what the file says).
   */
  accept?: (found: RemoteNoteRead) => boolean;
}

export interface RemoveTarget {
  /** The CRM id, when the create was acknowledged. */
  remoteId?: string;
  clientId: string;
  createdAt: string;
  /** No remoteId, but a create may have reached the CRM: look it up and delete what is found. */
  mayExist: boolean;
}

/** One account's notes in one CRM. */
export interface CrmNotes {
  /** Create at most once; the CRM id. */
  createOnce(note: OutgoingNote, options: CreateOptions): Promise<CrmResult<string>>;
  /** Rewrite a note Sidecar created; the CRM id. */
  update(remoteId: string, note: OutgoingNote): Promise<CrmResult<string>>;
  /** Delete; a note already gone counts as deleted. */
  remove(target: RemoveTarget): Promise<CrmResult<void>>;
  /** The account's notes; `complete` false when the CRM list was capped (notes missing from it may still exist). */
  list(): Promise<CrmResult<{ notes: RemoteNoteRead[]; complete: boolean }>>;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Whether a CRM note says what this note's text says: the text's start (as
 * much as a Salesforce preview keeps) appears in it, spacing ignored. An
 * imported note is taken as a CRM note with its Sidecar ID only then.
 */
export function saysTheSame(found: RemoteNoteRead, typed: string): boolean {
  const want = squash(typed).slice(0, 100);
  return squash(found.text).includes(want);
}
