import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { defaultConfigPack } from '../engine/index.ts';
import { renderTemplate } from '../engine/templates.ts';
import { buildHandoverSheet, handoverColumns, handoverCsv, handoverEmail, handoverText, scoreHistory, type HandoverInput } from './handover.ts';

const NOW = new Date('2026-12-05T00:00:00Z');
const pack = defaultConfigPack('en');
const DAY = 86_400_000;
const ago = (d: number) => new Date(NOW.getTime() - d * DAY).toISOString();
const inDays = (d: number) => new Date(NOW.getTime() + d * DAY).toISOString().slice(0, 10);

const input = (fields: HandoverInput['fields'], extra: Partial<HandoverInput> = {}): HandoverInput => ({
  crm: 'hubspot',
  key: 'hubspot:1:9001',
  url: 'https://app.hubspot.com/contacts/1/record/0-2/9001',
  name: '株式会社サンプル商事',
  csm: '佐藤 花子',
  fields,
  history: [],
  contacts: [{ name: '山田 花子', title: '総務部長', email: 'hanako@sample.example.jp', primary: true }],
  notes: [],
  ...extra,
});

const published = (extra: HandoverInput['fields'] = {}): HandoverInput['fields'] => ({
  sidecar_health_score: '61',
  sidecar_health_band: 'yellow',
  sidecar_maturity_level: '2',
  sidecar_next_action_id: pack.playbook[0]!.id,
  sidecar_scored_at: ago(0.5),
  notes_last_updated: ago(3),
  ...extra,
});

describe('scoreHistory', () => {
  test.each<[string, HandoverInput['history'], Array<{ day: string; score: number }>]>([
    ['one point per day, the day’s last value, oldest first', [{ at: '2026-12-02T10:00:00Z', value: '70' }, { at: '2026-11-01T00:00:00Z', value: '80' }, { at: '2026-12-02T18:00:00Z', value: '65' }], [{ day: '2026-11-01', score: 80 }, { day: '2026-12-02', score: 65 }]],
    ['values that are not numbers and bad dates are skipped', [{ at: 'x', value: '70' }, { at: '2026-11-01T00:00:00Z', value: null }, { at: '2026-11-02T00:00:00Z', value: '' }, { at: '2026-11-03T00:00:00Z', value: '55.5' }], [{ day: '2026-11-03', score: 55.5 }]],
    ['HubSpot epoch milliseconds', [{ at: String(Date.parse('2026-10-10T00:00:00Z')), value: '40' }], [{ day: '2026-10-10', score: 40 }]],
    ['no history', [], []],
  ])('%s', (_n, h, want) => expect(scoreHistory(h)).toEqual(want));

  test('keeps the newest twelve days', () => {
    const h = Array.from({ length: 20 }, (_, i) => ({ at: ago(20 - i), value: String(50 + i) }));
    const out = scoreHistory(h);
    expect(out).toHaveLength(12);
    expect(out.at(-1)!.score).toBe(69);
  });
});

describe('buildHandoverSheet', () => {
  test.each<[string, HandoverInput, (s: ReturnType<typeof buildHandoverSheet>) => void]>([
    [
      'a healthy record: score, band label, level, what the next level needs, the open action from the pack',
      input(published({ sidecar_health_score: '82', sidecar_health_band: 'green', sidecar_maturity_level: '2' })),
      (s) => {
        expect([s.score, s.band, s.bandId, s.level, s.levelLabel]).toEqual([82, 'Green (healthy)', 'green', 2, 'Lv.2 Several departments']);
        expect(s.nextLevel).toMatchObject({ level: 3, label: expect.stringContaining('Lv.3') });
        expect(s.nextLevel!.needs.length).toBeGreaterThan(0);
        expect(s.openAction).toEqual({ title: pack.playbook[0]!.action.title.en, why: pack.playbook[0]!.action.why.en });
        expect(s.risks).toEqual([]);
        expect(s.stale).toEqual([]);
      },
    ],
    [
      'the worst band, a fall of 10+ points in 90 days, renewal inside the window with the notice deadline passed',
      input(published({ sidecar_health_score: '35', sidecar_health_band: 'red', sidecar_renewal_date: inDays(45) }), {
        history: [{ at: ago(60), value: '72' }, { at: ago(30), value: '58' }, { at: ago(0.5), value: '35' }],
      }),
      (s) => {
        expect(s.history.map((h) => h.score)).toEqual([72, 58, 35]);
        expect(s.renewal).toEqual({ date: inDays(45), daysLeft: 45, noticeDeadline: inDays(-15), noticeDaysLeft: -15 });
        expect(s.risks).toEqual([
          'Health is Red (at risk)',
          'Score fell from 72 to 35 in 90 days',
          'Renews in 45 days while health is Red (at risk)',
          `Notice deadline ${inDays(-15)} has passed: the contract renews unless already cancelled`,
        ]);
      },
    ],
    [
      'a notice deadline within 30 days; no activity for 70 days; no contacts',
      input(published({ sidecar_renewal_date: inDays(80), notes_last_updated: ago(70) }), { contacts: [] }),
      (s) => {
        expect(s.renewal?.noticeDaysLeft).toBe(20);
        expect(s.risks).toEqual(['Renews in 80 days while health is Yellow (watch)', `Notice deadline ${inDays(20)} is in 20 days`, 'No activity logged in the CRM for 70 days', 'No contacts in the CRM']);
      },
    ],
    [
      'nothing published: no score is a stale input, and no activity at all is a risk',
      input({}),
      (s) => {
        expect([s.score, s.band, s.level, s.openAction, s.renewal, s.nextLevel?.level]).toEqual([null, null, 0, null, null, 1]);
        expect(s.stale).toEqual(['No published score: CS Ops has not published this account yet']);
        expect(s.risks).toEqual(['No activity logged in the CRM']);
      },
    ],
    [
      'a score published four days ago is stale; the current value ends a history that has not caught up',
      input(published({ sidecar_scored_at: ago(4) }), { history: [{ at: ago(10), value: '70' }] }),
      (s) => {
        expect(s.stale).toEqual([`Published score is from ${ago(4).slice(0, 10)}`]);
        expect(s.history).toEqual([{ day: ago(10).slice(0, 10), score: 70 }, { day: ago(4).slice(0, 10), score: 61 }]);
      },
    ],
    [
      'the team’s ratings from the notes (latest per signal, who rated), an old rating stale; published rating fields fill a signal no note rates',
      input(published({ sidecar_rating_sentiment: '2', sidecar_rating_sentiment_by: 'Alex Morgan', sidecar_rating_sentiment_at: ago(10) }), {
        notes: [
          { at: ago(100), author: '佐藤 花子', text: 'Kickoff\nsecond line', ratings: { promotion: 2, relationship: 3 } },
          { at: ago(5), author: 'Alex Morgan', text: 'QBR went well', ratings: { promotion: 4 } },
        ],
      }),
      (s) => {
        expect(s.ratings.map((r) => [r.label, r.value, r.by, r.stale])).toEqual([
          ['Internal promotion', 4, 'Alex Morgan', false],
          ['Owner–user relationship', 3, '佐藤 花子', true],
          ['Customer sentiment', 2, 'Alex Morgan', false],
        ]);
        expect(s.stale).toEqual([expect.stringContaining('last rated')]);
        expect(s.recent).toEqual([{ day: ago(5).slice(0, 10), by: 'Alex Morgan', text: 'QBR went well' }, { day: ago(100).slice(0, 10), by: '佐藤 花子', text: 'Kickoff — second line' }]);
      },
    ],
    [
      'Salesforce fields and LastActivityDate',
      input({ Sidecar_Health_Score__c: 50, Sidecar_Health_Band__c: 'yellow', Sidecar_Maturity_Level__c: 4, LastActivityDate: '2026-12-01', Sidecar_Scored_At__c: ago(1) }, { crm: 'salesforce' }),
      (s) => {
        expect([s.score, s.level, s.nextLevel, s.lastTouch]).toEqual([50, 4, null, '2026-12-01']);
      },
    ],
  ])('%s', (_n, i, check) => check(buildHandoverSheet(i, pack, 'en', NOW)));

  test('in Japanese, the pack’s Japanese words and the notice deadline as 更新拒絶期限', () => {
    const ja = defaultConfigPack('ja');
    const s = buildHandoverSheet(input(published({ sidecar_renewal_date: inDays(70) })), ja, 'ja', NOW);
    expect(s.band).toBe('黄（注意）');
    expect(s.risks).toContain(`更新拒絶期限（${inDays(10)}）まで 10 日です`);
    const text = handoverText(s, 'ja');
    expect(text).toContain('引き継ぎシート: 株式会社サンプル商事');
    expect(text).toContain(`更新拒絶期限: ${inDays(10)}`);
    expect(text).toContain('- 山田 花子 / 総務部長 / hanako@sample.example.jp / 主担当');
  });
});

describe('handoverCsv', () => {
  const sheets = [
    buildHandoverSheet(input(published({ sidecar_renewal_date: inDays(45) }), { history: [{ at: ago(30), value: '75' }] }), pack, 'en', NOW),
    buildHandoverSheet(input({}, { name: '=HYPERLINK("http://x")', key: 'hubspot:1:9002', notes: [{ at: ago(1), text: 'line one\nline two' }] }), pack, 'en', NOW),
  ];

  test('UTF-8 with BOM, CRLF, the columns in order, one row per account, list cells on separate lines, formulas defused', () => {
    const csv = handoverCsv(sheets, 'en');
    expect(csv.startsWith('\uFEFFAccount,CRM,CSM,Health score,Band,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', delimiter: ',' }).data.filter((r) => r.length > 1);
    expect(parsed[0]).toEqual(handoverColumns('en'));
    expect(parsed).toHaveLength(3);
    const col = (name: string) => handoverColumns('en').indexOf(name);
    expect(parsed[1]![col('Notice deadline (non-renewal)')]).toBe(inDays(-15));
    expect(parsed[1]![col('Score history')]).toBe(`${ago(30).slice(0, 10)} 75; ${ago(0.5).slice(0, 10)} 61`);
    expect(parsed[2]![col('Account')]).toBe(`'=HYPERLINK("http://x")`);
    expect(parsed[2]![col('Recent activity (team notes)')]).toBe(`${ago(1).slice(0, 10)}: line one — line two`);
    expect(parsed[1]![col('Risks')]!.split('\n')).toEqual(['Score fell from 75 to 61 in 90 days', 'Renews in 45 days while health is Yellow (watch)', `Notice deadline ${inDays(-15)} has passed: the contract renews unless already cancelled`]);
  });

  test('Japanese headings', () => {
    expect(handoverCsv([], 'ja')).toBe(`\uFEFF${handoverColumns('ja').join(',')}\r\n`);
    expect(handoverColumns('ja')).toContain('更新拒絶期限');
  });
});

describe('handoverEmail', () => {
  test.each(['ja', 'en'] as const)('%s: the pack’s 担当変更 e-mail, filled but for the new CSM, whose fields stay marked until typed', (locale) => {
    const p = defaultConfigPack(locale);
    const mail = handoverEmail(p, input({}, { contacts: [{ name: '山田 花子', lastName: '山田', firstName: '花子', primary: true }] }), { companyName: 'デモ株式会社', productName: 'ペーパーレス便' }, locale)!;
    expect(mail.context).toEqual({ company: { name: '株式会社サンプル商事' }, contact: { lastName: '山田', firstName: '花子' }, handover: { fromName: '佐藤 花子' }, csm: { company: 'デモ株式会社' }, product: { name: 'ペーパーレス便' } });
    const open = renderTemplate(mail.template, mail.context, locale);
    expect(open.missing).toEqual(['handover.toName', 'handover.toEmail']);
    const done = renderTemplate(mail.template, { ...mail.context, handover: { ...mail.context.handover, toName: '田中 一郎', toEmail: 'tanaka@example.com' } }, locale);
    expect(done.missing).toEqual([]);
    expect(done.text).toContain('田中 一郎');
    expect(done.text).toContain('tanaka@example.com');
    if (locale === 'ja') {
      expect(done.text).toContain('山田様');
      expect(done.text).toContain('デモ株式会社の佐藤 花子でございます');
      expect(done.subject).toBe('【ペーパーレス便】担当者変更のご挨拶');
    } else expect(done.text).toContain('Hi 花子,');
  });

  test('without a CSM in the CRM the user is the outgoing CSM; a pack without the template has no e-mail', () => {
    expect(handoverEmail(pack, input({}, { csm: null }), { csmName: 'Me' }, 'en')!.context.handover).toEqual({ fromName: 'Me' });
    expect(handoverEmail({ ...pack, templates: [] }, input({}), {}, 'en')).toBeNull();
  });
});
