import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { errorCatalogues, errorsEn, errorText, type ErrorKey } from './errors';

const keys = Object.keys(errorsEn) as ErrorKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Every .ts/.tsx source under lib/, entrypoints/ and components/, tests excluded. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}
const code = ['lib', 'entrypoints', 'components'].flatMap(sources).filter((p) => !p.endsWith(join('i18n', 'errors.ts')));
const allCode = code.map((p) => readFileSync(p, 'utf8')).join('\n');

describe('the error catalogue', () => {
  test.each(keys)('%s reads in both languages with the same parameters', (key) => {
    const en = errorCatalogues.en[key];
    const ja = errorCatalogues.ja[key];
    expect(en.trim().length).toBeGreaterThan(10);
    expect(ja.trim().length).toBeGreaterThan(5);
    expect(placeholders(ja)).toEqual(placeholders(en));
    expect(ja).toMatch(JAPANESE);
    // Rendered with every parameter given, nothing is left in braces.
    const params = Object.fromEntries(placeholders(en).map((p) => [p, `<${p}>`]));
    for (const locale of ['en', 'ja'] as const) expect(errorText(key, params, locale)).not.toMatch(/\{\w+\}/);
  });

  test.each(keys)('%s is raised somewhere in the code', (key) => {
    expect(allCode.includes(`'${key}'`)).toBe(true);
  });

  test('errors are raised from the catalogue only: no hand-written SidecarError message and no language switch in the background or the CRM clients', () => {
    const offenders: string[] = [];
    for (const path of code) {
      if (!/[/\\](background|crm)[/\\]/.test(path)) continue;
      const text = readFileSync(path, 'utf8');
      if (/new SidecarError\(\s*'[^']+',\s*[`'"]/.test(text)) offenders.push(`${path}: new SidecarError with a literal message`);
      if (/locale(\(\))? === 'ja'\s*\?\s*[`'"]/.test(text)) offenders.push(`${path}: a ja/en switch`);
      if (/crmErrors\.invalid\([^)]*\{\s*en:/.test(text)) offenders.push(`${path}: an inline {en, ja} message`);
      if (/message\.en\)|message\.en\b[^:]/.test(text) && !path.endsWith('http.ts')) offenders.push(`${path}: logic reading an English message`);
    }
    expect(offenders).toEqual([]);
  });
});
