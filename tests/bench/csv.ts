// CSV import speed: decode, parse and map a generated 100,000-row usage export, a few rounds, median.
// Runs inside `npm run bench`, or alone: `node --experimental-strip-types tests/bench/csv.ts` (Node ≥ 22.6),
// or `npx tsx tests/bench/csv.ts` on older Node.
// The Dexie write is measured by the import bench; the whole import's target is 15 s, so parse + map gets 3 s of it.
import Encoding from 'encoding-japanese';
import { parseCsv, parseCsvChunked } from '../../lib/import/csv.ts';
import { mapCsv } from '../../lib/import/map-rows.ts';
import type { CsvMapping } from '../../lib/import/mapping.ts';
import { SIGNALS } from '../../lib/import/fixtures/signals.ts';

type Figure = { name: string; value: number; unit: string; target?: number };

const ROWS = 100_000;
const ROUNDS = Number(typeof process !== 'undefined' ? (process.env.BENCH_CSV_ROUNDS ?? 5) : 5);
const TARGET_PARSE_MAP_MS = 3_000;

const MAPPING: CsvMapping = {
  keyColumn: '会社名',
  keyKind: 'name',
  observedAtColumn: '集計日',
  columns: { アクティブユーザー数: 'active_users', アクティブ率: 'active_user_rate', NPS: 'nps', SSO: 'sso_enabled', 経営層の関与: 'exec_sponsor' },
  utcOffsetMinutes: 540,
};

/** What BI tools in Japan export: a title line, Japanese headers and names, grouped numbers, percentages, はい/いいえ. */
export function buildUsageCsv(rows: number): string {
  const lines = ['月次利用レポート（2026年11月）', '会社名,ドメイン,集計日,アクティブユーザー数,アクティブ率,NPS,SSO,経営層の関与,備考'];
  for (let i = 0; i < rows; i++) {
    const name = i % 3 === 0 ? `株式会社テスト${i}` : i % 3 === 1 ? `テスト${i}㈱` : `"Test ${i} Co., Ltd."`;
    const memo = i % 50 === 0 ? '"要フォロー, 担当変更あり\n次回訪問予定"' : '';
    lines.push(`${name},t${i}.example.co.jp,2026/11/23,"${((i * 37) % 20_000).toLocaleString('en-US')}",${(i % 1000) / 10}%,${(i % 201) - 100},${i % 2 ? 'はい' : 'いいえ'},${(i % 5) + 1},${memo}`);
  }
  return lines.join('\r\n') + '\r\n';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

export async function benchCsv(): Promise<Figure[]> {
  const text = buildUsageCsv(ROWS);
  const utf8 = new TextEncoder().encode(text);
  const sjis = Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }) as number[]);
  const figures: Figure[] = [{ name: `csv: file size, ${ROWS.toLocaleString('en-US')} rows (UTF-8)`, value: utf8.length / 1_048_576, unit: 'MB' }];

  const times: Record<string, number[]> = { parseUtf8: [], parseSjis: [], map: [], total: [], chunked: [] };
  let observations = 0;
  // One warm-up round so the JIT has settled, as it will have in a long-lived options page.
  for (let round = -1; round < ROUNDS; round++) {
    const t0 = performance.now();
    const parsed = parseCsv(utf8);
    const t1 = performance.now();
    const mapped = mapCsv(parsed, MAPPING, SIGNALS, { locale: 'ja' });
    const t2 = performance.now();
    parseCsv(sjis);
    const t3 = performance.now();
    const chunked = await parseCsvChunked(sjis);
    mapCsv(chunked, MAPPING, SIGNALS, { locale: 'ja' });
    const t4 = performance.now();
    if (!mapped.ok || parsed.rows.length !== ROWS || chunked.rows.length !== ROWS) throw new Error('the bench file did not import cleanly');
    observations = mapped.observations.length;
    if (round < 0) continue;
    times.parseUtf8!.push(t1 - t0);
    times.map!.push(t2 - t1);
    times.total!.push(t2 - t0);
    times.parseSjis!.push(t3 - t2);
    times.chunked!.push(t4 - t3);
  }
  const rows = ROWS.toLocaleString('en-US');
  figures.push(
    { name: `csv: parse ${rows} rows, UTF-8 (median of ${ROUNDS})`, value: median(times.parseUtf8!), unit: 'ms' },
    { name: `csv: parse ${rows} rows, Shift_JIS (median of ${ROUNDS})`, value: median(times.parseSjis!), unit: 'ms' },
    { name: `csv: map ${rows} rows → ${observations.toLocaleString('en-US')} observations (median of ${ROUNDS})`, value: median(times.map!), unit: 'ms' },
    { name: `csv: parse + map ${rows} rows (median of ${ROUNDS})`, value: median(times.total!), unit: 'ms', target: TARGET_PARSE_MAP_MS },
    { name: `csv: chunked parse + map ${rows} rows, Shift_JIS, yielding between chunks (median of ${ROUNDS})`, value: median(times.chunked!), unit: 'ms', target: TARGET_PARSE_MAP_MS },
  );
  return figures;
}

const invokedDirectly = typeof process !== 'undefined' && process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) {
  for (const f of await benchCsv()) {
    const ratio = f.target ? `  (target ≤ ${f.target} ${f.unit}: ${(f.value / f.target).toFixed(2)})` : '';
    console.log(`${f.name}: ${f.value.toFixed(1)} ${f.unit}${ratio}`);
  }
}
