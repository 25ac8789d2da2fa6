import type { ConfigPack, Localized, MeasureDef } from '../types.ts';

const t = (ja: string, en: string): Localized => ({ ja, en });

export const bands: ConfigPack['bands'] = [
  { id: 'red', label: t('赤（リスク）', 'Red (at risk)'), min: 0, color: '#d93025' },
  { id: 'yellow', label: t('黄（注意）', 'Yellow (watch)'), min: 40, color: '#f9ab00' },
  { id: 'green', label: t('緑（良好）', 'Green (healthy)'), min: 70, color: '#188038' },
];

export const roles: ConfigPack['roles'] = [
  { id: 'sales', label: t('営業', 'Sales') },
  { id: 'implementation', label: t('導入コンサルタント', 'Implementation consultant') },
  { id: 'csm', label: t('カスタマーサクセス', 'CSM') },
  { id: 'support', label: t('サポート', 'Support') },
];

/** ARR bands differ by currency: ¥10M / ¥2M for the Japanese pack, $100k / $20k for the English one. */
export function segments(currency: 'JPY' | 'USD'): ConfigPack['segments'] {
  const [ent, mid] = currency === 'JPY' ? [10_000_000, 2_000_000] : [100_000, 20_000];
  return [
    { id: 'enterprise', label: t('エンタープライズ', 'Enterprise'), when: [{ signal: 'arr', op: '>=', value: ent }] },
    { id: 'mid', label: t('ミッドマーケット', 'Mid-market'), when: [{ signal: 'arr', op: '>=', value: mid }] },
    { id: 'smb', label: t('SMB', 'SMB'), when: [] },
  ];
}

const ranges = (...pts: Array<[number, number]>): MeasureDef['scoring'] => ({ kind: 'ranges', points: pts.map(([value, score]) => ({ value, score })) });

// Sub-score curves, shared by both scorecards; only the weights differ.
const curve = {
  active_user_rate: ranges([0, 0], [20, 20], [50, 60], [80, 100]),
  days_since_login: ranges([0, 100], [7, 100], [14, 70], [30, 30], [60, 0]),
  emails_sent_30d: ranges([0, 0], [10, 40], [50, 70], [200, 100]),
  emails_received_30d: ranges([0, 0], [10, 50], [100, 100]),
  open_tickets: ranges([0, 100], [2, 80], [5, 40], [10, 0]),
  help_page_views_30d: ranges([0, 30], [10, 60], [50, 100]),
  nps: ranges([0, 0], [6, 35], [7, 60], [8, 75], [9, 100]),
  rating: ranges([1, 0], [5, 100]),
};

const rules: ConfigPack['scorecards'][number]['rules'] = [
  {
    id: 'critical-red',
    when: { band: 'red', criticalOnly: true, count: 1 },
    then: { capBand: 'red' },
    reason: t('重要指標が赤のため、全体を赤とします', 'A critical measure is red, so the account is red'),
  },
  {
    id: 'many-red',
    when: { band: 'red', criticalOnly: false, count: 3 },
    then: { capBand: 'yellow' },
    reason: t('赤の指標が3つ以上あるため、緑にはしません', 'Three or more measures are red, so the account cannot be green'),
  },
];

export const scorecards: ConfigPack['scorecards'] = [
  {
    id: 'enterprise',
    label: t('エンタープライズ', 'Enterprise'),
    segments: ['enterprise'],
    minCoverage: 0.5,
    measures: [
      { signal: 'active_user_rate', weight: 20, critical: true, scoring: curve.active_user_rate },
      { signal: 'days_since_login', weight: 10, critical: true, scoring: curve.days_since_login },
      { signal: 'emails_sent_30d', weight: 10, scoring: curve.emails_sent_30d },
      { signal: 'emails_received_30d', weight: 5, scoring: curve.emails_received_30d },
      { signal: 'open_tickets', weight: 10, scoring: curve.open_tickets },
      { signal: 'help_page_views_30d', weight: 5, scoring: curve.help_page_views_30d },
      { signal: 'nps', weight: 15, scoring: curve.nps },
      { signal: 'promotion', weight: 10, scoring: curve.rating },
      { signal: 'relationship', weight: 10, critical: true, scoring: curve.rating },
      { signal: 'sentiment', weight: 5, scoring: curve.rating },
    ],
    rules,
  },
  {
    id: 'standard',
    label: t('スタンダード', 'Standard'),
    segments: ['mid', 'smb'],
    minCoverage: 0.5,
    measures: [
      { signal: 'active_user_rate', weight: 25, critical: true, scoring: curve.active_user_rate },
      { signal: 'days_since_login', weight: 15, critical: true, scoring: curve.days_since_login },
      { signal: 'emails_sent_30d', weight: 15, scoring: curve.emails_sent_30d },
      { signal: 'emails_received_30d', weight: 10, scoring: curve.emails_received_30d },
      { signal: 'open_tickets', weight: 10, scoring: curve.open_tickets },
      { signal: 'help_page_views_30d', weight: 5, scoring: curve.help_page_views_30d },
      { signal: 'nps', weight: 15, scoring: curve.nps },
      { signal: 'sentiment', weight: 5, scoring: curve.rating },
    ],
    rules,
  },
];

// Generalised from the brief's paper-to-web example: one department with pilot partners → several departments and
// forms → the whole company, no paper out → partners digital too, no paper in.
export const maturity: ConfigPack['maturity'] = {
  levels: [
    {
      level: 1, id: 'pilot', label: t('Lv.1 試験導入', 'Lv.1 Pilot'),
      description: t('1部門が特定の帳票を、パイロット取引先と電子でやり取りしている', 'One department exchanges specific forms digitally with pilot partners'),
      criteria: [
        { id: 'one-department', label: t('1部門以上で利用', 'At least one department uses it'), condition: { signal: 'departments_using', op: '>=', value: 1 } },
        { id: 'sending', label: t('直近30日に送信または受信がある', 'Documents sent in the last 30 days'), condition: { signal: 'emails_sent_30d', op: '>=', value: 1 } },
        { id: 'pilot-partners', label: t('パイロット取引先が電子化済み', 'Pilot partners have gone digital'), condition: { signal: 'partners_digital_pct', op: '>', value: 0 } },
      ],
    },
    {
      level: 2, id: 'departments', label: t('Lv.2 複数部門展開', 'Lv.2 Several departments'),
      description: t('複数部門が複数種類の帳票で利用している', 'Several departments use it for several kinds of forms'),
      criteria: [
        { id: 'several-departments', label: t('2部門以上で利用', 'Two or more departments use it'), condition: { signal: 'departments_using', op: '>=', value: 2 } },
        { id: 'several-forms', label: t('3種類以上の帳票で利用', 'Three or more kinds of forms'), condition: { signal: 'form_types_used', op: '>=', value: 3 } },
      ],
    },
    {
      level: 3, id: 'company-wide', label: t('Lv.3 全社定着', 'Lv.3 Company-wide'),
      description: t('全部門で利用し、取引先への紙の郵送がゼロ', 'Every department uses it; no paper mail goes out to partners'),
      criteria: [
        { id: 'all-departments', label: t('全部門で利用', 'All departments use it'), condition: { signal: 'department_coverage_pct', op: '>=', value: 100 } },
        { id: 'no-paper-out', label: t('紙の郵送（送付）がゼロ', 'No paper mail sent'), condition: { signal: 'paper_mail_sent_30d', op: '<=', value: 0 } },
      ],
    },
    {
      level: 4, id: 'ecosystem', label: t('Lv.4 取引先まで電子化', 'Lv.4 Partners digital too'),
      description: t('取引先にも電子化を働きかけ、紙の受取がゼロ', 'Partners are encouraged to go digital; no paper is received'),
      criteria: [
        { id: 'partners-digital', label: t('取引先の80%以上が電子化', '80% or more of partners are digital'), condition: { signal: 'partners_digital_pct', op: '>=', value: 80 } },
        { id: 'no-paper-in', label: t('紙の受取がゼロ', 'No paper mail received'), condition: { signal: 'paper_mail_received_30d', op: '<=', value: 0 } },
        { id: 'promoting', label: t('社内推進度が4以上', 'Internal promotion rated 4 or more'), condition: { signal: 'promotion', op: '>=', value: 4 } },
      ],
    },
  ],
};

export const touch: ConfigPack['touch'] = {
  models: [
    { id: 'high', label: t('ハイタッチ', 'High touch'), description: t('専任CSMによる1対1の支援', 'One-to-one with a named CSM') },
    { id: 'low', label: t('ロータッチ', 'Low touch'), description: t('ウェビナー・集合研修・相談会による1対多の支援', 'One-to-many: webinars, group training, consultation sessions') },
    { id: 'tech', label: t('テックタッチ', 'Tech touch'), description: t('メール・MA・動画・ヘルプサイトによるセルフサービス', 'Email, marketing automation, video and the help site') },
    { id: 'community', label: t('コミュニティタッチ', 'Community touch'), description: t('ユーザー会・コミュニティサイト', 'User groups and the community site') },
  ],
  // More self-service as maturity grows: small accounts that are company-wide move to the community.
  assign: [
    { segments: ['enterprise'], touchModel: 'high' },
    { segments: ['mid'], touchModel: 'low' },
    { segments: ['smb'], minMaturity: 3, touchModel: 'community' },
  ],
  default: 'tech',
};

export const lifecycle: ConfigPack['lifecycle'] = {
  stages: [
    { id: 'onboarding', label: t('オンボーディング', 'Onboarding'), owner: 'sales' },
    { id: 'implementation', label: t('導入支援', 'Implementation'), owner: 'implementation' },
    { id: 'adoption', label: t('活用促進', 'Adoption'), owner: 'csm' },
    { id: 'renewal', label: t('更新', 'Renewal'), owner: 'csm' },
    { id: 'expansion', label: t('アップセル・クロスセル', 'Expansion'), owner: 'sales' },
  ],
  // Japanese subscription contracts commonly require notice of non-renewal a set time before the term ends (更新拒絶期限).
  renewal: { signal: 'days_to_renewal', windowDays: 90, stage: 'renewal', noticeDays: 60 },
  rules: [
    { stage: 'onboarding', when: [{ signal: 'days_since_contract_start', op: '<', value: 30 }] },
    { stage: 'implementation', when: [{ signal: 'days_since_contract_start', op: '<', value: 90 }] },
    { stage: 'expansion', minMaturity: 3 },
  ],
  default: 'adoption',
};
