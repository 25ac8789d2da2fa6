import type { Locale } from './types.ts';

// The only merge fields a template may name. The placeholder is what the reader sees when the value is missing:
// visible, bracketed, and never the string "undefined".
export const MERGE_FIELDS = {
  'company.name': { ja: '会社名', en: 'company name' },
  'contact.lastName': { ja: 'ご担当者様の姓', en: 'contact last name' },
  'contact.firstName': { ja: 'ご担当者様の名', en: 'contact first name' },
  'csm.name': { ja: '担当者名', en: 'CSM name' },
  'csm.email': { ja: '担当者メールアドレス', en: 'CSM email' },
  'csm.company': { ja: '弊社名', en: 'our company name' },
  'product.name': { ja: '製品名', en: 'product name' },
  'health.score': { ja: 'ヘルススコア', en: 'health score' },
  'health.band': { ja: 'ヘルス評価', en: 'health band' },
  'maturity.current': { ja: '現在の活用レベル', en: 'current maturity level' },
  'maturity.next': { ja: '次の活用レベル', en: 'next maturity level' },
  'renewal.date': { ja: '更新日', en: 'renewal date' },
  'renewal.daysLeft': { ja: '更新までの日数', en: 'days to renewal' },
  'event.name': { ja: 'イベント名', en: 'event name' },
  'event.date': { ja: '開催日時', en: 'event date' },
  'event.url': { ja: 'お申し込みURL', en: 'registration link' },
  'link.booking': { ja: '日程調整URL', en: 'booking link' },
  'link.survey': { ja: 'アンケートURL', en: 'survey link' },
  'link.help': { ja: 'ヘルプサイトURL', en: 'help site link' },
  // A change of CSM (the handover sheet fills them): who hands over, and to whom.
  'handover.fromName': { ja: '前任者名', en: 'previous CSM name' },
  'handover.toName': { ja: '後任者名', en: 'new CSM name' },
  'handover.toEmail': { ja: '後任者メールアドレス', en: 'new CSM email' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MergeField = keyof typeof MERGE_FIELDS;

export function isMergeField(name: string): name is MergeField {
  return Object.prototype.hasOwnProperty.call(MERGE_FIELDS, name);
}

/** `{{ company.name }}` — spaces inside the braces are allowed. */
export const MERGE_FIELD_PATTERN = /\{\{\s*([^{}\s]*)\s*\}\}/g;

export function mergeFieldsIn(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(MERGE_FIELD_PATTERN)) names.push(m[1] ?? '');
  return names;
}

export function placeholder(field: string, locale: Locale): string {
  const label = isMergeField(field) ? MERGE_FIELDS[field][locale] : field;
  // Full-width brackets read naturally in Japanese text.
  return locale === 'ja' ? `［${label}］` : `[${label}]`;
}
