import type { ConfigPack } from '../../../../lib/engine/types';
import { newCondition } from '../../../../lib/editor/conditions';
import { useT } from '../../i18n';
import type { SectionProps } from '../types';
import { ConditionRow } from './conditions';
import { freshId, IdField, ItemIssues, ItemTools, LocalizedFields, pick, textIn, useEdit } from './fields';

// The maturity curve: Lv.1…n, each a set of criteria over signals. A customer is at the highest level whose criteria,
// and every lower level's, are met. Levels are numbered by their place (the pack check wants 1, 2, 3…), so moving or
// removing one renumbers the rest.

function renumber(d: ConfigPack): void {
  d.maturity.levels.forEach((lv, k) => (lv.level = k + 1));
}

export function MaturitySection({ draft, change, issues }: SectionProps) {
  const { t, locale } = useT();
  const edit = useEdit(draft, change);
  const levels = draft.maturity.levels;
  // Level names usually carry their number ("Lv.2 Several departments"); add it when one does not.
  const name = (i: number) => {
    const label = pick(levels[i]?.label, locale);
    return label.startsWith(`Lv.${i + 1}`) ? label : `Lv.${i + 1} ${label}`.trim();
  };
  return (
    <div className="ed-section" data-testid="section-maturity">
      <p className="ed-intro muted">{t('sec.maturity.intro')}</p>
      <ItemIssues path="maturity" issues={issues.filter((i) => i.path === 'maturity' || i.path === 'maturity.levels')} shown={[]} />
      <ol className="ed-items">
        {levels.map((lv, i) => {
          const p = `maturity.levels[${i}]`;
          const field = (f: string) => t('sec.what.field', { field: f, item: name(i) });
          return (
            <li key={i} className="ed-item">
              <div className="ed-item__head">
                <h4>{name(i)}</h4>
                <ItemTools edit={edit} list={(d) => d.maturity.levels} name={name(i)} index={i} count={levels.length} keep={1} after={renumber} />
              </div>
              <div className="ed-grid">
                <IdField label={t('sec.field.id')} path={`${p}.id`} issues={issues} value={lv.id} onCommit={(to) => edit(t('sec.what.rename', { from: lv.id, to }), (d) => (d.maturity.levels[i]!.id = to))} />
              </div>
              <LocalizedFields label={t('sec.field.label')} path={`${p}.label`} issues={issues} value={lv.label} onChange={(v) => edit(field(t('sec.field.label')), (d) => (d.maturity.levels[i]!.label = v ?? {}))} />
              <LocalizedFields
                label={t('sec.field.description')}
                path={`${p}.description`}
                issues={issues}
                value={lv.description}
                optional
                multiline
                onChange={(v) =>
                  edit(field(t('sec.field.description')), (d) => {
                    if (v) d.maturity.levels[i]!.description = v;
                    else delete d.maturity.levels[i]!.description;
                  })
                }
              />
              <fieldset className="ed-conds">
                <legend>{t('sec.maturity.criteria', { level: i + 1 })}</legend>
                <ol className="ed-items">
                  {lv.criteria.map((c, j) => {
                    const cp = `${p}.criteria[${j}]`;
                    const cname = pick(c.label, locale) || c.id;
                    const cfield = (f: string) => t('sec.what.field', { field: f, item: `${name(i)} · ${cname}` });
                    return (
                      <li key={j} className="ed-item">
                        <div className="ed-item__head">
                          <h5>{t('sec.maturity.criterion', { n: j + 1, name: cname })}</h5>
                          <ItemTools edit={edit} list={(d) => d.maturity.levels[i]!.criteria} name={cname} index={j} count={lv.criteria.length} keep={1} />
                        </div>
                        <IdField label={t('sec.field.id')} path={`${cp}.id`} issues={issues} value={c.id} onCommit={(to) => edit(t('sec.what.rename', { from: c.id, to }), (d) => (d.maturity.levels[i]!.criteria[j]!.id = to))} />
                        <LocalizedFields label={t('sec.maturity.criterionLabel')} path={`${cp}.label`} issues={issues} value={c.label} onChange={(v) => edit(cfield(t('sec.field.label')), (d) => (d.maturity.levels[i]!.criteria[j]!.label = v ?? {}))} />
                        <ConditionRow
                          name={t('sec.maturity.condition')}
                          value={c.condition}
                          path={`${cp}.condition`}
                          issues={issues}
                          signals={draft.signals}
                          onChange={(cond) => edit(cfield(t('sec.maturity.condition')), (d) => (d.maturity.levels[i]!.criteria[j]!.condition = cond))}
                        />
                        <ItemIssues path={cp} issues={issues} shown={[`${cp}.id`, `${cp}.label`, `${cp}.condition`]} />
                      </li>
                    );
                  })}
                </ol>
                <button
                  type="button"
                  className="btn"
                  disabled={draft.signals.length === 0}
                  onClick={() =>
                    edit(t('sec.maturity.criterionAdded', { level: i + 1 }), (d) => {
                      const crit = d.maturity.levels[i]!.criteria;
                      crit.push({ id: freshId(`lv${i + 1}-criterion`, crit.map((x) => x.id)), label: textIn(locale, t('sec.maturity.newCriterion')), condition: newCondition(d.signals) });
                    })
                  }
                >
                  {t('sec.maturity.addCriterion')}
                </button>
              </fieldset>
              <ItemIssues path={p} issues={issues} shown={[`${p}.id`, `${p}.label`, `${p}.description`, `${p}.criteria`]} />
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="btn"
        disabled={draft.signals.length === 0}
        onClick={() =>
          edit(t('sec.maturity.added'), (d) => {
            const n = d.maturity.levels.length + 1;
            d.maturity.levels.push({
              level: n,
              id: freshId(`lv${n}`, d.maturity.levels.map((x) => x.id)),
              label: textIn(locale, t('sec.maturity.newLabel', { level: n })),
              criteria: [{ id: `lv${n}-criterion`, label: textIn(locale, t('sec.maturity.newCriterion')), condition: newCondition(d.signals) }],
            });
          })
        }
      >
        {t('sec.maturity.add')}
      </button>
    </div>
  );
}
