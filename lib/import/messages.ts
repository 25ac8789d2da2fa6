// Every problem the import can report is a code plus plain-data params, so it
// can cross a message boundary or sit in storage and still be rendered later in
// either language. The text says what is wrong and what to do about it.

export type Locale = 'ja' | 'en';

export type IssueCode =
  // The file as a whole
  | 'empty_file'
  | 'no_header'
  | 'header_only'
  | 'encoding_unknown'
  // The file's structure, at a row
  | 'unclosed_quote'
  | 'stray_quote'
  | 'too_many_fields'
  | 'too_few_fields'
  | 'header_empty'
  | 'header_duplicate'
  | 'more_errors'
  // The mapping as a whole
  | 'mapping_invalid'
  | 'missing_column'
  | 'unknown_signal'
  | 'no_observed_at'
  // One row or one cell
  | 'key_empty'
  | 'key_invalid_crm'
  | 'key_not_account'
  | 'key_invalid_domain'
  | 'date_empty'
  | 'duplicate_key'
  | 'bad_number'
  | 'decimal_comma'
  | 'percent_not_allowed'
  | 'rating_out_of_range'
  | 'bad_boolean'
  | 'bad_date'
  | 'ambiguous_date';

export interface IssueParams {
  row?: number;
  firstRow?: number;
  column?: string;
  /** 1-based column position, for columns that have no usable name. */
  index?: number;
  firstIndex?: number;
  value?: string;
  found?: number;
  expected?: number;
  count?: number;
  of?: IssueCode;
  signalId?: string;
  detail?: string;
  kind?: string;
}

export interface ImportIssue {
  code: IssueCode;
  params?: IssueParams;
}

type Render = (p: IssueParams) => string;

const q = (s: string | undefined): string => `"${s ?? ''}"`;
const jq = (s: string | undefined): string => `「${s ?? ''}」`;

const KEY_KIND: Record<Locale, Record<string, string>> = {
  en: { crmId: 'CRM id', domain: 'domain', name: 'company name' },
  ja: { crmId: 'CRM の ID', domain: 'ドメイン', name: '会社名' },
};

const TEXT: Record<IssueCode, Record<Locale, Render>> = {
  empty_file: {
    en: () => 'The file is empty. Export the data again with a header row and at least one data row.',
    ja: () => 'ファイルが空です。見出し行と 1 行以上のデータを含めて、もう一度書き出してください。',
  },
  no_header: {
    en: () => 'The file has no header row: every line is blank. Export the data again with column names in the first row.',
    ja: () => '見出し行が見つかりません（すべての行が空です）。1 行目に列名を入れて、もう一度書き出してください。',
  },
  header_only: {
    en: (p) => `The file has a header row (row ${p.row}) but no data rows. Check that the export included the data.`,
    ja: (p) => `見出し行（${p.row} 行目）はありますが、データ行がありません。データを含めて書き出したかご確認ください。`,
  },
  encoding_unknown: {
    en: () =>
      'Some characters could not be read: the file is neither UTF-8 nor Shift_JIS, so they show as "\uFFFD". In Excel, save it as "CSV UTF-8 (comma delimited)" and import it again.',
    ja: () =>
      '一部の文字を読み取れませんでした（UTF-8 でも Shift_JIS でもないため「\uFFFD」と表示されます）。Excel で「CSV UTF-8（コンマ区切り）」として保存し直してから、もう一度インポートしてください。',
  },
  unclosed_quote: {
    en: (p) =>
      `A quoted value that starts in row ${p.row} is never closed, so everything after it was read as one value. Find the stray double quote (") in that row, or save the file again from Excel.`,
    ja: (p) =>
      `${p.row} 行目で始まる「"」で囲まれた値が閉じられていないため、それ以降がひとつの値として読み込まれました。その行の余分な「"」を削除するか、Excel で保存し直してください。`,
  },
  stray_quote: {
    en: (p) =>
      `Row ${p.row} has a double quote inside a quoted value that is not written twice, so the value may be cut in the wrong place. Write a quote inside a value as two quotes ("").`,
    ja: (p) =>
      `${p.row} 行目の「"」で囲まれた値の中に、重ねていない「"」があるため、値の区切りを誤って読んだ可能性があります。値の中の「"」は「""」と 2 つ重ねてください。`,
  },
  too_many_fields: {
    en: (p) =>
      `Row ${p.row} has ${p.found} values but the header has ${p.expected}; a value probably contains an unquoted delimiter. The row was skipped: enclose that value in double quotes and import again.`,
    ja: (p) =>
      `${p.row} 行目の値は ${p.found} 個ですが、見出しは ${p.expected} 列です。区切り文字を含む値が「"」で囲まれていない可能性があります。この行はスキップしました。該当の値を「"」で囲んでから、もう一度インポートしてください。`,
  },
  too_few_fields: {
    en: (p) =>
      `Row ${p.row} has ${p.found} values but the header has ${p.expected}; the missing values at the end were read as empty. If that is wrong, check the row for a line break inside an unquoted value.`,
    ja: (p) =>
      `${p.row} 行目の値は ${p.found} 個ですが、見出しは ${p.expected} 列です。足りない末尾の値は空として読み込みました。意図しない場合は、「"」で囲まれていない値の中に改行がないかご確認ください。`,
  },
  header_empty: {
    en: (p) => `Column ${p.index} has no name in the header row (row ${p.row}), so it cannot be mapped. Give it a name if you need its values.`,
    ja: (p) => `${p.index} 列目には見出し（${p.row} 行目）に名前がないため、割り当てできません。この列の値が必要な場合は名前を付けてください。`,
  },
  header_duplicate: {
    en: (p) =>
      `The column name ${q(p.column)} appears twice in the header (columns ${p.firstIndex} and ${p.index}); only the first one can be mapped. Rename one of them.`,
    ja: (p) =>
      `見出しに列名${jq(p.column)}が 2 回あります（${p.firstIndex} 列目と ${p.index} 列目）。割り当てられるのは最初の列だけです。どちらかの名前を変えてください。`,
  },
  more_errors: {
    en: (p) => `${p.count} more rows have the same problem as the rows listed above. Fix them the same way.`,
    ja: (p) => `同じ問題の行がほかに ${p.count} 行あります。上に挙げた行と同じ方法で修正してください。`,
  },
  mapping_invalid: {
    en: (p) => `The saved column mapping is not valid (${p.detail}). Map the columns again.`,
    ja: (p) => `保存されている列の割り当てが正しくありません（${p.detail}）。列をもう一度割り当ててください。`,
  },
  missing_column: {
    en: (p) =>
      `The column ${q(p.column)} used by the mapping is not in this file's header. Check that the export has this column, or change the mapping.`,
    ja: (p) =>
      `割り当てで使っている列${jq(p.column)}が、このファイルの見出しにありません。書き出したファイルにこの列があるか確認するか、割り当てを変更してください。`,
  },
  unknown_signal: {
    en: (p) => `The column ${q(p.column)} is mapped to the signal ${q(p.signalId)}, which the current config pack does not have. Map the column again.`,
    ja: (p) => `列${jq(p.column)}は指標${jq(p.signalId)}に割り当てられていますが、現在の設定パックにその指標はありません。列を割り当て直してください。`,
  },
  no_observed_at: {
    en: () => 'The mapping has no date column and no import date was given, so the values cannot be dated. Choose the date column, or import with today’s date.',
    ja: () => '割り当てに日付の列がなく、取り込み日も指定されていないため、値の日付が決まりません。日付の列を選ぶか、今日の日付で取り込んでください。',
  },
  key_empty: {
    en: (p) => `The ${KEY_KIND.en[p.kind ?? ''] ?? 'key'} is empty, so the row cannot be matched to an account. Fill it in, or delete the row.`,
    ja: (p) => `${KEY_KIND.ja[p.kind ?? ''] ?? 'キー'}が空のため、この行をアカウントに結び付けられません。値を入れるか、行を削除してください。`,
  },
  key_invalid_crm: {
    en: (p) =>
      `${q(p.value)} is neither a HubSpot company id (digits only) nor a Salesforce Account id (15 or 18 letters and digits starting with 001). Copy the id from the CRM record.`,
    ja: (p) =>
      `${jq(p.value)}は HubSpot の会社 ID（数字のみ）でも Salesforce の取引先 ID（001 で始まる 15 桁または 18 桁の英数字）でもありません。CRM のレコードから ID をコピーしてください。`,
  },
  key_not_account: {
    en: (p) => `${q(p.value)} is a Salesforce id, but not of an Account (Account ids start with 001). Use the Account id of the company.`,
    ja: (p) => `${jq(p.value)}は Salesforce の ID ですが、取引先の ID ではありません（取引先の ID は 001 で始まります）。会社の取引先 ID を使ってください。`,
  },
  key_invalid_domain: {
    en: (p) => `${q(p.value)} is not a domain name such as example.co.jp. Use the company's web domain.`,
    ja: (p) => `${jq(p.value)}は example.co.jp のようなドメイン名ではありません。会社のウェブサイトのドメインを入れてください。`,
  },
  date_empty: {
    en: () => 'The date is empty, so the row was skipped. Fill in the date, for example 2026-11-23.',
    ja: () => '日付が空のため、この行はスキップしました。2026-11-23 のように日付を入れてください。',
  },
  duplicate_key: {
    en: (p) =>
      `The same account and date already appear in row ${p.firstRow}, so this row was skipped. Delete one of the two rows, or give them different dates.`,
    ja: (p) =>
      `同じアカウント・同じ日付の行が ${p.firstRow} 行目にもあるため、この行はスキップしました。どちらかの行を削除するか、日付を分けてください。`,
  },
  bad_number: {
    en: (p) => `${q(p.value)} is not a number. Write digits such as 1234, 1,234 or 12.5 (no units or currency signs).`,
    ja: (p) => `${jq(p.value)}は数値ではありません。1234、1,234、12.5 のように数字で入力してください（単位や通貨記号は付けません）。`,
  },
  decimal_comma: {
    en: (p) => `${q(p.value)} uses a comma that cannot be a thousands separator. Write decimals with a dot, for example 1.5.`,
    ja: (p) => `${jq(p.value)}のコンマは桁区切りとして読めません。小数は 1.5 のようにピリオドで書いてください。`,
  },
  percent_not_allowed: {
    en: (p) => `${q(p.value)} has a % sign, but the signal ${q(p.signalId)} is not a percentage. Remove the % sign, or map the column to a percentage signal.`,
    ja: (p) => `${jq(p.value)}に % が付いていますが、指標${jq(p.signalId)}は割合ではありません。% を外すか、割合の指標に割り当ててください。`,
  },
  rating_out_of_range: {
    en: (p) => `${q(p.value)} is outside the rating scale of 1 to 5. Use a whole or decimal number from 1 to 5.`,
    ja: (p) => `${jq(p.value)}は評価の範囲（1〜5）外です。1 から 5 までの数値を入力してください。`,
  },
  bad_boolean: {
    en: (p) => `${q(p.value)} is not a yes/no value. Use true/false, yes/no, 1/0 or はい/いいえ.`,
    ja: (p) => `${jq(p.value)}は「はい／いいえ」の値ではありません。true/false、yes/no、1/0、はい/いいえ のいずれかを使ってください。`,
  },
  bad_date: {
    en: (p) => `${q(p.value)} is not a date. Use 2026-11-23, 2026/11/23, 2026-11-23 10:00 or an Excel date cell.`,
    ja: (p) => `${jq(p.value)}は日付ではありません。2026-11-23、2026/11/23、2026-11-23 10:00、または Excel の日付セルを使ってください。`,
  },
  ambiguous_date: {
    en: (p) =>
      `${q(p.value)} could be day/month or month/day. Set the date format in the mapping, or write dates year first (2026-11-23).`,
    ja: (p) =>
      `${jq(p.value)}は「日/月」とも「月/日」とも読めます。割り当てで日付の形式を指定するか、2026-11-23 のように年から書いてください。`,
  },
};

/** The issue in words, in the user's language. */
export function message(issue: ImportIssue, locale: Locale): string {
  return TEXT[issue.code][locale](issue.params ?? {});
}
