import { expect, test } from 'vitest';
import { relativeAge } from './index';

const now = Date.parse('2026-11-23T12:00:00Z');
test.each([
  ['en', '2026-11-23T11:59:30Z', 'this minute'],
  ['en', '2026-11-23T11:55:00Z', '5 minutes ago'],
  ['en', '2026-11-23T09:00:00Z', '3 hours ago'],
  ['en', '2026-11-21T12:00:00Z', '2 days ago'],
  ['ja', '2026-11-23T11:55:00Z', '5 分前'],
  ['ja', '2026-11-22T12:00:00Z', '昨日'],
  ['en', 'not a date', ''],
] as const)('%s %s → %s', (locale, iso, expected) => {
  expect(relativeAge(locale, iso, now)).toBe(expected);
});
