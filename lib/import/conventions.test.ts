import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { message, type IssueCode } from './messages.ts';

// The import library runs in the options page, in the background and under
// Node's --experimental-strip-types (the bench): these keep it able to.

const here = new URL('.', import.meta.url).pathname;
const sources = readdirSync(here, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => [f, readFileSync(join(here, f), 'utf8')] as const);
const imports = (text: string): string[] => [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);

describe('lib/import conventions', () => {
  test.each(sources)('%s imports relative files with their .ts extension', (_file, text) => {
    for (const spec of imports(text).filter((s) => s.startsWith('.'))) expect(spec).toMatch(/\.ts$/);
  });

  test.each(sources)('%s imports only zod, papaparse and its neighbours', (_file, text) => {
    for (const spec of imports(text)) {
      expect(spec).not.toMatch(/engine|react|wxt|dexie|#imports|^@\//);
      if (!spec.startsWith('.')) expect(['zod', 'papaparse']).toContain(spec);
    }
  });

  test.each(sources)('%s uses only syntax that types can be stripped from', (_file, text) => {
    expect(text).not.toMatch(/^\s*(?:export\s+)?(?:const\s+)?enum\s/m);
    expect(text).not.toMatch(/^\s*(?:export\s+)?namespace\s/m);
    expect(text).not.toMatch(/constructor\([^)]*\b(?:private|public|protected|readonly)\s/);
  });
});

describe('messages', () => {
  const codes = [...readFileSync(join(here, 'messages.ts'), 'utf8').matchAll(/^\s+\| '([a-z_]+)'/gm)].map((m) => m[1] as IssueCode);
  const params = { row: 12, firstRow: 3, column: 'Col', index: 2, firstIndex: 1, value: 'x', found: 3, expected: 2, count: 5, signalId: 'nps', detail: 'd', kind: 'name' };

  test('the list of codes was read', () => expect(codes.length).toBeGreaterThan(20));

  test.each(codes)('%s has an English and a Japanese text, with every placeholder filled', (code) => {
    const en = message({ code, params }, 'en');
    const ja = message({ code, params }, 'ja');
    for (const text of [en, ja]) {
      expect(text.length).toBeGreaterThan(20);
      expect(text).not.toMatch(/undefined|\$\{/);
    }
    expect(ja).toMatch(/[ぁ-んァ-ン一-龯]/);
    // The one Japanese an English text may hold is a value the user can type.
    expect(en.replace('はい/いいえ', '')).not.toMatch(/[ぁ-んァ-ン一-龯]/);
  });
});
