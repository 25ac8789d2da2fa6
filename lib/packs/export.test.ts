import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/default-pack/index.ts';
import { parseConfigPack } from '../engine/parse.ts';
import type { ConfigPack } from '../engine/types.ts';
import { fetchPack, inlinePack } from '../team/pack-source.ts';
import { parsePolicy } from '../team/policy.ts';
import { buildExport } from './export.ts';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const NOW = new Date('2026-12-05T10:00:00Z');
// Installed packs are stored parsed (normalised): compare like with like.
const parsed = (edit: (p: ConfigPack) => void = () => {}): ConfigPack => {
  const p = defaultConfigPack('en');
  edit(p);
  const r = parseConfigPack(p);
  if (!r.ok) throw new Error('invalid');
  return r.pack;
};
const v1 = parsed();
const v2 = parsed((p) => {
  p.version = '1.1.0';
  p.scorecards[0]!.measures.find((m) => m.signal === 'nps')!.weight = 20;
});

describe('buildExport', () => {
  test('for the pack URL: the file Sidecar fetches, pinned by the hash it shows', async () => {
    const out = await buildExport({ target: 'url', pack: v2, previous: v1, extensionId: ID, locale: 'en', now: NOW });
    expect(out.fileName).toBe('sidecar-default-en-1.1.0.json');
    // What a CSM's Sidecar does with it: fetch it with packSha256 pinned.
    const served = async () => new Response(out.text, { status: 200, headers: { 'content-type': 'application/json' } });
    const fetched = await fetchPack('https://cs-ops.example.com/pack.json', { fetch: served as typeof fetch, sha256: out.sha256 });
    expect(fetched.ok).toBe(true);
    if (fetched.ok) expect(fetched.pack).toEqual(v2);
    expect(out.releaseNote).toContain(`SHA-256: ${out.sha256}`);
    expect(out.releaseNote).toContain('Changes since v1.0.0:\n- Version: 1.0.0 → 1.1.0\n- Weight of NPS (Enterprise): 15 → 20');
  });

  test('for IT policy: the 3rdparty → extensions → <id> file the policy reader takes, its pack hashed', async () => {
    const out = await buildExport({ target: 'policy', pack: v2, previous: v1, extensionId: ID, locale: 'ja', now: NOW });
    expect(out.fileName).toBe('sidecar-default-en-1.1.0-policy.json');
    const file = JSON.parse(out.text) as { '3rdparty': { extensions: Record<string, unknown> } };
    expect(Object.keys(file['3rdparty'].extensions)).toEqual([ID]);
    const read = parsePolicy(file['3rdparty'].extensions[ID]);
    expect(read.problems).toEqual([]);
    const inline = await inlinePack(read.policy.pack);
    expect(inline).toMatchObject({ ok: true, sha256: out.sha256 });
    expect(out.changes).toEqual(['バージョン：1.0.0 → 1.1.0', 'NPS（エンタープライズ）の重み：15 → 20']);
    expect(out.releaseNote).toContain('v1.0.0 からの変更点:');
  });

  test('for the Google Admin console: each policy as { Value }, which Chrome hands over as the policy the reader takes', async () => {
    const out = await buildExport({ target: 'admin-console', pack: v2, previous: v1, extensionId: ID, locale: 'en', now: NOW });
    expect(out.fileName).toBe('sidecar-default-en-1.1.0-admin-console.json');
    const file = JSON.parse(out.text) as Record<string, { Value: unknown }>;
    expect(Object.keys(file)).toEqual(['pack']);
    // What chrome.storage.managed.get() gives the extension: the values, unwrapped.
    const managed = Object.fromEntries(Object.entries(file).map(([k, v]) => [k, v.Value]));
    const read = parsePolicy(managed);
    expect(read.problems).toEqual([]);
    expect(await inlinePack(read.policy.pack)).toMatchObject({ ok: true, sha256: out.sha256 });
    expect(out.releaseNote).toContain(`Policy for extensions of ${ID}`);
    expect(out.releaseNote).toContain(`Sidecar (${ID}) → Policy for extensions`);
  });

  test.each([
    ['no earlier version', null, 'No earlier version in this browser.'],
    ['the same content', v2, 'No change in content since v1.1.0.'],
  ] as const)('%s', async (_name, previous, line) => {
    const out = await buildExport({ target: 'url', pack: v2, previous, extensionId: ID, locale: 'en', now: NOW });
    expect(out.changes).toEqual([]);
    expect(out.releaseNote).toContain(line);
  });
});
