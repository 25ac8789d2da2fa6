import { RESERVED_BAND_UNKNOWN } from './schema.ts';
import { isMergeField, mergeFieldsIn } from './merge-fields.ts';
import type { Condition, ConfigPack, Localized, ParseError, Scoring, SignalDef } from './types.ts';

// Cross-reference checks zod cannot express. Each message names the fix.

type Push = (path: string, message: string) => void;

function checkUnique(items: Array<{ id: string }>, path: string, what: string, push: Push): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) push(`${path}[${i}].id`, `Duplicate ${what} id "${item.id}". Give each ${what} its own id.`);
    seen.add(item.id);
  });
  return seen;
}

function ref(ids: Set<string>, id: string, path: string, what: string, where: string, push: Push): void {
  if (!ids.has(id)) {
    const known = [...ids].slice(0, 12).join(', ');
    push(path, `Unknown ${what} "${id}". Use one of the ids in ${where} (${known}) or add a ${what} with this id.`);
  }
}

function checkCondition(c: Condition, path: string, signals: Map<string, SignalDef>, push: Push): void {
  const s = signals.get(c.signal);
  if (!s) {
    ref(new Set(signals.keys()), c.signal, `${path}.signal`, 'signal', 'signals[]', push);
    return;
  }
  if (c.op === 'present' || c.op === 'missing') return;
  if (c.value === undefined) {
    push(`${path}.value`, `Add a "value" to compare with: operator "${c.op}" needs one.`);
    return;
  }
  const numeric = s.type === 'number' || s.type === 'rating' || s.source.kind === 'computed';
  if (s.type === 'date' && s.source.kind !== 'computed') {
    push(`${path}.signal`, `Signal "${s.id}" is a date; compare a computed signal instead (source { kind: "computed", fn: "daysSince" | "daysUntil", from: "${s.id}" }).`);
  } else if (s.type === 'boolean') {
    if (typeof c.value !== 'boolean' || (c.op !== '==' && c.op !== '!=')) {
      push(path, `Signal "${s.id}" is boolean: use op "==" or "!=" with value true or false.`);
    }
  } else if (numeric && typeof c.value !== 'number') {
    push(`${path}.value`, `Signal "${s.id}" is a number: give a numeric value.`);
  }
}

function checkTexts(text: Localized | undefined, path: string, push: Push): void {
  if (!text) return;
  for (const [locale, value] of Object.entries(text)) {
    if (typeof value !== 'string') continue;
    for (const name of mergeFieldsIn(value)) {
      if (!isMergeField(name)) {
        push(`${path}.${locale}`, `Unknown merge field "{{${name}}}". Use one of the fields listed in MERGE_FIELDS (e.g. {{company.name}}, {{contact.lastName}}, {{csm.name}}).`);
      }
    }
  }
}

function checkScoring(s: SignalDef, scoring: Scoring, path: string, push: Push): void {
  const isNumeric = s.type === 'number' || s.type === 'rating' || s.source.kind === 'computed';
  if (s.type === 'boolean' && scoring.kind !== 'boolean') {
    push(`${path}.kind`, `Signal "${s.id}" is boolean: use scoring { kind: "boolean", whenTrue, whenFalse }.`);
    return;
  }
  if (!isNumeric && s.type !== 'boolean') {
    push(`${path}`, `Signal "${s.id}" is a date and cannot be scored directly; score a computed signal (daysSince / daysUntil) from it.`);
    return;
  }
  if (isNumeric && scoring.kind === 'boolean') {
    push(`${path}.kind`, `Signal "${s.id}" is numeric: use scoring "ranges" or "thresholds".`);
    return;
  }
  // The score must move the way the signal says is better, or "raising a good signal lowers health" becomes possible.
  const dir = s.higherIsBetter ? 1 : -1;
  const better = s.higherIsBetter ? 'rise (or stay level)' : 'fall (or stay level)';
  if (scoring.kind === 'ranges') {
    for (let i = 1; i < scoring.points.length; i++) {
      const a = scoring.points[i - 1]!;
      const b = scoring.points[i]!;
      if (b.value <= a.value) push(`${path}.points[${i}].value`, 'List points in strictly ascending order of value.');
      else if ((b.score - a.score) * dir < 0) push(`${path}.points[${i}].score`, `"${s.id}" has higherIsBetter: ${s.higherIsBetter}, so scores must ${better} as the value rises.`);
    }
  } else if (scoring.kind === 'thresholds') {
    let prevAt = -Infinity;
    let prevScore = scoring.otherwise;
    scoring.steps.forEach((step, i) => {
      if (step.atLeast <= prevAt) push(`${path}.steps[${i}].atLeast`, 'List steps in strictly ascending order of atLeast.');
      else if ((step.score - prevScore) * dir < 0) push(`${path}.steps[${i}].score`, `"${s.id}" has higherIsBetter: ${s.higherIsBetter}, so step scores must ${better} as atLeast rises (starting from "otherwise").`);
      prevAt = step.atLeast;
      prevScore = step.score;
    });
  } else if ((scoring.whenTrue - scoring.whenFalse) * dir < 0) {
    push(`${path}.whenTrue`, `"${s.id}" has higherIsBetter: ${s.higherIsBetter}; make whenTrue ${s.higherIsBetter ? '≥' : '≤'} whenFalse.`);
  }
}

export function validatePack(pack: ConfigPack): ParseError[] {
  const errors: ParseError[] = [];
  const push: Push = (path, message) => errors.push({ path, message });

  if (!pack.locales.available.includes(pack.locales.default)) {
    push('locales.default', `Add "${pack.locales.default}" to locales.available, or pick a default from it.`);
  }

  const signalIds = checkUnique(pack.signals, 'signals', 'signal', push);
  const signals = new Map(pack.signals.map((s) => [s.id, s]));
  pack.signals.forEach((s, i) => {
    const p = `signals[${i}]`;
    if (s.source.kind === 'computed') {
      const from = signals.get(s.source.from);
      if (!from) ref(signalIds, s.source.from, `${p}.source.from`, 'signal', 'signals[]', push);
      else if (from.type !== 'date') push(`${p}.source.from`, `Computed signals read a date: change "${from.id}" to type "date" or point "from" at a date signal.`);
      if (s.type !== 'number') push(`${p}.type`, 'A computed signal counts days: set its type to "number".');
    }
    if (s.type === 'rating') {
      if (s.source.kind !== 'rating' && s.source.kind !== 'crm' && s.source.kind !== 'csv') {
        push(`${p}.source`, 'A rating comes from a CSM note, a CRM property or a CSV column; change its source.');
      }
      const values = (s.points ?? []).map((pt) => pt.value).join(',');
      if (values !== '1,2,3,4,5') push(`${p}.points`, 'A rating needs five points with values 1, 2, 3, 4, 5 in order, each with a label.');
    }
    if (s.source.kind === 'rating' && s.type !== 'rating') push(`${p}.type`, 'A signal whose source is a CSM rating must have type "rating".');
  });

  const bandIds = checkUnique(pack.bands, 'bands', 'band', push);
  if (bandIds.has(RESERVED_BAND_UNKNOWN)) push('bands', `"${RESERVED_BAND_UNKNOWN}" is reserved for insufficient data; rename that band.`);
  pack.bands.forEach((b, i) => {
    if (i === 0 && b.min !== 0) push(`bands[0].min`, 'The first (worst) band must start at 0.');
    if (i > 0 && b.min <= pack.bands[i - 1]!.min) push(`bands[${i}].min`, 'List bands worst to best with strictly rising "min".');
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
      if (other) push(`${p}.segments[${j}]`, `Segment "${seg}" is already scored by scorecard "${other}"; list each segment in one scorecard only.`);
      covered.set(seg, sc.id);
    });
    const measured = new Set<string>();
    let total = 0;
    sc.measures.forEach((m, j) => {
      const mp = `${p}.measures[${j}]`;
      total += m.weight;
      if (measured.has(m.signal)) push(`${mp}.signal`, `Signal "${m.signal}" is measured twice in this scorecard; merge the two measures.`);
      measured.add(m.signal);
      const s = signals.get(m.signal);
      if (!s) ref(signalIds, m.signal, `${mp}.signal`, 'signal', 'signals[]', push);
      else checkScoring(s, m.scoring, `${mp}.scoring`, push);
    });
    if (total <= 0) push(`${p}.measures`, 'All weights are zero: give at least one measure a weight above 0.');
    for (const band of Object.keys(sc.bandCutoffs ?? {})) ref(bandIds, band, `${p}.bandCutoffs.${band}`, 'band', 'bands[]', push);
    const first = pack.bands[0];
    if (first && sc.bandCutoffs?.[first.id] !== undefined && sc.bandCutoffs[first.id] !== 0) {
      push(`${p}.bandCutoffs.${first.id}`, 'The worst band must start at 0.');
    }
    sc.rules.forEach((r, j) => {
      ref(bandIds, r.when.band, `${p}.rules[${j}].when.band`, 'band', 'bands[]', push);
      ref(bandIds, r.then.capBand, `${p}.rules[${j}].then.capBand`, 'band', 'bands[]', push);
    });
  });
  pack.segments.forEach((seg, i) => {
    if (!covered.has(seg.id)) push(`segments[${i}]`, `No scorecard scores segment "${seg.id}": add it to one scorecard's "segments".`);
  });

  const levels = pack.maturity.levels;
  checkUnique(levels, 'maturity.levels', 'level', push);
  const seenLevel = new Set<number>();
  levels.forEach((lv, i) => {
    const p = `maturity.levels[${i}]`;
    if (seenLevel.has(lv.level)) push(`${p}.level`, `Level ${lv.level} appears twice; number levels 1, 2, 3… once each.`);
    else if (lv.level !== i + 1) push(`${p}.level`, `Levels must be numbered 1, 2, 3… in order; expected ${i + 1} here.`);
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
    push('lifecycle.renewal.signal', 'Point the renewal at a computed signal with fn "daysUntil" from the renewal date.');
  }
  lc.rules.forEach((r, i) => {
    ref(stageIds, r.stage, `lifecycle.rules[${i}].stage`, 'stage', 'lifecycle.stages[]', push);
    r.when?.forEach((c, j) => checkCondition(c, `lifecycle.rules[${i}].when[${j}]`, signals, push));
  });

  const templateIds = checkUnique(pack.templates, 'templates', 'template', push);
  pack.templates.forEach((t, i) => {
    const p = `templates[${i}]`;
    if (t.kind === 'email' && !t.subject) push(`${p}.subject`, 'An email template needs a subject; add "subject": { "ja": "…", "en": "…" }.');
    checkTexts(t.subject, `${p}.subject`, push);
    checkTexts(t.body, `${p}.body`, push);
  });

  checkUnique(pack.playbook, 'playbook', 'playbook rule', push);
  pack.playbook.forEach((r, i) => {
    const p = `playbook[${i}]`;
    r.when.stages?.forEach((s, j) => ref(stageIds, s, `${p}.when.stages[${j}]`, 'stage', 'lifecycle.stages[]', push));
    r.when.bands?.forEach((b, j) => ref(bandOrAny, b, `${p}.when.bands[${j}]`, 'band', 'bands[] (or "unknown")', push));
    r.when.touchModels?.forEach((t, j) => ref(touchIds, t, `${p}.when.touchModels[${j}]`, 'touch model', 'touch.models[]', push));
    r.when.segments?.forEach((s, j) => ref(segmentIds, s, `${p}.when.segments[${j}]`, 'segment', 'segments[]', push));
    r.when.signals?.forEach((c, j) => checkCondition(c, `${p}.when.signals[${j}]`, signals, push));
    const m = r.when.maturity;
    if (m?.min !== undefined && m.max !== undefined && m.min > m.max) push(`${p}.when.maturity`, 'maturity.min is above maturity.max; swap them.');
    ref(roleIds, r.action.ownerRole, `${p}.action.ownerRole`, 'role', 'roles[]', push);
    r.action.templateIds.forEach((t, j) => ref(templateIds, t, `${p}.action.templateIds[${j}]`, 'template', 'templates[]', push));
  });

  return errors;
}
