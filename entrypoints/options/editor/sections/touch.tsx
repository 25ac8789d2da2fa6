import { referenceCount, renameId } from '../../../../lib/editor/rename';
import { useT } from '../../i18n';
import type { SectionProps } from '../types';
import { ConditionList } from './conditions';
import { freshId, IdField, IdSetField, ItemIssues, ItemTools, LocalizedFields, NumberField, pick, SelectField, textIn, useEdit } from './fields';

// Touch models (high, low, tech, community…) and who gets which: the first assignment rule that matches a customer's
// segment, conditions and maturity wins, else the default model.

export function TouchSection({ draft, change, issues }: SectionProps) {
  const { t, locale } = useT();
  const edit = useEdit(draft, change);
  const models = draft.touch.models;
  const assign = draft.touch.assign;
  const modelName = (i: number) => pick(models[i]?.label, locale) || models[i]?.id || '';
  const modelChoices = models.map((m) => ({ value: m.id, label: pick(m.label, locale) || m.id }));
  const segmentChoices = draft.segments.map((s) => ({ value: s.id, label: pick(s.label, locale) || s.id }));
  const ruleName = (j: number) => t('sec.touch.rule', { n: j + 1 });
  // "Rule 2: Mid-market → Low touch": what the rule decides, at a glance.
  const ruleSummary = (j: number) => {
    const a = assign[j]!;
    const segs = a.segments?.map((id) => segmentChoices.find((c) => c.value === id)?.label ?? id).join(', ') ?? t('sec.touch.anySegment');
    const model = modelChoices.find((c) => c.value === a.touchModel)?.label ?? a.touchModel;
    return t('sec.touch.ruleSummary', { rule: ruleName(j), segments: segs, model });
  };
  return (
    <div className="ed-section" data-testid="section-touch">
      <p className="ed-intro muted">{t('sec.touch.intro')}</p>
      <h4>{t('sec.touch.models')}</h4>
      <ol className="ed-items">
        {models.map((m, i) => {
          const p = `touch.models[${i}]`;
          const field = (f: string) => t('sec.what.field', { field: f, item: modelName(i) });
          const refs = referenceCount(draft, 'touchModel', m.id);
          return (
            <li key={i} className="ed-item">
              <div className="ed-item__head">
                <h5>{modelName(i)}</h5>
                <ItemTools
                  edit={edit}
                  list={(d) => d.touch.models}
                  name={modelName(i)}
                  index={i}
                  count={models.length}
                  keep={1}
                  removeNote={t('sec.refs', { count: refs })}
                />
              </div>
              <div className="ed-row">
                <IdField label={t('sec.field.id')} path={`${p}.id`} issues={issues} value={m.id} hint={t('sec.refs', { count: refs })} onCommit={(to) => change(renameId(draft, 'touchModel', i, to), t('sec.what.rename', { from: m.id, to }))} />
                <LocalizedFields label={t('sec.field.label')} path={`${p}.label`} issues={issues} value={m.label} onChange={(v) => edit(field(t('sec.field.label')), (d) => (d.touch.models[i]!.label = v ?? {}))} />
              </div>
              <LocalizedFields
                label={t('sec.field.description')}
                path={`${p}.description`}
                issues={issues}
                value={m.description}
                optional
                onChange={(v) =>
                  edit(field(t('sec.field.description')), (d) => {
                    if (v) d.touch.models[i]!.description = v;
                    else delete d.touch.models[i]!.description;
                  })
                }
              />
              <ItemIssues path={p} issues={issues} shown={[`${p}.id`, `${p}.label`, `${p}.description`]} />
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn" onClick={() => edit(t('sec.touch.modelAdded'), (d) => d.touch.models.push({ id: freshId('touch', d.touch.models.map((x) => x.id)), label: textIn(locale, t('sec.touch.newModel')) }))}>
        {t('sec.touch.addModel')}
      </button>

      <h4>{t('sec.touch.assign')}</h4>
      <p className="muted">{t('sec.touch.assignIntro')}</p>
      <ol className="ed-items">
        {assign.map((a, j) => {
          const p = `touch.assign[${j}]`;
          const field = (f: string) => t('sec.what.field', { field: f, item: ruleName(j) });
          return (
            <li key={j} className="ed-item">
              <div className="ed-item__head">
                <h5>{ruleSummary(j)}</h5>
                <ItemTools edit={edit} list={(d) => d.touch.assign} name={ruleName(j)} index={j} count={assign.length} />
              </div>
              <div className="ed-grid">
                <SelectField label={t('sec.touch.model')} path={`${p}.touchModel`} issues={issues} value={a.touchModel} choices={modelChoices} onChange={(v) => edit(field(t('sec.touch.model')), (d) => (d.touch.assign[j]!.touchModel = v))} />
                <NumberField
                  label={t('sec.field.minMaturity')}
                  path={`${p}.minMaturity`}
                  issues={issues}
                  optional
                  value={a.minMaturity}
                  hint={t('sec.field.maturityHint')}
                  onChange={(n) =>
                    edit(field(t('sec.field.minMaturity')), (d) => {
                      if (n === undefined) delete d.touch.assign[j]!.minMaturity;
                      else d.touch.assign[j]!.minMaturity = n;
                    })
                  }
                />
                <NumberField
                  label={t('sec.field.maxMaturity')}
                  path={`${p}.maxMaturity`}
                  issues={issues}
                  optional
                  value={a.maxMaturity}
                  hint={t('sec.field.maturityHint')}
                  onChange={(n) =>
                    edit(field(t('sec.field.maxMaturity')), (d) => {
                      if (n === undefined) delete d.touch.assign[j]!.maxMaturity;
                      else d.touch.assign[j]!.maxMaturity = n;
                    })
                  }
                />
              </div>
              <IdSetField
                legend={t('sec.touch.segments')}
                path={`${p}.segments`}
                issues={issues}
                choices={segmentChoices}
                value={a.segments}
                onChange={(v) =>
                  edit(field(t('sec.touch.segments')), (d) => {
                    if (v) d.touch.assign[j]!.segments = v;
                    else delete d.touch.assign[j]!.segments;
                  })
                }
              />
              <ConditionList
                legend={t('sec.field.conditions')}
                empty={t('sec.field.noConditions')}
                value={a.when}
                path={`${p}.when`}
                issues={issues}
                draft={draft}
                onChange={(when) =>
                  edit(field(t('sec.field.conditions')), (d) => {
                    if (when.length > 0) d.touch.assign[j]!.when = when;
                    else delete d.touch.assign[j]!.when;
                  })
                }
              />
              <ItemIssues path={p} issues={issues} shown={[`${p}.touchModel`, `${p}.minMaturity`, `${p}.maxMaturity`, `${p}.segments`, `${p}.when`]} />
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn" onClick={() => edit(t('sec.touch.ruleAdded'), (d) => d.touch.assign.push({ touchModel: d.touch.default }))}>
        {t('sec.touch.addRule')}
      </button>
      <div className="ed-grid">
        <SelectField label={t('sec.touch.default')} path="touch.default" issues={issues} value={draft.touch.default} choices={modelChoices} hint={t('sec.touch.defaultHint')} onChange={(v) => edit(t('sec.touch.default'), (d) => (d.touch.default = v))} />
      </div>
    </div>
  );
}
