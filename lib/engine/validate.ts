import { RESERVED_BAND_UNKNOWN } from './schema.ts';
import { isMergeField, mergeFieldsIn } from './merge-fields.ts';
import type { PackErrorKey, PackWord } from './pack-errors.ts';
import type { Condition, ConfigPack, Localized, ParseError, Scoring, SignalDef } from './types.ts';

// Cross-reference checks zod cannot express. Each raises a key with parameters (pack-errors.ts);
// its words, in both languages, say what is wrong and name the fix (lib/i18n/errors.ts).

type Push = (path: string, key: PackErrorKey, params?: Record<string, string | number>) => void;

function checkUnique(items: Array<{ id: string }>, path: string, what: PackWord, push: Push): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) push(`${path}[${i}].id`, 'pack.duplicate-id', { what, id: item.id });
    seen.add(item.id);
  });
  return seen;
}

function ref(ids: Set<string>, id: string, path: string, what: PackWord, where: string, push: Push): void {
  if (!ids.has(id)) push(path, 'pack.unknown-ref', { what, id, where, known: [...ids].slice(0, 12).join(', ') });
}

function checkCondition(c: Condition, path: string, signals: Map<string, SignalDef>, push: Push): void {
  const s = signals.get(c.signal);
  if (!s) {
    ref(new Set(signals.keys()), c.signal, `${path}.signal`, 'signal', 'signals[]', push);
    return;
  }
  if (c.op === 'present' || c.op === 'missing') return;
  if (c.value === undefined) {
    push(`${path}.value`, 'pack.condition.value', { op: c.op });
    return;
  }
  const numeric = s.type === 'number' || s.type === 'rating' || s.source.kind === 'computed';
  if (s.type === 'date' && s.source.kind !== 'computed') {
    push(`${path}.signal`, 'pack.condition.date', { id: s.id });
  } else if (s.type === 'boolean') {
    if (typeof c.value !== 'boolean' || (c.op !== '==' && c.op !== '!=')) {
      push(path, 'pack.condition.boolean', { id: s.id });
    }
  } else if (numeric && typeof c.value !== 'number') {
    push(`${path}.value`, 'pack.condition.number', { id: s.id });
  }
}

function checkTexts(text: Localized | undefined, path: string, push: Push): void {
  if (!text) return;
  for (const [locale, value] of Object.entries(text)) {
    if (typeof value !== 'string') continue;
    for (const name of mergeFieldsIn(value)) {
      if (!isMergeField(name)) {
        push(`${path}.${locale}`, 'pack.merge-field', { field: `{{${name}}}` });
      }
    }
  }
}

function checkScoring(s: SignalDef, scoring: Scoring, path: string, push: Push): void {
  const isNumeric = s.type === 'number' || s.type === 'rating' || s.source.kind === 'computed';
  if (s.type === 'boolean' && scoring.kind !== 'boolean') {
    push(`${path}.kind`, 'pack.scoring.boolean', { id: s.id });
    return;
  }
  if (!isNumeric && s.type !== 'boolean') {
    push(path, 'pack.scoring.date', { id: s.id });
    return;
  }
  if (isNumeric && scoring.kind === 'boolean') {
    push(`${path}.kind`, 'pack.scoring.numeric', { id: s.id });
    return;
  }
  // The score must move the way the signal says is better, or "raising a good signal lowers health" becomes possible.
  const dir = s.higherIsBetter ? 1 : -1;
  const id = s.id;
  if (scoring.kind === 'ranges') {
    for (let i = 1; i < scoring.points.length; i++) {
      const a = scoring.points[i - 1]!;
      const b = scoring.points[i]!;
      if (b.value <= a.value) push(`${path}.points[${i}].value`, 'pack.scoring.points-order');
      else if ((b.score - a.score) * dir < 0) push(`${path}.points[${i}].score`, s.higherIsBetter ? 'pack.scoring.points-rise' : 'pack.scoring.points-fall', { id });
    }
  } else if (scoring.kind === 'thresholds') {
    let prevAt = -Infinity;
    let prevScore = scoring.otherwise;
    scoring.steps.forEach((step, i) => {
      if (step.atLeast <= prevAt) push(`${path}.steps[${i}].atLeast`, 'pack.scoring.steps-order');
      else if ((step.score - prevScore) * dir < 0) push(`${path}.steps[${i}].score`, s.higherIsBetter ? 'pack.scoring.steps-rise' : 'pack.scoring.steps-fall', { id });
      prevAt = step.atLeast;
      prevScore = step.score;
    });
  } else if ((scoring.whenTrue - scoring.whenFalse) * dir < 0) {
    push(`${path}.whenTrue`, s.higherIsBetter ? 'pack.scoring.when-true-rise' : 'pack.scoring.when-true-fall', { id });
  }
}

export function validatePack(pack: ConfigPack): ParseError[] {
  const errors: ParseError[] = [];
  const push: Push = (path, key, params) => errors.push({ path, key, ...(params ? { params } : {}) });

  if (!pack.locales.available.includes(pack.locales.default)) {
    push('locales.default', 'pack.locales.default', { locale: pack.locales.default });
  }

  const signalIds = checkUnique(pack.signals, 'signals', 'signal', push);
  const signals = new Map(pack.signals.map((s) => [s.id, s]));
  pack.signals.forEach((s, i) => {
    const p = `signals[${i}]`;
    if (s.source.kind === 'computed') {
      const from = signals.get(s.source.from);
      if (!from) ref(signalIds, s.source.from, `${p}.source.from`, 'signal', 'signals[]', push);
      else if (from.type !== 'date') push(`${p}.source.from`, 'pack.computed.from-date', { id: from.id });
      if (s.type !== 'number') push(`${p}.type`, 'pack.computed.type');
    }
    if (s.type === 'rating') {
      if (s.source.kind !== 'rating' && s.source.kind !== 'crm' && s.source.kind !== 'csv') {
        push(`${p}.source`, 'pack.rating.source');
      }
      const values = (s.points ?? []).map((pt) => pt.value).join(',');
      if (values !== '1,2,3,4,5') push(`${p}.points`, 'pack.rating.points');
    }
    if (s.source.kind === 'rating' && s.type !== 'rating') push(`${p}.type`, 'pack.rating.type');
  });

  const bandIds = checkUnique(pack.bands, 'bands', 'band', push);
  if (bandIds.has(RESERVED_BAND_UNKNOWN)) push('bands', 'pack.band.reserved', { id: RESERVED_BAND_UNKNOWN });
  pack.bands.forEach((b, i) => {
    if (i === 0 && b.min !== 0) push(`bands[0].min`, 'pack.band.worst-min');
    if (i > 0 && b.min <= pack.bands[i - 1]!.min) push(`bands[${i}].min`, 'pack.band.order');
  });
  const bandOrAny = new Set([...bandIds, RESERVED_BAND_UNKNOWN]);

  const roleIds = checkUnique(pack.roles, 'roles', 'role', push);
  const segmentIds = checkUnique(pack.segments, 'segments', 'segment', push);
  pack.segments.forEach((seg, i) => seg.when.forEach((c, j) => checkCondition(c, `segments[${i}].when[${j}]`, signals, push)));

  checkUnique(pack.scorecards, 'scorecards', 'scorecard', push);
  const covered = new Map<string, string>();
  pack.scorecards.forEach((sc, i) => {
    const p = `scorecards[${i}]`;
    sc.segments.forEach((seg, j) => {
      ref(segmentIds, seg, `${p}.segments[${j}]`, 'segment', 'segments[]', push);
      const other = covered.get(seg);
      if (other) push(`${p}.segments[${j}]`, 'pack.segment.scored-twice', { segment: seg, scorecard: other });
      covered.set(seg, sc.id);
    });
    const measured = new Set<string>();
    let total = 0;
    sc.measures.forEach((m, j) => {
      const mp = `${p}.measures[${j}]`;
      total += m.weight;
      if (measured.has(m.signal)) push(`${mp}.signal`, 'pack.measure.twice', { signal: m.signal });
      measured.add(m.signal);
      const s = signals.get(m.signal);
      if (!s) ref(signalIds, m.signal, `${mp}.signal`, 'signal', 'signals[]', push);
      else checkScoring(s, m.scoring, `${mp}.scoring`, push);
    });
    if (total <= 0) push(`${p}.measures`, 'pack.weights.zero');
    for (const band of Object.keys(sc.bandCutoffs ?? {})) ref(bandIds, band, `${p}.bandCutoffs.${band}`, 'band', 'bands[]', push);
    const first = pack.bands[0];
    if (first && sc.bandCutoffs?.[first.id] !== undefined && sc.bandCutoffs[first.id] !== 0) {
      push(`${p}.bandCutoffs.${first.id}`, 'pack.band.worst-min');
    }
    sc.rules.forEach((r, j) => {
      ref(bandIds, r.when.band, `${p}.rules[${j}].when.band`, 'band', 'bands[]', push);
      ref(bandIds, r.then.capBand, `${p}.rules[${j}].then.capBand`, 'band', 'bands[]', push);
    });
  });
  pack.segments.forEach((seg, i) => {
    if (!covered.has(seg.id)) push(`segments[${i}]`, 'pack.segment.unscored', { segment: seg.id });
  });

  const levels = pack.maturity.levels;
  checkUnique(levels, 'maturity.levels', 'level', push);
  const seenLevel = new Set<number>();
  levels.forEach((lv, i) => {
    const p = `maturity.levels[${i}]`;
    if (seenLevel.has(lv.level)) push(`${p}.level`, 'pack.level.twice', { level: lv.level });
    else if (lv.level !== i + 1) push(`${p}.level`, 'pack.level.order', { expected: i + 1 });
    seenLevel.add(lv.level);
    checkUnique(lv.criteria, `${p}.criteria`, 'criterion', push);
    lv.criteria.forEach((c, j) => checkCondition(c.condition, `${p}.criteria[${j}].condition`, signals, push));
  });

  const touchIds = checkUnique(pack.touch.models, 'touch.models', 'touch model', push);
  ref(touchIds, pack.touch.default, 'touch.default', 'touch model', 'touch.models[]', push);
  pack.touch.assign.forEach((a, i) => {
    ref(touchIds, a.touchModel, `touch.assign[${i}].touchModel`, 'touch model', 'touch.models[]', push);
    a.segments?.forEach((s, j) => ref(segmentIds, s, `touch.assign[${i}].segments[${j}]`, 'segment', 'segments[]', push));
    a.when?.forEach((c, j) => checkCondition(c, `touch.assign[${i}].when[${j}]`, signals, push));
  });

  const lc = pack.lifecycle;
  const stageIds = checkUnique(lc.stages, 'lifecycle.stages', 'stage', push);
  lc.stages.forEach((st, i) => ref(roleIds, st.owner, `lifecycle.stages[${i}].owner`, 'role', 'roles[]', push));
  ref(stageIds, lc.default, 'lifecycle.default', 'stage', 'lifecycle.stages[]', push);
  ref(stageIds, lc.renewal.stage, 'lifecycle.renewal.stage', 'stage', 'lifecycle.stages[]', push);
  const renewalSignal = signals.get(lc.renewal.signal);
  if (!renewalSignal) ref(signalIds, lc.renewal.signal, 'lifecycle.renewal.signal', 'signal', 'signals[]', push);
  else if (!(renewalSignal.source.kind === 'computed' && renewalSignal.source.fn === 'daysUntil')) {
    push('lifecycle.renewal.signal', 'pack.renewal.signal');
  }
  lc.rules.forEach((r, i) => {
    ref(stageIds, r.stage, `lifecycle.rules[${i}].stage`, 'stage', 'lifecycle.stages[]', push);
    r.when?.forEach((c, j) => checkCondition(c, `lifecycle.rules[${i}].when[${j}]`, signals, push));
  });

  const templateIds = checkUnique(pack.templates, 'templates', 'template', push);
  pack.templates.forEach((t, i) => {
    const p = `templates[${i}]`;
    if (t.kind === 'email' && !t.subject) push(`${p}.subject`, 'pack.template.subject');
    checkTexts(t.subject, `${p}.subject`, push);
    checkTexts(t.body, `${p}.body`, push);
  });

  checkUnique(pack.playbook, 'playbook', 'playbook rule', push);
  pack.playbook.forEach((r, i) => {
    const p = `playbook[${i}]`;
    r.when.stages?.forEach((s, j) => ref(stageIds, s, `${p}.when.stages[${j}]`, 'stage', 'lifecycle.stages[]', push));
    r.when.bands?.forEach((b, j) => ref(bandOrAny, b, `${p}.when.bands[${j}]`, 'band', 'bands[]', push));
    r.when.touchModels?.forEach((t, j) => ref(touchIds, t, `${p}.when.touchModels[${j}]`, 'touch model', 'touch.models[]', push));
    r.when.segments?.forEach((s, j) => ref(segmentIds, s, `${p}.when.segments[${j}]`, 'segment', 'segments[]', push));
    r.when.signals?.forEach((c, j) => checkCondition(c, `${p}.when.signals[${j}]`, signals, push));
    const m = r.when.maturity;
    if (m?.min !== undefined && m.max !== undefined && m.min > m.max) push(`${p}.when.maturity`, 'pack.maturity.swap');
    ref(roleIds, r.action.ownerRole, `${p}.action.ownerRole`, 'role', 'roles[]', push);
    r.action.templateIds.forEach((t, j) => ref(templateIds, t, `${p}.action.templateIds[${j}]`, 'template', 'templates[]', push));
  });

  return errors;
}
