// Engine speed: evaluate 10,000 varied accounts with each default pack, ~15 rounds, median and p95 per 10,000.
// Runs inside `npm run bench`, or alone: `node --experimental-strip-types tests/bench/engine.ts` (Node ≥ 22.6),
// or `npx tsx tests/bench/engine.ts` on older Node.
import { seededRandom } from '../support/random.ts';
import { createEvaluator, defaultConfigPack } from '../../lib/engine/index.ts';
import type { AccountInput, Locale } from '../../lib/engine/index.ts';

const ACCOUNTS = 10_000;
const ROUNDS = 15;
const TARGET_MS = 50;
const NOW = new Date('2025-06-01T00:00:00Z');
const DAY = 86_400_000;

// Deterministic, so that every run scores the same accounts.
const rng = seededRandom;

export function buildAccounts(n: number, locale: Locale, seed = 42): AccountInput[] {
  const r = rng(seed);
  const int = (max: number) => Math.floor(r() * (max + 1));
  const iso = (offsetDays: number) => new Date(NOW.getTime() + offsetDays * DAY).toISOString();
  const arrScale = locale === 'ja' ? 100_000 : 1_000;
  const out: AccountInput[] = [];
  for (let i = 0; i < n; i++) {
    const observedAt = iso(-int(200));
    const signals: AccountInput['signals'] = {};
    const put = (id: string, value: number | string | boolean | null, p = 0.9) => {
      if (r() < p) signals[id] = { value, observedAt };
    };
    put('arr', int(300) * arrScale, 0.95);
    put('emails_sent_30d', int(300));
    put('emails_received_30d', int(150));
    put('active_users', int(500));
    put('licensed_seats', 10 + int(500));
    put('active_user_rate', int(100));
    put('open_tickets', int(12));
    put('help_page_views_30d', int(80));
    put('nps', int(10), 0.7);
    put('last_login_at', iso(-int(90)));
    put('renewal_date', iso(int(400) - 30));
    put('contract_start_date', iso(-int(900)));
    put('departments_using', int(8));
    put('department_coverage_pct', int(100));
    put('form_types_used', int(6));
    put('partners_digital_pct', int(100));
    put('paper_mail_sent_30d', int(3));
    put('paper_mail_received_30d', int(3));
    put('promotion', 1 + int(4), 0.6);
    put('relationship', 1 + int(4), 0.6);
    put('sentiment', 1 + int(4), 0.6);
    const account: AccountInput = { signals, attributes: { name: `Account ${i}` } };
    if (i % 50 === 0) account.override = { band: 'yellow', reason: 'bench', setAt: iso(-10), expiresAt: iso(i % 100 === 0 ? 10 : -1) };
    out.push(account);
  }
  return out;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]!;
}

export async function benchEngine(): Promise<Array<{ name: string; value: number; unit: string; target?: number }>> {
  const figures: Array<{ name: string; value: number; unit: string; target?: number }> = [];
  for (const locale of ['ja', 'en'] as const) {
    const evaluate = createEvaluator(defaultConfigPack(locale));
    const accounts = buildAccounts(ACCOUNTS, locale);
    let sink = 0;
    // Two warm-up rounds let the JIT settle, as it would in a long-lived service worker.
    for (let w = 0; w < 2; w++) for (const a of accounts) sink += evaluate(a, NOW).maturity.level;
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      for (const a of accounts) sink += evaluate(a, NOW).maturity.level;
      times.push(performance.now() - t0);
    }
    if (sink < 0) throw new Error('unreachable');
    figures.push({ name: `engine: evaluate ${ACCOUNTS} accounts, ${locale} pack (median of ${ROUNDS})`, value: quantile(times, 0.5), unit: 'ms', target: TARGET_MS });
    figures.push({ name: `engine: evaluate ${ACCOUNTS} accounts, ${locale} pack (p95)`, value: quantile(times, 0.95), unit: 'ms' });
  }
  return figures;
}

const invokedDirectly = typeof process !== 'undefined' && process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) {
  for (const f of await benchEngine()) {
    const ratio = f.target ? `  (target ≤ ${f.target} ${f.unit}: ${(f.value / f.target).toFixed(2)})` : '';
    console.log(`${f.name}: ${f.value.toFixed(1)} ${f.unit}${ratio}`);
  }
}
