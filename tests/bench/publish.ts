// "Score the book" over 10,000 accounts against the mock CRMs (issue 16): every request counted
// (listing the book with its inputs, association counts, writes), HubSpot's ten-second limit
// enforced. Runs inside `npm run bench` (section `publish`), or alone: `npx tsx tests/bench/publish.ts`.
//
// The mocks answer at once, so the run uses a virtual clock: a pacing wait moves it instead of
// sleeping. "Paced time" is that clock's advance (what pacing alone costs against the real limit);
// "wall time" is the compute and local HTTP of the run. The share of the ten-second window left to
// the team's sidebars is read from the requests' virtual times: the busiest 10 s of the run.
import 'fake-indexeddb/auto';
import { createBackground } from '../../lib/background/create-background.ts';
import { memoryTeamSettings } from '../../lib/background/team.ts';
import { defaultConfigPack } from '../../lib/engine/index.ts';
import { CHANNEL } from '../../lib/messages/envelope.ts';
import { publishedFields, signalField, USAGE_AS_OF } from '../../lib/publish/fields.ts';
import { quietWorld } from '../support/background.ts';
import { makeWorld, type World } from '../support/notes-crm.ts';

type Figure = { name: string; value: number; unit: string; target?: number; decimals?: number };

const ACCOUNTS = Number(process.env.BENCH_PUBLISH_ACCOUNTS ?? 10_000);
const pack = defaultConfigPack('ja');
const USAGE_AT = '2026-11-18T00:00:00.000Z';

/** A CRM account's inputs as CS Ops's earlier publications and the CRM itself hold them. */
function inputs(i: number, name: (f: { hubspot: string; salesforce: string }) => string, now: number): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const s of pack.signals) {
    if (s.source.kind === 'crm') {
      const prop = name({ hubspot: s.source.hubspot ?? '', salesforce: s.source.salesforce ?? '' });
      if (!prop) continue;
      out[prop] = s.type === 'date' ? new Date(now - ((i % 40) - 20) * 86_400_000).toISOString().slice(0, 10) : (i * 7 + s.id.length) % 90;
    }
    if (s.source.kind === 'csv') out[name(signalField(s.id, s.type))] = (i * 13 + s.id.length) % 80;
  }
  out[name(USAGE_AS_OF)] = USAGE_AT;
  return out;
}

function timedFetch(w: World, times: number[], host: string): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (new URL(url).hostname.endsWith(host)) times.push(w.clock.now);
    return w.fetch(input, init);
  };
}

/** The most requests in any window of `ms` (times sorted). */
function busiest(times: number[], ms: number): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= ms) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

async function run(crm: 'hubspot' | 'salesforce'): Promise<Figure[]> {
  const w = await makeWorld();
  try {
    const times: number[] = [];
    if (crm === 'hubspot') {
      w.hubspot.state.clock = () => w.clock.now;
      for (const f of publishedFields(pack)) w.hubspot.state.defineProperty({ name: f.hubspot, type: f.type === 'number' ? 'number' : f.type === 'datetime' ? 'datetime' : 'string', groupName: 'sidecar' });
      for (const s of pack.signals) if (s.source.kind === 'crm' && s.source.hubspot) w.hubspot.state.defineProperty({ name: s.source.hubspot, type: s.type === 'date' ? 'date' : 'number' });
      for (let i = 0; i < ACCOUNTS; i++) {
        const id = w.hubspot.state.addObject('companies', { name: `顧客 ${i}`, lifecyclestage: 'customer', ...stringify(inputs(i, (f) => f.hubspot, w.clock.now)) });
        for (let t = 0; t < i % 3; t++) {
          const ticket = w.hubspot.state.addObject('tickets', { subject: `Ticket ${i}/${t}` });
          w.hubspot.state.associations.push({ fromType: 'companies', fromId: id, toType: 'tickets', toId: ticket, types: [{ category: 'HUBSPOT_DEFINED', typeId: 25, label: null }] });
        }
      }
      w.hubspot.state.rateLimit = { ...w.hubspot.state.rateLimit, enforce: true };
    } else {
      for (const s of pack.signals) if (s.source.kind === 'crm' && s.source.salesforce) w.salesforce.state.accountFields.set(s.source.salesforce, { type: s.type === 'date' ? 'date' : 'double', updateable: true });
      for (const f of publishedFields(pack)) w.salesforce.state.accountFields.set(f.salesforce, { type: f.type === 'number' ? 'double' : f.type === 'datetime' ? 'datetime' : 'string', updateable: true, length: 255 });
      for (let i = 0; i < ACCOUNTS; i++) {
        const id = w.salesforce.state.insert('Account', { Name: `顧客 ${i}`, Type: 'Customer', ...inputs(i, (f) => f.salesforce, w.clock.now) });
        for (let t = 0; t < i % 3; t++) w.salesforce.state.insert('Case', { AccountId: id, Subject: `Case ${i}/${t}`, IsClosed: t === 1, Status: 'New' });
      }
    }
    const before = crm === 'hubspot' ? w.hubspot.state.requests.total : w.salesforce.state.requests.total;
    const bg = createBackground({
      db: w.db,
      now: () => new Date(w.clock.now),
      fetch: timedFetch(w, times, crm === 'hubspot' ? 'hubapi.com' : 'salesforce.com'),
      browserLocale: () => 'ja-JP',
      settings: { get: async () => ({ locale: 'ja' }), set: async () => {} },
      ...quietWorld,
      teamSettings: memoryTeamSettings({ role: 'csops' }),
      readManaged: async () => ({}),
      policyWaitMs: 20,
      sleep: async (ms) => {
        w.clock.now += ms;
      },
    });
    const clock0 = w.clock.now;
    const t0 = performance.now();
    const started = (await bg.onMessage({ channel: CHANNEL, type: 'publish.start', data: { crm, kind: 'scores' } }, { fromExtensionPage: true, fromTab: false })) as { ok: boolean; data?: { id: string }; error?: unknown };
    if (!started.ok) throw new Error(`publish.start: ${JSON.stringify(started.error)}`);
    await bg.publisher.idle();
    const wall = performance.now() - t0;
    const report = (await bg.onMessage({ channel: CHANNEL, type: 'publish.report', data: { jobId: started.data!.id } }, { fromExtensionPage: true, fromTab: false })) as { data: { job: { status: string; sent: number; failed: number; accounts: number } } };
    const requests = (crm === 'hubspot' ? w.hubspot.state.requests.total : w.salesforce.state.requests.total) - before;
    const throttled = (crm === 'hubspot' ? w.hubspot.state.requests.log : w.salesforce.state.requests.log).filter((l) => l.status === 429).length;
    const label = crm === 'hubspot' ? 'HubSpot' : 'Salesforce';
    const job = report.data.job;
    console.log(`  ${label}: ${job.accounts} accounts, ${job.sent} written, ${job.failed} failed, status ${job.status}, ${throttled} 429s`);
    const out: Figure[] = [
      { name: `score the book, ${ACCOUNTS} accounts, ${label}: requests (listing, inputs, writes)`, value: requests, unit: 'req', target: crm === 'hubspot' ? 250 : 60, decimals: 0 },
      { name: `score the book, ${label}: wall time`, value: wall / 1000, unit: 's' },
      { name: `score the book, ${label}: paced time against the limit`, value: (w.clock.now - clock0) / 1000, unit: 's' },
    ];
    if (crm === 'hubspot') {
      const max = w.hubspot.state.rateLimit.max;
      const used = busiest(times.sort((a, b) => a - b), w.hubspot.state.rateLimit.intervalMs) / max;
      // At least 30 % of the window stays with the team's sidebars: the run may use at most 70 % of any 10 s.
      out.push({ name: `score the book, HubSpot: most of the 10 s limit (${max}) the run used in any window (30 % left to sidebars)`, value: Math.round(used * 100), unit: '%', target: 70, decimals: 0 });
    }
    if (job.status !== 'done' || job.failed > 0 || job.sent < ACCOUNTS) throw new Error(`${label}: the run did not write every account (${job.status}, ${job.sent} of ${ACCOUNTS}, ${job.failed} failed)`);
    return out;
  } finally {
    await w.close();
  }
}

const stringify = (o: Record<string, string | number>): Record<string, string> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

export async function publishFigures(): Promise<Figure[]> {
  return [...(await run('hubspot')), ...(await run('salesforce'))];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await publishFigures()) console.log(`${f.name}: ${f.value.toFixed(f.decimals ?? 1)} ${f.unit}${f.target !== undefined ? ` (target ≤ ${f.target})` : ''}`);
}
