// Salesforce's side of CrmNotes: ContentNotes linked to the account (created
// with their link in one Composite call) or Tasks, for one account.
import { ok } from '../http.ts';
import { bodyText, titleWithoutMarker, withoutOwnMarker } from '../note-marker.ts';
import { blockFields, type CrmNotes, type OutgoingNote, type RemoteNoteRead } from '../notes.ts';
import { toId18 } from '../salesforce-id.ts';
import type { CreateNoteInput, NoteMode, SalesforceClient, SalesforceNote } from './client.ts';

export interface SalesforceNotePlace {
  accountId: string;
  /** How new notes are written here (the options page's choice). */
  mode: NoteMode;
}

const TITLE_MAX = 80;
// listAccountNotes caps Sidecar's Tasks at 200.
const TASK_CAP = 200;
/** How many cut ContentNotes a pull reads whole: the newest carry the ratings that count. */
const FULL_READS = 20;

/** A Salesforce title: the note's first line, else "Touchpoint · date". */
export function salesforceTitle(note: Pick<OutgoingNote, 'text' | 'touchpoint' | 'localDate'>): string {
  const first = note.text.trim().split(/\r?\n/)[0]?.replace(/\s+/g, ' ').trim() ?? '';
  if (first) return first.length > TITLE_MAX ? `${first.slice(0, TITLE_MAX - 1)}…` : first;
  return `${note.touchpoint} · ${note.localDate}`;
}

/** Salesforce ids: ContentNote (a ContentDocument) 069…, Task 00T…; the mode a note was written in follows from its id. */
export function salesforceModeOf(remoteId: string, fallback: NoteMode): NoteMode {
  if (remoteId.startsWith('069')) return 'ContentNote';
  if (remoteId.startsWith('00T')) return 'Task';
  return fallback;
}

function isoOr(value: string | null | undefined, fallback: string): string {
  const t = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(t) ? fallback : new Date(t).toISOString();
}

export function readSalesforceNote(n: SalesforceNote, fallbackAt: string): RemoteNoteRead {
  const body = withoutOwnMarker(bodyText(n.text ?? ''));
  const title = titleWithoutMarker(n.title ?? '');
  // A ContentNote's TextPreview may not repeat its title; show the title when the body lacks it.
  const text = title && !body.startsWith(title) ? (body ? `${title}\n\n${body}` : title) : body;
  // A preview cut at 255 characters does not hold the block: no ratings are read from it.
  const fields = n.cut ? {} : blockFields(bodyText(n.text ?? '').split('\n'), n.clientId);
  const author = n.authorId ? { author: { id: n.authorId, ...(n.authorName ? { name: n.authorName } : {}) } } : {};
  return { remoteId: n.id, clientId: n.clientId, text, at: isoOr(n.createdAt, fallbackAt), ...(n.cut ? { cut: true } : {}), ...fields, ...author };
}

const ONCE = { maxAttempts: 1 } as const;

export function createSalesforceNotes(client: SalesforceClient, place: SalesforceNotePlace, now: () => Date = () => new Date()): CrmNotes {
  const input = (note: OutgoingNote): CreateNoteInput => ({
    accountId: place.accountId,
    mode: place.mode,
    title: salesforceTitle(note),
    text: note.text,
    clientId: note.clientId,
    ratings: note.ratings,
    pack: note.pack ?? null,
    touchpoint: note.touchpoint,
    locale: note.locale,
    activityDate: note.localDate,
  });

  return {
    async createOnce(note, options) {
      const accept = options.accept;
      const r = await client.createNoteOnce(input(note), {
        ...ONCE,
        lookFirst: options.lookFirst,
        ...(accept ? { accept: (found: SalesforceNote) => accept(readSalesforceNote(found, note.createdAt)) } : {}),
      });
      return r.ok ? ok(r.value.id) : r;
    },

    async update(remoteId, note) {
      const r = await client.updateNote({ ...input(note), id: remoteId, mode: salesforceModeOf(remoteId, place.mode) });
      return r.ok ? ok(r.value.id) : r;
    },

    async remove(target) {
      if (target.remoteId) return client.deleteNote(target.remoteId, salesforceModeOf(target.remoteId, place.mode));
      if (!target.mayExist) return ok(undefined);
      const found = await client.findNoteByClientId(place.accountId, target.clientId, place.mode);
      if (!found.ok) return found;
      return found.value ? client.deleteNote(found.value.id, found.value.mode) : ok(undefined);
    },

    async list() {
      const listed = await client.listAccountNotes(toId18(place.accountId) ?? place.accountId, place.mode);
      if (!listed.ok) return listed;
      const at = now().toISOString();
      const complete = listed.value.filter((n) => n.mode === 'Task').length < TASK_CAP;
      // Sidecar's own ContentNotes whose preview was cut: the whole body holds the team's ratings.
      // The newest FULL_READS only (one request each); an older or unreadable one keeps its preview.
      const notes: SalesforceNote[] = [];
      let reads = 0;
      for (const n of listed.value) {
        if (n.mode === 'ContentNote' && n.cut && n.clientId && reads < FULL_READS) {
          reads++;
          const full = await client.noteContent(n.id);
          if (full.ok) {
            notes.push({ ...n, text: full.value, cut: false });
            continue;
          }
        }
        notes.push(n);
      }
      return ok({ notes: notes.map((n) => readSalesforceNote(n, at)), complete });
    },
  };
}
