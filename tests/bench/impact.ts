// Impact before install (issue 18): the pure comparison of 10,000 cached accounts under the installed
// pack and one with a weight change (each account scored with both, then compared), median of rounds.
// Runs inside `npm run bench` (section `impact`), or alone: `npx tsx tests/bench/impact.ts`.
import { defaultConfigPack, parseConfigPack } from '../../lib/engine/index.ts';
import type { ConfigPack, Locale } from '../../lib/engine/index.ts';
import { packImpact, type ImpactAccount } from '../../lib/packs/impact.ts';
import { buildAccounts } from './engine.ts';

const ACCOUNTS = 10_000;
const ROUNDS = 7;
const TARGET_MS = 2_000;
const NOW = new Date('2025-06-01T00:00:00Z');

function packs(locale: Locale): { before: ConfigPack; after: ConfigPack } {
  const parse = (p: ConfigPack) => {
    const r = parseConfigPack(p);
    if (!r.ok) throw new Error('the bench pack is invalid');
    return r.pack;
  };
  const after = defaultConfigPack(locale);
  // The example: NPS weighs 20 instead of 15, on both scorecards.
  for (const card of after.scorecards) for (const m of card.measures) if (m.signal === 'nps') m.weight = 20;
  return { before: parse(defaultConfigPack(locale)), after: parse(after) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchImpact(): Promise<Array<{ name: string; value: number; unit: string; target?: number }>> {
  const figures: Array<{ name: string; value: number; unit: string; target?: number }> = [];
  for (const locale of ['ja', 'en'] as const) {
    const { before, after } = packs(locale);
    const accounts: ImpactAccount[] = buildAccounts(ACCOUNTS, locale).map((input, i) => ({ key: `k${i}`, name: `Account ${i}`, input }));
    // One warm-up round, as a service worker that has scored before.
    let summary = packImpact(accounts, before, after, NOW);
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      summary = packImpact(accounts, before, after, NOW);
      times.push(performance.now() - t0);
    }
    figures.push({
      name: `impact: ${ACCOUNTS} accounts × 2 packs compared, ${locale} (NPS 15 → 20; ${summary.bandChanged} band, ${summary.levelChanged} level, ${summary.actionChanged} action moves of ${summary.based}) median of ${ROUNDS}`,
      value: median(times),
      unit: 'ms',
      target: TARGET_MS,
    });
    figures.push({ name: `impact: ${ACCOUNTS} accounts, ${locale}, slowest round`, value: Math.max(...times), unit: 'ms' });
  }
  return figures;
}

const invokedDirectly = typeof process !== 'undefined' && process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) {
  for (const f of await benchImpact()) {
    const verdict = f.target ? `  (target ≤ ${f.target} ${f.unit}: ${f.value <= f.target ? 'ok' : 'OVER'})` : '';
    console.log(`${f.name}: ${f.value.toFixed(1)} ${f.unit}${verdict}`);
  }
}
