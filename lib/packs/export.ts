// Handing the installed pack to the team (issue 18): as the file CS Ops serves at the team's pack
// URL, or as the policy JSON IT pastes (Linux's managed-policy file: 3rdparty → extensions → <id>,
// read back by lib/team/policy.ts), each with its version, its SHA-256 (what packSha256 pins, over
// the exact bytes Sidecar will hash: lib/team/pack-source.ts) and the diff from the version before.
import type { ConfigPack, Locale } from '../engine/types.ts';
import { sha256Hex } from '../team/pack-source.ts';
import { describeDiff, diffPacks } from './diff.ts';

export type ExportTarget = 'url' | 'policy' | 'admin-console';

export interface PackExport {
  target: ExportTarget;
  fileName: string;
  /** The file's text, byte for byte what was hashed (UTF-8). */
  text: string;
  /** SHA-256 of the pack's bytes: the URL file itself, or the policy's `pack` string. */
  sha256: string;
  version: string;
  previousVersion: string | null;
  /** The changes from the previous version, in words. */
  changes: string[];
  /** A short note to go with the file: version, hash, how to use it, the changes. */
  releaseNote: string;
}

/** The pack as served at a URL: indented JSON and a final newline. */
export function packFileText(pack: ConfigPack): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}

/** The policy file IT drops in the browser's policies/managed folder (or pastes, in the Admin console, as its `pack` value). */
export function policyFileText(pack: ConfigPack, extensionId: string): { text: string; packText: string } {
  // Compact: chrome://policy shows the value, and smaller is easier to paste.
  const packText = JSON.stringify(pack);
  const text = `${JSON.stringify({ '3rdparty': { extensions: { [extensionId]: { pack: packText } } } }, null, 2)}\n`;
  return { text, packText };
}

/**
 * The same policy for the Google Admin console (Chrome browser → Apps & extensions → Sidecar →
 * Policy for extensions), which takes each policy as `{ "<name>": { "Value": <value> } }`.
 */
export function adminConsoleText(pack: ConfigPack): { text: string; packText: string } {
  const packText = JSON.stringify(pack);
  return { text: `${JSON.stringify({ pack: { Value: packText } }, null, 2)}\n`, packText };
}

const WORDS = {
  en: {
    url: 'for the team pack URL',
    policy: 'for IT policy (3rdparty → extensions → {id})',
    adminConsole: 'for the Google Admin console (Policy for extensions of {id})',
    title: '{name} v{version}, exported {at} {for}',
    hash: 'SHA-256: {hash}',
    pinUrl: 'Serve this file as is at the pack URL. To pin it, IT sets packSha256 to the hash above.',
    pinPolicy: 'Linux: save as a .json file in /etc/opt/chrome/policies/managed/ (Chromium: /etc/chromium/policies/managed/). For the Google Admin console, use "Export for the Google Admin console" instead. The hash is that of the pack text.',
    pinAdminConsole: 'Google Admin console: Chrome browser → Apps & extensions → Users & browsers → Sidecar ({id}) → Policy for extensions: paste or upload this file. The hash is that of the pack text.',
    since: 'Changes since v{previous}:',
    none: 'No change in content since v{previous}.',
    first: 'No earlier version in this browser.',
  },
  ja: {
    url: 'チームのパック URL 用',
    policy: 'IT ポリシー用（3rdparty → extensions → {id}）',
    adminConsole: 'Google 管理コンソール用（{id} の拡張機能のポリシー）',
    title: '{name} v{version}（{at} に{for}として書き出し）',
    hash: 'SHA-256: {hash}',
    pinUrl: 'このファイルをそのままパック URL で公開してください。固定する場合は、IT 管理者が packSha256 に上記のハッシュを設定します。',
    pinPolicy: 'Linux: /etc/opt/chrome/policies/managed/（Chromium は /etc/chromium/policies/managed/）に .json ファイルとして保存します。Google 管理コンソールには「Google 管理コンソール用に書き出す」をお使いください。ハッシュはパックのテキストのものです。',
    pinAdminConsole: 'Google 管理コンソール: Chrome ブラウザ → アプリと拡張機能 → ユーザーとブラウザ → Sidecar（{id}）→ 拡張機能のポリシー に、このファイルの内容を貼り付けるかアップロードします。ハッシュはパックのテキストのものです。',
    since: 'v{previous} からの変更点:',
    none: 'v{previous} から内容の変更はありません。',
    first: 'このブラウザには以前のバージョンがありません。',
  },
} as const;

const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

export interface ExportInput {
  target: ExportTarget;
  pack: ConfigPack;
  /** The version installed before this one, if this browser kept it. */
  previous: ConfigPack | null;
  extensionId: string;
  locale: Locale;
  now: Date;
}

/** Build one export: the file, its hash, and the note that goes with it. */
export async function buildExport(input: ExportInput): Promise<PackExport> {
  const { pack, previous, locale, target } = input;
  const w = WORDS[locale];
  let text: string;
  let hashed: string;
  let fileName: string;
  if (target === 'url') {
    text = packFileText(pack);
    hashed = text;
    fileName = `${pack.id}-${pack.version}.json`;
  } else {
    const p = target === 'policy' ? policyFileText(pack, input.extensionId) : adminConsoleText(pack);
    text = p.text;
    hashed = p.packText;
    fileName = `${pack.id}-${pack.version}-${target}.json`;
  }
  const sha256 = await sha256Hex(new TextEncoder().encode(hashed));
  const changes = previous ? describeDiff(diffPacks(previous, pack), locale) : [];
  const at = input.now.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const lines = [
    fill(w.title, { name: pack.name, version: pack.version, at, for: fill(target === 'url' ? w.url : target === 'policy' ? w.policy : w.adminConsole, { id: input.extensionId }) }),
    fill(w.hash, { hash: sha256 }),
    target === 'url' ? w.pinUrl : target === 'policy' ? w.pinPolicy : fill(w.pinAdminConsole, { id: input.extensionId }),
    '',
    ...(previous
      ? changes.length
        ? [fill(w.since, { previous: previous.version }), ...changes.map((c) => `- ${c}`)]
        : [fill(w.none, { previous: previous.version })]
      : [w.first]),
  ];
  return { target, fileName, text, sha256, version: pack.version, previousVersion: previous?.version ?? null, changes, releaseNote: `${lines.join('\n')}\n` };
}
