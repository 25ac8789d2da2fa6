import type { Template } from '../types.ts';

// Japanese: business 敬語 throughout (尊敬語 for the customer, 謙譲語 for us). Plain text with merge fields only.

const JA_OPEN = '{{company.name}}\n{{contact.lastName}}様\n\nいつも大変お世話になっております。\n{{csm.company}}の{{csm.name}}でございます。\n\n';
const JA_CLOSE = '\n\n引き続き何卒よろしくお願い申し上げます。\n\n{{csm.name}}\n{{csm.company}}\n{{csm.email}}';
const EN_OPEN = 'Hi {{contact.firstName}},\n\n';
const EN_CLOSE = '\n\nBest regards,\n{{csm.name}}\n{{csm.company}}\n{{csm.email}}';

const email = (id: string, title: [string, string], subject: [string, string], ja: string, en: string): Template => ({
  id,
  kind: 'email',
  title: { ja: title[0], en: title[1] },
  subject: { ja: subject[0], en: subject[1] },
  body: { ja: JA_OPEN + ja + JA_CLOSE, en: EN_OPEN + en + EN_CLOSE },
});

const other = (id: string, kind: 'call' | 'chat', title: [string, string], ja: string, en: string): Template => ({
  id,
  kind,
  title: { ja: title[0], en: title[1] },
  body: { ja, en },
});

export const templates: Template[] = [
  email(
    'kickoff-email',
    ['キックオフ会議のご案内', 'Kickoff meeting invitation'],
    ['【{{product.name}}】キックオフ会議の日程調整のお願い', '{{product.name}}: let us schedule your kickoff'],
    'このたびは{{product.name}}をご導入いただき、誠にありがとうございます。\n今後の導入を円滑に進めるため、キックオフ会議（60分程度）を実施させていただきたく存じます。\n\n当日は、導入の目的と成功の基準、最初に電子化する帳票とパイロット取引先、今後のスケジュールを確認させていただく予定です。\n\nご多忙のところ恐れ入りますが、下記よりご都合のよい日時をお選びいただけますと幸いです。\n{{link.booking}}',
    'Thank you for choosing {{product.name}}. To get you live smoothly, I would like to hold a 60-minute kickoff.\n\nWe will agree on your goals and what success looks like, the first forms to move online with your pilot partners, and the timeline.\n\nPlease pick a time that suits you here: {{link.booking}}',
  ),
  email(
    'first-success-email',
    ['初回送信（Wow!モーメント）のご支援', 'First-success guide'],
    ['【{{product.name}}】最初の帳票送信までの手順のご案内', '{{product.name}}: your first document in three steps'],
    'ご導入から間もない時期に「最初の1通」を送信いただくことが、その後のご活用の定着に大きくつながります。\nつきましては、パイロット取引先様への初回送信までの手順を下記にまとめましたので、ご確認いただけますと幸いです。\n\n1. 送信する帳票の登録\n2. 取引先様の登録と招待\n3. テスト送信と受信確認\n\n詳しい手順はヘルプサイトにも掲載しております。\n{{link.help}}\n\nご不明な点がございましたら、お気軽にお申し付けください。',
    'The first document sent in the early weeks is what makes the product stick. Here are the three steps to your first send to a pilot partner:\n\n1. Register the form you will send\n2. Add and invite the partner\n3. Send a test and confirm it arrived\n\nStep-by-step help: {{link.help}}\n\nJust reply if anything is unclear.',
  ),
  other(
    'onboarding-checkin-call',
    'call',
    ['導入初期の状況確認（通話スクリプト）', 'Onboarding check-in (call script)'],
    '【冒頭】\n{{company.name}}の{{contact.lastName}}様でいらっしゃいますか。{{csm.company}}の{{csm.name}}でございます。いつも大変お世話になっております。ただいま5分ほどお時間を頂戴してもよろしいでしょうか。\n\n【確認事項】\n・ご導入後、最初の帳票の送信はお済みでしょうか。\n・操作の中でお困りの点はございませんでしょうか。\n・パイロット取引先様の反応はいかがでしょうか。\n\n【次のご提案】\n「それでは、次回は○○の設定をご一緒に進めさせていただけますでしょうか。」\n\n【結び】\nお忙しいところお時間をいただき、誠にありがとうございました。本日の内容はメールでもお送りいたします。',
    'Opening: "Hi {{contact.firstName}}, it is {{csm.name}} from {{csm.company}}. Do you have five minutes?"\n\nCheck:\n- Have you sent your first document yet?\n- Is anything in the setup getting in your way?\n- How have your pilot partners reacted?\n\nNext step: "Shall we set up the next form together on our next call?"\n\nClose: thank them and say you will send a recap by email.',
  ),
  email(
    'webinar-invite-email',
    ['活用ウェビナーのご案内', 'Webinar invitation'],
    ['【ご案内】{{event.name}}（{{event.date}}）', 'Invitation: {{event.name}} on {{event.date}}'],
    '{{product.name}}をより効果的にご活用いただくため、下記のとおりオンラインセミナーを開催いたします。\n\n■ セミナー名：{{event.name}}\n■ 日時：{{event.date}}\n■ お申し込み：{{event.url}}\n\n他社様の活用事例もご紹介いたしますので、ぜひご参加くださいますようお願い申し上げます。',
    'We are running a live session to help teams get more from {{product.name}}.\n\nSession: {{event.name}}\nWhen: {{event.date}}\nRegister: {{event.url}}\n\nWe will also share how other customers rolled it out.',
  ),
  email(
    'department-expansion-email',
    ['他部門への展開のご提案', 'Rolling out to more departments'],
    ['【{{product.name}}】他部門へのご展開についてのご提案', '{{product.name}}: taking it to more departments'],
    '現在、{{product.name}}を順調にご活用いただいており、心より御礼申し上げます。\n現在の活用レベルは「{{maturity.current}}」でございます。次の段階である「{{maturity.next}}」に向けて、他部門への展開や対象帳票の拡大をご提案させていただきたく存じます。\n\n他社様の展開事例とあわせて、30分ほどでご説明させていただけますと幸いです。\n{{link.booking}}',
    'Your team is doing well with {{product.name}}: you are at "{{maturity.current}}". The next step, "{{maturity.next}}", usually means more departments and more kinds of forms.\n\nCould we take 30 minutes to plan it, with examples from similar customers?\n{{link.booking}}',
  ),
  email(
    'partner-campaign-email',
    ['取引先電子化キャンペーンのご案内', 'Partner digitalisation campaign'],
    ['【{{product.name}}】取引先様の電子化推進のご支援について', '{{product.name}}: helping your partners go digital'],
    '社内での全面的なご活用、誠にありがとうございます。\n次のステップとして、取引先様にも電子での受け取りをお勧めいただくことで、紙の郵送・受取をさらに削減いただけます。\n\n弊社では、取引先様向けのご案内文面や説明会を無償でご用意しております。ご活用をご検討いただけますと幸いです。\n{{link.booking}}',
    'Now that {{product.name}} is used company-wide, the next win is getting your partners to go digital too, so paper stops arriving as well as leaving.\n\nWe provide ready-made partner letters and a partner briefing session at no cost. Want to set it up?\n{{link.booking}}',
  ),
  other(
    'health-check-call',
    'call',
    ['ご利用状況の確認（通話スクリプト）', 'Health check (call script)'],
    '【冒頭】\n{{csm.company}}の{{csm.name}}でございます。いつも大変お世話になっております。本日はご利用状況について、10分ほどお伺いできればと存じますが、ご都合はいかがでしょうか。\n\n【確認事項】\n・最近のご利用の中で、ご不便をおかけしている点はございませんでしょうか。\n・ご利用部門の皆様からのお声はいかがでしょうか。\n・社内でのご活用の目標に対して、現在の進み具合はいかがでしょうか。\n\n【結び】\n貴重なご意見をありがとうございます。いただいた内容をもとに、改善のご提案をあらためてお送りいたします。',
    'Opening: "Hi {{contact.firstName}}, {{csm.name}} from {{csm.company}}. Could I take ten minutes to hear how things are going?"\n\nAsk:\n- Is anything getting in your way lately?\n- What are the teams using it telling you?\n- How are you tracking against the goals we set?\n\nClose: thank them and promise a short plan by email.',
  ),
  email(
    'executive-meeting-email',
    ['責任者様との面談のお願い', 'Executive meeting request'],
    ['【{{product.name}}】ご利用状況についてのお打ち合わせのお願い', '{{product.name}}: a short review with your leadership'],
    'ご多忙のところ恐れ入りますが、{{product.name}}のご活用状況について、ご責任者様も交えてお打ち合わせの機会を頂戴できませんでしょうか。\n\n導入時に掲げられた目標に対する現状と課題を整理し、改善策をご提案させていただきたく存じます。\n\nご都合のよい日時を下記よりお知らせいただけますと幸いです。\n{{link.booking}}',
    'I would like to propose a short review of how {{product.name}} is working for {{company.name}}, with you and your leadership.\n\nWe will look at where you are against the goals you set at the start, what is in the way, and a plan to fix it.\n\nPlease pick a time here: {{link.booking}}',
  ),
  email(
    're-engagement-email',
    ['ご利用再開のご案内', 'Re-engagement'],
    ['【{{product.name}}】最近のご利用状況について', '{{product.name}}: anything we can help with?'],
    'しばらく{{product.name}}へのログインがないようでしたので、ご連絡を差し上げました。\nもし操作面などでお困りのことがございましたら、どのような点でもお気軽にお申し付けください。\n\nよくあるご質問と操作手順はヘルプサイトにまとめております。\n{{link.help}}\n\n15分ほどのオンライン相談も承っております。\n{{link.booking}}',
    'We noticed your team has not logged into {{product.name}} for a while, so I wanted to check in. If anything is in the way, I am happy to help.\n\nCommon questions and how-tos: {{link.help}}\nOr book a 15-minute call: {{link.booking}}',
  ),
  other(
    'detractor-call',
    'call',
    ['NPS低評価へのフォロー（通話スクリプト）', 'NPS detractor follow-up (call script)'],
    '【冒頭】\n{{csm.company}}の{{csm.name}}でございます。先日はアンケートにご回答いただき、誠にありがとうございました。いただいたご評価について、詳しくお伺いしたくお電話いたしました。\n\n【傾聴】\n・ご期待に沿えていない点は、どのようなところでしょうか。\n・最もお困りの場面を具体的にお聞かせいただけますでしょうか。\n（お話を遮らず、要点を復唱して確認する）\n\n【お詫びと対応】\n「ご不便をおかけしており、大変申し訳ございません。いただいた内容は社内の関係部署にも共有し、○日までに対応策をご連絡いたします。」\n\n【結び】\n率直なご意見をお聞かせいただき、誠にありがとうございました。',
    'Opening: "Hi {{contact.firstName}}, {{csm.name}} from {{csm.company}}. Thank you for answering our survey. I would like to understand your score better."\n\nListen:\n- Where are we falling short?\n- Can you walk me through the moment it hurts most?\n(Do not interrupt; play back what you heard.)\n\nRespond: "I am sorry this has been frustrating. I will share this with the product team and come back with a plan by <date>."\n\nClose: thank them for their candour.',
  ),
  email(
    'renewal-notice-email',
    ['契約更新のご案内', 'Renewal notice'],
    ['【{{product.name}}】ご契約更新のご案内（{{renewal.date}}）', '{{product.name}}: your renewal on {{renewal.date}}'],
    '{{product.name}}のご契約は、{{renewal.date}}に更新日を迎えます（残り{{renewal.daysLeft}}日）。\n\nこの1年間のご活用状況をまとめたレポートをご用意しております。あわせて今後のご活用プランについてもご相談させていただけますと幸いです。\n\nご都合のよい日時を下記よりお知らせくださいませ。\n{{link.booking}}',
    'Your {{product.name}} subscription renews on {{renewal.date}} ({{renewal.daysLeft}} days from now).\n\nI have prepared a summary of your year with us and would love to walk you through it, along with plans for the year ahead.\n\nPick a time here: {{link.booking}}',
  ),
  {
    // A change of CSM (担当変更): the outgoing CSM writes, so the sender is {{handover.fromName}}, not {{csm.name}}.
    id: 'handover-email',
    kind: 'email',
    title: { ja: '担当者変更のご挨拶', en: 'Change of customer success manager' },
    subject: { ja: '【{{product.name}}】担当者変更のご挨拶', en: '{{product.name}}: your customer success manager is changing' },
    body: {
      ja: '{{company.name}}\n{{contact.lastName}}様\n\nいつも大変お世話になっております。\n{{csm.company}}の{{handover.fromName}}でございます。\n\nこのたび、弊社の体制変更に伴い、今後は{{handover.toName}}が貴社のご担当を務めさせていただくこととなりました。\n在任中は格別のご高配を賜り、心より御礼申し上げます。\n\nこれまでのご活用状況やご要望は{{handover.toName}}に漏れなく引き継いでおりますので、どうぞご安心くださいませ。\n今後のご連絡は、{{handover.toName}}（{{handover.toEmail}}）宛にお願いいたします。\n近日中に、{{handover.toName}}より改めてご挨拶のご連絡を差し上げます。\n\n略儀ながら、メールにて後任のご紹介とさせていただきます。\n今後とも変わらぬご愛顧を賜りますよう、何卒よろしくお願い申し上げます。\n\n{{handover.fromName}}\n{{csm.company}}',
      en: 'Hi {{contact.firstName}},\n\nI am writing to let you know that {{handover.toName}} will be your customer success manager at {{csm.company}} from now on. Thank you for the time we have worked together.\n\nI have briefed {{handover.toName}} on everything we have done and on what you need next, so nothing is lost in the change. From today, please reach {{handover.toName}} at {{handover.toEmail}}; {{handover.toName}} will be in touch shortly to introduce themselves.\n\nBest regards,\n{{handover.fromName}}\n{{csm.company}}',
    },
  },
  email(
    'value-review-email',
    ['活用レビュー（QBR）のご案内', 'Value review (QBR) invitation'],
    ['【{{product.name}}】ご活用レビューのお打ち合わせのお願い', '{{product.name}}: your quarterly value review'],
    '日頃より{{product.name}}をご活用いただき、誠にありがとうございます。\nこれまでの成果と課題を振り返り、今後のご活用方針をご一緒に検討させていただくため、活用レビューのお打ち合わせ（45分程度）をお願いできませんでしょうか。\n\n現在の活用レベル：{{maturity.current}}\n次の目標：{{maturity.next}}\n\nご多忙のところ恐れ入りますが、ご検討のほどよろしくお願いいたします。\n{{link.booking}}',
    'I would like to set up a 45-minute value review to look back at results, the open issues, and the plan for next quarter.\n\nWhere you are: {{maturity.current}}\nNext goal: {{maturity.next}}\n\nBook a time: {{link.booking}}',
  ),
  other(
    'renewal-risk-call',
    'call',
    ['更新リスク対応（通話スクリプト）', 'Renewal at risk (call script)'],
    '【冒頭】\n{{csm.company}}の{{csm.name}}でございます。いつも大変お世話になっております。{{renewal.date}}のご契約更新を前に、現在のご状況をお伺いできればと存じます。\n\n【確認事項】\n・導入時にご期待いただいた効果は、現在どの程度得られておりますでしょうか。\n・更新のご判断にあたり、懸念されている点はございますでしょうか。\n・ご判断に関わる方はどなたでいらっしゃいますでしょうか。\n\n【ご提案】\n「いただいた課題については、○日までに改善プランをご提示させていただきます。」\n\n【結び】\nお忙しいところ、誠にありがとうございました。',
    'Opening: "Hi {{contact.firstName}}, {{csm.name}} from {{csm.company}}. Ahead of your renewal on {{renewal.date}}, I would like to hear where things stand."\n\nAsk:\n- How much of the value you expected are you getting today?\n- What concerns do you have about renewing?\n- Who else is involved in the decision?\n\nOffer: "I will come back with a recovery plan by <date>."\n\nClose: thank them for their time.',
  ),
  email(
    'upsell-email',
    ['追加プランのご提案', 'Expansion proposal'],
    ['【{{product.name}}】さらなるご活用に向けたご提案', '{{product.name}}: a proposal for your next step'],
    '全社でのご活用、誠にありがとうございます。\n現在のご利用状況を拝見し、ご利用範囲の拡大や上位プランにより、さらに業務を効率化いただける余地があると考えております。\n\n具体的な効果の試算をご用意いたしますので、ご説明の機会を頂戴できますと幸いです。\n{{link.booking}}',
    'Thank you for rolling {{product.name}} out company-wide. Looking at how your team uses it, there is room to save more time by extending its scope or moving to the next plan.\n\nI can prepare an estimate of the gain. Could we find 30 minutes?\n{{link.booking}}',
  ),
  other(
    'checkin-chat',
    'chat',
    ['近況確認（チャット）', 'Quick check-in (chat)'],
    '{{contact.lastName}}様、いつもお世話になっております。{{csm.company}}の{{csm.name}}です。その後、{{product.name}}のご利用で何かお困りの点はございませんでしょうか。お気軽にお知らせいただけますと幸いです。',
    'Hi {{contact.firstName}}, {{csm.name}} here. How is {{product.name}} working for you lately? Anything I can help with?',
  ),
  other(
    'user-group-chat',
    'chat',
    ['ユーザー会のご案内（チャット）', 'User group invitation (chat)'],
    '{{contact.lastName}}様、いつもお世話になっております。{{csm.company}}の{{csm.name}}です。{{event.date}}に「{{event.name}}」を開催いたします。他社のご担当者様と活用ノウハウを共有いただける場となっておりますので、よろしければぜひご参加くださいませ。{{event.url}}',
    'Hi {{contact.firstName}}! Our user group "{{event.name}}" meets on {{event.date}}: a chance to swap tips with teams like yours. Join us: {{event.url}}',
  ),
  email(
    'support-followup-email',
    ['お問い合わせ対応状況のご報告', 'Support follow-up'],
    ['【{{product.name}}】お問い合わせの対応状況について', '{{product.name}}: update on your open requests'],
    '現在、複数のお問い合わせをいただいている状況を踏まえ、対応状況をご報告いたします。\nご不便をおかけしており、大変申し訳ございません。\n\nサポート部門と連携のうえ優先的に対応を進めており、進捗は随時ご報告いたします。\nほかにお困りの点がございましたら、ご遠慮なくお申し付けください。',
    'You have several requests open with us, so here is where they stand. I am sorry for the trouble this is causing.\n\nOur support team is prioritising them and I will keep you posted on each one. Tell me if anything else is blocking you.',
  ),
  email(
    'case-study-email',
    ['導入事例へのご協力のお願い', 'Case study request'],
    ['【{{product.name}}】導入事例インタビューへのご協力のお願い', '{{product.name}}: would you share your story?'],
    '日頃より{{product.name}}を高くご評価いただき、誠にありがとうございます。\nつきましては、{{company.name}}様のご活用の取り組みを、導入事例としてご紹介させていただけませんでしょうか。\n\nインタビューは1時間程度、原稿は公開前に必ずご確認いただきます。\nご多忙のところ大変恐縮ですが、ご検討いただけますと幸いです。',
    'Thank you for the kind words about {{product.name}}. Would {{company.name}} be open to sharing its story as a case study?\n\nIt takes about an hour of interview, and you approve the text before anything is published.',
  ),
  other(
    'survey-chat',
    'chat',
    ['アンケートご協力のお願い（チャット）', 'Survey request (chat)'],
    '{{contact.lastName}}様、いつもお世話になっております。{{csm.company}}の{{csm.name}}です。サービス向上のため、1分ほどのアンケートにご協力いただけますと幸いです。{{link.survey}}',
    'Hi {{contact.firstName}}, could you spare one minute for a short survey? It helps us improve. {{link.survey}}',
  ),
];
