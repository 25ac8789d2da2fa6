import type { ConfigPack, Localized } from '../types.ts';

const t = (ja: string, en: string): Localized => ({ ja, en });
type Rule = ConfigPack['playbook'][number];

// Ordered roughly by lifecycle. Ranking is by priority, then specificity, then this order (see lib/engine/README.md).
export const playbook: Rule[] = [
  // --- Onboarding (sales) ---
  {
    id: 'onboarding-kickoff',
    when: { stages: ['onboarding'], bands: ['green', 'yellow', 'unknown'] },
    action: {
      title: t('キックオフ会議を実施する', 'Hold the kickoff meeting'),
      why: t('導入目的と成功基準を最初に合意すると、その後の解約率が下がります', 'Agreeing goals and success criteria up front lowers later churn'),
      ownerRole: 'sales', dueInDays: 5, priority: 'high', templateIds: ['kickoff-email'],
    },
  },
  {
    id: 'onboarding-first-success',
    when: { stages: ['onboarding', 'implementation'], maturity: { max: 0 } },
    action: {
      title: t('最初の送信（Wow!モーメント）を支援する', 'Get them to the first send (the Wow! moment)'),
      why: t('初期の成功体験がその後の定着を左右します。まだLv.1に達していません', 'An early win decides later adoption; the account is not yet at Lv.1'),
      ownerRole: 'implementation', dueInDays: 7, priority: 'high', templateIds: ['first-success-email', 'onboarding-checkin-call'],
    },
  },
  {
    id: 'onboarding-stalled',
    when: { stages: ['onboarding'], bands: ['red'] },
    action: {
      title: t('立ち上がりの停滞を解消する', 'Unblock a stalled start'),
      why: t('オンボーディング中にヘルスが赤です。早期の介入が必要です', 'Health is red during onboarding; step in early'),
      ownerRole: 'sales', dueInDays: 2, priority: 'urgent', templateIds: ['onboarding-checkin-call'],
    },
  },
  // --- Implementation (implementation consultant) ---
  {
    id: 'implementation-support',
    when: { stages: ['implementation'], bands: ['yellow', 'red'] },
    action: {
      title: t('導入支援セッションを設定する', 'Book an implementation session'),
      why: t('導入支援期間中にヘルスが低下しています。設定の詰まりを解消しましょう', 'Health is slipping during implementation; clear the setup blockers'),
      ownerRole: 'implementation', dueInDays: 5, priority: 'high', templateIds: ['onboarding-checkin-call', 'first-success-email'],
    },
  },
  {
    id: 'implementation-webinar',
    when: { stages: ['implementation'], bands: ['green'] },
    action: {
      title: t('活用ウェビナーに招待する', 'Invite them to the adoption webinar'),
      why: t('順調な立ち上がりです。他社事例で次の帳票・部門への展開を促します', 'A good start; other customers’ examples will pull in more forms and departments'),
      ownerRole: 'implementation', dueInDays: 14, priority: 'normal', templateIds: ['webinar-invite-email'],
    },
  },
  // --- Adoption (CSM): climb the maturity curve ---
  {
    id: 'adoption-more-departments',
    when: { stages: ['adoption'], bands: ['green', 'yellow'], maturity: { min: 1, max: 1 } },
    action: {
      title: t('他部門・他帳票への展開を提案する', 'Propose more departments and forms'),
      why: t('Lv.2には複数部門・複数帳票での利用が必要です', 'Lv.2 needs several departments and several kinds of forms'),
      ownerRole: 'csm', dueInDays: 14, priority: 'normal', templateIds: ['department-expansion-email', 'webinar-invite-email'],
    },
  },
  {
    id: 'adoption-company-wide',
    when: { stages: ['adoption'], bands: ['green', 'yellow'], maturity: { min: 2, max: 2 } },
    action: {
      title: t('全社展開と紙の郵送ゼロを計画する', 'Plan company-wide use and zero paper out'),
      why: t('Lv.3には全部門での利用と紙の郵送ゼロが必要です', 'Lv.3 needs every department on board and no paper mail sent'),
      ownerRole: 'csm', dueInDays: 21, priority: 'normal', templateIds: ['value-review-email', 'department-expansion-email'],
    },
  },
  {
    id: 'adoption-restart',
    when: { stages: ['adoption'], maturity: { max: 0 } },
    action: {
      title: t('利用の立ち上げをやり直す', 'Restart adoption'),
      why: t('活用促進期なのにLv.1に達していません', 'The account is past onboarding but not yet at Lv.1'),
      ownerRole: 'csm', dueInDays: 7, priority: 'high', templateIds: ['health-check-call', 'first-success-email'],
    },
  },
  {
    id: 'adoption-yellow-check',
    when: { stages: ['adoption'], bands: ['yellow'] },
    action: {
      title: t('ヘルスチェックの電話をする', 'Make a health-check call'),
      why: t('ヘルスが黄です。赤になる前に課題を把握します', 'Health is yellow; find the problem before it turns red'),
      ownerRole: 'csm', dueInDays: 7, priority: 'normal', templateIds: ['health-check-call', 'checkin-chat'],
    },
  },
  {
    id: 'adoption-red-high',
    when: { stages: ['adoption'], bands: ['red'], touchModels: ['high', 'low'] },
    action: {
      title: t('責任者を交えた改善会議を設定する', 'Set up a recovery meeting with their leadership'),
      why: t('ヘルスが赤です。解約リスクがあるため、責任者との合意が必要です', 'Health is red: churn risk, and the fix needs their leadership'),
      ownerRole: 'csm', dueInDays: 3, priority: 'urgent', templateIds: ['executive-meeting-email', 'health-check-call'],
    },
  },
  {
    id: 'adoption-red-tech',
    when: { stages: ['adoption'], bands: ['red'], touchModels: ['tech', 'community'] },
    action: {
      title: t('再活性化メールとヘルプ導線を送る', 'Send a re-engagement email with help links'),
      why: t('ヘルスが赤のテックタッチ顧客です。セルフサービスで再開を促し、反応がなければ電話します', 'A tech-touch account in red: prompt a self-service restart, and call if there is no reply'),
      ownerRole: 'csm', dueInDays: 3, priority: 'urgent', templateIds: ['re-engagement-email'],
    },
  },
  {
    id: 'adoption-green-review',
    when: { stages: ['adoption'], bands: ['green'] },
    action: {
      title: t('定期の活用レビューで次の目標を合意する', 'Agree the next goal in a regular value review'),
      why: t('ヘルスは良好です。成果を共有し、次の活用レベルへの道筋を確認します', 'Health is good; share results and agree the path to the next level'),
      ownerRole: 'csm', dueInDays: 30, priority: 'low', templateIds: ['value-review-email', 'checkin-chat'],
    },
  },
  // --- Signal-driven, any stage ---
  {
    id: 'login-lapsed',
    when: { signals: [{ signal: 'days_since_login', op: '>=', value: 30 }] },
    action: {
      title: t('ログインが途絶えた理由を確認する', 'Find out why logins stopped'),
      why: t('30日以上ログインがありません', 'No login for 30 days or more'),
      ownerRole: 'csm', dueInDays: 5, priority: 'high', templateIds: ['re-engagement-email', 'checkin-chat'],
    },
  },
  {
    id: 'nps-detractor',
    when: { signals: [{ signal: 'nps', op: '<=', value: 6 }] },
    action: {
      title: t('NPS批判者をフォローする', 'Follow up with an NPS detractor'),
      why: t('NPSが6以下です。不満の原因を聞き、製品チームにも共有します', 'NPS is 6 or less: hear the cause and feed it back to the product team'),
      ownerRole: 'csm', dueInDays: 3, priority: 'high', templateIds: ['detractor-call'],
    },
  },
  {
    id: 'tickets-piling-up',
    when: { signals: [{ signal: 'open_tickets', op: '>=', value: 5 }] },
    action: {
      title: t('未解決の問い合わせをサポートと整理する', 'Review open tickets with support'),
      why: t('未解決の問い合わせが5件以上あります', 'Five or more support tickets are open'),
      ownerRole: 'support', dueInDays: 2, priority: 'high', templateIds: ['support-followup-email'],
    },
  },
  {
    id: 'weak-relationship',
    when: { signals: [{ signal: 'relationship', op: '<=', value: 2 }] },
    action: {
      title: t('契約者と現場をつなぐ場を設ける', 'Bring the contract owner and users together'),
      why: t('契約者と現場の関係が弱く、更新時の判断に響きます', 'The owner–user relationship is weak, which hurts at renewal'),
      ownerRole: 'csm', dueInDays: 14, priority: 'normal', templateIds: ['value-review-email'],
    },
  },
  {
    id: 'insufficient-data',
    when: { bands: ['unknown'] },
    action: {
      title: t('ヘルス判定に必要な情報を集める', 'Collect the data health needs'),
      why: t('指標の入力が不足しており、ヘルスを判定できません。最新の評価を記録してください', 'Too few measures have values to score health; record fresh ratings and data'),
      ownerRole: 'csm', dueInDays: 7, priority: 'normal', templateIds: ['checkin-chat', 'survey-chat'],
    },
  },
  // --- Renewal (CSM) ---
  {
    id: 'renewal-green',
    when: { stages: ['renewal'], bands: ['green'] },
    action: {
      title: t('更新の案内と次年度プランを共有する', 'Send the renewal notice and next year’s plan'),
      why: t('更新日が90日以内で、ヘルスは良好です', 'Renewal is within 90 days and health is good'),
      ownerRole: 'csm', dueInDays: 14, priority: 'normal', templateIds: ['renewal-notice-email'],
    },
  },
  {
    id: 'renewal-yellow',
    when: { stages: ['renewal'], bands: ['yellow'] },
    action: {
      title: t('更新前に活用レビュー（QBR）を行う', 'Hold a value review before renewal'),
      why: t('更新日が近づく中、ヘルスが黄です。成果を可視化して懸念を解消します', 'Renewal is near and health is yellow; show the value and clear concerns'),
      ownerRole: 'csm', dueInDays: 7, priority: 'high', templateIds: ['value-review-email', 'renewal-notice-email'],
    },
  },
  {
    id: 'renewal-red',
    when: { stages: ['renewal'], bands: ['red', 'unknown'] },
    action: {
      title: t('解約防止プランを実行する', 'Run the save plan'),
      why: t('更新日が近く、ヘルスが赤（または不明）です。解約・減額のリスクがあります', 'Renewal is near and health is red or unknown: risk of churn or downgrade'),
      ownerRole: 'csm', dueInDays: 2, priority: 'urgent', templateIds: ['renewal-risk-call', 'executive-meeting-email'],
    },
  },
  // --- Expansion (sales) ---
  {
    id: 'expansion-upsell',
    when: { stages: ['expansion'], bands: ['green'] },
    action: {
      title: t('アップセル・クロスセルを提案する', 'Propose an upsell or cross-sell'),
      why: t('全社定着（Lv.3以上）かつヘルス良好で、拡張の好機です', 'Company-wide (Lv.3+) and healthy: a good moment to expand'),
      ownerRole: 'sales', dueInDays: 21, priority: 'normal', templateIds: ['upsell-email'],
    },
  },
  {
    id: 'expansion-partners',
    when: { stages: ['expansion'], maturity: { min: 3, max: 3 } },
    action: {
      title: t('取引先の電子化を働きかける', 'Help them bring partners online'),
      why: t('Lv.4には取引先の電子化と紙の受取ゼロが必要です', 'Lv.4 needs partners to go digital and no paper received'),
      ownerRole: 'csm', dueInDays: 30, priority: 'low', templateIds: ['partner-campaign-email'],
    },
  },
  {
    id: 'expansion-stabilise',
    when: { stages: ['expansion'], bands: ['yellow', 'red'] },
    action: {
      title: t('拡張の前に課題を解消する', 'Fix the issues before expanding'),
      why: t('活用は進んでいますがヘルスが低下しています。提案より先に課題対応を行います', 'Usage is mature but health is slipping; fix that before proposing more'),
      ownerRole: 'csm', dueInDays: 7, priority: 'high', templateIds: ['health-check-call'],
    },
  },
  {
    id: 'promoter-case-study',
    when: { bands: ['green'], signals: [{ signal: 'nps', op: '>=', value: 9 }], maturity: { min: 3 } },
    action: {
      title: t('導入事例・紹介を依頼する', 'Ask for a case study or referral'),
      why: t('NPS推奨者で全社定着済みです', 'A promoter with company-wide use'),
      ownerRole: 'csm', dueInDays: 30, priority: 'low', templateIds: ['case-study-email'],
    },
  },
  {
    id: 'community-invite',
    when: { touchModels: ['community'], bands: ['green', 'yellow'] },
    action: {
      title: t('ユーザー会に招待する', 'Invite them to the user group'),
      why: t('コミュニティタッチの顧客です。他社との交流で自走を促します', 'A community-touch account: peers help them self-serve'),
      ownerRole: 'csm', dueInDays: 30, priority: 'low', templateIds: ['user-group-chat'],
    },
  },
];
