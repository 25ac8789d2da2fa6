// Where a new map starts: the shipped default pack, or an empty skeleton with the four parts of a
// CS operations map (docs: /work/shared/brief.md §1) laid out and nothing product-specific filled in:
// 1. the maturity curve (Lv.1–4, one placeholder criterion each, to be replaced);
// 2. the health check (the three bands, one usage signal, the renewal date, one scorecard for everyone);
// 3. touchpoints and actions (high, low, tech and community touch; tech by default; no playbook rules yet);
// 4. organisation and playbooks (the six phases and who owns them by default).
// The skeleton is a valid pack, so every step of building on it can be checked and previewed.
import { defaultConfigPack } from '../engine/default-pack/index.ts';
import { CURRENT_SCHEMA_VERSION } from '../engine/schema.ts';
import type { ConfigPack, Locale, Localized } from '../engine/types.ts';
import { toModel } from './model.ts';

const t = (ja: string, en: string): Localized => ({ ja, en });

/** A copy of the shipped default pack, as a new map to change (its id and name say it is a copy). */
export function newFromDefault(locale: Locale): ConfigPack {
  const pack = toModel(defaultConfigPack(locale));
  return { ...pack, id: `${pack.id}-copy`, name: locale === 'ja' ? `${pack.name}（コピー）` : `${pack.name} (copy)`, version: '0.1.0' };
}

export function emptySkeleton(locale: Locale): ConfigPack {
  const level = (n: number, ja: string, en: string, atLeast: number) => ({
    level: n,
    id: `lv${n}`,
    label: t(`Lv.${n} ${ja}`, `Lv.${n} ${en}`),
    criteria: [{ id: `lv${n}-usage`, label: t(`利用率 ${atLeast}% 以上`, `Usage ${atLeast}% or more`), condition: { signal: 'active_user_rate', op: '>=' as const, value: atLeast } }],
  });
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: 'new-map',
    name: locale === 'ja' ? '新しい運用マップ' : 'New operations map',
    version: '0.1.0',
    locales: { default: locale, available: ['ja', 'en'] },
    bands: [
      { id: 'red', label: t('赤（リスク）', 'Red (at risk)'), min: 0, color: '#d93025' },
      { id: 'yellow', label: t('黄（注意）', 'Yellow (watch)'), min: 40, color: '#f9ab00' },
      { id: 'green', label: t('緑（良好）', 'Green (healthy)'), min: 70, color: '#188038' },
    ],
    roles: [
      { id: 'sales', label: t('営業', 'Sales') },
      { id: 'implementation', label: t('導入コンサルタント', 'Implementation consultant') },
      { id: 'csm', label: t('カスタマーサクセス', 'CSM') },
      { id: 'support', label: t('サポート', 'Support') },
    ],
    signals: [
      {
        id: 'active_user_rate',
        type: 'number',
        higherIsBetter: true,
        category: 'quantitative',
        source: { kind: 'csv', column: 'active_user_rate' },
        unit: t('%', '%'),
        label: t('アクティブユーザー率', 'Active user rate'),
        freshnessDays: 35,
      },
      { id: 'renewal_date', type: 'date', higherIsBetter: true, source: { kind: 'crm', hubspot: 'sidecar_renewal_date', salesforce: 'Sidecar_Renewal_Date__c' }, label: t('契約更新日', 'Renewal date') },
      { id: 'days_to_renewal', type: 'number', higherIsBetter: true, source: { kind: 'computed', fn: 'daysUntil', from: 'renewal_date' }, unit: t('日', 'days'), label: t('更新までの日数', 'Days to renewal') },
    ],
    segments: [{ id: 'all', label: t('すべての顧客', 'All customers'), when: [] }],
    scorecards: [
      {
        id: 'all',
        label: t('すべての顧客', 'All customers'),
        segments: ['all'],
        minCoverage: 0.5,
        measures: [{ signal: 'active_user_rate', weight: 1, scoring: { kind: 'ranges', points: [{ value: 0, score: 0 }, { value: 80, score: 100 }] } }],
        rules: [],
      },
    ],
    maturity: {
      levels: [
        level(1, '一部で利用開始', 'First use', 10),
        level(2, '複数部門で利用', 'Several teams', 30),
        level(3, '全社で定着', 'Company-wide', 60),
        level(4, '取引先にも展開', 'Partners too', 80),
      ],
    },
    touch: {
      models: [
        { id: 'high', label: t('ハイタッチ', 'High touch'), description: t('1対1の個別支援', 'One-to-one') },
        { id: 'low', label: t('ロータッチ', 'Low touch'), description: t('ウェビナー・集合研修・相談会', 'Webinars, group training, consultation sessions') },
        { id: 'tech', label: t('テックタッチ', 'Tech touch'), description: t('メール・MA・動画・ヘルプサイト', 'Email, marketing automation, video, help site') },
        { id: 'community', label: t('コミュニティタッチ', 'Community touch'), description: t('ユーザー会・コミュニティサイト', 'User groups, community site') },
      ],
      assign: [],
      default: 'tech',
    },
    lifecycle: {
      stages: [
        { id: 'onboarding', label: t('オンボーディング', 'Onboarding'), owner: 'sales' },
        { id: 'implementation', label: t('導入支援', 'Implementation support'), owner: 'implementation' },
        { id: 'adoption', label: t('活用促進', 'Adoption'), owner: 'csm' },
        { id: 'renewal', label: t('更新', 'Renewal'), owner: 'csm' },
        { id: 'expansion', label: t('アップセル・クロスセル', 'Upsell / cross-sell'), owner: 'sales' },
        { id: 'support', label: t('テクニカルサポート', 'Technical support'), owner: 'support' },
      ],
      renewal: { signal: 'days_to_renewal', windowDays: 90, stage: 'renewal' },
      rules: [],
      default: 'adoption',
    },
    playbook: [],
    templates: [],
  };
}
