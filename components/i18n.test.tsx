// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { en } from '../lib/i18n/en';
import { createI18n, hasCatalog, loadCatalog, resolveLocale, translate } from '../lib/i18n/index';
import { ja } from '../lib/i18n/ja';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  test('Japanese and English have the same keys, each with the same placeholders', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    const mismatched = (Object.keys(en) as Array<keyof typeof en>).filter((k) => placeholders(en[k]).join() !== placeholders(ja[k]).join());
    expect(mismatched).toEqual([]);
  });

  test('no Japanese string is left in English', () => {
    const untranslated = (Object.keys(en) as Array<keyof typeof en>).filter((k) => ja[k] === en[k] && /[a-z]{4,}/.test(en[k]) && !/^(Sidecar|HubSpot|Salesforce|CSV|English|Lv\.\{n\})/.test(en[k]));
    expect(untranslated).toEqual([]);
  });

  test.each([
    ['auto', 'ja-JP', 'ja'],
    ['auto', 'ja', 'ja'],
    ['auto', 'en-US', 'en'],
    ['auto', 'fr-FR', 'en'],
    ['auto', undefined, 'en'],
    ['ja', 'en-US', 'ja'],
    ['en', 'ja-JP', 'en'],
  ] as const)('resolveLocale(%s, %s) → %s', (setting, browser, expected) => {
    expect(resolveLocale(setting, browser)).toBe(expected);
  });

  test('catalogs load on demand, one language at a time', async () => {
    expect(translate('ja', 'notes.title')).toBe('notes.title');
    await loadCatalog('ja');
    expect(hasCatalog('ja')).toBe(true);
    expect(translate('ja', 'notes.title')).toBe('メモ');
    await loadCatalog('en');
  });

  test('interpolation fills named values and leaves unknown ones visible', () => {
    expect(translate('en', 'health.points', { n: '+3' })).toBe('+3 pts');
    expect(translate('ja', 'template.copied', { title: '定期フォロー' })).toBe('「定期フォロー」をコピーしました');
    expect(translate('en', 'header.asOf')).toBe('As of {time}');
  });

  test('pack texts are picked by locale, falling back to the other', () => {
    expect(createI18n('ja').text({ ja: '良好', en: 'Healthy' })).toBe('良好');
    expect(createI18n('en').text({ ja: '良好', en: '' })).toBe('良好');
  });

  test('dates: calendar days stay on their day; locale formats', () => {
    expect(createI18n('en').date('2026-03-20')).toBe('Mar 20, 2026');
    expect(createI18n('ja').date('2026-03-20')).toBe('2026年3月20日');
  });
});
