// The one catalogue of error messages, in English and Japanese. Logic raises
// an error as a key with parameters (CrmError, SidecarError); its words are
// rendered here in the user's language, and each says what is wrong and what
// to do. A test walks every key through both languages. The options page's
// own problems (CSV import, notes file) render from their catalogues by code.
import type { PackErrorKey, PackWord } from '../engine/pack-errors.ts';
import { interpolate, type Locale, type Vars } from './index';

// The config pack's own errors (lib/engine/pack-errors.ts): the engine raises each as a key with
// parameters; `what`, `expected` and `got` are words from packWords below. Each says what is wrong
// and what to do. The options page's pack check, the Team card and a stored pack show them.
const packErrorsEn = {
  'pack.not-object': 'The pack must be a JSON object ({ … }), not {got}. Load the pack’s JSON file, or export the pack again.',
  'pack.unreadable': 'The pack could not be read ({detail}). Export it again as plain JSON, then load it again.',
  'pack.schema-version.missing': 'The pack has no schemaVersion. Add "schemaVersion": {current} (an integer) at its top.',
  'pack.schema-version.newer': 'This pack uses schemaVersion {version}; this Sidecar reads up to {current}. Update Sidecar, or export the pack in an older version.',
  'pack.schema-version.unsupported': 'schemaVersion {version} is not supported. Use 1 or {current}.',
  'pack.missing': 'Missing: add a value here ({expected}).',
  'pack.wrong-type': 'Wrong type: expected {expected}, got {got}. Change this value to {expected}.',
  'pack.one-of': 'Not an allowed value. Use one of: {values}.',
  'pack.missing-one-of': 'Missing: add one of {values} here.',
  'pack.unknown-keys': 'Unknown key(s) {keys}: remove or rename them (check the spelling against lib/engine/README.md).',
  'pack.unknown-kind': 'Unknown kind {kind}: use one of the kinds listed in lib/engine/README.md.',
  'pack.no-shape': 'This value matches none of the allowed shapes: compare it with lib/engine/README.md and fix it.',
  'pack.too-small.array': 'Too few items: add at least {minimum} item(s) here.',
  'pack.too-small.string': 'This text is empty: give a non-empty text here.',
  'pack.too-small': 'Too small: use a value of at least {minimum}.',
  'pack.not-above': 'Too small: use a value above {minimum}.',
  'pack.too-big': 'Too large: use a value of at most {maximum}.',
  'pack.not-below': 'Too large: use a value below {maximum}.',
  'pack.id-format': 'Not a valid id: use an id that starts with a letter and has only letters, digits, "_", "." or "-".',
  'pack.text-locale': 'The text is empty: give it in at least one language, e.g. { "ja": "…", "en": "…" }.',
  'pack.not-allowed': 'This value is not allowed here: check what this field takes in lib/engine/README.md and fix it.',
  'pack.duplicate-id': 'Duplicate {what} id "{id}". Give each {what} its own id.',
  'pack.unknown-ref': 'Unknown {what} "{id}". Use one of the ids in {where} ({known}), or add a {what} with this id.',
  'pack.locales.default': 'The default locale "{locale}" is not in locales.available. Add it there, or pick a default from it.',
  'pack.condition.value': 'Operator "{op}" needs a value to compare with: add a "value".',
  'pack.condition.date': 'Signal "{id}" is a date and cannot be compared directly: compare a computed signal instead (source { kind: "computed", fn: "daysSince" | "daysUntil", from: "{id}" }).',
  'pack.condition.boolean': 'Signal "{id}" is boolean: use op "==" or "!=" with value true or false.',
  'pack.condition.number': 'Signal "{id}" is a number: give a numeric value.',
  'pack.merge-field': 'Unknown merge field "{field}". Use one of the fields listed in MERGE_FIELDS (e.g. {{company.name}}, {{contact.lastName}}, {{csm.name}}).',
  'pack.scoring.boolean': 'Signal "{id}" is boolean: use scoring { kind: "boolean", whenTrue, whenFalse }.',
  'pack.scoring.date': 'Signal "{id}" is a date and cannot be scored directly: score a computed signal (daysSince / daysUntil) from it.',
  'pack.scoring.numeric': 'Signal "{id}" is numeric: use scoring "ranges" or "thresholds".',
  'pack.scoring.points-order': 'The points are out of order: list them in strictly ascending order of value.',
  'pack.scoring.points-rise': '"{id}" has higherIsBetter: true, so scores must rise (or stay level) as the value rises. Fix this score.',
  'pack.scoring.points-fall': '"{id}" has higherIsBetter: false, so scores must fall (or stay level) as the value rises. Fix this score.',
  'pack.scoring.steps-order': 'The steps are out of order: list them in strictly ascending order of atLeast.',
  'pack.scoring.steps-rise': '"{id}" has higherIsBetter: true, so step scores must rise (or stay level) as atLeast rises, starting from "otherwise". Fix this score.',
  'pack.scoring.steps-fall': '"{id}" has higherIsBetter: false, so step scores must fall (or stay level) as atLeast rises, starting from "otherwise". Fix this score.',
  'pack.scoring.when-true-rise': '"{id}" has higherIsBetter: true, so make whenTrue ≥ whenFalse.',
  'pack.scoring.when-true-fall': '"{id}" has higherIsBetter: false, so make whenTrue ≤ whenFalse.',
  'pack.computed.from-date': 'Computed signals read a date, and "{id}" is not one: change "{id}" to type "date", or point "from" at a date signal.',
  'pack.computed.type': 'A computed signal counts days: set its type to "number".',
  'pack.rating.source': 'A rating comes from a CSM note, a CRM property or a CSV column: change its source.',
  'pack.rating.points': 'A rating needs five points with values 1, 2, 3, 4, 5 in order, each with a label: fix its points.',
  'pack.rating.type': 'A signal whose source is a CSM rating must have type "rating": change its type.',
  'pack.band.reserved': 'The band id "{id}" is reserved for insufficient data: rename that band.',
  'pack.band.worst-min': 'The worst band must start at 0: set this to 0.',
  'pack.band.order': 'The bands are out of order: list them worst to best with strictly rising "min".',
  'pack.segment.scored-twice': 'Segment "{segment}" is already scored by scorecard "{scorecard}": list each segment in one scorecard only.',
  'pack.segment.unscored': 'No scorecard scores segment "{segment}": add it to one scorecard’s "segments".',
  'pack.measure.twice': 'Signal "{signal}" is measured twice in this scorecard: merge the two measures.',
  'pack.weights.zero': 'All weights are zero: give at least one measure a weight above 0.',
  'pack.level.twice': 'Level {level} appears twice: number the levels 1, 2, 3… once each.',
  'pack.level.order': 'Levels must be numbered 1, 2, 3… in order: use {expected} here.',
  'pack.renewal.signal': 'The renewal must read a computed signal with fn "daysUntil" from the renewal date: point lifecycle.renewal.signal at one.',
  'pack.template.subject': 'An email template needs a subject: add "subject": { "ja": "…", "en": "…" }.',
  'pack.maturity.swap': 'maturity.min is above maturity.max: swap them.',
} as const satisfies Record<PackErrorKey, string>;

const packErrorsJa: Record<PackErrorKey, string> = {
  'pack.not-object': 'パックは JSON オブジェクト（{ … }）である必要がありますが、{got}でした。パックの JSON ファイルを読み込むか、パックをもう一度エクスポートしてください。',
  'pack.unreadable': 'パックを読み込めませんでした（{detail}）。プレーンな JSON としてエクスポートし直してから、もう一度読み込んでください。',
  'pack.schema-version.missing': 'パックに schemaVersion がありません。先頭に "schemaVersion": {current}（整数）を追加してください。',
  'pack.schema-version.newer': 'このパックは schemaVersion {version} ですが、この Sidecar が読めるのは {current} までです。Sidecar を更新するか、古いバージョンでパックをエクスポートしてください。',
  'pack.schema-version.unsupported': 'schemaVersion {version} には対応していません。1 または {current} を指定してください。',
  'pack.missing': 'ここに値がありません。{expected}の値を追加してください。',
  'pack.wrong-type': '値の種類が違います（{expected}であるべきところが{got}です）。この値を{expected}に変えてください。',
  'pack.one-of': '使えない値です。次のいずれかを使ってください：{values}。',
  'pack.missing-one-of': 'ここに値がありません。次のいずれかを追加してください：{values}。',
  'pack.unknown-keys': '不明なキー {keys} があります。削除するか、正しい名前に直してください（綴りは lib/engine/README.md でご確認ください）。',
  'pack.unknown-kind': '不明な kind {kind} です。lib/engine/README.md に記載の kind のいずれかを使ってください。',
  'pack.no-shape': 'この値は、許可されているどの形にも当てはまりません。lib/engine/README.md と見比べて修正してください。',
  'pack.too-small.array': '項目が足りません。ここに {minimum} 件以上追加してください。',
  'pack.too-small.string': 'テキストが空です。ここに文字を入力してください。',
  'pack.too-small': '値が小さすぎます。{minimum} 以上の値にしてください。',
  'pack.not-above': '値が小さすぎます。{minimum} より大きい値にしてください。',
  'pack.too-big': '値が大きすぎます。{maximum} 以下の値にしてください。',
  'pack.not-below': '値が大きすぎます。{maximum} より小さい値にしてください。',
  'pack.id-format': 'ID の形式が正しくありません。英字で始まり、英数字と「_」「.」「-」だけを含む ID にしてください。',
  'pack.text-locale': 'テキストがありません。少なくとも 1 つの言語で指定してください（例：{ "ja": "…", "en": "…" }）。',
  'pack.not-allowed': 'この値はここでは使えません。この項目に指定できる値を lib/engine/README.md でご確認のうえ、修正してください。',
  'pack.duplicate-id': '{what}の ID「{id}」が重複しています。{what}ごとに別の ID を付けてください。',
  'pack.unknown-ref': '{what}「{id}」がありません。{where} にある ID（{known}）のいずれかを使うか、この ID の{what}を追加してください。',
  'pack.locales.default': '既定の言語「{locale}」が locales.available にありません。そこに追加するか、その中から既定の言語を選んでください。',
  'pack.condition.value': '演算子「{op}」には比較する値が必要です。"value" を追加してください。',
  'pack.condition.date': 'シグナル「{id}」は日付のため、直接は比較できません。代わりに計算シグナル（source { kind: "computed", fn: "daysSince" | "daysUntil", from: "{id}" }）を比較してください。',
  'pack.condition.boolean': 'シグナル「{id}」は真偽値です。op に "==" または "!=" を使い、value に true か false を指定してください。',
  'pack.condition.number': 'シグナル「{id}」は数値です。value に数値を指定してください。',
  'pack.merge-field': '不明な差し込み項目「{field}」です。MERGE_FIELDS にある項目（例：{{company.name}}、{{contact.lastName}}、{{csm.name}}）を使ってください。',
  'pack.scoring.boolean': 'シグナル「{id}」は真偽値です。scoring には { kind: "boolean", whenTrue, whenFalse } を使ってください。',
  'pack.scoring.date': 'シグナル「{id}」は日付のため、直接は採点できません。この日付から計算シグナル（daysSince / daysUntil）を作り、それを採点してください。',
  'pack.scoring.numeric': 'シグナル「{id}」は数値です。scoring には "ranges" または "thresholds" を使ってください。',
  'pack.scoring.points-order': 'points の順序が正しくありません。value が小さい順に（同じ値を重ねずに）並べてください。',
  'pack.scoring.points-rise': '「{id}」は higherIsBetter: true のため、value が大きくなるほど score は上がる（または同じ）必要があります。この score を直してください。',
  'pack.scoring.points-fall': '「{id}」は higherIsBetter: false のため、value が大きくなるほど score は下がる（または同じ）必要があります。この score を直してください。',
  'pack.scoring.steps-order': 'steps の順序が正しくありません。atLeast が小さい順に（同じ値を重ねずに）並べてください。',
  'pack.scoring.steps-rise': '「{id}」は higherIsBetter: true のため、atLeast が大きくなるほど各 step の score は「otherwise」から上がる（または同じ）必要があります。この score を直してください。',
  'pack.scoring.steps-fall': '「{id}」は higherIsBetter: false のため、atLeast が大きくなるほど各 step の score は「otherwise」から下がる（または同じ）必要があります。この score を直してください。',
  'pack.scoring.when-true-rise': '「{id}」は higherIsBetter: true のため、whenTrue を whenFalse 以上にしてください。',
  'pack.scoring.when-true-fall': '「{id}」は higherIsBetter: false のため、whenTrue を whenFalse 以下にしてください。',
  'pack.computed.from-date': '計算シグナルは日付を読みますが、「{id}」は日付ではありません。「{id}」の type を "date" にするか、"from" に日付のシグナルを指定してください。',
  'pack.computed.type': '計算シグナルは日数を数えます。type を "number" にしてください。',
  'pack.rating.source': '評価は CSM のメモ・CRM のプロパティ・CSV の列のいずれかから得ます。source を変更してください。',
  'pack.rating.points': '評価には value が 1, 2, 3, 4, 5 の順に並んだ 5 つの points が必要で、それぞれに label が要ります。points を直してください。',
  'pack.rating.type': 'source が CSM の評価であるシグナルは、type を "rating" にしてください。',
  'pack.band.reserved': 'バンド ID「{id}」はデータ不足を表すために予約されています。このバンドの ID を変えてください。',
  'pack.band.worst-min': '最も悪いバンドは 0 から始まる必要があります。この値を 0 にしてください。',
  'pack.band.order': 'バンドの順序が正しくありません。悪いものから良いものの順に、"min" が大きくなるよう（同じ値を重ねずに）並べてください。',
  'pack.segment.scored-twice': 'セグメント「{segment}」は既にスコアカード「{scorecard}」で採点されています。各セグメントは 1 つのスコアカードにだけ記載してください。',
  'pack.segment.unscored': 'セグメント「{segment}」を採点するスコアカードがありません。いずれか 1 つのスコアカードの "segments" に追加してください。',
  'pack.measure.twice': 'シグナル「{signal}」がこのスコアカードで 2 回測定されています。2 つの measure を 1 つにまとめてください。',
  'pack.weights.zero': 'すべての weight が 0 です。少なくとも 1 つの measure に 0 より大きい weight を付けてください。',
  'pack.level.twice': 'レベル {level} が 2 回出てきます。レベルには 1, 2, 3… と一度ずつ番号を付けてください。',
  'pack.level.order': 'レベルは 1, 2, 3… の順に番号を付ける必要があります。ここは {expected} にしてください。',
  'pack.renewal.signal': '更新には、更新日から fn "daysUntil" で計算するシグナルが必要です。lifecycle.renewal.signal にそのシグナルを指定してください。',
  'pack.template.subject': 'メールのテンプレートには件名が必要です。"subject": { "ja": "…", "en": "…" } を追加してください。',
  'pack.maturity.swap': 'maturity.min が maturity.max より大きくなっています。2 つの値を入れ替えてください。',
};

/** The words a pack error names (a thing in the pack, a JSON type), in each language. */
export const packWords: Record<Locale, Record<PackWord, string>> = {
  en: {
    signal: 'signal', segment: 'segment', band: 'band', role: 'role', stage: 'stage', scorecard: 'scorecard', level: 'level', criterion: 'criterion',
    'touch model': 'touch model', template: 'template', 'playbook rule': 'playbook rule',
    number: 'a number', int: 'a whole number', fraction: 'a fraction', string: 'text', boolean: 'true or false', object: 'an object { … }', array: 'a list [ … ]', null: 'null', undefined: 'nothing',
  },
  ja: {
    signal: 'シグナル', segment: 'セグメント', band: 'バンド', role: 'ロール', stage: 'ステージ', scorecard: 'スコアカード', level: 'レベル', criterion: '基準',
    'touch model': 'タッチモデル', template: 'テンプレート', 'playbook rule': 'プレイブックのルール',
    number: '数値', int: '整数', fraction: '小数', string: '文字列', boolean: 'true または false', object: 'オブジェクト { … }', array: '配列 [ … ]', null: 'null', undefined: '値なし',
  },
};

export const errorsEn = {
  // --- CRM answers (lib/crm/http.ts) ---
  'crm.auth.hubspot': 'HubSpot rejected the key: it has been rotated, deleted or is mistyped. Open Sidecar options and connect HubSpot again with a current Service Key (or private-app token).',
  'crm.auth.salesforce': 'Your Salesforce session has expired or is not valid. Please sign in to Salesforce again, then reload this page.',
  'crm.forbidden.hubspot.scope': 'The HubSpot key lacks the scope "{scope}". Add it to the Service Key in HubSpot (Development → Keys → Service keys → your key), or to your existing private app, then save the key again in Sidecar options.',
  'crm.forbidden.hubspot': 'HubSpot refused this request: the key lacks a permission it needs. Check the scopes of the Service Key (or private app) in HubSpot, then reconnect in Sidecar options.',
  'crm.forbidden.salesforce': 'Salesforce refused this request: your user lacks a permission it needs, such as "API Enabled" or access to this record. Ask your Salesforce administrator.',
  'crm.forbidden.salesforce.detail': 'Salesforce refused this request ({detail}): your user lacks a permission it needs, such as "API Enabled" or access to this record. Ask your Salesforce administrator.',
  'crm.not-found': '{crm} has no such record: it may have been deleted or merged, or you may not have access. Open the record again in {crm}.',
  'crm.rate-limit.daily': 'The {crm} account has used up its daily API limit. It resets around midnight; Sidecar shows cached data until then.',
  'crm.rate-limit.salesforce': "Your Salesforce org has reached its API request limit. Sidecar will try again in about {seconds} s; if this keeps happening, ask your administrator about the org's API limits.",
  'crm.rate-limit': '{crm} asked Sidecar to slow down. It will try again in about {seconds} s; no action is needed.',
  'crm.validation': '{crm} did not accept the data. Correct it and save again; retrying unchanged will not help.',
  'crm.validation.fields': '{crm} did not accept the data ({fields}). Correct it and save again; retrying unchanged will not help.',
  'crm.validation.detail': '{crm} did not accept the data: {detail}. Correct it and save again; retrying unchanged will not help.',
  'crm.validation.fields.detail': '{crm} did not accept the data ({fields}): {detail}. Correct it and save again; retrying unchanged will not help.',
  'crm.server': "{crm} had a server error (HTTP {status}). Sidecar will retry shortly; if it persists, check {crm}'s status page.",
  'crm.network': 'Could not reach {crm}: the connection failed or was cut. Check your internet connection or VPN; Sidecar will retry.',
  'crm.timeout': '{crm} did not answer in time, so Sidecar cannot tell whether the request went through. It checks before trying again, so nothing is saved twice.',
  'crm.malformed': '{crm} sent an answer Sidecar does not understand ({detail}). A proxy or a {crm} change may be the cause; try again later or update Sidecar.',

  // --- HubSpot (lib/crm/hubspot) ---
  'hubspot.bad-id': '"{id}" is not a HubSpot record id (it should be digits only). Open the record again.',
  'hubspot.bad-time': 'Internal error: "{value}" is not a time for the note.',
  'hubspot.no-client-id': 'Internal error: a note saved with retries needs its Sidecar ID and a company.',
  'hubspot.no-sidecar-id': 'Internal error: the note has no valid Sidecar ID. Reload the sidebar and save again.',
  'hubspot.note-too-long': 'The note is too long for HubSpot: {length} characters of HTML, the limit is {max}. Shorten it by about {over} characters and save again.',
  'hubspot.note-conflict': "HubSpot already holds a note ({remoteId}) under this note's Sidecar ID, with other content, so Sidecar did not send this note and changed nothing there. If this note came from an import, compare the two and write it anew.",
  'hubspot.note-no-company': 'This note was written on a record that has no company in HubSpot. Associate the contact or deal with a company, then retry.',
  'hubspot.no-owner': 'HubSpot has no active owner {id}. Reload the owners list in Sidecar’s options and pick yourself again.',

  // --- Salesforce (lib/crm/salesforce) ---
  'salesforce.bad-id': '"{id}" is not a Salesforce record id (15 or 18 letters and digits). Open the record again.',
  'salesforce.bad-field': 'Internal error: "{field}" is not a field name.',
  'salesforce.no-sidecar-id': 'Internal error: the note has no valid Sidecar ID.',
  'salesforce.task-too-long': 'The note is too long for a Salesforce task: {length} characters, the limit is {max}. Shorten it and save again.',
  'salesforce.link-refused': 'Salesforce would not attach the note to the account ({code}: {message}), so nothing was saved there. Your org may not allow this kind of sharing for notes: ask your administrator, or switch Sidecar to Task mode in the options.',
  'salesforce.note-conflict': "Salesforce already holds a note ({remoteId}) under this note's Sidecar ID, with other content, so Sidecar did not send this note and changed nothing there. If this note came from an import, compare the two and write it anew.",
  'salesforce.delete-refused': 'Salesforce did not delete the note ({id}): it is still there, but your user may not delete it. Delete it in Salesforce, or ask your administrator.',
  'salesforce.missing-fields': 'This org has no field {list}. Fix the field name in the config pack, or create the field in Salesforce. The other fields were read.',
  'hubspot.signal-unread.scope': '"{name}" was not read: the HubSpot key lacks {scope}. To use it, add the scope to the Service Key (or private app). The other fields were read.',
  'hubspot.signal-unread': '"{name}" was not read: the HubSpot key lacks the scope it needs. To use it, add the scope to the Service Key (or private app). The other fields were read.',
  'salesforce.not-org-host': '{host} is not a Salesforce org host. Open the record on your org’s Lightning or My Domain address.',
  'salesforce.no-session': 'No Salesforce session for {host}. Sign in to Salesforce in this browser, then try again.',
  'salesforce.oauth-sign-in': 'Sign in to Salesforce from Sidecar’s options page.',
  'salesforce.oauth-needs-config': 'OAuth needs your My Domain (e.g. acme.my.salesforce.com) and the client id of your External Client App.',
  'salesforce.oauth-state': 'The sign-in answer did not match the request. Try signing in again.',
  'salesforce.oauth-refused': 'Salesforce did not sign you in: {reason}. Check the External Client App, then try again.',
  'salesforce.oauth-no-code': 'Salesforce did not sign you in: no code was returned. Check the External Client App, then try again.',

  // --- Accounts and connections ---
  'account.wrong-portal': "This page is in HubSpot portal {page}, but Sidecar is connected to portal {connected}, so it neither reads nor writes here. Open the record in portal {connected}, or connect portal {page} in Sidecar's options.",
  'account.wrong-org': "This page is in the Salesforce org {page}, but Sidecar is signed in to {connected}, so it neither reads nor writes here (a sandbox and production share record ids). Open the record in {connected}, or sign in to {page} in Sidecar's options.",
  'connect.disconnected': 'Disconnected in Sidecar’s options. Connect again there to read and write Salesforce.',
  'connect.hubspot': 'Connect HubSpot in Sidecar’s options to read this company.',
  'connect.salesforce': 'Sign in to Salesforce (or connect it in Sidecar’s options) to read this account.',
  'portfolio.daily-limit': 'The CRM’s daily API limit is nearly spent ({left} requests left), so Sidecar stopped loading to leave them to the team’s sidebars. Try again tomorrow, or ask an admin to raise the limit.',
  'portfolio.no-account': 'No account “{key}” in the portfolio. Reload the page and try again.',

  // --- Notes and the sidebar ---
  'note.from-crm': 'This note was written in the CRM by someone else, so Sidecar does not change it there. Edit it in the CRM, or write a new note.',
  'note.empty': 'Write something or give a rating before saving the note.',
  'note.unknown-rating': 'The config pack has no rating {ids}: it changed while the sidebar was open. Reload the sidebar, then save again.',
  'note.unknown-account': 'Sidecar cannot tell which account this note belongs to ({key}). Open the record again and write the note there.',
  'override.unknown-band': 'Unknown band "{band}". Choose one of: {bands}.',
  'override.past': 'The override must expire in the future. Choose a later date.',
  'record.no-cache': 'Sidecar has no cache for this record yet. Open the record again.',
  'crm.unexpected': 'The CRM read failed unexpectedly ({message}). Try again; if it persists, reload the page.',

  // --- The options page ---
  'pack.invalid': 'The pack is not valid: {path}: {message}. Fix it and check again.',
  'pack.invalid-unknown': 'The pack is not valid. Check it for errors, fix them and try again.',
  'pack.version-missing': 'Version {id} is no longer kept in this browser. Reload the page to see the versions there are.',
  'pack.not-json': 'This is not valid JSON ({detail}). Fix the syntax, or export the pack again.',
  'pack.in-schema-version': '(schemaVersion {version}) {message}',
  'pack.stored-invalid': 'The installed config pack is invalid ({path}: {message}). Sidecar uses the default pack meanwhile: fix the pack and install it again, or reset it, here in the options page.',
  'import.rejected': 'Nothing was imported: {count} notes in the file need fixing (first: {first}).',

  // --- Storage ---
  'storage.full': 'The note was not saved: the browser’s storage for Sidecar is full. Your text is still in the editor. Export your notes from Options → Notes & outbox, or free up disk space, then save again.',
  'storage.failed': 'The note was not saved: the browser’s database refused the write ({name}). Your text is still in the editor. Restart the browser, then save again.',
  'storage.pressure': 'Sidecar’s browser storage is {pct}% full. Export your notes or free up disk space.',

  // --- Messages between Sidecar's pages and its background ---
  'request.malformed': 'Sidecar sent a malformed message ({issues}). Reload the page; if it persists, reinstall Sidecar.',
  'request.unknown-type': 'Unknown request "{type}": the sidebar and the background are from different versions. Reload the page.',
  'request.forbidden': '{type} may only be sent by Sidecar’s own pages.',
  'request.frame-refused': 'Sidecar refused {type}: this sidebar was not opened by Sidecar beside this record. Open the record in the CRM; Sidecar opens its sidebar there by itself.',
  'request.bad-data': 'Sidecar sent {type} with data it cannot use ({issues}). Reload the page; if it persists, reinstall Sidecar.',
  'request.bad-answer': 'Sidecar built an invalid answer to {type} ({issues}). Reload the page; if it persists, reinstall Sidecar.',
  'request.internal': 'Sidecar hit an unexpected error handling {type} ({message}). Reload the page; if it persists, reinstall Sidecar.',

  // --- The team's pack and policy (lib/team, lib/background/team.ts) ---
  'team.policy.not-object': 'The Sidecar policy is not a set of named values, so none of it applies. Ask your IT administrator to check the policy against Sidecar’s schema (managed-schema.json).',
  'team.policy.unknown': 'The policy sets "{name}", which Sidecar does not know, so it is ignored. Ask your IT administrator to check its spelling against Sidecar’s schema.',
  'team.policy.pack': 'The policy’s pack is neither JSON text nor an object, so it is ignored. Ask your IT administrator to set it to the pack’s JSON text.',
  'team.policy.https': 'The policy’s pack URL is not an https:// URL, so it is ignored. Ask your IT administrator to give an HTTPS address.',
  'team.policy.sha256': 'The policy’s pack hash is not 64 hexadecimal digits (a SHA-256), so it is ignored.',
  'team.policy.sha-without-url': 'The policy pins a pack hash but gives no pack URL, so the hash has nothing to check.',
  'team.policy.role': 'The policy’s role is not "csm" or "csops", so it is ignored and you may choose your role.',
  'team.policy.email': 'The policy’s HubSpot owner e-mail is not an e-mail address, so it is ignored.',
  'team.policy.portals': 'The policy’s allowed HubSpot portals must be a list of portal ids (digits), so the list is ignored.',
  'team.policy.orgs': 'The policy’s allowed Salesforce orgs must be a list of My Domain names or hosts, so the list is ignored.',
  'team.policy-pack-json': 'The pack in the policy is not valid JSON ({detail}). Sidecar keeps the last good pack; ask your IT administrator to fix the policy.',
  'team.url-invalid': '"{url}" is not a URL. Give the pack’s full https:// address.',
  'team.url-not-https': 'The pack URL {url} is not HTTPS. Sidecar fetches packs over HTTPS only, so nobody on the way can change them.',
  'team.url-credentials': 'The pack URL for {origin} has a user name or password in it. Remove them: policy values and settings are visible to the user.',
  'team.fetch-status': 'The pack URL {url} answered HTTP {status}, not the pack. Sidecar keeps the last good pack; check the address with CS Ops.',
  'team.fetch-too-large': 'The answer from {url} is larger than {max} MB, so it is not a pack. Sidecar keeps the last good pack.',
  'team.fetch-timeout': 'The pack URL {url} did not answer within {seconds} s. Sidecar keeps the last good pack and tries again later.',
  'team.fetch-network': 'Could not reach the pack URL {url} ({detail}). Check the network, and that Sidecar may read this site (Options → Config pack → Team). Sidecar keeps the last good pack.',
  'team.fetch-html': 'The pack URL {url} returned a web page, not a pack (a sign-in or error page?). Share a link to the raw JSON file. Sidecar keeps the last good pack.',
  'team.fetch-not-json': 'The pack URL {url} did not return JSON ({detail}). Sidecar keeps the last good pack.',
  'team.hash-mismatch': 'The pack at {url} does not match the pinned SHA-256 {expected} (it is {actual}): it changed, or someone changed it. Sidecar keeps the last good pack; ask your IT administrator.',
  'team.pack-invalid': 'The pack from {from} is not valid ({count} error(s); first {path}: {message}). Sidecar keeps the last good pack.',
  'team.no-permission': 'Sidecar may not read {origin} yet. Allow it in Options → Config pack → Team.',
  'team.role-managed': 'Your role is set by your IT administrator’s policy, so it cannot be changed here.',
  'pack.managed': 'Your IT administrator manages the config pack by policy, so it cannot be changed here.',
  'pack.url-managed': 'The config pack comes from the pack URL {url}. Remove the URL under Team to install or reset a pack here.',
  'account.not-allowed-portal': 'Your IT administrator allows Sidecar in the HubSpot portals {allowed} only. This is portal {page}, so Sidecar neither reads nor writes here.',
  'account.not-allowed-org': 'Your IT administrator allows Sidecar in the Salesforce orgs {allowed} only. This is {page}, so Sidecar neither reads nor writes here.',

  // --- Publishing (issue 16) ---
  'publish.not-csops': 'Only CS Ops publishes to the CRM. Your role is CSM: ask CS Ops, or change the role in Options → Config pack → Team.',
  'publish.not-connected': 'Sidecar is not connected to {crm}. Connect it in Options → Connections, then publish again.',
  'editor.crm-not-connected': 'Sidecar is not connected to {crm}, so its fields cannot be listed. Connect it in Options → Connections, or type the field’s API name.',
  'publish.running': 'A publication to {crm} is already running ({done} of {total} records). Wait for it to end.',
  'publish.no-job': 'Nothing has been published from this browser yet.',
  'publish.batch-too-large': 'Sidecar tried to write {count} records in one request; the CRM takes {max}. This is a bug in Sidecar.',
  'publish.daily-limit': 'Publishing stopped before {crm}’s daily API limit runs out ({left} requests left, {reserve} kept for the team). It continues at the next start.',
  'publish.stopped': 'Publishing stopped: {message} It continues at the next start.',
  'publish.failure.validation': 'The CRM refused the values: {message}',
  'publish.failure.locked': 'The record was being changed by something else (locked); Sidecar tried again and gave up: {message}',
  'publish.failure.no-access': 'No access: the connected user may not edit this record or one of its fields ({message}).',
  'publish.failure.not-found': 'The record no longer exists in the CRM, or the connected user cannot see it ({message}).',
  'publish.failure.no-field': 'The CRM has no such field: create Sidecar’s fields first ({message}).',
  'publish.failure.rate-limit': 'The CRM throttled this record; Sidecar tried again and gave up: {message}',
  'publish.failure.other': 'The CRM did not write this record: {message}',
  'publish.setup.not-csops': 'Only CS Ops sets up Sidecar’s CRM fields. Your role is CSM: ask CS Ops, or change the role in Options → Config pack → Team.',
  'publish.setup.hubspot-scope': 'The HubSpot key may not create properties: it lacks the scope {scope}. A key cannot ask for a scope itself: ask the super admin who manages the key (Development → Keys) to add {scope}, then create the fields again.',
  'publish.setup.salesforce-no-access': 'Your Salesforce user may not create fields or permission sets (it needs “Customize Application” and “Manage Profiles and Permission Sets”). Download the metadata package below and ask a Salesforce admin to deploy it.',

  ...packErrorsEn,
} as const;

export type ErrorKey = keyof typeof errorsEn;

export const errorsJa: Record<ErrorKey, string> = {
  'crm.auth.hubspot': 'HubSpot がキーを受け付けませんでした（ローテーション・削除・入力誤りのいずれか）。Sidecar のオプションを開き、有効なサービスキー（または非公開アプリのトークン）で HubSpot に再接続してください。',
  'crm.auth.salesforce': 'Salesforce のセッションが切れているか無効です。Salesforce にもう一度ログインしてから、このページを再読み込みしてください。',
  'crm.forbidden.hubspot.scope': 'HubSpot のキーにスコープ「{scope}」がありません。HubSpot のサービスキー（開発 → キー → サービスキー → 該当のキー）または既存の非公開アプリに追加し、Sidecar のオプションでキーをもう一度保存してください。',
  'crm.forbidden.hubspot': 'HubSpot がこのリクエストを拒否しました。キーに必要な権限がありません。HubSpot でサービスキー（または非公開アプリ）のスコープをご確認のうえ、Sidecar のオプションで再接続してください。',
  'crm.forbidden.salesforce': 'Salesforce がこのリクエストを拒否しました。「API の有効化」やこのレコードへのアクセスなど、必要な権限がユーザーにありません。Salesforce 管理者にご相談ください。',
  'crm.forbidden.salesforce.detail': 'Salesforce がこのリクエストを拒否しました（{detail}）。「API の有効化」やこのレコードへのアクセスなど、必要な権限がユーザーにありません。Salesforce 管理者にご相談ください。',
  'crm.not-found': '{crm} にこのレコードが見つかりません。削除・統合されたか、アクセス権がない可能性があります。{crm} でレコードを開き直してください。',
  'crm.rate-limit.daily': '{crm} アカウントの 1 日あたりの API 上限に達しました。深夜 0 時ごろにリセットされます。それまではキャッシュしたデータを表示します。',
  'crm.rate-limit.salesforce': 'Salesforce 組織の API リクエスト上限に達しました。約 {seconds} 秒後に再試行します。繰り返し起きる場合は、管理者に組織の API 上限をご確認ください。',
  'crm.rate-limit': '{crm} からリクエストを減らすよう求められました。約 {seconds} 秒後に自動で再試行します。操作は不要です。',
  'crm.validation': '{crm} がデータを受け付けませんでした。内容を修正してから保存し直してください（そのままの再試行では解決しません）。',
  'crm.validation.fields': '{crm} がデータを受け付けませんでした（{fields}）。内容を修正してから保存し直してください（そのままの再試行では解決しません）。',
  'crm.validation.detail': '{crm} がデータを受け付けませんでした：{detail}。内容を修正してから保存し直してください（そのままの再試行では解決しません）。',
  'crm.validation.fields.detail': '{crm} がデータを受け付けませんでした（{fields}）：{detail}。内容を修正してから保存し直してください（そのままの再試行では解決しません）。',
  'crm.server': '{crm} でサーバーエラーが発生しました（HTTP {status}）。まもなく再試行します。続く場合は {crm} のステータスページをご確認ください。',
  'crm.network': '{crm} に接続できませんでした（接続の失敗または切断）。インターネット接続や VPN をご確認ください。自動で再試行します。',
  'crm.timeout': '{crm} から時間内に応答がなく、処理が完了したか確認できません。二重に保存しないよう、確認してから再試行します。',
  'crm.malformed': '{crm} から Sidecar が解釈できない応答が返りました（{detail}）。プロキシや {crm} 側の変更が原因の可能性があります。しばらくしてから再試行するか、Sidecar を更新してください。',

  'hubspot.bad-id': '「{id}」は HubSpot のレコード ID ではありません（数字のみのはずです）。レコードを開き直してください。',
  'hubspot.bad-time': '内部エラー：「{value}」はメモの日時として不正です。',
  'hubspot.no-client-id': '内部エラー：再試行付きで保存するメモには、そのメモの Sidecar ID と会社が必要です。',
  'hubspot.no-sidecar-id': '内部エラー：メモに有効な Sidecar ID がありません。サイドバーを再読み込みしてから保存し直してください。',
  'hubspot.note-too-long': 'メモが HubSpot の上限を超えています（HTML で {length} 文字、上限は {max} 文字）。約 {over} 文字短くしてから保存し直してください。',
  'hubspot.note-conflict': 'HubSpot には、このメモと同じ Sidecar ID で内容の異なるメモ（{remoteId}）が既にあるため、このメモは送信せず、HubSpot 側も変更していません。取り込んだメモの場合は、両方を見比べてから新しく書き直してください。',
  'hubspot.note-no-company': 'このメモを書いたレコードには HubSpot 上で会社が関連付けられていません。コンタクトまたは取引を会社に関連付けてから、再試行してください。',
  'hubspot.no-owner': 'HubSpot に有効な担当者 {id} がありません。Sidecar のオプションで担当者一覧を読み込み直し、ご自身を選び直してください。',

  'salesforce.bad-id': '「{id}」は Salesforce のレコード ID（英数字 15 桁または 18 桁）ではありません。レコードを開き直してください。',
  'salesforce.bad-field': '内部エラー：「{field}」は項目名ではありません。',
  'salesforce.no-sidecar-id': '内部エラー：メモに有効な Sidecar ID がありません。',
  'salesforce.task-too-long': 'メモが Salesforce の ToDo の上限を超えています（{length} 文字、上限は {max} 文字）。短くしてから保存し直してください。',
  'salesforce.link-refused': 'Salesforce がメモを取引先に関連付けなかったため、何も保存されていません（{code}: {message}）。組織でメモのこの共有方法が許可されていない可能性があります。管理者にご相談いただくか、オプションで Sidecar を ToDo モードに切り替えてください。',
  'salesforce.note-conflict': 'Salesforce には、このメモと同じ Sidecar ID で内容の異なるメモ（{remoteId}）が既にあるため、このメモは送信せず、Salesforce 側も変更していません。取り込んだメモの場合は、両方を見比べてから新しく書き直してください。',
  'salesforce.delete-refused': 'Salesforce でメモ（{id}）が削除されませんでした。メモは残っていますが、ご自身のユーザーに削除権限がない可能性があります。Salesforce 上で削除するか、管理者にご相談ください。',
  'salesforce.missing-fields': 'この組織には項目 {list} がありません。設定パックの項目名を直すか、Salesforce に項目を作成してください。ほかの項目は読み込みました。',
  'hubspot.signal-unread.scope': '「{name}」は読み込めませんでした。HubSpot のキーに {scope} がありません。使用する場合は、サービスキー（または非公開アプリ）に追加してください。ほかの項目は読み込みました。',
  'hubspot.signal-unread': '「{name}」は読み込めませんでした。HubSpot のキーに必要なスコープがありません。使用する場合は、サービスキー（または非公開アプリ）に追加してください。ほかの項目は読み込みました。',
  'salesforce.not-org-host': '{host} は Salesforce 組織のホストではありません。組織の Lightning または私のドメインのアドレスでレコードを開いてください。',
  'salesforce.no-session': '{host} の Salesforce セッションが見つかりません。このブラウザで Salesforce にログインしてから、もう一度お試しください。',
  'salesforce.oauth-sign-in': 'Sidecar のオプションページから Salesforce にサインインしてください。',
  'salesforce.oauth-needs-config': 'OAuth には私のドメイン（例：acme.my.salesforce.com）と、外部クライアントアプリのクライアント ID が必要です。',
  'salesforce.oauth-state': 'サインインの応答がリクエストと一致しませんでした。もう一度サインインしてください。',
  'salesforce.oauth-refused': 'Salesforce でサインインできませんでした（{reason}）。外部クライアントアプリの設定をご確認のうえ、もう一度お試しください。',
  'salesforce.oauth-no-code': 'Salesforce でサインインできませんでした（コードが返されませんでした）。外部クライアントアプリの設定をご確認のうえ、もう一度お試しください。',

  'account.wrong-portal': 'このページは HubSpot ポータル {page} のものですが、Sidecar はポータル {connected} に接続しているため、ここでは読み書きしません。ポータル {connected} でレコードを開くか、Sidecar のオプションでポータル {page} に接続してください。',
  'account.wrong-org': 'このページは Salesforce 組織 {page} のものですが、Sidecar は {connected} にサインインしているため、ここでは読み書きしません（Sandbox と本番はレコード ID が共通です）。{connected} でレコードを開くか、Sidecar のオプションで {page} にサインインしてください。',
  'connect.disconnected': 'Sidecar のオプションで接続を解除しました。Salesforce を読み書きするには、オプションで再接続してください。',
  'connect.hubspot': 'この会社を読み込むには、Sidecar のオプションで HubSpot に接続してください。',
  'connect.salesforce': 'この取引先を読み込むには、Salesforce にログインする（または Sidecar のオプションで接続する）必要があります。',
  'portfolio.daily-limit': 'CRM の 1 日の API 上限がほぼ上限に達しているため（残り {left} リクエスト）、チームのサイドバーのために読み込みを停止しました。明日もう一度お試しいただくか、管理者に上限の引き上げをご相談ください。',
  'portfolio.no-account': 'ポートフォリオに取引先「{key}」が見つかりません。ページを再読み込みしてもう一度お試しください。',

  'note.from-crm': 'このメモは他の方が CRM で書いたものなので、Sidecar からは変更しません。CRM で編集するか、新しいメモを書いてください。',
  'note.empty': 'メモを保存する前に、本文を入力するか評価を付けてください。',
  'note.unknown-rating': '設定パックに評価 {ids} がありません（サイドバーを開いている間にパックが変わりました）。サイドバーを再読み込みしてから、もう一度保存してください。',
  'note.unknown-account': 'このメモがどの取引先のものか判別できません（{key}）。レコードを開き直して、そこでメモを書いてください。',
  'override.unknown-band': '「{band}」という帯はありません。次から選んでください：{bands}。',
  'override.past': '上書きの有効期限は未来の日時にしてください。',
  'record.no-cache': 'このレコードのキャッシュがまだありません。レコードを開き直してください。',
  'crm.unexpected': 'CRM の読み込みが予期せず失敗しました（{message}）。もう一度お試しください。続く場合はページを再読み込みしてください。',

  'pack.invalid': 'パックが正しくありません：{path}：{message}。修正してから、もう一度チェックしてください。',
  'pack.invalid-unknown': 'パックが正しくありません。エラーを確認して修正してから、もう一度お試しください。',
  'pack.version-missing': 'バージョン {id} はこのブラウザに残っていません。ページを再読み込みして、残っているバージョンをご確認ください。',
  'pack.not-json': 'JSON として正しくありません（{detail}）。構文を修正するか、パックをもう一度エクスポートしてください。',
  'pack.in-schema-version': '（schemaVersion {version} のパック）{message}',
  'pack.stored-invalid': 'インストール済みの設定パックが正しくありません（{path}：{message}）。それまでは既定のパックを使います。オプション画面でパックを修正してインストールし直すか、リセットしてください。',
  'import.rejected': '何も取り込んでいません。ファイル内の {count} 件のメモを直す必要があります（最初：{first}）。',

  'storage.full': 'ブラウザの保存領域がいっぱいのため、メモを保存できませんでした。入力内容は残っています。オプションの「メモと送信待ち」からメモをエクスポートするか、ブラウザの空き容量を増やしてから、もう一度保存してください。',
  'storage.failed': 'ブラウザのデータベースに書き込めなかったため、保存できませんでした（{name}）。入力内容は残っています。ブラウザを再起動してから、もう一度保存してください。',
  'storage.pressure': 'ブラウザの保存領域が {pct}% 使用されています。メモをエクスポートするか、空き容量を増やしてください。',

  'request.malformed': 'Sidecar が不正なメッセージを送りました（{issues}）。ページを再読み込みしてください。続く場合は Sidecar を再インストールしてください。',
  'request.unknown-type': '不明なリクエスト「{type}」です。サイドバーとバックグラウンドのバージョンが異なります。ページを再読み込みしてください。',
  'request.forbidden': '{type} は Sidecar 自身のページからのみ送信できます。',
  'request.frame-refused': 'Sidecar は {type} を拒否しました。このサイドバーは、Sidecar がこのレコードの横に開いたものではありません。CRM でレコードを開いてください。サイドバーは自動的に開きます。',
  'request.bad-data': 'Sidecar が {type} を使えないデータで送りました（{issues}）。ページを再読み込みしてください。続く場合は Sidecar を再インストールしてください。',
  'request.bad-answer': 'Sidecar が {type} に不正な応答を返しました（{issues}）。ページを再読み込みしてください。続く場合は Sidecar を再インストールしてください。',
  'request.internal': 'Sidecar が {type} の処理中に予期しないエラーに遭遇しました（{message}）。ページを再読み込みしてください。続く場合は Sidecar を再インストールしてください。',

  'team.policy.not-object': 'Sidecar のポリシーが名前付きの値の集まりになっていないため、どれも適用しません。IT 管理者に、Sidecar のスキーマ（managed-schema.json）と照らしてポリシーを確認するよう依頼してください。',
  'team.policy.unknown': 'ポリシーに Sidecar の知らない項目「{name}」があるため、無視します。IT 管理者に、スキーマと照らして綴りを確認するよう依頼してください。',
  'team.policy.pack': 'ポリシーのパックが JSON テキストでもオブジェクトでもないため、無視します。IT 管理者に、パックの JSON テキストを設定するよう依頼してください。',
  'team.policy.https': 'ポリシーのパック URL が https:// の URL ではないため、無視します。IT 管理者に HTTPS のアドレスを指定するよう依頼してください。',
  'team.policy.sha256': 'ポリシーのパックのハッシュが 16 進数 64 桁（SHA-256）ではないため、無視します。',
  'team.policy.sha-without-url': 'ポリシーにパックのハッシュはありますが、パック URL がないため、ハッシュで確認する対象がありません。',
  'team.policy.role': 'ポリシーのロールが「csm」でも「csops」でもないため、無視します。ロールはご自身で選べます。',
  'team.policy.email': 'ポリシーの HubSpot 担当者メールアドレスがメールアドレスの形になっていないため、無視します。',
  'team.policy.portals': 'ポリシーの許可 HubSpot ポータルは、ポータル ID（数字）の一覧である必要があるため、この一覧は無視します。',
  'team.policy.orgs': 'ポリシーの許可 Salesforce 組織は、私のドメイン名またはホストの一覧である必要があるため、この一覧は無視します。',
  'team.policy-pack-json': 'ポリシー内のパックが正しい JSON ではありません（{detail}）。最後に正しかったパックを使い続けます。IT 管理者にポリシーの修正を依頼してください。',
  'team.url-invalid': '「{url}」は URL ではありません。パックの https:// から始まる完全なアドレスを入力してください。',
  'team.url-not-https': 'パック URL {url} は HTTPS ではありません。途中で書き換えられないよう、Sidecar は HTTPS でのみパックを取得します。',
  'team.url-credentials': '{origin} のパック URL にユーザー名またはパスワードが含まれています。ポリシーや設定の値は利用者から見えるため、取り除いてください。',
  'team.fetch-status': 'パック URL {url} の応答は HTTP {status} で、パックではありませんでした。最後に正しかったパックを使い続けます。アドレスを CS Ops にご確認ください。',
  'team.fetch-too-large': '{url} の応答が {max} MB を超えているため、パックではありません。最後に正しかったパックを使い続けます。',
  'team.fetch-timeout': 'パック URL {url} から {seconds} 秒以内に応答がありませんでした。最後に正しかったパックを使い続け、後ほど再試行します。',
  'team.fetch-network': 'パック URL {url} に接続できませんでした（{detail}）。ネットワークと、Sidecar がこのサイトを読めるよう許可されているか（オプション → 設定パック → チーム）をご確認ください。最後に正しかったパックを使い続けます。',
  'team.fetch-html': 'パック URL {url} が返したのはパックではなくウェブページでした（サインイン画面やエラー画面の可能性があります）。JSON ファイルそのもののリンクを共有してください。最後に正しかったパックを使い続けます。',
  'team.fetch-not-json': 'パック URL {url} が JSON を返しませんでした（{detail}）。最後に正しかったパックを使い続けます。',
  'team.hash-mismatch': '{url} のパックが、固定された SHA-256 {expected} と一致しません（実際は {actual}）。内容が変わったか、書き換えられています。最後に正しかったパックを使い続けます。IT 管理者にご確認ください。',
  'team.pack-invalid': '{from} のパックが正しくありません（エラー {count} 件、最初は {path}：{message}）。最後に正しかったパックを使い続けます。',
  'team.no-permission': 'Sidecar はまだ {origin} を読む許可を得ていません。オプション → 設定パック → チームで許可してください。',
  'team.role-managed': 'ロールは IT 管理者のポリシーで設定されているため、ここでは変更できません。',
  'pack.managed': '設定パックは IT 管理者がポリシーで管理しているため、ここでは変更できません。',
  'pack.url-managed': '設定パックはパック URL {url} から取得しています。ここでパックをインストールまたはリセットするには、チームでその URL を削除してください。',
  'account.not-allowed-portal': 'IT 管理者は Sidecar の利用を HubSpot ポータル {allowed} に限っています。このページはポータル {page} のため、Sidecar はここでは読み書きしません。',
  'account.not-allowed-org': 'IT 管理者は Sidecar の利用を Salesforce 組織 {allowed} に限っています。このページは {page} のため、Sidecar はここでは読み書きしません。',

  // --- Publishing (issue 16) ---
  'publish.not-csops': 'CRM への公開は CS Ops が行います。あなたのロールは CSM です。CS Ops に依頼するか、オプション → 設定パック → チームでロールを変更してください。',
  'publish.not-connected': 'Sidecar は {crm} に接続されていません。オプション → 接続で接続してから、もう一度公開してください。',
  'editor.crm-not-connected': 'Sidecar が {crm} に接続されていないため、項目の一覧を読み込めません。オプション → 接続で接続するか、項目の API 名を直接入力してください。',
  'publish.running': '{crm} への公開を実行中です（{total} 件中 {done} 件）。終わるまでお待ちください。',
  'publish.no-job': 'このブラウザからはまだ何も公開していません。',
  'publish.batch-too-large': 'Sidecar が 1 回のリクエストで {count} 件を書き込もうとしました（CRM の上限は {max} 件）。Sidecar の不具合です。',
  'publish.daily-limit': '{crm} の 1 日の API 上限に近づいたため、公開を止めました（残り {left} 件、チーム用に {reserve} 件を確保）。次回の起動時に続きから再開します。',
  'publish.stopped': '公開を止めました：{message} 次回の起動時に続きから再開します。',
  'publish.failure.validation': 'CRM が値を受け付けませんでした：{message}',
  'publish.failure.locked': 'レコードが他の処理で変更中（ロック）でした。再試行しましたが書き込めませんでした：{message}',
  'publish.failure.no-access': 'アクセス権がありません。接続中のユーザーはこのレコードまたはその項目を編集できません（{message}）。',
  'publish.failure.not-found': 'レコードが CRM にもう存在しないか、接続中のユーザーからは見えません（{message}）。',
  'publish.failure.no-field': 'CRM にその項目がありません。先に Sidecar の項目を作成してください（{message}）。',
  'publish.failure.rate-limit': 'CRM がこのレコードの書き込みを制限しました。再試行しましたが書き込めませんでした：{message}',
  'publish.failure.other': 'CRM はこのレコードを書き込みませんでした：{message}',
  'publish.setup.not-csops': 'CRM の項目の設定は CS Ops が行います。あなたのロールは CSM です。CS Ops に依頼するか、オプション → 設定パック → チームでロールを変更してください。',
  'publish.setup.hubspot-scope': 'この HubSpot のキーにはプロパティを作成する権限がありません（スコープ {scope} がありません）。キーが自らスコープを求めることはできないため、キーを管理するスーパー管理者に（開発 → キー）{scope} の追加を依頼し、もう一度項目を作成してください。',
  'publish.setup.salesforce-no-access': 'お使いの Salesforce ユーザーには項目や権限セットを作成する権限がありません（「アプリケーションのカスタマイズ」と「プロファイルと権限セットの管理」が必要です）。下のメタデータパッケージをダウンロードし、Salesforce の管理者にデプロイを依頼してください。',

  ...packErrorsJa,
};

export const errorCatalogues: Record<Locale, Record<ErrorKey, string>> = { en: errorsEn, ja: errorsJa };

/** An error's words in one language. A pack error's `what`, `expected` and `got` are words (packWords), rendered too. */
export function errorText(key: ErrorKey, params: Vars | undefined, locale: Locale): string {
  return interpolate(errorCatalogues[locale][key], params && key.startsWith('pack.') ? withWords(params, locale) : params);
}

const WORD_PARAMS = ['what', 'expected', 'got'] as const;
function withWords(params: Vars, locale: Locale): Vars {
  const words: Record<string, string> = packWords[locale];
  let out = params;
  for (const name of WORD_PARAMS) {
    const value = params[name];
    if (typeof value === 'string' && Object.hasOwn(words, value)) out = { ...out, [name]: words[value]! };
  }
  return out;
}

/** A pack's error as logic holds it: where (a JSON path) and what (a key with parameters); ParseError is one. */
export interface PathErrorCode {
  path: string;
  key: ErrorKey;
  params?: Vars;
  /** Found in an older pack, before it was migrated. */
  schemaVersion?: number;
}

/** A pack's error in one language, without its path. */
export function pathErrorText(error: PathErrorCode, locale: Locale): string {
  const text = errorText(error.key, error.params, locale);
  return error.schemaVersion === undefined ? text : errorText('pack.in-schema-version', { version: error.schemaVersion, message: text }, locale);
}

/** A pack's errors as the options page and the Team card show them: each path, and its words in the user's language. */
export function renderPathErrors(errors: readonly PathErrorCode[], locale: Locale): Array<{ path: string; message: string }> {
  return errors.map((e) => ({ path: e.path, message: pathErrorText(e, locale) }));
}

/** An error's words in both languages (CrmError carries both, so a stored error renders in either). */
export function errorBoth(key: ErrorKey, params?: Vars): { en: string; ja: string } {
  return { en: errorText(key, params, 'en'), ja: errorText(key, params, 'ja') };
}
