// The HTML Sidecar writes into a CRM note. Everything the user typed is
// escaped; the only markup is ours. The client-id marker is plain text on its
// own line because CRM sanitisers strip attributes and comments, but keep text.
import { crmErrors, fail, ok, type CrmResult } from '../http.ts';

export const HUBSPOT_NOTE_MAX = 65_536;

/** Ids we accept as client ids: they go into HTML and SOQL, so keep them plain. */
const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9-]{7,63}$/;
const MARKER = /Sidecar ID:\s*([A-Za-z0-9][A-Za-z0-9-]{7,63})/;

export function isClientId(value: string): boolean {
  return CLIENT_ID.test(value);
}

/** The text line that marks a note as Sidecar's, found again after a lost response. */
export function clientIdMarker(clientId: string): string {
  return `Sidecar ID: ${clientId}`;
}

/** The client id in a note body (HTML or text), or null. */
export function readClientId(body: string | null | undefined): string | null {
  return body ? (MARKER.exec(body)?.[1] ?? null) : null;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escaped text with its line breaks as <br>. */
export function textToHtml(text: string): string {
  return escapeHtml(text.replace(/\r\n?/g, '\n')).replace(/\n/g, '<br>');
}

export interface NoteRating {
  label: string;
  value: number;
  max: number;
}

export interface NoteBodyInput {
  text: string;
  ratings: NoteRating[];
  /** The touchpoint's label, already in the user's language. */
  touchpoint?: string;
  clientId: string;
  locale: 'en' | 'ja';
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
  const text = input.text.trim();
  if (text) parts.push(`<p>${textToHtml(text)}</p>`);
  if (input.ratings.length) {
    const lines = input.ratings.map((r) => `${escapeHtml(r.label)}: ${stars(r.value, r.max)}${r.value} / ${r.max}`);
    parts.push(`<p>${b(h.ratings)}<br>${lines.join('<br>')}</p>`);
  }
  parts.push(`<p>${clientIdMarker(input.clientId)}</p>`);
  return parts;
}

function tooLong(length: number, max: number): CrmResult<never> {
  const over = (length - max).toLocaleString('en-US');
  return fail(
    crmErrors.invalid(
      'hubspot',
      {
        en: `The note is too long for HubSpot: ${length.toLocaleString('en-US')} characters of HTML, the limit is ${max.toLocaleString('en-US')}. Shorten it by about ${over} characters and save again.`,
        ja: `メモが HubSpot の上限を超えています（HTML で ${length.toLocaleString('en-US')} 文字、上限は ${max.toLocaleString('en-US')} 文字）。約 ${over} 文字短くしてから保存し直してください。`,
      },
      ['hs_note_body'],
    ),
  );
}

/** The HTML for `hs_note_body`, or a validation error when it exceeds HubSpot's 65,536 characters. */
export function noteBodyHtml(input: NoteBodyInput): CrmResult<string> {
  if (!isClientId(input.clientId)) {
    return fail(crmErrors.invalid('hubspot', { en: 'Internal error: the note has no valid Sidecar ID. Reload the sidebar and save again.', ja: '内部エラー：メモに有効な Sidecar ID がありません。サイドバーを再読み込みしてから保存し直してください。' }));
  }
  const html = noteParagraphs(input).join('');
  return html.length > HUBSPOT_NOTE_MAX ? tooLong(html.length, HUBSPOT_NOTE_MAX) : ok(html);
}

/** Check a body the caller built (createNote/updateNote take HTML). */
export function checkNoteLength(html: string): CrmResult<string> {
  return html.length > HUBSPOT_NOTE_MAX ? tooLong(html.length, HUBSPOT_NOTE_MAX) : ok(html);
}
