// HubSpot's side of CrmNotes: everything Sidecar does to notes in HubSpot,
// for one company (or a contact or deal whose company is found on the way).
import { crmErrors, fail, ok, type CrmResult } from '../http.ts';
import { bodyText, withoutOwnMarker } from '../note-marker.ts';
import { blockFields, type CrmNotes, type OutgoingNote, type RemoteNoteRead } from '../notes.ts';
import type { HubspotClient, HubspotNote, NoteTarget } from './client.ts';
import { noteBodyHtml } from './note-body.ts';

export interface HubspotNotePlace {
  /** The company, when known without asking HubSpot. */
  companyId: string | null;
  /** A contact or deal whose company must be looked up (a note written before the company was known). */
  lookupCompanyOf: { type: 'contacts' | 'deals'; id: string } | null;
  /** The contact or deal the note was written from, associated as well. */
  also: { toObjectType: NoteTarget; toId: string } | null;
}

/** The readable text of a note (no tags, no Sidecar marker line). */
export function hubspotNoteText(bodyHtml: string): string {
  return withoutOwnMarker(bodyText(bodyHtml));
}

function isoOr(value: string | null | undefined, fallback: string): string {
  const t = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(t) ? fallback : new Date(t).toISOString();
}

// An earlier Sidecar's ratings paragraph, right before its marker: our own markup, which escaped user text cannot produce.
const LEGACY_RATINGS = /<p><strong>(?:Ratings|評価)<\/strong><br>((?:(?!<\/p>).)*)<\/p><p>Sidecar ID: [A-Za-z0-9-]+<\/p>\s*$/;

/** Ratings written by an earlier Sidecar (no block line), by label. */
export function legacyRatings(bodyHtml: string): Array<{ label: string; value: number }> | undefined {
  const m = LEGACY_RATINGS.exec(bodyHtml);
  if (!m) return undefined;
  const out: Array<{ label: string; value: number }> = [];
  for (const line of bodyText(m[1]!.replace(/<br>/g, '\n')).split('\n')) {
    const r = /^(.+?): [★☆]* ?(\d+) \/ \d+$/.exec(line.trim());
    if (r) out.push({ label: r[1]!, value: Number(r[2]) });
  }
  return out.length ? out : undefined;
}

export function readHubspotNote(n: HubspotNote, fallbackAt: string): RemoteNoteRead {
  const fields = blockFields(bodyText(n.bodyHtml).split('\n'), n.clientId);
  const legacy = n.clientId && !fields.ratings && !fields.edited ? legacyRatings(n.bodyHtml) : undefined;
  return {
    remoteId: n.id,
    clientId: n.clientId,
    text: hubspotNoteText(n.bodyHtml),
    at: isoOr(n.timestamp ?? n.createdAt, fallbackAt),
    ...fields,
    ...(legacy ? { ratingLabels: legacy } : {}),
    ...(n.ownerId ? { author: { id: n.ownerId } } : {}),
  };
}

const ONCE = { maxAttempts: 1 } as const;

/**
 * `ownerId`: the CSM's own HubSpot owner (picked in the options), sent as the
 * note's hubspot_owner_id so HubSpot records who wrote it; none when not picked.
 */
export function createHubspotNotes(client: HubspotClient, place: HubspotNotePlace, now: () => Date = () => new Date(), ownerId?: string): CrmNotes {
  async function company(): Promise<CrmResult<string>> {
    if (place.companyId) return ok(place.companyId);
    if (place.lookupCompanyOf) {
      const found = await client.primaryCompanyOf(place.lookupCompanyOf.type, place.lookupCompanyOf.id);
      if (!found.ok) return found;
      if (found.value) return ok(found.value);
    }
    return fail(
      crmErrors.invalid('hubspot', 'hubspot.note-no-company'),
    );
  }

  const body = (note: OutgoingNote) =>
    noteBodyHtml({ text: note.text, ratings: note.ratings, touchpoint: note.touchpoint, clientId: note.clientId, locale: note.locale, pack: note.pack ?? null });

  return {
    async createOnce(note, options) {
      const html = body(note);
      if (!html.ok) return html;
      const id = await company();
      if (!id.ok) return id;
      const associations: Array<{ toObjectType: NoteTarget; toId: string }> = [{ toObjectType: 'company', toId: id.value }];
      if (place.also && place.also.toId !== id.value) associations.push(place.also);
      const accept = options.accept;
      const r = await client.createNoteOnce(
        { clientId: note.clientId, bodyHtml: html.value, timestamp: note.createdAt, associations, ...(ownerId ? { ownerId } : {}) },
        {
          ...ONCE,
          lookFirst: options.lookFirst,
          ...(accept ? { accept: (found: HubspotNote) => accept(readHubspotNote(found, note.createdAt)) } : {}),
        },
      );
      return r.ok ? ok(r.value.id) : r;
    },

    async update(remoteId, note) {
      const html = body(note);
      if (!html.ok) return html;
      const r = await client.updateNote(remoteId, html.value);
      return r.ok ? ok(r.value.id) : r;
    },

    async remove(target) {
      if (target.remoteId) return client.deleteNote(target.remoteId);
      if (!target.mayExist) return ok(undefined);
      const id = await company();
      if (!id.ok) return id;
      const found = await client.findNoteByClientId(id.value, target.clientId, target.createdAt);
      if (!found.ok) return found;
      return found.value ? client.deleteNote(found.value.id) : ok(undefined);
    },

    async list() {
      const id = await company();
      if (!id.ok) return id;
      const listed = await client.listCompanyNotes(id.value);
      if (!listed.ok) return listed;
      const at = now().toISOString();
      return ok({ notes: listed.value.map((n) => readHubspotNote(n, at)), complete: true });
    },
  };
}
