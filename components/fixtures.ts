import type { NoteView, PackView, RecordView } from '../lib/messages/protocol';

// Test data shaped by the protocol's schemas (fixtures.test checks they parse), so the
// cards are built against what the background will really send.

const lt = (en: string, ja: string) => ({ en, ja });

export const pack: PackView = {
  id: 'default',
  name: 'Default pack',
  version: '1.0.0',
  defaultLocale: 'ja',
  bands: [
    { id: 'healthy', label: lt('Healthy', '良好'), min: 70, color: '#2e9e4f' },
    { id: 'watch', label: lt('Watch', '要注意'), min: 40 },
    { id: 'at-risk', label: lt('At risk', '危険'), min: 0 },
  ],
  levels: [
    { level: 1, id: 'pilot', label: lt('Pilot', '試験導入'), criteria: [{ id: 'one-dept', label: lt('One department sends forms', '1部署で帳票を送付') }] },
    { level: 2, id: 'spread', label: lt('Spreading', '複数部署'), criteria: [{ id: 'depts-3', label: lt('3+ departments', '3部署以上で利用') }, { id: 'forms-3', label: lt('3+ kinds of forms', '帳票3種類以上') }] },
    { level: 3, id: 'company', label: lt('Company-wide', '全社展開'), description: lt('All departments; no paper to partners.', '全部署で利用し、紙の郵送ゼロ。'), criteria: [{ id: 'all-depts', label: lt('All departments', '全部署で利用') }, { id: 'paper-out-zero', label: lt('Paper sent: zero', '紙の送付ゼロ') }] },
    { level: 4, id: 'ecosystem', label: lt('Ecosystem', '取引先へ拡大'), criteria: [{ id: 'paper-in-zero', label: lt('Paper received: zero', '紙の受領ゼロ') }] },
  ],
  stages: [
    { id: 'onboarding', label: lt('Onboarding', 'オンボーディング') },
    { id: 'adoption', label: lt('Adoption', '活用促進') },
  ],
  touchModels: [{ id: 'high', label: lt('High touch', 'ハイタッチ') }],
  segments: [{ id: 'enterprise', label: lt('Enterprise', 'エンタープライズ') }],
  roles: [{ id: 'csm', label: lt('CSM', 'CSM') }, { id: 'sales', label: lt('Sales', '営業') }],
  signals: [
    { id: 'activeUsers', type: 'number', label: lt('Active users', 'アクティブユーザー数') },
    { id: 'nps', type: 'number', label: lt('NPS', 'NPS') },
    { id: 'tickets', type: 'number', label: lt('Open tickets', '未解決チケット') },
    { id: 'advocacy', type: 'rating', label: lt('Internal advocacy', '社内推進度') },
    { id: 'relationship', type: 'rating', label: lt('Owner–user relationship', '契約者と利用者の関係') },
  ],
  ratings: [
    {
      id: 'advocacy',
      label: lt('Internal advocacy', '社内推進度'),
      points: [1, 2, 3, 4, 5].map((v) => ({ value: v, label: lt(['None', 'Low', 'Some', 'Strong', 'Champion'][v - 1]!, ['なし', '低い', 'ある程度', '高い', '非常に高い'][v - 1]!) })),
      freshnessDays: 90,
    },
    {
      id: 'relationship',
      label: lt('Owner–user relationship', '契約者と利用者の関係'),
      points: [1, 2, 3, 4, 5].map((v) => ({ value: v, label: lt(['Broken', 'Weak', 'OK', 'Good', 'Excellent'][v - 1]!, ['断絶', '弱い', '普通', '良好', '非常に良好'][v - 1]!) })),
    },
  ],
  templates: [
    {
      id: 'checkin-email',
      kind: 'email',
      title: lt('Check-in email', '定期フォローのメール'),
      subject: lt('{{company.name}}: a quick check-in', '{{company.name}} 様 ご利用状況のご確認'),
      body: lt('Dear {{contact.lastName}},\n\nThis is {{csm.name}}. How is {{company.name}} finding the product?', '{{contact.lastName}} 様\n\nいつもお世話になっております。{{csm.name}}です。{{company.name}} 様のご利用状況はいかがでしょうか。'),
    },
    { id: 'call-script', kind: 'call', title: lt('Call script', '電話トーク'), body: lt('Ask {{company.name}} about adoption.', '{{company.name}} 様に活用状況を伺う。') },
  ],
};

type Evaluation = NonNullable<RecordView['evaluation']>;
export type Health = Evaluation['health'];

export const health: Health = {
  status: 'ok',
  score: 72,
  computedBand: 'healthy',
  band: 'healthy',
  override: null,
  coverage: 0.9,
  minCoverage: 0.6,
  context: { segment: 'enterprise', scorecard: 'default', stage: 'adoption', touchModel: 'high' },
  measures: [],
  drivers: {
    up: [
      { signalId: 'activeUsers', value: 120, subScore: 90, impact: 12.5, text: lt('120 active users, well above target', 'アクティブユーザー120人（目標を大きく上回る）') },
      { signalId: 'nps', value: 45, subScore: 80, impact: 6, text: lt('NPS 45', 'NPS 45') },
      { signalId: 'advocacy', value: 4, subScore: 75, impact: 3, text: lt('Strong internal advocacy', '社内推進度が高い') },
      { signalId: 'extra-up', value: 1, subScore: 60, impact: 1, text: lt('Fourth driver', '4番目の要因') },
    ],
    down: [{ signalId: 'tickets', value: 7, subScore: 20, impact: -8, text: lt('7 open tickets', '未解決チケット7件') }],
  },
  stale: [{ signalId: 'nps', observedAt: '2025-01-10T00:00:00Z', ageDays: 120, limitDays: 90 }],
  missing: [],
  rulesApplied: [],
  changes: { previousScore: 65, scoreDelta: 7, previousBand: 'watch', bandChanged: true, scorecardChanged: false, measures: [{ signalId: 'activeUsers', subScoreBefore: 70, subScoreAfter: 90, subScoreDelta: 20, contributionDelta: 5 }] },
};

export const maturity: Evaluation['maturity'] = {
  level: 2,
  levelId: 'spread',
  levels: [
    { level: 1, id: 'pilot', met: true, criteria: [{ id: 'one-dept', signalId: 'depts', met: true, value: 4 }] },
    { level: 2, id: 'spread', met: true, criteria: [{ id: 'depts-3', signalId: 'depts', met: true, value: 4 }, { id: 'forms-3', signalId: 'forms', met: true, value: 3 }] },
    { level: 3, id: 'company', met: false, criteria: [{ id: 'all-depts', signalId: 'deptShare', met: true, value: 1 }, { id: 'paper-out-zero', signalId: 'paperOut', met: false, value: 12 }] },
    { level: 4, id: 'ecosystem', met: false, criteria: [{ id: 'paper-in-zero', signalId: 'paperIn', met: false, value: 40 }] },
  ],
  next: { level: 3, id: 'company', unmet: [{ id: 'paper-out-zero', signalId: 'paperOut', met: false, value: 12, text: lt('Paper sent: 12 a month (needs 0)', '紙の送付：月12通（0通が条件）') }] },
};

export const nextAction: NonNullable<Evaluation['nextAction']> = {
  best: {
    ruleId: 'adoption-expand',
    title: lt('Propose a roll-out to the remaining departments', '未導入部署への展開をご提案'),
    why: lt('Two departments still send paper.', '2部署でまだ紙の送付が残っています。'),
    ownerRole: 'csm',
    dueInDays: 14,
    dueDate: '2026-03-20',
    priority: 'high',
    templateIds: ['checkin-email', 'call-script'],
    specificity: 3,
    reason: { matched: [{ on: 'stage', text: lt('Stage: adoption', 'ステージ：活用促進') }], text: lt('Adoption stage, Lv.2', '活用促進ステージ・Lv.2') },
  },
  runnerUp: {
    ruleId: 'webinar',
    title: lt('Invite to the advanced webinar', '応用編ウェビナーのご案内'),
    why: lt('Users asked about automation.', '自動化についてご質問がありました。'),
    ownerRole: 'sales',
    dueInDays: 30,
    dueDate: '2026-04-05',
    priority: 'normal',
    templateIds: [],
    specificity: 1,
    reason: { matched: [], text: lt('', '') },
  },
};

export const evaluation: Evaluation = { health, maturity, nextAction };

export const trend: RecordView['trend'] = Array.from({ length: 90 }, (_, i) => {
  const d = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const score = i % 17 === 5 ? null : Math.round(50 + 20 * Math.sin(i / 12));
  return { day: d, score, band: score === null ? null : score >= 70 ? 'healthy' : 'watch' };
});

export const record: RecordView = {
  ref: { crm: 'hubspot', host: 'app.hubspot.com', portalId: '24681357', objectType: 'company', recordId: '9001' },
  account: {
    key: 'hubspot:24681357:9001',
    name: '株式会社サンプル商事',
    owner: '山田 花子',
    lifecycleStage: 'adoption',
    firstSeenAt: '2026-01-05T09:00:00.000Z',
    lastSeenAt: '2026-03-06T09:00:00.000Z',
    previousSeenAt: '2026-03-01T09:00:00.000Z',
  },
  evaluation,
  trend,
  sources: ['hubspot', 'csv'],
  asOf: '2026-03-06T08:30:00.000Z',
  sync: { status: 'fresh', fetchedAt: '2026-03-06T08:30:00.000Z' },
  merge: { company: { name: '株式会社サンプル商事' }, csm: { name: 'Sato' }, health: { score: 72 } },
  sample: false,
};

export const notes: NoteView[] = [
  { id: 'n1', accountKey: record.account.key, text: 'Kick-off went well.', ratings: { advocacy: 4 }, touchpoint: 'meeting', author: 'Sato', createdAt: '2026-03-05T10:00:00.000Z', updatedAt: '2026-03-05T10:00:00.000Z', status: 'synced', remoteId: 'r1' },
  { id: 'n2', accountKey: record.account.key, text: 'Left a voicemail.', ratings: {}, touchpoint: 'call', createdAt: '2026-03-04T10:00:00.000Z', updatedAt: '2026-03-04T10:00:00.000Z', status: 'failed', error: 'HubSpot refused the note: 403 MISSING_SCOPES' },
  { id: 'n3', accountKey: record.account.key, text: 'Team note from HubSpot.', ratings: {}, touchpoint: 'email', author: 'Suzuki', createdAt: '2026-03-03T10:00:00.000Z', updatedAt: '2026-03-03T10:00:00.000Z', status: 'synced', fromCrm: true, remoteId: 'r3' },
];
