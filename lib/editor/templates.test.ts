import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/default-pack/index';
import { MERGE_FIELDS } from '../engine/merge-fields';
import type { Template } from '../engine/types';
import { insertMergeField, MERGE_FIELD_NAMES, previewTemplate, sampleContext, unknownMergeFields } from './templates';

describe('insertMergeField', () => {
  test.each([
    ['Dear ', 5, 5, 'contact.lastName', 'Dear {{contact.lastName}}', 25],
    ['Hello NAME!', 6, 10, 'company.name', 'Hello {{company.name}}!', 22],
    ['', 0, 0, 'csm.name', '{{csm.name}}', 12],
    ['abc', 99, 120, 'csm.name', 'abc{{csm.name}}', 15],
    ['abc', 2, 1, 'csm.name', 'ab{{csm.name}}c', 14],
  ])('%j [%i,%i) + %s', (text, start, end, field, out, caret) => {
    expect(insertMergeField(text, start, end, field)).toEqual({ text: out, caret });
  });
});

test.each([
  ['{{company.name}} {{company.nam}} {{ foo }} {{company.nam}}', ['company.nam', 'foo']],
  ['no fields', []],
  ['{{csm.name}}', []],
])('unknownMergeFields(%j)', (text, expected) => expect(unknownMergeFields(text)).toEqual(expected));

test('the sample fills every merge field the engine knows, in both languages', () => {
  const pack = defaultConfigPack('ja');
  for (const locale of ['ja', 'en'] as const) {
    const t: Template = { id: 't', kind: 'email', title: { en: 'x' }, subject: { ja: 's', en: 's' }, body: { [locale]: MERGE_FIELD_NAMES.map((f) => `{{${f}}}`).join('|') } };
    const out = previewTemplate(pack, t, locale);
    expect(out.missing).toEqual([]);
    expect(out.text).not.toContain('{{');
  }
  expect(MERGE_FIELD_NAMES).toEqual(Object.keys(MERGE_FIELDS));
  expect(sampleContext(pack, 'ja')).toMatchObject({ health: { band: '黄（注意）' }, maturity: { current: expect.any(String) } });
});

test('the preview renders each language from its own text and marks an unknown field as missing', () => {
  const pack = defaultConfigPack('en');
  const t: Template = { id: 't', kind: 'chat', title: { ja: 'タイトル', en: 'Title' }, body: { ja: '{{contact.lastName}}様 {{contact.nickname}}', en: 'Hi {{contact.firstName}}' } };
  expect(previewTemplate(pack, t, 'ja')).toEqual({ text: '山田様 ［contact.nickname］', missing: ['contact.nickname'] });
  expect(previewTemplate(pack, t, 'en')).toEqual({ text: 'Hi Anna', missing: [] });
});
