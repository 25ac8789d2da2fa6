import type { ConfigPack, Localized, SignalDef } from '../types.ts';

const t = (ja: string, en: string): Localized => ({ ja, en });

// Rating points shared by the qualitative signals; each signal words its own scale.
const points = (labels: Array<[string, string]>) => labels.map(([ja, en], i) => ({ value: i + 1, label: t(ja, en) }));

export function defaultSignals(currency: 'JPY' | 'USD'): SignalDef[] {
  const count = t('件', 'items');
  return [
    // --- Quantitative: product logs ---
    {
      id: 'emails_sent_30d', type: 'number', higherIsBetter: true, category: 'quantitative',
      source: { kind: 'crm', hubspot: 'sidecar_emails_sent_30d', salesforce: 'Sidecar_Emails_Sent_30d__c' },
      unit: t('通', 'emails'), label: t('送信数（30日）', 'Documents sent (30d)'),
      description: t('直近30日に製品から送信した帳票・メールの数', 'Documents or emails sent through the product in the last 30 days'),
    },
    {
      id: 'emails_received_30d', type: 'number', higherIsBetter: true, category: 'quantitative',
      source: { kind: 'crm', hubspot: 'sidecar_emails_received_30d', salesforce: 'Sidecar_Emails_Received_30d__c' },
      unit: t('通', 'emails'), label: t('受信数（30日）', 'Documents received (30d)'),
    },
    {
      id: 'active_users', type: 'number', higherIsBetter: true, category: 'quantitative',
      source: { kind: 'crm', hubspot: 'sidecar_active_users_30d', salesforce: 'Sidecar_Active_Users_30d__c' },
      unit: t('人', 'users'), label: t('アクティブユーザー数', 'Active users'),
      description: t('直近30日に1回以上ログインしたユーザー（全社共通の定義）', 'Users who logged in at least once in the last 30 days (the shared definition)'),
    },
    {
      id: 'licensed_seats', type: 'number', higherIsBetter: true, category: 'quantitative',
      source: { kind: 'crm', hubspot: 'sidecar_licensed_seats', salesforce: 'Sidecar_Licensed_Seats__c' },
      unit: t('席', 'seats'), label: t('契約ユーザー数', 'Licensed seats'),
    },
    {
      id: 'active_user_rate', type: 'number', higherIsBetter: true, category: 'quantitative',
      source: { kind: 'csv', column: 'active_user_rate' },
      unit: t('%', '%'), label: t('アクティブ率', 'Active user rate'),
      description: t('アクティブユーザー数 ÷ 契約ユーザー数', 'Active users ÷ licensed seats'),
    },
    {
      id: 'open_tickets', type: 'number', higherIsBetter: false, category: 'quantitative',
      source: { kind: 'association', association: 'openTickets' },
      unit: count, label: t('未解決の問い合わせ', 'Open support tickets'),
    },
    {
      id: 'help_page_views_30d', type: 'number', higherIsBetter: true, category: 'quantitative',
      source: { kind: 'csv', column: 'help_page_views_30d' },
      unit: t('PV', 'views'), label: t('ヘルプサイト閲覧数（30日）', 'Help-site page views (30d)'),
    },
    {
      id: 'nps', type: 'number', higherIsBetter: true, category: 'quantitative',
      source: { kind: 'csv', column: 'nps' }, freshnessDays: 365,
      label: t('NPS', 'NPS'),
      qualifiers: [
        { max: 6, label: t('批判者', 'detractor') },
        { min: 7, max: 8, label: t('中立者', 'passive') },
        { min: 9, label: t('推奨者', 'promoter') },
      ],
    },
    {
      id: 'last_login_at', type: 'date', higherIsBetter: true, category: 'quantitative',
      source: { kind: 'crm', hubspot: 'sidecar_last_login_at', salesforce: 'Sidecar_Last_Login__c' },
      label: t('最終ログイン日', 'Last login'),
    },
    {
      id: 'days_since_login', type: 'number', higherIsBetter: false, category: 'quantitative',
      source: { kind: 'computed', fn: 'daysSince', from: 'last_login_at' },
      unit: t('日', 'days'), label: t('最終ログインからの日数', 'Days since last login'),
    },
    {
      id: 'renewal_date', type: 'date', higherIsBetter: true,
      source: { kind: 'crm', hubspot: 'sidecar_renewal_date', salesforce: 'Sidecar_Renewal_Date__c' },
      label: t('契約更新日', 'Renewal date'),
    },
    {
      id: 'days_to_renewal', type: 'number', higherIsBetter: true,
      source: { kind: 'computed', fn: 'daysUntil', from: 'renewal_date' },
      unit: t('日', 'days'), label: t('更新までの日数', 'Days to renewal'),
    },
    {
      id: 'arr', type: 'number', higherIsBetter: true,
      source: { kind: 'crm', hubspot: 'sidecar_arr', salesforce: 'Sidecar_ARR__c' },
      unit: currency === 'JPY' ? t('円', 'JPY') : t('ドル', 'USD'), label: t('ARR（年間契約額）', 'ARR'),
    },
    {
      id: 'contract_start_date', type: 'date', higherIsBetter: true,
      source: { kind: 'crm', hubspot: 'sidecar_contract_start_date', salesforce: 'Sidecar_Contract_Start__c' },
      label: t('契約開始日', 'Contract start date'),
    },
    {
      id: 'days_since_contract_start', type: 'number', higherIsBetter: true,
      source: { kind: 'computed', fn: 'daysSince', from: 'contract_start_date' },
      unit: t('日', 'days'), label: t('契約開始からの日数', 'Days since contract start'),
    },
    {
      id: 'departments_using', type: 'number', higherIsBetter: true, category: 'quantitative',
      source: { kind: 'csv', column: 'departments_using' },
      unit: t('部門', 'departments'), label: t('利用部門数', 'Departments using'),
    },
    {
      id: 'department_coverage_pct', type: 'number', higherIsBetter: true, category: 'quantitative',
      source: { kind: 'csv', column: 'department_coverage_pct' },
      unit: t('%', '%'), label: t('利用部門の割合', 'Share of departments using'),
    },
    {
      id: 'form_types_used', type: 'number', higherIsBetter: true, category: 'quantitative',
      source: { kind: 'csv', column: 'form_types_used' },
      unit: t('種類', 'kinds'), label: t('利用帳票の種類', 'Kinds of forms in use'),
    },
    {
      id: 'partners_digital_pct', type: 'number', higherIsBetter: true, category: 'quantitative',
      source: { kind: 'crm', hubspot: 'sidecar_partners_digital_pct', salesforce: 'Sidecar_Partners_Digital_Pct__c' },
      unit: t('%', '%'), label: t('電子化済み取引先の割合', 'Partners gone digital'),
    },
    {
      id: 'paper_mail_sent_30d', type: 'number', higherIsBetter: false, category: 'quantitative',
      source: { kind: 'csv', column: 'paper_mail_sent_30d' },
      unit: count, label: t('紙の郵送数（送付・30日）', 'Paper mail sent (30d)'),
    },
    {
      id: 'paper_mail_received_30d', type: 'number', higherIsBetter: false, category: 'quantitative',
      source: { kind: 'csv', column: 'paper_mail_received_30d' },
      unit: count, label: t('紙の受取数（30日）', 'Paper mail received (30d)'),
    },
    // --- Qualitative: a CSM's rating from each touchpoint, stale after 90 days ---
    {
      id: 'promotion', type: 'rating', higherIsBetter: true, category: 'qualitative',
      source: { kind: 'rating', scale: 5 }, freshnessDays: 90,
      label: t('社内推進度', 'Internal promotion'),
      description: t('お客様が社内でどれだけ製品の利用を推進しているか', 'How strongly the customer promotes the product inside its own company'),
      points: points([
        ['推進者不在', 'no one promotes it'],
        ['消極的', 'reluctant'],
        ['担当者のみ推進', 'only the project owner'],
        ['複数部門で推進', 'several departments push it'],
        ['全社方針として推進', 'a company-wide policy'],
      ]),
    },
    {
      id: 'relationship', type: 'rating', higherIsBetter: true, category: 'qualitative',
      source: { kind: 'rating', scale: 5 }, freshnessDays: 90,
      label: t('契約者と現場の関係', 'Owner–user relationship'),
      description: t('契約責任者と現場利用者の連携の強さ', 'How well the contract owner and the front-line users work together'),
      points: points([
        ['断絶している', 'broken'],
        ['弱い', 'weak'],
        ['普通', 'fair'],
        ['良好', 'good'],
        ['非常に良好', 'excellent'],
      ]),
    },
    {
      id: 'sentiment', type: 'rating', higherIsBetter: true, category: 'qualitative',
      source: { kind: 'rating', scale: 5 }, freshnessDays: 60,
      label: t('お客様の温度感', 'Customer sentiment'),
      description: t('直近の接点で受けた印象', 'Your impression from the latest touchpoint'),
      points: points([
        ['強い不満', 'very unhappy'],
        ['やや不満', 'unhappy'],
        ['普通', 'neutral'],
        ['満足', 'happy'],
        ['非常に満足', 'delighted'],
      ]),
    },
  ];
}

export type DefaultSignalId = ReturnType<typeof defaultSignals>[number]['id'];
export type PackSignals = ConfigPack['signals'];
