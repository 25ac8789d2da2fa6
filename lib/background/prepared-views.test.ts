import { describe, expect, test } from 'vitest';
import type { RecordRef } from '../crm/detect';
import { createPreparedViews, PREPARED_TTL_MS } from './prepared-views';

const company = (recordId: string, portalId = '24681357'): RecordRef => ({ crm: 'hubspot', host: 'app.hubspot.com', portalId, objectType: 'company', recordId });
const account: RecordRef = { crm: 'salesforce', host: 'acme.lightning.force.com', objectType: 'account', recordId: '001D000000IRFmaIAH' };

function setup() {
  let now = 1_000;
  const views = createPreparedViews<string>(() => now);
  const built: string[] = [];
  const fresh = (label: string) => () => {
    built.push(label);
    return Promise.resolve(label);
  };
  return { views, built, fresh, advance: (ms: number) => (now += ms) };
}

describe('prepared record views', () => {
  test.each([
    ['the same record, soon after', company('9001'), company('9001'), 10, 'prepared'],
    ['the same record, at the limit', company('9001'), company('9001'), PREPARED_TTL_MS, 'prepared'],
    ['the same record, too late', company('9001'), company('9001'), PREPARED_TTL_MS + 1, 'fresh'],
    ['another record', company('9001'), company('9002'), 10, 'fresh'],
    ['the same id in another portal', company('9001'), company('9001', '99'), 10, 'fresh'],
    ['another CRM', company('9001'), account, 10, 'fresh'],
  ])('%s → %s', async (_name, prepared, opened, after, expected) => {
    const { views, fresh, advance } = setup();
    views.prepare(prepared, () => Promise.resolve('prepared'));
    advance(after);
    expect(await views.open(opened, fresh('fresh'))).toBe(expected);
  });

  test('a prepared view is taken once: the next open builds afresh', async () => {
    const { views, built, fresh } = setup();
    views.prepare(account, () => Promise.resolve('prepared'));
    expect(await views.open(account, fresh('first'))).toBe('prepared');
    expect(await views.open(account, fresh('second'))).toBe('second');
    expect(built).toEqual(['second']);
  });

  test('a failed preparation is not shown: the open builds the view itself', async () => {
    const { views, fresh } = setup();
    views.prepare(account, () => Promise.reject(new Error('IndexedDB closed')));
    expect(await views.open(account, fresh('fresh'))).toBe('fresh');
  });

  test('an open while the view is still being built waits for it rather than building twice', async () => {
    const { views, built, fresh } = setup();
    let finish!: (v: string) => void;
    views.prepare(account, () => new Promise((r) => (finish = r)));
    const opened = views.open(account, fresh('fresh'));
    finish('prepared');
    expect(await opened).toBe('prepared');
    expect(built).toEqual([]);
  });

  test('preparing the same record again replaces the older view', async () => {
    const { views, fresh } = setup();
    views.prepare(account, () => Promise.resolve('older'));
    views.prepare(account, () => Promise.resolve('newer'));
    expect(await views.open(account, fresh('fresh'))).toBe('newer');
  });

  test('only the most recent few records are kept', async () => {
    const { views, fresh } = setup();
    for (let i = 0; i < 20; i++) views.prepare(company(String(9000 + i)), () => Promise.resolve(`p${i}`));
    expect(await views.open(company('9000'), fresh('fresh'))).toBe('fresh');
    expect(await views.open(company('9019'), fresh('fresh'))).toBe('p19');
  });
});
