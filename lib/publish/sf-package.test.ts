import { describe, expect, test } from 'vitest';
import { RESULT_FIELDS, signalField } from './fields.ts';
import { accountObjectXml, metadataPackage, metadataPackageZip, packageXml, permissionSetXml, xmlEscape } from './sf-package.ts';
import { crc32, toBase64, zip } from './zip.ts';

/** An independent reader of stored ZIP entries: local headers walked from the start, each CRC checked. */
function unzip(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, string>();
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    expect(view.getUint16(at + 8, true)).toBe(0);
    const crc = view.getUint32(at + 14, true);
    const size = view.getUint32(at + 18, true);
    const nameLen = view.getUint16(at + 26, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLen));
    const data = bytes.subarray(at + 30 + nameLen, at + 30 + nameLen + size);
    expect(crc32(data)).toBe(crc);
    out.set(name, new TextDecoder().decode(data));
    at += 30 + nameLen + size;
  }
  // The central directory follows, then the end record naming the entry count.
  const end = bytes.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  expect(view.getUint16(end + 10, true)).toBe(out.size);
  return out;
}

describe('zip', () => {
  test('crc32 has the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
  test('entries round-trip, UTF-8 names and text', () => {
    const files = unzip(zip([{ name: 'a.txt', text: 'hello' }, { name: 'ディレクトリ/b.xml', text: '<x>日本語</x>' }]));
    expect([...files]).toEqual([['a.txt', 'hello'], ['ディレクトリ/b.xml', '<x>日本語</x>']]);
  });
  test('base64 of bytes', () => {
    expect(toBase64(new Uint8Array([0, 255, 65]))).toBe('AP9B');
  });
});

describe('Salesforce metadata package', () => {
  const create = [RESULT_FIELDS.score, RESULT_FIELDS.band, signalField('trial', 'boolean')];
  test('package.xml lists each new field and both permission sets', () => {
    const xml = packageXml(create);
    expect(xml).toContain('<members>Account.Sidecar_Health_Score__c</members>');
    expect(xml).toContain('<name>CustomField</name>');
    expect(xml).toContain('<members>Sidecar_Read</members>');
    expect(xml).toContain('<members>Sidecar_Publish</members>');
    expect(xml).toMatch(/<version>\d+\.0<\/version>/);
    expect(packageXml([])).not.toContain('CustomField');
  });
  test('Account.object defines the fields with types, precision and length', () => {
    const xml = accountObjectXml(create, 'ja');
    expect(xml).toMatch(/<fullName>Sidecar_Health_Score__c<\/fullName>[\s\S]*?<precision>18<\/precision>[\s\S]*?<scale>2<\/scale>[\s\S]*?<type>Number<\/type>/);
    expect(xml).toMatch(/<fullName>Sidecar_Health_Band__c<\/fullName>[\s\S]*?<length>255<\/length>[\s\S]*?<type>Text<\/type>/);
    expect(xml).toContain('<label>Sidecar ヘルススコア</label>');
  });
  test('permission sets: read-only for CSMs, editable for the publisher', () => {
    expect(permissionSetXml('R', ['A__c'], false)).toMatch(/<editable>false<\/editable>\s*<field>Account.A__c<\/field>\s*<readable>true<\/readable>/);
    expect(permissionSetXml('P', ['A__c'], true)).toContain('<editable>true</editable>');
  });
  test('the zip holds package.xml, the object, both sets and a README in both languages; grants include existing fields', () => {
    const files = unzip(metadataPackageZip(create, ['Sidecar_Pack_Id__c'], 'en'));
    expect([...files.keys()]).toEqual(['sidecar/package.xml', 'sidecar/objects/Account.object', 'sidecar/permissionsets/Sidecar_Read.permissionset', 'sidecar/permissionsets/Sidecar_Publish.permissionset', 'sidecar/README.txt']);
    expect(files.get('sidecar/permissionsets/Sidecar_Read.permissionset')).toContain('Account.Sidecar_Pack_Id__c');
    expect(files.get('sidecar/README.txt')).toContain('Workbench');
    expect(files.get('sidecar/README.txt')).toContain('権限セット');
    expect(metadataPackage([], ['X__c'], 'en').map((e) => e.name)).not.toContain('sidecar/objects/Account.object');
  });
  test('labels are escaped', () => {
    expect(xmlEscape(`a<b>&"'`)).toBe('a&lt;b&gt;&amp;&quot;&apos;');
  });
});
