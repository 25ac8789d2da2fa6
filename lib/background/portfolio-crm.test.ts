import { afterEach, describe, expect, test } from 'vitest';
import { quietWorld } from '../../tests/support/background.ts';
import { makeWorld, PORTAL, type World } from '../../tests/support/notes-crm.ts';
import { SidecarDb } from '../db/schema';
import { CHANNEL } from '../messages/envelope';
import type { LoadStatus, PortfolioView } from '../messages/portfolio';
import type { Settings } from '../messages/protocol';
import { handoverColumns } from '../portfolio/handover.ts';
import { RESULT_FIELDS } from '../publish/fields.ts';
import { createBackground } from './create-background';

// The book from the CRM and the handover sheet (issue 17), through the background factory against
// the HubSpot mock: the book is read in pages of the company list (never a request per account),
// paced by HubSpot's headers; a fresh profile (no cache at all) builds a handover sheet from the CRM.

let world: World | undefined;
const dbs: SidecarDb[] = [];
afterEach(async () => {
  await world?.close();
  world = undefined;
  for (const db of dbs.splice(0)) {
    db.close();
    await SidecarDb.delete(db.name);
  }
});

const DAY = 86_400_000;

async function background(w: World, db: SidecarDb, locale: 'en' | 'ja' = 'en') {
  const settings: Settings = { locale };
  const slept: number[] = [];
  const bg = createBackground({
    db,
    now: () => new Date(w.clock.now),
    fetch: w.fetch,
    browserLocale: () => 'en-US',
    settings: { get: async () => settings, set: async () => {} },
    ...quietWorld,
    sleep: async (ms) => {
      slept.push(ms);
      w.clock.now += ms;
    },
  });
  await bg.start();
  const ask = async <T>(type: string, data: unknown = {}): Promise<T> => {
    const r = (await bg.onMessage({ channel: CHANNEL, type, data }, { fromExtensionPage: true, fromTab: false })) as { ok: boolean; data?: T; error?: unknown };
    if (!r.ok) throw new Error(`${type}: ${JSON.stringify(r.error)}`);
    return r.data as T;
  };
  /** Start the load and wait until it ends (the background runs it on its own). */
  const load = async (): Promise<LoadStatus> => {
    let s = await ask<LoadStatus>('portfolio.load');
    for (let i = 0; i < 2_000 && (s.state === 'running' || s.state === 'idle'); i++) {
      await new Promise((r) => setTimeout(r, 5));
      s = await ask<LoadStatus>('portfolio.loadStatus');
    }
    return s;
  };
  return { ask, load, slept };
}

/** The portal as CS Ops's publications leave it: customers with Sidecar's published results and HubSpot's activity dates. */
function seedBook(w: World, n: number) {
  const owner = w.hubspot.state.addOwner({ id: '501', firstName: '花子', lastName: '佐藤', email: 'hanako@cs.example' });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      w.hubspot.state.addObject('companies', {
        name: `Book company ${i}`,
        lifecyclestage: i % 10 === 9 ? 'lead' : 'customer',
        hubspot_owner_id: i % 2 ? owner : '70000001',
        sidecar_health_score: String(30 + (i % 60)),
        sidecar_health_band: i % 60 < 10 ? 'red' : 'yellow',
        sidecar_maturity_level: String(1 + (i % 4)),
        sidecar_scored_at: new Date(w.clock.now - DAY).toISOString(),
        notes_last_updated: new Date(w.clock.now - (i % 30) * DAY).toISOString(),
      }),
    );
  }
  return { owner, ids };
}

describe('loading the book from the CRM', () => {
  test('pages through the company list, paced, with no request per account; rows for accounts never opened', async () => {
    world = await makeWorld();
    const w = world;
    const { owner } = seedBook(w, 250);
    // A small ten-second window, so the pacing has to wait between pages.
    w.hubspot.state.rateLimit.max = 3;
    const db = new SidecarDb(`portfolio-crm-${crypto.randomUUID()}`);
    dbs.push(db);
    const hub = await w.db.connections.get('hubspot');
    await db.connections.put({ ...hub!, me: { id: owner, name: '佐藤 花子', how: 'picked' } });
    const b = await background(w, db);
    const before = w.hubspot.state.requests.log.length;

    const status = await b.load();
    expect(status.state).toBe('done');
    const hubspotLoad = status.loaded.find((l) => l.crm === 'hubspot')!;
    // The mock's two seeded companies (both customers) and 225 of the 250 (every tenth is a lead).
    expect(hubspotLoad.count).toBe(227);

    const requests = w.hubspot.state.requests.log.slice(before).map((r) => `${r.method} ${r.path}`);
    const list = `GET /crm/objects/2026-09/companies`;
    // 252 companies, 100 a page: three pages; then the owners list for the CSMs' names. Nothing per account.
    expect(requests.filter((r) => r === list)).toHaveLength(3);
    expect(requests.filter((r) => r !== list && r !== 'GET /crm/owners/2026-09')).toEqual([]);
    expect(b.slept.length).toBeGreaterThan(0);
    const query = new URLSearchParams(w.hubspot.state.requests.log.slice(before).find((r) => r.path.endsWith('/companies'))!.query);
    expect(query.get('properties')!.split(',')).toEqual(expect.arrayContaining([RESULT_FIELDS.score.hubspot, 'notes_last_updated', 'notes_last_contacted', 'hubspot_owner_id']));

    const view = await b.ask<PortfolioView>('portfolio.view');
    const row = view.rows.find((r) => r.name === 'Book company 1')!;
    expect(row).toMatchObject({ fromCrm: true, score: 31, band: 'red', level: 2, ownerId: owner, owner: '佐藤 花子', key: expect.stringMatching(new RegExp(`^hubspot:${PORTAL}:\\d+$`)) });
    expect(row.lastTouch?.at).toBe(new Date(w.clock.now - b.slept.reduce((x, y) => x + y, 0) - DAY).toISOString());
    expect(view.me.ids).toContain(owner);
    expect(view.rows.filter((r) => r.ownerId === owner)).toHaveLength(100);
    expect(view.rows.some((r) => r.name === 'Book company 9')).toBe(false);
  });
});

describe('the handover sheet', () => {
  test('a fresh profile builds it from the CRM alone: score history, contacts, the team’s notes; and the book’s CSV', async () => {
    world = await makeWorld();
    const w = world;
    const company = w.hubspot.state.objects.companies.get(w.companyId)!;
    Object.assign(company.properties, {
      sidecar_health_score: '35',
      sidecar_health_band: 'red',
      sidecar_maturity_level: '2',
      sidecar_scored_at: new Date(w.clock.now - 3_600_000).toISOString(),
      sidecar_renewal_date: new Date(w.clock.now + 45 * DAY).toISOString().slice(0, 10),
      notes_last_updated: new Date(w.clock.now - 2 * DAY).toISOString(),
    });
    for (const [d, v] of [[60, '74'], [30, '58'], [0.04, '35']] as const) w.hubspot.state.addHistory('companies', w.companyId, 'sidecar_health_score', v, new Date(w.clock.now - d * DAY).toISOString());
    // A teammate's note with Sidecar's ratings, written from another browser.
    const outbox = w.outbox();
    await w.note('hubspot', 'QBR: the CFO questions the renewal.', { ratings: { promotion: 2 } });
    await w.drain(outbox);

    // The new CSM: connected, nothing cached.
    const db = new SidecarDb(`handover-${crypto.randomUUID()}`);
    dbs.push(db);
    const hub = await w.db.connections.get('hubspot');
    await db.connections.put({ ...hub! });
    expect(await db.accounts.count()).toBe(0);
    const b = await background(w, db);
    const before = w.hubspot.state.requests.log.length;
    const key = `hubspot:${PORTAL}:${w.companyId}`;
    const { sheet, text } = await b.ask<{ sheet: Record<string, unknown> & { history: unknown[]; risks: string[]; contacts: Array<{ name: string }>; ratings: Array<{ label: string; value: number }> }; text: string }>('portfolio.handover', { key });
    expect(sheet.history).toEqual([
      { day: new Date(w.clock.now - 60 * DAY).toISOString().slice(0, 10), score: 74 },
      { day: new Date(w.clock.now - 30 * DAY).toISOString().slice(0, 10), score: 58 },
      { day: new Date(w.clock.now - 0.04 * DAY).toISOString().slice(0, 10), score: 35 },
    ]);
    expect(sheet).toMatchObject({ name: 'Acme Corp', score: 35, band: 'Red (at risk)', level: 2 });
    expect(sheet.risks).toEqual(expect.arrayContaining(['Health is Red (at risk)', 'Score fell from 74 to 35 in 90 days']));
    expect(sheet.contacts[0]!.name).toBe('Ada Lovelace');
    expect(sheet.ratings).toEqual([expect.objectContaining({ label: 'Internal promotion', value: 2 })]);
    expect(text).toContain('QBR: the CFO questions the renewal.');
    const readOne = w.hubspot.state.requests.log.slice(before).find((r) => r.path === `/crm/objects/2026-09/companies/${w.companyId}`)!;
    expect(new URLSearchParams(readOne.query).get('propertiesWithHistory')).toBe('sidecar_health_score');

    const { csv, count, failed } = await b.ask<{ csv: string; count: number; failed: unknown[] }>('portfolio.handoverCsv', { keys: [key] });
    expect([count, failed]).toEqual([1, []]);
    expect(csv.startsWith(`\uFEFF${handoverColumns('en').join(',')}\r\n`)).toBe(true);
    expect(csv).toContain('Acme Corp');

    // A book's sheets are read one account after another, paced by HubSpot's headers; a key of no CRM is reported, not fatal.
    w.hubspot.state.rateLimit.max = 8;
    const others = [...w.hubspot.state.objects.companies.keys()].map((id) => `hubspot:${PORTAL}:${id}`);
    const book = await b.ask<{ csv: string; count: number; failed: Array<{ key: string }> }>('portfolio.handoverCsv', { keys: [...others, 'nowhere:1:2'] });
    expect(book.count).toBe(others.length);
    expect(book.failed.map((f) => f.key)).toEqual(['nowhere:1:2']);
    expect(b.slept.length).toBeGreaterThanOrEqual(others.length - 1);
  });
});

describe('loading the book incrementally (HubSpot search since the last load)', () => {
  test('after a full read only the changed companies are asked for, by the CRM’s clock; hostile cases: a change during a load, an interrupted load, the search index lagging, a company leaving the book', async () => {
    world = await makeWorld();
    const w = world;
    const { ids } = seedBook(w, 250);
    // The browser's clock three hours AHEAD of HubSpot's: a "since" taken from it would miss every change.
    w.clock.now = Date.now() + 3 * 3_600_000;
    const hs = w.hubspot.state;
    // The book as it stood an hour ago, on HubSpot's clock.
    for (const o of hs.objects.companies.values()) o.updatedAt = new Date(Date.now() - 3_600_000).toISOString();
    const db = new SidecarDb(`portfolio-incr-${crypto.randomUUID()}`);
    dbs.push(db);
    await db.connections.put((await w.db.connections.get('hubspot'))!);
    const b = await background(w, db);
    const company = (i: number) => hs.objects.companies.get(ids[i]!)!;
    /** A change as HubSpot records it: the property, and the modification time on HubSpot's clock. */
    const change = (i: number, props: Record<string, string>, at = Date.now()) => {
      Object.assign(company(i).properties, props);
      company(i).updatedAt = new Date(at).toISOString();
    };
    const requestsOf = async (run: () => Promise<LoadStatus>) => {
      const from = hs.requests.log.length;
      const status = await run();
      return { status, paths: hs.requests.log.slice(from).map((r) => `${r.method} ${r.path}${r.status && r.status >= 400 ? ` ${r.status}` : ''}`) };
    };
    const rowOf = async (i: number) => (await b.ask<PortfolioView>('portfolio.view')).rows.find((r) => r.key === `hubspot:${PORTAL}:${ids[i]}`);
    const LIST = 'GET /crm/objects/2026-09/companies';
    const SEARCH = 'POST /crm/objects/2026-09/companies/search';

    // 1. The first load reads the whole book. Company 1 is changed while the load runs, after its page was read.
    const slow = { match: (r: { method: string; path: string; query: URLSearchParams }) => r.method === 'GET' && r.path.endsWith('/companies') && r.query.get('after') === '100', delayMs: 400, times: 1 };
    hs.faults.push(slow);
    const first = b.load();
    await expect.poll(() => hs.requests.log.some((r) => r.query.includes("after=100")), { timeout: 5_000 }).toBe(true);
    change(1, { sidecar_health_band: 'green', sidecar_health_score: '88' });
    const one = await requestsOf(() => first);
    expect(one.status.state).toBe('done');
    expect((await rowOf(1))?.band).toBe('red');

    // 2. The next load asks the search only; it finds company 1 (modified after the first load began, though
    // before the newest record that load read) and company 3, and company 5 has left the book (now a lead).
    change(3, { sidecar_health_band: 'red', sidecar_health_score: '12' });
    change(5, { lifecyclestage: 'lead' });
    const two = await requestsOf(() => b.load());
    expect(two.status.state).toBe('done');
    expect(two.paths.filter((p) => p === LIST)).toEqual([]);
    expect(two.paths.filter((p) => p === SEARCH)).toHaveLength(1);
    const body = JSON.parse(JSON.stringify(hs.requests.log.filter((r) => r.path.endsWith('/search')).at(-1)));
    expect(body.path).toBe('/crm/objects/2026-09/companies/search');
    expect(await rowOf(1)).toMatchObject({ band: 'green', score: 88 });
    expect(await rowOf(3)).toMatchObject({ band: 'red', score: 12 });
    expect(await rowOf(5)).toBeUndefined();
    expect(two.status.loaded.find((l) => l.crm === 'hubspot')!.count).toBe(226);

    // 3. The search index lags: company 7, changed half a minute ago, is not searchable yet. The load after
    // goes back a margin before its mark, so the change is not lost once the index has caught up.
    change(7, { sidecar_maturity_level: '2' }, Date.now() - 30_000);
    hs.searchLagMs = 120_000;
    await b.load();
    expect((await rowOf(7))?.level).toBe(4);
    hs.searchLagMs = 0;
    await b.load();
    expect((await rowOf(7))?.level).toBe(2);

    // 4. A load cut off (the search refused) keeps the book and the mark; the next one reads from the old mark.
    change(13, { sidecar_health_score: '77' });
    hs.faults.push({ match: (r) => r.path.endsWith('/search'), status: 401, times: 1 });
    const failed = await b.load();
    expect(failed.state).toBe('failed');
    expect((await rowOf(13))?.score).not.toBe(77);
    expect((await b.ask<PortfolioView>('portfolio.view')).rows.filter((r) => r.fromCrm)).toHaveLength(226);
    const resumed = await requestsOf(() => b.load());
    expect(resumed.status.state).toBe('done');
    expect(resumed.paths.filter((p) => p === LIST)).toEqual([]);
    expect((await rowOf(13))?.score).toBe(77);

    // 5. A day later (the browser's clock), the whole book is read again: deletions are seen only so.
    hs.objects.companies.delete(ids[11]!);
    w.clock.now += 24 * 3_600_000;
    const daily = await requestsOf(() => b.load());
    expect(daily.paths.filter((p) => p === LIST).length).toBeGreaterThan(0);
    expect(await rowOf(11)).toBeUndefined();
    console.log(`incremental book: after the full read, ${two.paths.length} request(s) (${two.paths.join(', ')}); after a day ${daily.paths.filter((p) => p === LIST).length} list pages`);
  });
});
