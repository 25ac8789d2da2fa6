// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { NoteView, PackView, RecordView } from '../lib/messages/protocol';
import { notes, pack, record } from './fixtures';

// The cards' fixtures must be what the background may send, or the tests prove nothing.
describe('fixtures match the protocol', () => {
  test.each([
    ['PackView', PackView, pack],
    ['RecordView', RecordView, record],
    ['NoteView', NoteView, notes[0]],
  ] as const)('%s', (_name, schema, value) => {
    const parsed = schema.safeParse(value);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });
});
