import type { Condition, ConfigPack, ParseError, SignalDef } from '../../../../lib/engine/types';
import { newCondition, opsFor, valueKind, withOp, withSignal, type Op } from '../../../../lib/editor/conditions';
import { issuesUnder } from '../../../../lib/editor/issues';
import type { OptionsKey } from '../../../../lib/i18n/options-en';
import { useT } from '../../i18n';
import { IssueList, NumberField, pick, SelectField } from './fields';

// The condition editor the segments, maturity criteria, touch assignment, stage rules and playbook rules share: a
// signal from the draft's signals, an operator the signal's type takes, and a value of that type
// (lib/editor/conditions.ts keeps these the pack check's rules).

const OP_KEY: Record<Op, OptionsKey> = {
  '>=': 'sec.op.gte',
  '>': 'sec.op.gt',
  '<=': 'sec.op.lte',
  '<': 'sec.op.lt',
  '==': 'sec.op.eq',
  '!=': 'sec.op.neq',
  present: 'sec.op.present',
  missing: 'sec.op.missing',
};

export function ConditionRow({ value, onChange, path, issues, signals, name }: { value: Condition; onChange: (c: Condition) => void; path: string; issues: readonly ParseError[]; signals: readonly SignalDef[]; name: string }) {
  const { t, locale } = useT();
  const signal = signals.find((s) => s.id === value.signal);
  const kind = valueKind(signal, value.op);
  const signalChoices = signals.map((s) => ({ value: s.id, label: `${pick(s.label, locale)} (${s.id})` }));
  return (
    <div className="ed-cond" role="group" aria-label={name}>
      <SelectField
        label={t('sec.cond.signal')}
        path={`${path}.signal`}
        issues={issues}
        value={value.signal}
        choices={signalChoices}
        onChange={(id) => {
          const s = signals.find((x) => x.id === id);
          if (s) onChange(withSignal(value, s));
        }}
      />
      <SelectField label={t('sec.cond.op')} path={`${path}.op`} issues={issues} value={value.op} choices={opsFor(signal).map((op) => ({ value: op, label: t(OP_KEY[op]) }))} onChange={(op) => onChange(withOp(value, op as Op, signal))} />
      {kind === 'number' && signal?.type === 'rating' && signal.points?.length ? (
        // A rating compares with one of its five points: offer them by name.
        <SelectField
          label={t('sec.cond.value')}
          path={`${path}.value`}
          issues={issues}
          value={String(value.value ?? '')}
          choices={signal.points.map((pt) => ({ value: String(pt.value), label: `${pt.value} ${pick(pt.label, locale)}` }))}
          onChange={(v) => onChange({ ...value, value: Number(v) })}
        />
      ) : kind === 'number' ? (
        <NumberField label={t('sec.cond.value')} path={`${path}.value`} issues={issues} value={typeof value.value === 'number' ? value.value : undefined} onChange={(n) => n !== undefined && onChange({ ...value, value: n })} hint={signal?.unit ? pick(signal.unit, locale) : undefined} />
      ) : kind === 'boolean' ? (
        <SelectField
          label={t('sec.cond.value')}
          path={`${path}.value`}
          issues={issues}
          value={String(value.value ?? '')}
          choices={[
            { value: 'true', label: t('sec.cond.true') },
            { value: 'false', label: t('sec.cond.false') },
          ]}
          onChange={(v) => onChange({ ...value, value: v === 'true' })}
        />
      ) : (
        <span className="ed-cond__none" />
      )}
      {/* A problem about the whole condition (e.g. a boolean compared with ">="). */}
      <IssueList id={`${path}-cond-issues`.replace(/[^\w-]/g, '_')} issues={issues.filter((i) => i.path === path)} />
    </div>
  );
}

/**
 * A list of conditions, all of which must hold. `empty` says what no conditions mean here (a segment that takes
 * every account, a rule with no signal condition).
 */
export function ConditionList({ value, onChange, path, issues, draft, legend, empty }: { value: readonly Condition[] | undefined; onChange: (next: Condition[]) => void; path: string; issues: readonly ParseError[]; draft: ConfigPack; legend: string; empty: string }) {
  const { t } = useT();
  const list = value ?? [];
  const group = issues.filter((i) => i.path === path);
  return (
    <fieldset className="ed-conds">
      <legend>{legend}</legend>
      {list.length === 0 ? <p className="field__hint">{empty}</p> : null}
      {list.map((c, j) => {
        const name = t('sec.cond.name', { n: j + 1 });
        return (
          <div key={j} className="ed-conds__row">
            <ConditionRow value={c} path={`${path}[${j}]`} issues={issues} signals={draft.signals} name={name} onChange={(next) => onChange(list.map((x, k) => (k === j ? next : x)))} />
            <button type="button" className="btn btn--ghost ed-remove" aria-label={t('sec.item.remove', { name })} onClick={() => onChange(list.filter((_, k) => k !== j))}>
              {t('sec.item.removeShort')}
            </button>
          </div>
        );
      })}
      <button type="button" className="btn" disabled={draft.signals.length === 0} onClick={() => onChange([...list, newCondition(draft.signals)])}>
        {t('sec.cond.add')}
      </button>
      <IssueList id={`${path}-issues`.replace(/[^\w-]/g, '_')} issues={group} />
    </fieldset>
  );
}

const OP_SYMBOL: Partial<Record<Op, string>> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '!=': '≠' };

/** A condition in a few words for the playbook matrix: "NPS ≤ 6", "Renewal date is recorded". */
export function useConditionText() {
  const { t, locale } = useT();
  return (c: Condition, signals: readonly SignalDef[]): string => {
    const s = signals.find((x) => x.id === c.signal);
    const label = s ? pick(s.label, locale) || s.id : c.signal;
    if (c.op === 'present' || c.op === 'missing') return t(c.op === 'present' ? 'sec.cond.isPresent' : 'sec.cond.isMissing', { signal: label });
    const value = typeof c.value === 'boolean' ? t(c.value ? 'sec.cond.true' : 'sec.cond.false') : String(c.value ?? '?');
    return `${label} ${OP_SYMBOL[c.op] ?? c.op} ${value}`;
  };
}

/** The count of problems under an item, for its summary line. */
export function problemCount(issues: readonly ParseError[], path: string): number {
  return issuesUnder(issues, path).length;
}
