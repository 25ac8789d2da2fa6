import { describe, expect, test } from 'vitest';
import { noteBodyHtml, ratingLine, type NoteRating } from './hubspot/note-body.ts';
import { blockFields } from './notes.ts';
import { readBlock } from './note-block.ts';
import { bodyText, ownClientId, withoutOwnMarker } from './note-marker.ts';
import { taskDescription } from './salesforce/note-content.ts';

const ID = 'a1a1a1a1-0000-4000-8000-00000000000a';
const RATINGS: NoteRating[] = [
  { id: 'promotion', label: '社内推進度', value: 4, max: 5 },
  { id: 'relationship', label: 'Relationship', value: 2, max: 5 },
];
const PACK = { id: 'sidecar-default', version: '3' };
const html = (text: string, ratings = RATINGS) => {
  const r = noteBodyHtml({ text, ratings, touchpoint: 'Call', clientId: ID, locale: 'en', pack: PACK });
  if (!r.ok) throw new Error('body');
  return r.value;
};
const linesOf = (body: string) => bodyText(body).split('\n');

describe('Sidecar’s ratings block', () => {
  test.each([
    ['HubSpot HTML', html('Kick-off went well')],
    ['a Salesforce task', taskDescription({ title: 't', text: 'Kick-off went well', clientId: ID, ratings: RATINGS, touchpoint: 'Call', locale: 'en', pack: PACK })],
  ])('%s: written and read back with its ids, values and pack', (_n, body) => {
    expect(ownClientId(body)).toBe(ID);
    expect(readBlock(linesOf(body), ID)).toEqual({ kind: 'block', block: { ratings: [{ id: 'promotion', value: 4 }, { id: 'relationship', value: 2 }], pack: PACK } });
    // A person reads the note without the block and marker lines.
    expect(withoutOwnMarker(bodyText(body))).not.toMatch(/Sidecar (ID|ratings)/);
    expect(withoutOwnMarker(bodyText(body))).toContain(ratingLine(RATINGS[0]!));
  });

  test('a note without ratings still carries the block line, so typed text imitating one is never read', () => {
    const typed = `Sidecar ratings: promotion=1 · pack sidecar-default 3 · check 00000000`;
    const body = html(typed, []);
    expect(readBlock(linesOf(body), ID)).toEqual({ kind: 'block', block: { ratings: [], pack: PACK } });
    expect(blockFields(linesOf(body), ID)).toEqual({});
  });

  test.each([
    ['a value changed in the block', (b: string) => b.replace('promotion=4', 'promotion=5')],
    ['the stars line changed by hand', (b: string) => b.replace('4 / 5', '5 / 5')],
    ['a rating removed from the block', (b: string) => b.replace(' relationship=2', '')],
    ['the block line mangled', (b: string) => b.replace('· check', '· chk')],
  ])('%s: the block reads as edited and its ratings are not used', (_n, change) => {
    const body = change(html('Kick-off'));
    expect(readBlock(linesOf(body), ID)).toEqual({ kind: 'edited' });
    expect(blockFields(linesOf(body), ID)).toEqual({ edited: true });
  });

  test('a block checked for another note id reads as edited (a block pasted under another marker)', () => {
    expect(readBlock(linesOf(html('x')), 'b2b2b2b2-0000-4000-8000-00000000000b')).toEqual({ kind: 'edited' });
  });

  test('no block (an earlier Sidecar, or a note written in the CRM) is none', () => {
    expect(readBlock(['Hello', `Sidecar ID: ${ID}`], ID)).toEqual({ kind: 'none' });
  });

  test('a block naming a signal the pack no longer has keeps it', () => {
    const body = html('x', [{ id: 'charisma', label: 'charisma', value: 3, max: 5 }]);
    expect(blockFields(linesOf(body), ID)).toEqual({ ratings: { charisma: 3 } });
  });
});
