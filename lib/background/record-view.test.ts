import { describe, expect, test } from 'vitest';
import { makeBackground } from '../../tests/support/background';

const ref = { crm: 'hubspot', host: 'app.hubspot.com', portalId: '7', objectType: 'company', recordId: '42' } as const;
const key = 'hubspot:7:42';

describe('record views', () => {
  test('first run without any connection or data: labelled sample data, never saved as history', async () => {
    const bg = makeBackground();
    const view = await bg.call('record.open', { ref });
    expect(view.sample).toBe(true);
    expect(view.sources).toEqual(['sample']);
    expect(view.evaluation?.health.status).toBe('ok');
    expect(await bg.db.healthDays.count()).toBe(0);
  });

  test('stored signals are evaluated; one health snapshot a day is kept for the trend', async () => {
    const bg = makeBackground({ now: new Date('2026-11-20T09:00:00Z') });
    await bg.db.signals.bulkPut([
      { subject: key, signalId: 'renewal_date', source: 'hubspot', observedAt: '2026-11-20T08:00:00.000Z', value: '2027-01-19' },
      { subject: key, signalId: 'emails_sent_30d', source: 'hubspot', observedAt: '2026-11-20T08:00:00.000Z', value: 900 },
    ]);
    const first = await bg.call('record.open', { ref });
    expect(first.sample).toBe(false);
    expect(first.merge.renewal).toEqual({ date: '2027-01-19', daysLeft: 60 });
    await bg.call('record.open', { ref });
    bg.advance(86_400_000);
    const third = await bg.call('record.open', { ref });
    expect(third.trend.map((d) => d.day)).toEqual(['2026-11-20', '2026-11-21']);
  });

  test('a view that would store what is stored writes nothing; a changed signal is written at once', async () => {
    const bg = makeBackground({ now: new Date('2026-11-20T09:00:00Z') });
    await bg.db.signals.put({ subject: key, signalId: 'emails_sent_30d', source: 'hubspot', observedAt: '2026-11-20T08:00:00.000Z', value: 900 });
    const first = await bg.call('record.open', { ref });
    const written = await bg.db.healthDays.get([key, '2026-11-20']);
    let updates = 0;
    const count = () => void updates++;
    // (The visit itself, touchAccount, still writes the account's lastSeenAt.)
    bg.db.healthDays.hook('creating', count);
    bg.db.healthDays.hook('updating', count);
    bg.advance(60_000);
    const again = await bg.call('record.open', { ref });
    expect(again.evaluation?.health).toEqual(first.evaluation?.health);
    expect(again.trend).toEqual(first.trend);
    expect(updates).toBe(0);
    // The stored evaluation is the first one of the day; its due date, a minute older, is the same day.
    expect((await bg.db.accounts.get(key))?.lastEvaluation).toEqual(first.evaluation);
    expect(await bg.db.healthDays.get([key, '2026-11-20'])).toEqual(written);
    // A new figure: the evaluation and today's day are stored again, and the trend shows it.
    await bg.db.signals.put({ subject: key, signalId: 'emails_sent_30d', source: 'hubspot', observedAt: '2026-11-20T09:00:30.000Z', value: 10 });
    const changed = await bg.call('record.open', { ref });
    const emails = changed.evaluation!.health.measures.find((m) => m.signalId === 'emails_sent_30d');
    expect(emails?.value).toBe(10);
    expect(updates).toBeGreaterThan(0);
    expect((await bg.db.accounts.get(key))?.lastEvaluation).toEqual(changed.evaluation);
    expect((await bg.db.healthDays.get([key, '2026-11-20']))?.measures.emails_sent_30d).toBe(emails?.subScore);
  });

  test('the visit: views within a minute read the account only; later ones move lastSeenAt; 30 minutes away start a new visit', async () => {
    const bg = makeBackground({ now: new Date('2026-11-20T09:00:00Z') });
    await bg.call('record.open', { ref });
    let writes = 0;
    bg.db.accounts.hook('updating', () => void writes++);
    bg.advance(30_000);
    await bg.call('record.open', { ref });
    expect(writes).toBe(0);
    expect((await bg.db.accounts.get(key))?.lastSeenAt).toBe('2026-11-20T09:00:00.000Z');
    bg.advance(40_000);
    await bg.call('record.open', { ref });
    expect((await bg.db.accounts.get(key))?.lastSeenAt).toBe('2026-11-20T09:01:10.000Z');
    bg.advance(31 * 60_000);
    await bg.call('record.open', { ref });
    const row = await bg.db.accounts.get(key);
    expect(row?.previousSeenAt).toBe('2026-11-20T09:01:10.000Z');
    expect(row?.lastSeenAt).toBe('2026-11-20T09:32:10.000Z');
  });

  test('a note’s ratings feed the health score’s qualitative signals', async () => {
    const bg = makeBackground();
    await bg.db.signals.put({ subject: key, signalId: 'emails_sent_30d', source: 'hubspot', observedAt: '2026-11-20T08:00:00.000Z', value: 900 });
    await bg.call('record.open', { ref });
    await bg.call('note.save', { accountKey: key, origin: { objectType: 'company', recordId: '42' }, text: 'QBR', ratings: { promotion: 5, relationship: 5, sentiment: 5 }, touchpoint: 'meeting' });
    const view = await bg.call('record.open', { ref });
    const measured = view.evaluation!.health.measures.filter((m) => ['promotion', 'relationship', 'sentiment'].includes(m.signalId));
    expect(measured.length).toBeGreaterThan(0);
    for (const m of measured) expect(m.value).toBe(5);
  });

  test.each([
    ['an unknown rating', { promotion: 3, charisma: 4 }, 'hello', /no rating charisma/, 'en-US'],
    ['nothing at all', {}, '   ', /Write something/, 'en-US'],
    ['an unknown rating, in Japanese', { promotion: 3, charisma: 4 }, 'hello', /評価 charisma がありません/, 'ja-JP'],
    ['nothing at all, in Japanese', {}, '   ', /本文を入力するか評価を付けてください/, 'ja-JP'],
  ])('note.save refuses %s and says why', async (_name, ratings, text, message, locale) => {
    const bg = makeBackground({ locale });
    await expect(bg.call('note.save', { accountKey: key, origin: { objectType: 'company', recordId: '42' }, text, ratings, touchpoint: 'call' })).rejects.toMatchObject({ message: expect.stringMatching(message) });
    expect(await bg.db.notes.count()).toBe(0);
  });

  test('a band override shows both bands and lapses at its expiry', async () => {
    const bg = makeBackground({ now: new Date('2026-11-20T09:00:00Z') });
    await bg.call('record.open', { ref });
    const { health } = await bg.call('override.set', { accountKey: key, band: 'red', reason: 'Champion left', expiresAt: '2026-11-27T09:00:00.000Z' });
    expect(health.band).toBe('red');
    expect(health.override).toMatchObject({ status: 'active', reason: 'Champion left' });
    bg.advance(8 * 86_400_000);
    const later = await bg.call('record.open', { ref });
    expect(later.evaluation!.health.override?.status).toBe('lapsed');
    expect(later.evaluation!.health.band).toBe(later.evaluation!.health.computedBand);
  });

  test('an invalid installed pack is kept, reported, and the default used meanwhile', async () => {
    const bg = makeBackground();
    await bg.db.packs.put({ id: 'active', pack: { schemaVersion: 2, id: 'broken' }, installedAt: '2026-11-01T00:00:00.000Z', source: 'file' });
    const current = await bg.call('pack.current', {});
    expect(current.problem).toMatch(/invalid/);
    expect(await bg.db.packs.get('active')).toBeTruthy();
    const view = await bg.call('record.open', { ref });
    expect(view.evaluation).not.toBeNull();
  });
});
