// What changed between two config packs, in words CS Ops reads ("Weight of NPS (Enterprise): 15 → 20";
// "Lv.3 criterion added: …"). Pure: two parsed packs in, a list of changes out, each a key with
// parameters; describeChange words one in Japanese or English. Labels are taken from the pack that
// has the thing (the new one when both do), so a renamed item reads by its new name.
import { pickText } from '../engine/text.ts';
import type { ConfigPack, Locale, Localized } from '../engine/types.ts';

/** A parameter: plain, or pack text in both languages. */
export type ChangeParam = string | number | Localized;

export type ChangeKey = keyof typeof WORDS;

export interface PackChange {
  key: ChangeKey;
  params: Record<string, ChangeParam>;
}

// Placeholders in braces; keep their names identical across the two languages.
const WORDS = {
  'pack.name': { en: 'Name: {from} → {to}', ja: '名前：{from} → {to}' },
  'pack.version': { en: 'Version: {from} → {to}', ja: 'バージョン：{from} → {to}' },
  'pack.id': { en: 'Pack id: {from} → {to}', ja: 'パック ID：{from} → {to}' },
  'locale.default': { en: 'Default language: {from} → {to}', ja: '既定の言語：{from} → {to}' },
  'signal.added': { en: 'Signal added: {signal}', ja: 'シグナルを追加：{signal}' },
  'signal.removed': { en: 'Signal removed: {signal}', ja: 'シグナルを削除：{signal}' },
  'signal.label': { en: 'Signal renamed: {from} → {to}', ja: 'シグナル名を変更：{from} → {to}' },
  'signal.source': { en: 'Where {signal} comes from: {from} → {to}', ja: '{signal} の取得元：{from} → {to}' },
  'signal.freshness': { en: 'Freshness limit of {signal}: {from} → {to} days', ja: '{signal} の鮮度の上限：{from} → {to} 日' },
  'signal.changed': { en: 'Definition of {signal} changed', ja: '{signal} の定義を変更' },
  'band.added': { en: 'Band added: {band} (from {min})', ja: 'バンドを追加：{band}（{min} 以上）' },
  'band.removed': { en: 'Band removed: {band}', ja: 'バンドを削除：{band}' },
  'band.min': { en: 'Lower bound of {band}: {from} → {to}', ja: '{band} の下限：{from} → {to}' },
  'band.label': { en: 'Band renamed: {from} → {to}', ja: 'バンド名を変更：{from} → {to}' },
  'segment.added': { en: 'Segment added: {segment}', ja: 'セグメントを追加：{segment}' },
  'segment.removed': { en: 'Segment removed: {segment}', ja: 'セグメントを削除：{segment}' },
  'segment.when': { en: 'Conditions of segment {segment} changed: {from} → {to}', ja: 'セグメント {segment} の条件を変更：{from} → {to}' },
  'scorecard.added': { en: 'Scorecard added: {scorecard}', ja: 'スコアカードを追加：{scorecard}' },
  'scorecard.removed': { en: 'Scorecard removed: {scorecard}', ja: 'スコアカードを削除：{scorecard}' },
  'scorecard.coverage': { en: 'Minimum data coverage of {scorecard}: {from}% → {to}%', ja: '{scorecard} の必要データ充足率：{from}% → {to}%' },
  'scorecard.segments': { en: 'Segments scored by {scorecard}: {from} → {to}', ja: '{scorecard} で採点するセグメント：{from} → {to}' },
  'measure.weight': { en: 'Weight of {signal} ({scorecard}): {from} → {to}', ja: '{signal}（{scorecard}）の重み：{from} → {to}' },
  'measure.added': { en: 'Measure added to {scorecard}: {signal}, weight {weight}', ja: '{scorecard} に指標を追加：{signal}（重み {weight}）' },
  'measure.removed': { en: 'Measure removed from {scorecard}: {signal} (weight {weight})', ja: '{scorecard} から指標を削除：{signal}（重み {weight}）' },
  'measure.scoring': { en: 'Scoring curve of {signal} ({scorecard}) changed', ja: '{signal}（{scorecard}）の採点カーブを変更' },
  'measure.critical-on': { en: '{signal} ({scorecard}) is now critical', ja: '{signal}（{scorecard}）を重要指標に設定' },
  'measure.critical-off': { en: '{signal} ({scorecard}) is no longer critical', ja: '{signal}（{scorecard}）を重要指標から除外' },
  'rule.added': { en: 'Band rule added to {scorecard}: {reason}', ja: '{scorecard} にバンドルールを追加：{reason}' },
  'rule.removed': { en: 'Band rule removed from {scorecard}: {reason}', ja: '{scorecard} からバンドルールを削除：{reason}' },
  'rule.changed': { en: 'Band rule changed in {scorecard}: {reason}', ja: '{scorecard} のバンドルールを変更：{reason}' },
  'level.added': { en: 'Maturity level added: {level}', ja: '成熟度レベルを追加：{level}' },
  'level.removed': { en: 'Maturity level removed: {level}', ja: '成熟度レベルを削除：{level}' },
  'level.label': { en: 'Maturity level renamed: {from} → {to}', ja: '成熟度レベル名を変更：{from} → {to}' },
  'criterion.added': { en: 'Lv.{n} criterion added: {criterion} ({condition})', ja: 'Lv.{n} の基準を追加：{criterion}（{condition}）' },
  'criterion.removed': { en: 'Lv.{n} criterion removed: {criterion}', ja: 'Lv.{n} の基準を削除：{criterion}' },
  'criterion.changed': { en: 'Lv.{n} criterion {criterion}: {from} → {to}', ja: 'Lv.{n} の基準 {criterion}：{from} → {to}' },
  'touch.added': { en: 'Touch model added: {model}', ja: 'タッチモデルを追加：{model}' },
  'touch.removed': { en: 'Touch model removed: {model}', ja: 'タッチモデルを削除：{model}' },
  'touch.assign': { en: 'Who gets {model}: {from} → {to}', ja: '{model} の対象：{from} → {to}' },
  'touch.default': { en: 'Default touch model: {from} → {to}', ja: '既定のタッチモデル：{from} → {to}' },
  'stage.added': { en: 'Lifecycle stage added: {stage} (owner {owner})', ja: 'ライフサイクルのステージを追加：{stage}（担当 {owner}）' },
  'stage.removed': { en: 'Lifecycle stage removed: {stage}', ja: 'ライフサイクルのステージを削除：{stage}' },
  'stage.owner': { en: 'Owner of {stage}: {from} → {to}', ja: '{stage} の担当：{from} → {to}' },
  'stage.rules': { en: 'Stage rules changed', ja: 'ステージの判定ルールを変更' },
  'renewal.window': { en: 'Renewal window: {from} → {to} days', ja: '更新ステージの期間：{from} → {to} 日' },
  'action.added': { en: 'Playbook action added: {action}', ja: 'プレイブックのアクションを追加：{action}' },
  'action.removed': { en: 'Playbook action removed: {action}', ja: 'プレイブックのアクションを削除：{action}' },
  'action.when': { en: 'When "{action}" fires changed', ja: '「{action}」の発動条件を変更' },
  'action.due': { en: 'Due date of "{action}": {from} → {to} days', ja: '「{action}」の期限：{from} → {to} 日' },
  'action.priority': { en: 'Priority of "{action}": {from} → {to}', ja: '「{action}」の優先度：{from} → {to}' },
  'action.owner': { en: 'Owner of "{action}": {from} → {to}', ja: '「{action}」の担当：{from} → {to}' },
  'action.text': { en: 'Wording of "{action}" changed', ja: '「{action}」の文面を変更' },
  'action.templates': { en: 'Templates of "{action}" changed', ja: '「{action}」のテンプレートを変更' },
  'template.added': { en: 'Template added: {template}', ja: 'テンプレートを追加：{template}' },
  'template.removed': { en: 'Template removed: {template}', ja: 'テンプレートを削除：{template}' },
  'template.changed': { en: 'Template changed: {template}', ja: 'テンプレートを変更：{template}' },
  'book.changed': { en: 'Which accounts are the book changed', ja: 'ブック（担当アカウント）の定義を変更' },
  'role.added': { en: 'Role added: {role}', ja: 'ロールを追加：{role}' },
  'role.removed': { en: 'Role removed: {role}', ja: 'ロールを削除：{role}' },
} as const satisfies Record<string, { en: string; ja: string }>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const PRIORITY: Record<string, Localized> = {
  urgent: { ja: '緊急', en: 'urgent' },
  high: { ja: '高', en: 'high' },
  normal: { ja: '通常', en: 'normal' },
  low: { ja: '低', en: 'low' },
};
const byId = <T extends { id: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.id, x]));

type Condition = { signal: string; op: string; value?: number | boolean | undefined };

/** A condition in words both languages share: "NPS ≥ 9", "Open tickets missing". */
export function conditionText(pack: ConfigPack, c: Condition): Localized {
  const s = pack.signals.find((x) => x.id === c.signal);
  const label = s ? s.label : { ja: c.signal, en: c.signal };
  const op = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '==': '=', '!=': '≠' }[c.op as '>='];
  const words = (ja: string, en: string): Localized => ({ ja: `${label.ja ?? label.en} ${ja}`, en: `${label.en ?? label.ja} ${en}` });
  if (c.op === 'present') return words('あり', 'present');
  if (c.op === 'missing') return words('なし', 'missing');
  return words(`${op} ${String(c.value)}`, `${op} ${String(c.value)}`);
}

export function conditionsText(pack: ConfigPack, cs: readonly Condition[] | undefined): Localized {
  if (!cs || cs.length === 0) return { ja: '（条件なし）', en: '(always)' };
  const parts = cs.map((c) => conditionText(pack, c));
  return { ja: parts.map((p) => p.ja).join('、'), en: parts.map((p) => p.en).join(', ') };
}

function labelOf(pack: ConfigPack, kind: 'signals' | 'segments' | 'bands' | 'roles' | 'scorecards' | 'stages' | 'models', id: string): Localized {
  const list: ReadonlyArray<{ id: string; label: Localized }> =
    kind === 'stages' ? pack.lifecycle.stages : kind === 'models' ? pack.touch.models : pack[kind];
  return list.find((x) => x.id === id)?.label ?? { ja: id, en: id };
}

function listText(pack: ConfigPack, kind: 'segments' | 'roles', ids: readonly string[]): Localized {
  const ls = ids.map((id) => labelOf(pack, kind, id));
  return { ja: ls.map((l) => l.ja ?? l.en).join('・') || '—', en: ls.map((l) => l.en ?? l.ja).join(', ') || '—' };
}

function sourceText(s: ConfigPack['signals'][number]['source']): string {
  switch (s.kind) {
    case 'crm':
      return `CRM ${[s.hubspot, s.salesforce].filter(Boolean).join(' / ')}`;
    case 'csv':
      return `CSV ${s.column}`;
    case 'rating':
      return s.combine?.kind === 'mean' ? `rating (mean ${s.combine.days}d)` : 'rating';
    case 'association':
      return `CRM ${s.association}`;
    case 'computed':
      return `${s.fn}(${s.from})`;
  }
}

function assignText(pack: ConfigPack, a: ConfigPack['touch']['assign'][number] | undefined): Localized {
  if (!a) return { ja: '（なし）', en: '(none)' };
  const parts: Localized[] = [];
  if (a.segments?.length) parts.push(listText(pack, 'segments', a.segments));
  if (a.minMaturity !== undefined) parts.push({ ja: `Lv.${a.minMaturity} 以上`, en: `Lv.${a.minMaturity}+` });
  if (a.maxMaturity !== undefined) parts.push({ ja: `Lv.${a.maxMaturity} 以下`, en: `up to Lv.${a.maxMaturity}` });
  if (a.when?.length) parts.push(conditionsText(pack, a.when));
  if (!parts.length) return { ja: '全アカウント', en: 'every account' };
  return { ja: parts.map((p) => p.ja).join('、'), en: parts.map((p) => p.en).join(', ') };
}

/** Every difference from `before` to `after`, in the order a reader walks the map. Empty when they score alike and read alike. */
export function diffPacks(before: ConfigPack, after: ConfigPack): PackChange[] {
  const out: PackChange[] = [];
  const push = (key: ChangeKey, params: Record<string, ChangeParam> = {}) => out.push({ key, params });

  if (before.name !== after.name) push('pack.name', { from: before.name, to: after.name });
  if (before.version !== after.version) push('pack.version', { from: before.version, to: after.version });
  if (before.id !== after.id) push('pack.id', { from: before.id, to: after.id });
  if (before.locales.default !== after.locales.default) push('locale.default', { from: before.locales.default, to: after.locales.default });

  // Signals.
  const sb = byId(before.signals);
  const sa = byId(after.signals);
  for (const s of after.signals) {
    const old = sb.get(s.id);
    if (!old) {
      push('signal.added', { signal: s.label });
      continue;
    }
    const before = out.length;
    if (!same(old.label, s.label)) push('signal.label', { from: old.label, to: s.label });
    if (!same(old.source, s.source)) push('signal.source', { signal: s.label, from: sourceText(old.source), to: sourceText(s.source) });
    if (old.freshnessDays !== s.freshnessDays) push('signal.freshness', { signal: s.label, from: old.freshnessDays ?? '—', to: s.freshnessDays ?? '—' });
    // Anything else (unit, points, qualifiers): one line, not a field-by-field account.
    if (out.length === before && !same(old, s)) push('signal.changed', { signal: s.label });
  }
  for (const s of before.signals) if (!sa.has(s.id)) push('signal.removed', { signal: s.label });

  // Bands.
  const bb = byId(before.bands);
  for (const b of after.bands) {
    const old = bb.get(b.id);
    if (!old) push('band.added', { band: b.label, min: b.min });
    else {
      if (!same(old.label, b.label)) push('band.label', { from: old.label, to: b.label });
      if (old.min !== b.min) push('band.min', { band: b.label, from: old.min, to: b.min });
    }
  }
  for (const b of before.bands) if (!after.bands.some((x) => x.id === b.id)) push('band.removed', { band: b.label });

  // Roles.
  for (const r of after.roles) if (!before.roles.some((x) => x.id === r.id)) push('role.added', { role: r.label });
  for (const r of before.roles) if (!after.roles.some((x) => x.id === r.id)) push('role.removed', { role: r.label });

  // Segments.
  const gb = byId(before.segments);
  for (const g of after.segments) {
    const old = gb.get(g.id);
    if (!old) push('segment.added', { segment: g.label });
    else if (!same(old.when, g.when)) push('segment.when', { segment: g.label, from: conditionsText(before, old.when), to: conditionsText(after, g.when) });
  }
  for (const g of before.segments) if (!after.segments.some((x) => x.id === g.id)) push('segment.removed', { segment: g.label });

  // Scorecards and their measures.
  const cb = byId(before.scorecards);
  for (const c of after.scorecards) {
    const old = cb.get(c.id);
    if (!old) {
      push('scorecard.added', { scorecard: c.label });
      continue;
    }
    const sc = c.label;
    if (old.minCoverage !== c.minCoverage) push('scorecard.coverage', { scorecard: sc, from: Math.round(old.minCoverage * 100), to: Math.round(c.minCoverage * 100) });
    if (!same(old.segments, c.segments)) push('scorecard.segments', { scorecard: sc, from: listText(before, 'segments', old.segments), to: listText(after, 'segments', c.segments) });
    const mb = new Map(old.measures.map((m) => [m.signal, m]));
    for (const m of c.measures) {
      const signal = labelOf(after, 'signals', m.signal);
      const was = mb.get(m.signal);
      if (!was) {
        push('measure.added', { scorecard: sc, signal, weight: m.weight });
        continue;
      }
      if (was.weight !== m.weight) push('measure.weight', { scorecard: sc, signal, from: was.weight, to: m.weight });
      if (!!was.critical !== !!m.critical) push(m.critical ? 'measure.critical-on' : 'measure.critical-off', { scorecard: sc, signal });
      if (!same(was.scoring, m.scoring)) push('measure.scoring', { scorecard: sc, signal });
    }
    for (const m of old.measures) {
      if (!c.measures.some((x) => x.signal === m.signal)) push('measure.removed', { scorecard: sc, signal: labelOf(before, 'signals', m.signal), weight: m.weight });
    }
    const rb = byId(old.rules);
    for (const r of c.rules) {
      const was = rb.get(r.id);
      if (!was) push('rule.added', { scorecard: sc, reason: r.reason });
      else if (!same(was, r)) push('rule.changed', { scorecard: sc, reason: r.reason });
    }
    for (const r of old.rules) if (!c.rules.some((x) => x.id === r.id)) push('rule.removed', { scorecard: sc, reason: r.reason });
  }
  for (const c of before.scorecards) if (!after.scorecards.some((x) => x.id === c.id)) push('scorecard.removed', { scorecard: c.label });

  // Maturity: levels by their number, criteria by id within a level.
  const lb = new Map(before.maturity.levels.map((l) => [l.level, l]));
  for (const l of after.maturity.levels) {
    const old = lb.get(l.level);
    if (!old) {
      push('level.added', { level: l.label });
      continue;
    }
    if (!same(old.label, l.label)) push('level.label', { from: old.label, to: l.label });
    const crb = byId(old.criteria);
    for (const cr of l.criteria) {
      const was = crb.get(cr.id);
      if (!was) push('criterion.added', { n: l.level, criterion: cr.label, condition: conditionText(after, cr.condition) });
      else if (!same(was.condition, cr.condition)) push('criterion.changed', { n: l.level, criterion: cr.label, from: conditionText(before, was.condition), to: conditionText(after, cr.condition) });
    }
    for (const cr of old.criteria) if (!l.criteria.some((x) => x.id === cr.id)) push('criterion.removed', { n: l.level, criterion: cr.label });
  }
  for (const l of before.maturity.levels) if (!after.maturity.levels.some((x) => x.level === l.level)) push('level.removed', { level: l.label });

  // Touch models and who gets each.
  for (const m of after.touch.models) if (!before.touch.models.some((x) => x.id === m.id)) push('touch.added', { model: m.label });
  for (const m of before.touch.models) if (!after.touch.models.some((x) => x.id === m.id)) push('touch.removed', { model: m.label });
  const models = new Set([...before.touch.assign, ...after.touch.assign].map((a) => a.touchModel));
  for (const id of models) {
    const was = before.touch.assign.filter((a) => a.touchModel === id);
    const now = after.touch.assign.filter((a) => a.touchModel === id);
    if (same(was, now)) continue;
    const text = (pack: ConfigPack, xs: typeof was): Localized => {
      if (!xs.length) return assignText(pack, undefined);
      const parts = xs.map((a) => assignText(pack, a));
      return { ja: parts.map((p) => p.ja).join(' / '), en: parts.map((p) => p.en).join(' / ') };
    };
    push('touch.assign', { model: labelOf(now.length ? after : before, 'models', id), from: text(before, was), to: text(after, now) });
  }
  if (before.touch.default !== after.touch.default) push('touch.default', { from: labelOf(before, 'models', before.touch.default), to: labelOf(after, 'models', after.touch.default) });

  // Lifecycle.
  const stb = byId(before.lifecycle.stages);
  for (const s of after.lifecycle.stages) {
    const old = stb.get(s.id);
    if (!old) push('stage.added', { stage: s.label, owner: labelOf(after, 'roles', s.owner) });
    else if (old.owner !== s.owner) push('stage.owner', { stage: s.label, from: labelOf(before, 'roles', old.owner), to: labelOf(after, 'roles', s.owner) });
  }
  for (const s of before.lifecycle.stages) if (!after.lifecycle.stages.some((x) => x.id === s.id)) push('stage.removed', { stage: s.label });
  if (!same(before.lifecycle.rules, after.lifecycle.rules) || before.lifecycle.default !== after.lifecycle.default) push('stage.rules');
  if (before.lifecycle.renewal.windowDays !== after.lifecycle.renewal.windowDays) push('renewal.window', { from: before.lifecycle.renewal.windowDays, to: after.lifecycle.renewal.windowDays });

  // Playbook.
  const pb = byId(before.playbook);
  for (const r of after.playbook) {
    const old = pb.get(r.id);
    const action = r.action.title;
    if (!old) {
      push('action.added', { action });
      continue;
    }
    if (!same(old.when, r.when)) push('action.when', { action });
    if (old.action.dueInDays !== r.action.dueInDays) push('action.due', { action, from: old.action.dueInDays, to: r.action.dueInDays });
    if (old.action.priority !== r.action.priority) push('action.priority', { action, from: PRIORITY[old.action.priority] ?? old.action.priority, to: PRIORITY[r.action.priority] ?? r.action.priority });
    if (old.action.ownerRole !== r.action.ownerRole) push('action.owner', { action, from: labelOf(before, 'roles', old.action.ownerRole), to: labelOf(after, 'roles', r.action.ownerRole) });
    if (!same(old.action.title, r.action.title) || !same(old.action.why, r.action.why)) push('action.text', { action });
    if (!same(old.action.templateIds, r.action.templateIds)) push('action.templates', { action });
  }
  for (const r of before.playbook) if (!after.playbook.some((x) => x.id === r.id)) push('action.removed', { action: r.action.title });

  // Templates.
  const tb = byId(before.templates);
  for (const t of after.templates) {
    const old = tb.get(t.id);
    if (!old) push('template.added', { template: t.title });
    else if (!same(old, t)) push('template.changed', { template: t.title });
  }
  for (const t of before.templates) if (!after.templates.some((x) => x.id === t.id)) push('template.removed', { template: t.title });

  if (!same(before.book, after.book)) push('book.changed');
  return out;
}

/** One change in words, in the reader's language; pack text falls back to the other language. */
export function describeChange(change: PackChange, locale: Locale): string {
  const other: Locale = locale === 'ja' ? 'en' : 'ja';
  return WORDS[change.key][locale].replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!Object.hasOwn(change.params, name)) return m;
    const v = change.params[name]!;
    return typeof v === 'object' ? pickText(v, locale, other) : String(v);
  });
}

/** Every change in words, one a line. */
export function describeDiff(changes: readonly PackChange[], locale: Locale): string[] {
  return changes.map((c) => describeChange(c, locale));
}
