import { useMemo, useRef, useState, type RefObject } from 'react';
import { compileDraft, maturityChoices, playbookMatrix, type MatrixCell } from '../../../../lib/editor/playbook-matrix';
import { PRIORITIES, RESERVED_BAND_UNKNOWN } from '../../../../lib/engine/schema';
import type { ConfigPack, PlaybookRuleDef } from '../../../../lib/engine/types';
import type { OptionsKey } from '../../../../lib/i18n/options-en';
import { useT } from '../../i18n';
import type { SectionProps } from '../types';
import { ConditionList, problemCount, useConditionText } from './conditions';
import { freshId, IdField, IdSetField, ItemIssues, ItemTools, LocalizedFields, NumberField, pick, SelectField, textIn, useEdit } from './fields';

// The playbook as a stage × band matrix for a chosen maturity level, touch model and segment: each cell names the
// rule an account there gets and why (the engine's own ranking, lib/editor/playbook-matrix.ts), and a click opens
// that rule below for editing.

const PRIORITY_KEY: Record<PlaybookRuleDef['action']['priority'], OptionsKey> = { urgent: 'sec.pb.priority.urgent', high: 'sec.pb.priority.high', normal: 'sec.pb.priority.normal', low: 'sec.pb.priority.low' };
const WHY_KEY = { priority: 'sec.pb.why.priority', specificity: 'sec.pb.why.specificity', order: 'sec.pb.why.order' } as const satisfies Record<string, OptionsKey>;

function useLabels(draft: ConfigPack) {
  const { t, locale } = useT();
  const stage = (id: string) => pick(draft.lifecycle.stages.find((s) => s.id === id)?.label, locale) || id;
  const band = (id: string) => (id === RESERVED_BAND_UNKNOWN ? t('sec.pb.unknownBand') : pick(draft.bands.find((b) => b.id === id)?.label, locale) || id);
  const rule = (index: number) => {
    const r = draft.playbook[index];
    return r ? pick(r.action.title, locale) || r.id : '';
  };
  return { stage, band, rule };
}

function Cell({ cell, draft, onOpen }: { cell: MatrixCell; draft: ConfigPack; onOpen: (index: number) => void }) {
  const { t } = useT();
  const labels = useLabels(draft);
  const condText = useConditionText();
  if (cell.steps.length === 0) return <span className="ed-cell--none">{t('sec.pb.noRule')}</span>;
  return (
    <>
      <ol className="ed-cell__steps">
        {cell.steps.map((s, k) => {
          const rule = draft.playbook[s.index];
          const conds = (rule?.when.signals ?? []).map((c) => condText(c, draft.signals)).join(t('sec.pb.and'));
          return (
            <li key={s.index}>
              {s.conditional ? <span className="ed-cell__if">{t('sec.pb.if', { conditions: conds })} </span> : k > 0 ? <span className="ed-cell__if">{t('sec.pb.otherwise')} </span> : null}
              <button type="button" className="ed-rule-link" onClick={() => onOpen(s.index)}>
                {labels.rule(s.index)}
              </button>
            </li>
          );
        })}
      </ol>
      {cell.why ? (
        <span className="ed-cell__why">
          {t(WHY_KEY[cell.why.by], { over: labels.rule(draft.playbook.findIndex((r) => r.id === cell.why!.over)) || cell.why.over })}
          {cell.matching > 2 ? ` ${t('sec.pb.more', { count: cell.matching - 2 })}` : ''}
        </span>
      ) : null}
    </>
  );
}

export function PlaybookSection({ draft, change, issues }: SectionProps) {
  const { t, locale } = useT();
  const edit = useEdit(draft, change);
  const labels = useLabels(draft);
  const [maturity, setMaturity] = useState(1);
  const [touchModel, setTouchModel] = useState(draft.touch.default);
  const [segment, setSegment] = useState(draft.segments.at(-1)?.id ?? '');
  const [open, setOpen] = useState(0);
  const editorRef = useRef<HTMLHeadingElement>(null);
  const compiled = useMemo(() => compileDraft(draft), [draft]);
  // Filters that name something the draft no longer has fall back to what it has.
  const mt = maturityChoices(draft).includes(maturity) ? maturity : 0;
  const tm = draft.touch.models.some((m) => m.id === touchModel) ? touchModel : (draft.touch.models[0]?.id ?? '');
  const sg = draft.segments.some((s) => s.id === segment) ? segment : (draft.segments.at(-1)?.id ?? '');
  const matrix = compiled ? playbookMatrix(compiled, { maturity: mt, touchModel: tm, segment: sg }) : null;
  const rules = draft.playbook;
  const current = Math.min(open, rules.length - 1);
  const rule = rules[current];
  const openRule = (index: number) => {
    setOpen(index);
    // Bring the editor into view and move focus there, so keyboard users land on the rule they picked.
    requestAnimationFrame(() => editorRef.current?.focus());
  };
  const noIssue: never[] = [];
  // A rule with problems says so in the picker, so that one not open is found.
  const withProblems = (label: string, path: string) => {
    const n = problemCount(issues, path);
    return n > 0 ? `${label} — ${t('sec.problemCount', { count: n })}` : label;
  };
  // Level names usually carry their number ("Lv.2 Several departments"); add it when one does not.
  const levelName = (n: number) => {
    const label = pick(draft.maturity.levels[n - 1]?.label, locale);
    return label.startsWith(`Lv.${n}`) ? label : `Lv.${n} ${label}`.trim();
  };
  return (
    <div className="ed-section" data-testid="section-playbook">
      <p className="ed-intro muted">{t('sec.pb.intro')}</p>
      <div className="ed-filters">
        <SelectField label={t('sec.pb.filter.maturity')} path="" issues={noIssue} value={String(mt)} choices={maturityChoices(draft).map((n) => ({ value: String(n), label: n === 0 ? t('sec.pb.belowLv1') : levelName(n) }))} onChange={(v) => setMaturity(Number(v))} />
        <SelectField label={t('sec.pb.filter.touch')} path="" issues={noIssue} value={tm} choices={draft.touch.models.map((m) => ({ value: m.id, label: pick(m.label, locale) || m.id }))} onChange={setTouchModel} />
        <SelectField label={t('sec.pb.filter.segment')} path="" issues={noIssue} value={sg} choices={draft.segments.map((s) => ({ value: s.id, label: pick(s.label, locale) || s.id }))} onChange={setSegment} />
      </div>
      {matrix ? (
        <div className="table-wrap">
          <table className="ed-matrix" data-testid="playbook-matrix">
            <caption className="visually-hidden">{t('sec.pb.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sec.pb.stageBand')}</th>
                {matrix.bands.map((b) => (
                  <th key={b} scope="col">
                    {labels.band(b)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((row, i) => (
                <tr key={matrix.stages[i]}>
                  <th scope="row">{labels.stage(matrix.stages[i]!)}</th>
                  {row.map((cell) => (
                    <td key={cell.band} data-cell={`${cell.stage}/${cell.band}`}>
                      <Cell cell={cell} draft={draft} onOpen={openRule} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="alert alert--warn">{t('sec.pb.noMatrix')}</p>
      )}

      <h4 id="pb-rules">{t('sec.pb.rules')}</h4>
      <div className="ed-grid">
        <SelectField label={t('sec.pb.pick')} path="" issues={noIssue} value={String(current)} choices={rules.map((r, i) => ({ value: String(i), label: withProblems(`${i + 1}. ${labels.rule(i)} (${r.id})`, `playbook[${i}]`) }))} onChange={(v) => setOpen(Number(v))} />
        <div className="actions">
          <button
            type="button"
            className="btn"
            onClick={() => {
              edit(t('sec.pb.added'), (d) =>
                d.playbook.push({
                  id: freshId('rule', d.playbook.map((x) => x.id)),
                  when: {},
                  action: { title: textIn(locale, t('sec.pb.newTitle')), why: textIn(locale, t('sec.pb.newWhy')), ownerRole: d.roles[0]?.id ?? '', dueInDays: 7, priority: 'normal', templateIds: [] },
                }),
              );
              setOpen(rules.length);
            }}
          >
            {t('sec.pb.add')}
          </button>
        </div>
      </div>
      {rule ? <RuleEditor key={current} index={current} draft={draft} edit={edit} change={change} issues={issues} headingRef={editorRef} onMoved={setOpen} /> : <p className="muted">{t('sec.pb.none')}</p>}
    </div>
  );
}

function RuleEditor({ index: i, draft, edit, issues, headingRef, onMoved }: { index: number; draft: ConfigPack; edit: ReturnType<typeof useEdit>; change: SectionProps['change']; issues: SectionProps['issues']; headingRef: RefObject<HTMLHeadingElement | null>; onMoved: (to: number) => void }) {
  const { t, locale } = useT();
  const r = draft.playbook[i]!;
  const p = `playbook[${i}]`;
  const name = pick(r.action.title, locale) || r.id;
  const field = (f: string) => t('sec.what.field', { field: f, item: name });
  const when = <K extends keyof PlaybookRuleDef['when']>(key: K, v: PlaybookRuleDef['when'][K] | undefined) =>
    edit(field(t(`sec.pb.when.${key}` as OptionsKey)), (d) => {
      if (v === undefined) delete d.playbook[i]!.when[key];
      else d.playbook[i]!.when[key] = v;
    });
  const ids = <T extends { id: string; label: Parameters<typeof pick>[0] }>(list: readonly T[]) => list.map((x) => ({ value: x.id, label: pick(x.label, locale) || x.id }));
  const maturity = r.when.maturity;
  const setMaturity = (key: 'min' | 'max', n: number | undefined) => {
    const next = { ...(maturity ?? {}) };
    if (n === undefined) delete next[key];
    else next[key] = n;
    when('maturity', Object.keys(next).length > 0 ? next : undefined);
  };
  return (
    <div className="ed-item" data-testid="rule-editor">
      <div className="ed-item__head">
        <h5 ref={headingRef} tabIndex={-1}>
          {t('sec.pb.editing', { n: i + 1, name })}
        </h5>
        <ItemTools edit={edit} list={(d) => d.playbook} name={name} index={i} count={draft.playbook.length} onMoved={onMoved} />
      </div>
      <div className="ed-grid">
        <IdField label={t('sec.field.id')} path={`${p}.id`} issues={issues} value={r.id} onCommit={(to) => edit(t('sec.what.rename', { from: r.id, to }), (d) => (d.playbook[i]!.id = to))} />
        <SelectField label={t('sec.pb.priority')} path={`${p}.action.priority`} issues={issues} value={r.action.priority} choices={PRIORITIES.map((x) => ({ value: x, label: t(PRIORITY_KEY[x]) }))} hint={t('sec.pb.priorityHint')} onChange={(v) => edit(field(t('sec.pb.priority')), (d) => (d.playbook[i]!.action.priority = v as PlaybookRuleDef['action']['priority']))} />
        <SelectField label={t('sec.pb.owner')} path={`${p}.action.ownerRole`} issues={issues} value={r.action.ownerRole} choices={ids(draft.roles)} onChange={(v) => edit(field(t('sec.pb.owner')), (d) => (d.playbook[i]!.action.ownerRole = v))} />
        <NumberField label={t('sec.pb.due')} path={`${p}.action.dueInDays`} issues={issues} value={r.action.dueInDays} onChange={(n) => edit(field(t('sec.pb.due')), (d) => (d.playbook[i]!.action.dueInDays = n ?? 0))} />
      </div>
      <LocalizedFields label={t('sec.pb.title')} path={`${p}.action.title`} issues={issues} value={r.action.title} onChange={(v) => edit(field(t('sec.pb.title')), (d) => (d.playbook[i]!.action.title = v ?? {}))} />
      <LocalizedFields label={t('sec.pb.whyText')} path={`${p}.action.why`} issues={issues} value={r.action.why} multiline onChange={(v) => edit(field(t('sec.pb.whyText')), (d) => (d.playbook[i]!.action.why = v ?? {}))} />
      <IdSetField legend={t('sec.pb.templates')} path={`${p}.action.templateIds`} issues={issues} choices={draft.templates.map((x) => ({ value: x.id, label: pick(x.title, locale) || x.id }))} value={r.action.templateIds} noneText={t('sec.pb.noTemplates')} onChange={(v) => edit(field(t('sec.pb.templates')), (d) => (d.playbook[i]!.action.templateIds = v ?? []))} />
      <h6 className="field__label">{t('sec.pb.when')}</h6>
      <IdSetField legend={t('sec.pb.when.stages')} path={`${p}.when.stages`} issues={issues} choices={ids(draft.lifecycle.stages)} value={r.when.stages} onChange={(v) => when('stages', v)} />
      <IdSetField legend={t('sec.pb.when.bands')} path={`${p}.when.bands`} issues={issues} choices={[...ids(draft.bands), { value: RESERVED_BAND_UNKNOWN, label: t('sec.pb.unknownBand') }]} value={r.when.bands} onChange={(v) => when('bands', v)} />
      <IdSetField legend={t('sec.pb.when.touchModels')} path={`${p}.when.touchModels`} issues={issues} choices={ids(draft.touch.models)} value={r.when.touchModels} onChange={(v) => when('touchModels', v)} />
      <IdSetField legend={t('sec.pb.when.segments')} path={`${p}.when.segments`} issues={issues} choices={ids(draft.segments)} value={r.when.segments} onChange={(v) => when('segments', v)} />
      <div className="ed-grid">
        <NumberField label={t('sec.field.minMaturity')} path={`${p}.when.maturity.min`} issues={issues} optional value={maturity?.min} hint={t('sec.field.maturityHint')} onChange={(n) => setMaturity('min', n)} />
        <NumberField label={t('sec.field.maxMaturity')} path={`${p}.when.maturity.max`} issues={issues} optional value={maturity?.max} hint={t('sec.field.maturityHint')} onChange={(n) => setMaturity('max', n)} />
      </div>
      <ItemIssues path={`${p}.when.maturity`} issues={issues.filter((x) => x.path === `${p}.when.maturity`)} shown={[]} />
      <ConditionList legend={t('sec.pb.when.signals')} empty={t('sec.field.noConditions')} value={r.when.signals} path={`${p}.when.signals`} issues={issues} draft={draft} onChange={(c) => when('signals', c.length > 0 ? c : undefined)} />
      <ItemIssues path={p} issues={issues} shown={[`${p}.id`, `${p}.action`, `${p}.when.stages`, `${p}.when.bands`, `${p}.when.touchModels`, `${p}.when.segments`, `${p}.when.maturity`, `${p}.when.signals`]} />
    </div>
  );
}
