// Sidecar's own block in a CRM note: the ratings a CSM gave, readable by a
// person and by every teammate's Sidecar. It sits after the escaped user text,
// as the line right before the marker (note-marker.ts):
//
//   Sidecar ratings: promotion=4 relationship=3 · pack sidecar-default 3 · check 1a2b3c4d
//
// Sidecar writes this line on every note (`Sidecar ratings: none` without
// ratings), so the line before the marker is always its own: text typed to
// look like it sits higher up and is never read. The check covers the note's
// id, the ratings, the pack and the human "Ratings" lines above, so a block
// edited by hand in the CRM (numbers or stars) reads as edited and is ignored.
// A deliberate forger with CRM write access can recompute it: out of scope.

export interface BlockRating {
  id: string;
  value: number;
}

export interface NoteBlock {
  ratings: BlockRating[];
  /** The pack that named the ratings: id and version. */
  pack: { id: string; version: string } | null;
}

export type ReadBlock =
  /** Sidecar's block, intact. */
  | { kind: 'block'; block: NoteBlock }
  /** Sidecar's block, changed by hand since: not to be trusted. */
  | { kind: 'edited' }
  /** No block (a note written elsewhere, or by an earlier Sidecar). */
  | { kind: 'none' };

const LINE = /^Sidecar ratings: (.+?) · pack (\S+) (\S+) · check ([0-9a-f]{8})$/;
const ANY_BLOCK_LINE = /^Sidecar ratings:/;
const RATING = /^([a-z][a-z0-9_]*)=(\d{1,3})$/;

/** FNV-1a, 32 bits: a check against hand edits, not against forgers. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function check(clientId: string, ratings: string, packId: string, version: string, humanLines: readonly string[]): string {
  return fnv1a([clientId, ratings, packId, version, ...humanLines.map(squash)].join('\n'));
}

/** The block line for a note. `humanLines` are the readable rating lines written above it ("Relationship: ★★★★☆ 4 / 5"). */
export function blockLine(clientId: string, block: NoteBlock, humanLines: readonly string[]): string {
  const ratings = block.ratings.length ? block.ratings.map((r) => `${r.id}=${r.value}`).join(' ') : 'none';
  const packId = block.pack?.id ?? '-';
  const version = block.pack?.version ?? '-';
  return `Sidecar ratings: ${ratings} · pack ${packId} ${version} · check ${check(clientId, ratings, packId, version, humanLines)}`;
}

/**
 * The block of a note body already turned into text lines (note-marker's
 * bodyText): the line right before the last line, which must be this note's
 * own marker (the caller has checked `clientId` is that marker's id).
 * `humanLines` are the lines between the "Ratings" heading and the block.
 */
export function readBlock(lines: readonly string[], clientId: string): ReadBlock {
  const content = lines.map((l) => l.replace(/\u00a0/g, ' ').trim()).filter(Boolean);
  const at = content.length - 2;
  const line = content[at];
  if (line === undefined || !ANY_BLOCK_LINE.test(line)) return { kind: 'none' };
  const m = LINE.exec(line);
  if (!m) return { kind: 'edited' };
  const [, ratingsText, packId, version, sum] = m as unknown as [string, string, string, string, string];
  // The human lines: from the Ratings heading (its own line, no colon value) to the block.
  const human: string[] = [];
  if (ratingsText !== 'none') {
    for (let i = at - 1; i >= 0 && /: .*\d+ \/ \d+$/.test(content[i]!); i--) human.unshift(content[i]!);
  }
  if (check(clientId, ratingsText, packId, version, human) !== sum) return { kind: 'edited' };
  const ratings: BlockRating[] = [];
  if (ratingsText !== 'none') {
    for (const part of ratingsText.split(' ')) {
      const r = RATING.exec(part);
      if (!r) return { kind: 'edited' };
      ratings.push({ id: r[1]!, value: Number(r[2]) });
    }
  }
  return { kind: 'block', block: { ratings, pack: packId === '-' ? null : { id: packId, version } } };
}
