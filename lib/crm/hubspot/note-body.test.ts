import { describe, expect, test } from 'vitest';
import { sanitiseNoteHtml } from '../../../tests/mocks/hubspot-server.ts';
import { escapeHtml, HUBSPOT_NOTE_MAX, noteBodyHtml, readClientId, type NoteBodyInput } from './note-body.ts';

const ID = '0d9e7c1a-1111-4222-8333-444455556666';
const input = (over: Partial<NoteBodyInput> = {}): NoteBodyInput => ({ text: '', ratings: [], clientId: ID, locale: 'en', ...over });
const html = (over: Partial<NoteBodyInput> = {}) => {
  const r = noteBodyHtml(input(over));
  if (!r.ok) throw new Error(r.error.message.en);
  return r.value;
};

describe('escapeHtml', () => {
  test.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['</p><script>alert(1)</script>', '&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`"quoted" & 'single'`, '&quot;quoted&quot; &amp; &#39;single&#39;'],
    ['&lt; already escaped', '&amp;lt; already escaped'],
    ['日本語はそのまま', '日本語はそのまま'],
  ])('%s', (raw, escaped) => {
    expect(escapeHtml(raw)).toBe(escaped);
  });
});

describe('noteBodyHtml', () => {
  test.each(['<img src=x onerror=alert(1)>', '</p><script>alert(1)</script>', '<a href="javascript:alert(1)">x</a>'])('user text %s cannot add markup', (text) => {
    const out = html({ text, touchpoint: text, ratings: [{ id: 'promotion', label: text, value: 1, max: 5 }] });
    // Only our own tags remain.
    const tags = [...out.matchAll(/<\/?([a-z]+)/gi)].map((m) => m[1]!.toLowerCase());
    expect(new Set(tags)).toEqual(new Set(['p', 'strong', 'br']));
    expect(out).not.toMatch(/<(img|script|a)\b/i);
  });

  test('line breaks become <br>, CRLF included', () => {
    expect(html({ text: 'one\r\ntwo\nthree' })).toContain('<p>one<br>two<br>three</p>');
  });

  test('ratings are a readable block, then Sidecar\'s block line, the Sidecar ID the last line', () => {
    const out = html({ text: 'Kick-off', touchpoint: 'Onboarding call', ratings: [{ id: 'adoption', label: 'Adoption', value: 4, max: 5 }, { id: 'relationship', label: 'Relationship', value: 2, max: 5 }], pack: { id: 'sidecar-default', version: '3' } });
    expect(out).toMatch(
      new RegExp(
        '^<p><strong>Touchpoint:</strong> Onboarding call</p><p>Kick-off</p><p><strong>Ratings</strong><br>Adoption: ★★★★☆ 4 / 5<br>Relationship: ★★☆☆☆ 2 / 5</p>' +
          `<p>Sidecar ratings: adoption=4 relationship=2 · pack sidecar-default 3 · check [0-9a-f]{8}</p><p>Sidecar ID: ${ID}</p>$`,
      ),
    );
  });

  test('Japanese headings, and the marker stays the same in every locale', () => {
    const out = html({ locale: 'ja', touchpoint: '定例会', ratings: [{ id: 'adoption', label: '活用度', value: 3, max: 4 }] });
    expect(out).toContain('<strong>タッチポイント:</strong> 定例会');
    expect(out).toContain('<strong>評価</strong><br>活用度: ★★★☆ 3 / 4');
    expect(readClientId(out)).toBe(ID);
  });

  test('the marker survives the sanitiser, which strips attributes and comments', () => {
    expect(readClientId(sanitiseNoteHtml(html({ text: '<!-- x --> hi' })))).toBe(ID);
  });

  test('exactly 65,536 characters is accepted; one more is a clear validation error', () => {
    const overhead = html({ text: 'x' }).length - 1;
    const fits = noteBodyHtml(input({ text: 'x'.repeat(HUBSPOT_NOTE_MAX - overhead) }));
    expect(fits.ok && fits.value.length).toBe(HUBSPOT_NOTE_MAX);
    const over = noteBodyHtml(input({ text: 'x'.repeat(HUBSPOT_NOTE_MAX - overhead + 1) }));
    expect(over).toMatchObject({ ok: false, error: { kind: 'validation', fields: ['hs_note_body'] } });
    if (!over.ok) {
      expect(over.error.message.en).toContain('65,536');
      expect(over.error.message.ja).toContain('65,536');
    }
  });

  test('escaping counts toward the cap: 20,000 "<" are 80,000 characters of HTML', () => {
    expect(noteBodyHtml(input({ text: '<'.repeat(20_000) })).ok).toBe(false);
  });

  test.each(['', 'short', 'has space in it', "quote'd-id-123"])('refuses client id %j', (clientId) => {
    expect(noteBodyHtml(input({ clientId })).ok).toBe(false);
  });
});
