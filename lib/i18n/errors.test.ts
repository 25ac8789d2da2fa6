import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/default-pack/index.ts';
import { PACK_ERROR_KEYS, PACK_WORDS } from '../engine/pack-errors.ts';
import { parseConfigPack } from '../engine/parse.ts';
import type { ConfigPack } from '../engine/types.ts';
import { errorCatalogues, errorsEn, errorText, packWords, pathErrorText, renderPathErrors, type ErrorKey } from './errors';

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
// The list of the engine's pack keys names them all, so it is no proof that one is raised; the
// catalogue's own renderers (after the catalogues) do raise the keys they wrap.
const catalogue = readFileSync(join('lib', 'i18n', 'errors.ts'), 'utf8');
const allCode = [
  ...code.filter((p) => !p.endsWith(join('engine', 'pack-errors.ts'))).map((p) => readFileSync(p, 'utf8')),
  catalogue.slice(catalogue.indexOf('export const errorCatalogues')),
].join('\n');

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

describe('the config pack’s errors', () => {
  test('every key the engine can raise is in the catalogue, in both languages', () => {
    for (const key of PACK_ERROR_KEYS) {
      expect(errorCatalogues.en[key], key).toBeTruthy();
      expect(errorCatalogues.ja[key], key).toMatch(JAPANESE);
    }
  });

  test.each(PACK_WORDS)('the word "%s" reads in both languages', (word) => {
    expect(packWords.en[word]).toBeTruthy();
    expect(packWords.ja[word]).toBeTruthy();
    // A thing in the pack is named in Japanese; a JSON type may keep its JSON name (null).
    if (!['null'].includes(word)) expect(packWords.ja[word]).toMatch(JAPANESE);
    const rendered = errorText('pack.duplicate-id', { what: word, id: 'x' }, 'ja');
    expect(rendered).toContain(packWords.ja[word]);
  });

  // No hand-written words in the engine's checks: each raises a key (lib/engine/pack-errors.ts).
  test.each(['validate.ts', 'parse.ts', 'schema.ts'])('lib/engine/%s holds no message text', (file) => {
    const text = readFileSync(join('lib', 'engine', file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '')
      .replace(/\s\/\/.*$/gm, '');
    const literals = [...text.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)].map((m) => m[0].slice(1, -1));
    const words: readonly string[] = PACK_WORDS;
    // Prose is two words with a space between; the things a pack names ('touch model') are codes.
    const prose = literals.filter((l) => /[A-Za-z]{2,} [A-Za-z]{2,}/.test(l) && !words.includes(l));
    expect(prose).toEqual([]);
    expect(text).not.toMatch(/\bmessage:(?!\s*'pack\.)/);
  });

  // A bad pack, checked and rendered in Japanese: Japanese sentences, and no English sentence leaks.
  const ENGLISH = /\b(?:Use|Add|Give|Remove|Change|Expected|Missing|Unknown|Duplicate|Fix|Not|Wrong|Too|List|Point|Set|Make|The|This|It|is|are|must|needs?|one of|at least|add|use|change|instead)\b/;
  const mutated = (edit: (p: ConfigPack) => void): unknown => {
    const p = defaultConfigPack('ja');
    edit(p);
    return JSON.parse(JSON.stringify(p));
  };
  test.each<[string, unknown]>([
    ['not an object', 'pack'],
    ['no schemaVersion', { id: 'x' }],
    ['a future schemaVersion', { schemaVersion: 9 }],
    ['a bad v1 pack (before migration)', { schemaVersion: 1, id: 'x' }],
    ['a wrong type and a missing value', mutated((p) => (((p.scorecards[0]!.measures[0] as { weight: unknown }).weight = 'high'), delete (p.scorecards[0] as { id?: string }).id))],
    ['a fraction for a level', mutated((p) => (p.maturity.levels[0]!.level = 1.5))],
    ['a misspelt key and an unknown kind', mutated((p) => (((p as Record<string, unknown>)['playbok'] = []), ((p.signals[0]!.source as { kind: string }).kind = 'ldap')))],
    ['an unknown enum value and an id with a space', mutated((p) => (((p.templates[0] as { kind: string }).kind = 'fax'), (p.bands[0]!.id = 'at risk')))],
    ['unknown references', mutated((p) => ((p.scorecards[0]!.measures[0]!.signal = 'nps2'), (p.playbook[0]!.action.templateIds = ['nope']), (p.touch.default = 'zoom')))],
    ['duplicates', mutated((p) => ((p.maturity.levels[2]!.id = 'pilot'), (p.segments[1]!.id = 'enterprise'), (p.maturity.levels[1]!.level = 1)))],
    ['scoring and templates', mutated((p) => ((p.scorecards[0]!.measures[0]!.scoring = { kind: 'ranges', points: [{ value: 0, score: 100 }, { value: 100, score: 0 }] }), delete p.templates.find((t) => t.kind === 'email')!.subject, (p.templates[0]!.body.ja += '{{company.ceo}}')))],
    ['ratings, bands and weights', mutated((p) => (p.signals.find((s) => s.id === 'promotion')!.points!.pop(), (p.bands[2]!.min = 30), p.scorecards[1]!.measures.forEach((m) => (m.weight = 0))))],
  ])('%s', (_name, input) => {
    const r = parseConfigPack(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const { path, message } of renderPathErrors(r.errors, 'ja')) {
      expect(message, path).toMatch(JAPANESE);
      expect(message, path).not.toMatch(ENGLISH);
      expect(message, path).toMatch(/ください。$|ください）。$|。$/);
    }
    // The same errors in English say what to do too.
    for (const e of r.errors) expect(pathErrorText(e, 'en')).not.toMatch(JAPANESE);
  });
});
