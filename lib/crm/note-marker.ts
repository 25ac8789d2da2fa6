// Sidecar's own marker in a CRM note: how a note Sidecar wrote is found again
// after a lost answer. A note's CRM identity must never come from text a
// person typed, so the marker is read only where typed text cannot reach:
// - in a body (HubSpot HTML, ContentNote HTML, Task description), the LAST
//   non-empty line, which Sidecar always writes after the escaped user text and
//   the ratings. A quoted "Sidecar ID: …" line in the text comes before it.
// - in a Salesforce title or subject, the "(Sidecar ID: …)" at the very END,
//   appended after the user's first line.
// A line a person adds in the CRM after the marker makes the note unreadable as
// Sidecar's, which is the safe side: it is then treated as someone else's note.

/** Ids we accept as client ids: they go into HTML and SOQL, so keep them plain. */
const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9-]{7,63}$/;
const MARKER_LINE = /^Sidecar ID: ([A-Za-z0-9][A-Za-z0-9-]{7,63})$/;
const TITLE_END = /\(Sidecar ID: ([A-Za-z0-9][A-Za-z0-9-]{7,63})\)$/;

export function isClientId(value: string): boolean {
  return CLIENT_ID.test(value);
}

/** The text line that marks a note as Sidecar's. */
export function clientIdMarker(clientId: string): string {
  return `Sidecar ID: ${clientId}`;
}

/** A title or subject's own marker suffix. */
export function titleMarker(clientId: string): string {
  return `(${clientIdMarker(clientId)})`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** HTML (or plain text) as text lines: paragraphs and breaks as new lines, tags gone, entities decoded. */
export function bodyText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z0-9]+);/gi, (m, e: string) => {
      if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith('#') && e !== '#39') return String.fromCodePoint(Number(e.slice(1)));
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\r\n?/g, '\n');
}

/**
 * The client id Sidecar wrote into this body, or null: only the last non-empty
 * line counts, and only when it is exactly Sidecar's marker.
 */
export function ownClientId(body: string | null | undefined): string | null {
  if (!body) return null;
  const lines = bodyText(body).split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.replace(/\u00a0/g, ' ').trim();
    if (!line) continue;
    return MARKER_LINE.exec(line)?.[1] ?? null;
  }
  return null;
}

/** The client id at the very end of a Salesforce title or subject, or null. */
export function titleClientId(title: string | null | undefined): string | null {
  return title ? (TITLE_END.exec(title.trimEnd())?.[1] ?? null) : null;
}

/**
 * The body without Sidecar's own last lines: the marker, and the ratings block
 * line right before it (note-block.ts). A quoted marker in the text stays: it
 * is the user's text.
 */
export function withoutOwnMarker(text: string): string {
  const lines = text.split('\n');
  const lastContent = () => {
    let end = lines.length;
    while (end > 0 && !lines[end - 1]!.trim()) end--;
    return end - 1;
  };
  const marker = lastContent();
  if (marker >= 0 && MARKER_LINE.test(lines[marker]!.replace(/\u00a0/g, ' ').trim())) {
    lines.splice(marker);
    const block = lastContent();
    if (block >= 0 && /^Sidecar ratings:/.test(lines[block]!.replace(/\u00a0/g, ' ').trim())) lines.splice(block);
  }
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The title without its own marker suffix. */
export function titleWithoutMarker(title: string): string {
  return title.trimEnd().replace(/\s*\(Sidecar ID: [A-Za-z0-9][A-Za-z0-9-]{7,63}\)$/, '').trim();
}

/** C0 controls (but tab and line breaks) and DEL: a ContentNote with them fails to save, and no person typed them on purpose. */
export function stripControlChars(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '');
}
