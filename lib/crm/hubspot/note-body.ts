// The HTML Sidecar writes into a CRM note. Everything the user typed is
// escaped; the only markup is ours. The client-id marker is plain text on the
// note's last line (see ../note-marker.ts): CRM sanitisers strip attributes
// and comments but keep text, and typed text always comes before it.
import { crmErrors, fail, ok, type CrmResult } from '../http.ts';
import { blockLine, type NoteBlock } from '../note-block.ts';
import { clientIdMarker, isClientId, ownClientId, stripControlChars } from '../note-marker.ts';

export { clientIdMarker, isClientId };

export const HUBSPOT_NOTE_MAX = 65_536;

/** The client id Sidecar itself wrote into a note body (its last line), or null. */
export const readClientId = ownClientId;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escaped text with its line breaks as <br>. */
export function textToHtml(text: string): string {
  return escapeHtml(text.replace(/\r\n?/g, '\n')).replace(/\n/g, '<br>');
}

export interface NoteRating {
  /** The pack's signal id, written into Sidecar's block so teammates' Sidecars can score it. */
  id: string;
  label: string;
  value: number;
  max: number;
}

/** A rating as a person reads it: "Relationship: ★★★★☆ 4 / 5". */
export function ratingLine(r: NoteRating): string {
  return `${r.label}: ${stars(r.value, r.max)}${r.value} / ${r.max}`;
}

/** Sidecar's block line for these ratings (note-block.ts). */
export function ratingsBlockLine(clientId: string, ratings: readonly NoteRating[], pack: NoteBlock['pack']): string {
  return blockLine(clientId, { ratings: ratings.map((r) => ({ id: r.id, value: r.value })), pack }, ratings.map(ratingLine));
}

export interface NoteBodyInput {
  text: string;
  ratings: NoteRating[];
  /** The touchpoint's label, already in the user's language. */
  touchpoint?: string;
  clientId: string;
  locale: 'en' | 'ja';
  /** The pack that named the ratings. */
  pack?: NoteBlock['pack'];
}

export const HEADINGS = {
  en: { touchpoint: 'Touchpoint', ratings: 'Ratings' },
  ja: { touchpoint: 'タッチポイント', ratings: '評価' },
} as const;

export function stars(value: number, max: number): string {
  const filled = Math.max(0, Math.min(max, Math.round(value)));
  return max <= 10 ? '★'.repeat(filled) + '☆'.repeat(max - filled) + ' ' : '';
}

/**
 * The note's parts as HTML paragraphs, shared by HubSpot notes and Salesforce
 * ContentNotes (whose allowed markup has <b> but not <strong>).
 */
export function noteParagraphs(input: NoteBodyInput, bold: 'strong' | 'b' = 'strong'): string[] {
  const h = HEADINGS[input.locale];
  const b = (s: string) => `<${bold}>${s}</${bold}>`;
  const parts: string[] = [];
  if (input.touchpoint) parts.push(`<p>${b(`${h.touchpoint}:`)} ${escapeHtml(input.touchpoint)}</p>`);
  const text = stripControlChars(input.text).trim();
  if (text) parts.push(`<p>${textToHtml(text)}</p>`);
  if (input.ratings.length) {
    const lines = input.ratings.map((r) => escapeHtml(ratingLine(r)));
    parts.push(`<p>${b(h.ratings)}<br>${lines.join('<br>')}</p>`);
  }
  // Always written, so the line before the marker is Sidecar's own (note-block.ts).
  parts.push(`<p>${escapeHtml(ratingsBlockLine(input.clientId, input.ratings, input.pack ?? null))}</p>`);
  parts.push(`<p>${clientIdMarker(input.clientId)}</p>`);
  return parts;
}

function tooLong(length: number, max: number): CrmResult<never> {
  const over = (length - max).toLocaleString('en-US');
  return fail(
    crmErrors.invalid('hubspot', 'hubspot.note-too-long', { length: length.toLocaleString('en-US'), max: max.toLocaleString('en-US'), over }, ['hs_note_body']),
  );
}

/** The HTML for `hs_note_body`, or a validation error when it exceeds HubSpot's 65,536 characters. */
export function noteBodyHtml(input: NoteBodyInput): CrmResult<string> {
  if (!isClientId(input.clientId)) {
    return fail(crmErrors.invalid('hubspot', 'hubspot.no-sidecar-id'));
  }
  const html = noteParagraphs(input).join('');
  return html.length > HUBSPOT_NOTE_MAX ? tooLong(html.length, HUBSPOT_NOTE_MAX) : ok(html);
}

/** Check a body the caller built (createNote/updateNote take HTML). */
export function checkNoteLength(html: string): CrmResult<string> {
  return html.length > HUBSPOT_NOTE_MAX ? tooLong(html.length, HUBSPOT_NOTE_MAX) : ok(html);
}
