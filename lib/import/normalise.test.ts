import { describe, expect, test } from 'vitest';
import { keyOf, normaliseKey, type KeyKind } from './normalise.ts';

describe('normaliseKey', () => {
  test.each<[KeyKind, string, string]>([
    // CRM ids: HubSpot company ids are digits; Salesforce Account ids become 18 characters.
    ['crmId', '123', 'crmid:123'],
    ['crmId', ' １２３ ', 'crmid:123'],
    ['crmId', '001D000000IRFma', 'sfid:001D000000IRFmaIAH'],
    ['crmId', '001D000000IRFmaIAH', 'sfid:001D000000IRFmaIAH'],
    ['crmId', '001d000000irfmaiah', 'sfid:001D000000IRFmaIAH'],
    ['crmId', '００１Ｄ００００００ＩＲＦｍａ', 'sfid:001D000000IRFmaIAH'],
    // Domains: lowercase, no scheme, no www, no path, port or trailing dot.
    ['domain', 'acme.co.jp', 'domain:acme.co.jp'],
    ['domain', 'https://www.Acme.co.jp/about?x=1', 'domain:acme.co.jp'],
    ['domain', 'ＡＣＭＥ．ＣＯ．ＪＰ', 'domain:acme.co.jp'],
    ['domain', 'http://acme.co.jp:8080', 'domain:acme.co.jp'],
    ['domain', 'acme.co.jp.', 'domain:acme.co.jp'],
    ['domain', 'taro@acme.co.jp', 'domain:acme.co.jp'],
    ['domain', 'WWW.ACME.COM', 'domain:acme.com'],
    ['domain', '例え.jp', 'domain:例え.jp'],
    // Names: width, case and spaces folded; legal forms dropped in either language.
    ['name', 'Acme', 'name:acme'],
    ['name', 'ＡＣＭＥ', 'name:acme'],
    ['name', '  Acme   Holdings ', 'name:acme holdings'],
    ['name', 'Acme Inc.', 'name:acme'],
    ['name', 'Acme, Inc.', 'name:acme'],
    ['name', 'Acme Co., Ltd.', 'name:acme'],
    ['name', 'ACME CO.,LTD.', 'name:acme'],
    ['name', 'Acme Corporation', 'name:acme'],
    ['name', 'Acme K.K.', 'name:acme'],
    ['name', 'Acme Ltd', 'name:acme'],
    ['name', '株式会社アクメ', 'name:アクメ'],
    ['name', 'アクメ株式会社', 'name:アクメ'],
    ['name', 'アクメ 株式会社', 'name:アクメ'],
    ['name', '㈱アクメ', 'name:アクメ'],
    ['name', '（株）アクメ', 'name:アクメ'],
    ['name', 'アクメ(株)', 'name:アクメ'],
    ['name', '有限会社アクメ', 'name:アクメ'],
    ['name', 'ｱｸﾒ', 'name:アクメ'],
    // Word boundaries: only a separate word is a legal form.
    ['name', 'Tesco', 'name:tesco'],
    ['name', 'Costco Inc', 'name:costco'],
    // A name that is nothing but a legal form is kept rather than emptied.
    ['name', '株式会社', 'name:株式会社'],
  ])('%s %j → %s', (kind, raw, key) => {
    expect(normaliseKey(kind, raw)).toBe(key);
  });

  test.each<[KeyKind, string, string]>([
    ['crmId', '', 'key_empty'],
    ['crmId', '　', 'key_empty'],
    ['crmId', 'abc', 'key_invalid_crm'],
    ['crmId', '12-34', 'key_invalid_crm'],
    ['crmId', '006D000000IRFma', 'key_not_account'],
    ['crmId', '001D000000IRFma5AH', 'key_invalid_crm'],
    ['domain', 'acme', 'key_invalid_domain'],
    ['domain', 'not a domain.com', 'key_invalid_domain'],
    ['domain', 'https://', 'key_invalid_domain'],
    ['name', '   ', 'key_empty'],
  ])('%s %j is refused (%s)', (kind, raw, code) => {
    const key = keyOf(kind, raw);
    expect(key.ok ? null : key.issue.code).toBe(code);
    expect(normaliseKey(kind, raw)).toBeNull();
  });

  test('full-width and half-width spellings of one company meet', () => {
    expect(normaliseKey('name', 'ＡＣＭＥ　ＣＯ．，ＬＴＤ．')).toBe(normaliseKey('name', 'Acme Co., Ltd.'));
    expect(normaliseKey('domain', 'ｗｗｗ．ａｃｍｅ．ｃｏ．ｊｐ')).toBe(normaliseKey('domain', 'acme.co.jp'));
  });
});
