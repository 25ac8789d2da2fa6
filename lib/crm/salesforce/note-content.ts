// What a Salesforce note says: a ContentNote's HTML Content (base64), or a
// Task's plain-text Description. The Sidecar ID also goes into the Title or
// Subject, because SOQL cannot filter on long text areas.
import { HEADINGS, noteParagraphs, ratingLine, ratingsBlockLine, type NoteRating } from '../hubspot/note-body.ts';
import type { NoteBlock } from '../note-block.ts';
import { clientIdMarker, isClientId, stripControlChars, titleMarker } from '../note-marker.ts';

export const SUBJECT_MAX = 255;
export const TASK_DESCRIPTION_MAX = 32_000;

export interface SalesforceNoteContent {
  title: string;
  /** What the user typed. */
  text: string;
  clientId: string;
  ratings?: NoteRating[];
  /** The pack that named the ratings. */
  pack?: NoteBlock['pack'];
  touchpoint?: string;
  locale?: 'en' | 'ja';
}

/** "Title (Sidecar ID: …)", the title cut so the whole fits in 255 characters. */
export function titleWithMarker(title: string, clientId: string): string {
  const marker = ` ${titleMarker(clientId)}`;
  const room = SUBJECT_MAX - marker.length;
  const clean = title.replace(/\s+/g, ' ').trim();
  const cut = clean.length > room ? `${clean.slice(0, room - 1)}…` : clean;
  return cut + marker;
}

/** ContentNote Content must be escaped HTML with simple tags only: <p>, <br>, <b>. */
export function contentNoteHtml(c: SalesforceNoteContent): string {
  return noteParagraphs({ text: c.text, ratings: c.ratings ?? [], touchpoint: c.touchpoint, clientId: c.clientId, locale: c.locale ?? 'en', pack: c.pack ?? null }, 'b').join('');
}

/** UTF-8 → base64, which btoa alone cannot do for Japanese text. */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function taskDescription(c: SalesforceNoteContent): string {
  const h = HEADINGS[c.locale ?? 'en'];
  const parts: string[] = [];
  if (c.touchpoint) parts.push(`${h.touchpoint}: ${c.touchpoint}`);
  const text = stripControlChars(c.text).trim();
  if (text) parts.push(text.replace(/\r\n?/g, '\n'));
  if (c.ratings?.length) parts.push([h.ratings, ...c.ratings.map(ratingLine)].join('\n'));
  parts.push(ratingsBlockLine(c.clientId, c.ratings ?? [], c.pack ?? null));
  parts.push(clientIdMarker(c.clientId));
  return parts.join('\n\n');
}

export { isClientId };
