import { afterEach, describe, expect, test } from 'vitest';
import { quietWorld } from '../../tests/support/background.ts';
import { makeWorld, type World } from '../../tests/support/notes-crm.ts';
import { defaultConfigPack } from '../engine/index.ts';
import { CHANNEL } from '../messages/envelope';
import type { Settings } from '../messages/protocol';
import { createBackground } from './create-background';

// A config pack's errors reach the options page and the Team card in the user's language: the
// engine raises keys, the background renders them where it answers (pack.check, pack.current,
// team.status). A Japanese CS Ops user sees Japanese, with the paths as they are.

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const ENGLISH = /\b(?:Use|Add|Give|Remove|Unknown|Duplicate|Missing|Expected|The|This|is|must|installed)\b/;

function badPack(): string {
  const p = defaultConfigPack('ja');
  p.scorecards[0]!.measures[2]!.signal = 'npss';
  p.maturity.levels[2]!.id = 'pilot';
  return JSON.stringify(p);
}

async function build(w: World, locale: Settings['locale'], policy: Record<string, unknown> = {}) {
  const settings: Settings = { locale };
  const bg = createBackground({
    db: w.db,
    now: () => new Date(w.clock.now),
    fetch: w.fetch,
    fetchPack: (async () => new Response('{}')) as typeof fetch,
    browserLocale: () => 'en-US',
    settings: { get: async () => settings, set: async () => {} },
    ...quietWorld,
    readManaged: async () => policy,
    policyWaitMs: 20,
    hasOrigin: async () => true,
  });
  // The background reads the language from the settings as it starts.
  await bg.start();
  const ask = async <T,>(type: string, data: unknown = {}) => ((await bg.onMessage({ channel: CHANNEL, type, data }, { fromExtensionPage: true, fromTab: false })) as { data: T }).data;
  return { bg, ask };
}

type Check = { ok: boolean; errors: Array<{ path: string; message: string }> };

describe('pack errors in the user’s language', () => {
  test('pack.check: each error names its path, in Japanese for a Japanese user and in English otherwise', async () => {
    const w = (world = await makeWorld());
    const ja = await build(w, 'ja');
    const checked = await ja.ask<Check>('pack.check', { json: badPack() });
    expect(checked.ok).toBe(false);
    expect(checked.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['maturity.levels[2].id', 'scorecards[0].measures[2].signal']));
    for (const e of checked.errors) {
      expect(e.message).toMatch(JAPANESE);
      expect(e.message).not.toMatch(ENGLISH);
    }
    expect(checked.errors.find((e) => e.path === 'scorecards[0].measures[2].signal')!.message).toMatch(/^シグナル「npss」がありません。signals\[\] にある ID（.+）のいずれかを使うか、この ID のシグナルを追加してください。$/);
    const notJson = await ja.ask<Check>('pack.check', { json: '{ "schemaVersion": 2, ' });
    expect(notJson.errors[0]).toMatchObject({ path: '(file)', message: expect.stringMatching(/^JSON として正しくありません（.+）。構文を修正するか/) });

    const en = await build(w, 'en');
    const english = await en.ask<Check>('pack.check', { json: badPack() });
    expect(english.errors.find((e) => e.path === 'scorecards[0].measures[2].signal')!.message).toMatch(/^Unknown signal "npss"\. Use one of the ids in signals\[\] \(.+\), or add a signal with this id\.$/);
    expect(english.errors.find((e) => e.path === 'maturity.levels[2].id')!.message).toBe('Duplicate level id "pilot". Give each level its own id.');
    expect(checked.errors.find((e) => e.path === 'maturity.levels[2].id')!.message).toBe('レベルの ID「pilot」が重複しています。レベルごとに別の ID を付けてください。');
    const wrongType = JSON.parse(badPack()) as { scorecards: Array<{ measures: Array<{ weight: unknown }> }> };
    wrongType.scorecards[0]!.measures[0]!.weight = 'high';
    const [jaType, enType] = [await ja.ask<Check>('pack.check', { json: JSON.stringify(wrongType) }), await en.ask<Check>('pack.check', { json: JSON.stringify(wrongType) })];
    expect(jaType.errors).toEqual([{ path: 'scorecards[0].measures[0].weight', message: '値の種類が違います（数値であるべきところが文字列です）。この値を数値に変えてください。' }]);
    expect(enType.errors).toEqual([{ path: 'scorecards[0].measures[0].weight', message: 'Wrong type: expected a number, got text. Change this value to a number.' }]);
  });

  test('pack.preview refuses an invalid draft with its first error, in Japanese', async () => {
    const w = (world = await makeWorld());
    const { bg } = await build(w, 'ja');
    const answer = (await bg.onMessage({ channel: CHANNEL, type: 'pack.preview', data: { json: badPack(), signals: {} } }, { fromExtensionPage: true, fromTab: false })) as { ok: boolean; error: { message: string } };
    expect(answer.ok).toBe(false);
    expect(answer.error.message).toMatch(/^パックが正しくありません：\S+：.*。修正してから/);
    expect(answer.error.message).not.toMatch(ENGLISH);
  });

  test('a stored pack that no longer parses: pack.current says so in the current language', async () => {
    const w = (world = await makeWorld());
    await w.db.packs.put({ id: 'active', pack: { schemaVersion: 2, id: 'broken' }, installedAt: '2026-11-01T00:00:00.000Z', source: 'file' });
    const ja = await build(w, 'ja');
    const current = await ja.ask<{ problem?: string }>('pack.current');
    expect(current.problem).toMatch(/^インストール済みの設定パックが正しくありません（\S+：.+）。/);
    expect(current.problem).not.toMatch(ENGLISH);
    const en = await build(w, 'en');
    expect((await en.ask<{ problem?: string }>('pack.current')).problem).toMatch(/^The installed config pack is invalid \(\S+: .+\)\. Sidecar uses the default pack meanwhile/);
  });

  test('the Team card: an invalid pack by policy keeps the last good pack and says why, in Japanese', async () => {
    const w = (world = await makeWorld());
    const ja = await build(w, 'ja', { pack: badPack() });
    const status = await ja.ask<{ lastCheck?: { ok: boolean; message?: string; errors: Array<{ path: string; message: string }> } }>('team.status');
    expect(status.lastCheck?.ok).toBe(false);
    expect(status.lastCheck?.message).toMatch(/^policy のパックが正しくありません（エラー 2 件、最初は \S+：.+）。最後に正しかったパックを使い続けます。$/);
    expect(status.lastCheck?.message).not.toMatch(ENGLISH);
    expect(status.lastCheck?.errors.length).toBe(2);
    for (const e of status.lastCheck!.errors) {
      expect(e.message).toMatch(JAPANESE);
      expect(e.message).not.toMatch(ENGLISH);
    }
  });
});
