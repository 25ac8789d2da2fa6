// The deployable Salesforce metadata package (issue 16, item 5) for orgs where the connected user
// may not create fields (no "Customize Application"): Metadata API format, so an admin deploys it
// with Workbench (Migration → Deploy) or `sf project deploy start --metadata-dir`. It holds the
// Account fields Sidecar lacks, the two permission sets (read for CSMs, edit for the publisher)
// and a README in ja and en. Pure: text in, a zip out.
import type { Locale } from '../engine/types.ts';
import type { PublishedField } from './fields.ts';
import { PERMISSION_SETS, salesforceFieldMetadata } from './setup.ts';
import { zip, type ZipEntry } from './zip.ts';

export const PACKAGE_API_VERSION = '67.0';
const NS = 'http://soap.sforce.com/2006/04/metadata';

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const tag = (name: string, value: string | number | boolean, indent: string) => `${indent}<${name}>${xmlEscape(String(value))}</${name}>`;

export function packageXml(create: readonly PublishedField[]): string {
  const fields = create.map((f) => tag('members', `Account.${f.salesforce}`, '        '));
  const sets = [PERMISSION_SETS.publish.Name, PERMISSION_SETS.read.Name].map((n) => tag('members', n, '        '));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Package xmlns="${NS}">`,
    ...(fields.length ? ['    <types>', ...fields, '        <name>CustomField</name>', '    </types>'] : []),
    '    <types>',
    ...sets,
    '        <name>PermissionSet</name>',
    '    </types>',
    tag('version', PACKAGE_API_VERSION, '    '),
    '</Package>',
    '',
  ].join('\n');
}

/** objects/Account.object: only the new fields (a deploy adds them; the Account's other fields stay). */
export function accountObjectXml(create: readonly PublishedField[], locale: Locale): string {
  const fields = create.flatMap((f) => {
    const m = salesforceFieldMetadata(f, locale);
    return [
      '    <fields>',
      tag('fullName', f.salesforce, '        '),
      tag('description', m.description, '        '),
      tag('externalId', false, '        '),
      tag('label', m.label, '        '),
      ...(m.length !== undefined ? [tag('length', m.length, '        ')] : []),
      ...(m.precision !== undefined ? [tag('precision', m.precision, '        ')] : []),
      tag('required', false, '        '),
      ...(m.scale !== undefined ? [tag('scale', m.scale, '        ')] : []),
      tag('type', m.type, '        '),
      '    </fields>',
    ];
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<CustomObject xmlns="${NS}">`, ...fields, '</CustomObject>', ''].join('\n');
}

export function permissionSetXml(label: string, fields: readonly string[], editable: boolean): string {
  const perms = fields.flatMap((name) => ['    <fieldPermissions>', tag('editable', editable, '        '), tag('field', `Account.${name}`, '        '), tag('readable', true, '        '), '    </fieldPermissions>']);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<PermissionSet xmlns="${NS}">`, ...perms, tag('hasActivationRequired', false, '    '), tag('label', label, '    '), '</PermissionSet>', ''].join('\n');
}

const README = `Sidecar: Salesforce fields and permission sets / Salesforce の項目と権限セット

English
1. Ask an admin with "Customize Application" and "Modify Metadata" to deploy this zip as it is:
   Workbench → Migration → Deploy (check "Single Package"), or
   sf project deploy start --metadata-dir <folder of this zip, unzipped> --target-org <org>.
2. Setup → Permission Sets: assign "Sidecar: read published fields" (Sidecar_Read) to every CSM,
   and "Sidecar: publish (edit) fields" (Sidecar_Publish) to the CS Ops user who publishes.
3. In Sidecar, Options → Publish: "Check the CRM" again. Every field should be "present".
Nothing in the package changes an existing field; a field of the wrong type is left for you to rename.

日本語
1. 「アプリケーションのカスタマイズ」と「メタデータの編集」権限を持つ管理者に、この zip をそのままデプロイしてもらってください。
   Workbench → Migration → Deploy（「Single Package」にチェック）、または
   sf project deploy start --metadata-dir <展開したフォルダ> --target-org <組織>
2. 設定 → 権限セットで、「Sidecar: read published fields」（Sidecar_Read）をすべての CSM に、
   「Sidecar: publish (edit) fields」（Sidecar_Publish）を公開を行う CS Ops のユーザーに割り当ててください。
3. Sidecar のオプション → 公開で「CRM を確認」をもう一度押してください。すべての項目が「あり」になれば完了です。
既存の項目は変更しません。型の異なる既存項目は、名前を変えるなどの対応をお願いします。
`;

/** The package's files: package.xml, the Account's new fields, the two permission sets, a README. */
export function metadataPackage(create: readonly PublishedField[], grant: readonly string[], locale: Locale): ZipEntry[] {
  const all = [...new Set([...grant, ...create.map((f) => f.salesforce)])];
  return [
    { name: 'sidecar/package.xml', text: packageXml(create) },
    ...(create.length ? [{ name: 'sidecar/objects/Account.object', text: accountObjectXml(create, locale) }] : []),
    { name: `sidecar/permissionsets/${PERMISSION_SETS.read.Name}.permissionset`, text: permissionSetXml(PERMISSION_SETS.read.Label, all, false) },
    { name: `sidecar/permissionsets/${PERMISSION_SETS.publish.Name}.permissionset`, text: permissionSetXml(PERMISSION_SETS.publish.Label, all, true) },
    { name: 'sidecar/README.txt', text: README },
  ];
}

export function metadataPackageZip(create: readonly PublishedField[], grant: readonly string[], locale: Locale): Uint8Array {
  return zip(metadataPackage(create, grant, locale));
}
