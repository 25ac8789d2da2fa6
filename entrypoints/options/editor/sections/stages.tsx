import { referenceCount, renameId } from '../../../../lib/editor/rename';
import { useT } from '../../i18n';
import type { SectionProps } from '../types';
import { ConditionList } from './conditions';
import { freshId, IdField, ItemIssues, ItemTools, LocalizedFields, NumberField, pick, SelectField, textIn, useEdit } from './fields';

// The organisation: roles, the lifecycle stages each role owns, how a customer's stage is decided (renewal window
// first, then the stage rules in order, then the default), and the renewal's notice period (更新拒絶期限).

export function StagesSection({ draft, change, issues }: SectionProps) {
  const { t, locale } = useT();
  const edit = useEdit(draft, change);
  const lc = draft.lifecycle;
  const roles = draft.roles;
  const roleName = (i: number) => pick(roles[i]?.label, locale) || roles[i]?.id || '';
  const stageName = (i: number) => pick(lc.stages[i]?.label, locale) || lc.stages[i]?.id || '';
  const roleChoices = roles.map((r) => ({ value: r.id, label: pick(r.label, locale) || r.id }));
  const stageChoices = lc.stages.map((s) => ({ value: s.id, label: pick(s.label, locale) || s.id }));
  // The renewal signal must count days until a date (a computed daysUntil signal); list those first.
  const untilSignals = draft.signals.filter((s) => s.source.kind === 'computed' && s.source.fn === 'daysUntil');
  const renewalChoices = untilSignals.map((s) => ({ value: s.id, label: pick(s.label, locale) || s.id }));
  const ruleName = (j: number) => t('sec.stages.rule', { n: j + 1 });
  return (
    <div className="ed-section" data-testid="section-stages">
      <p className="ed-intro muted">{t('sec.stages.intro')}</p>

      <h4>{t('sec.stages.roles')}</h4>
      <ol className="ed-items">
        {roles.map((r, i) => {
          const p = `roles[${i}]`;
          const refs = referenceCount(draft, 'role', r.id);
          return (
            <li key={i} className="ed-item">
              <div className="ed-item__head">
                <h5>{roleName(i)}</h5>
                <ItemTools edit={edit} list={(d) => d.roles} name={roleName(i)} index={i} count={roles.length} keep={1} removeNote={t('sec.refs', { count: refs })} />
              </div>
              <div className="ed-row">
                <IdField label={t('sec.field.id')} path={`${p}.id`} issues={issues} value={r.id} hint={t('sec.refs', { count: refs })} onCommit={(to) => change(renameId(draft, 'role', i, to), t('sec.what.rename', { from: r.id, to }))} />
                <LocalizedFields label={t('sec.field.label')} path={`${p}.label`} issues={issues} value={r.label} onChange={(v) => edit(t('sec.what.field', { field: t('sec.field.label'), item: roleName(i) }), (d) => (d.roles[i]!.label = v ?? {}))} />
              </div>
              <ItemIssues path={p} issues={issues} shown={[`${p}.id`, `${p}.label`]} />
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn" onClick={() => edit(t('sec.stages.roleAdded'), (d) => d.roles.push({ id: freshId('role', d.roles.map((x) => x.id)), label: textIn(locale, t('sec.stages.newRole')) }))}>
        {t('sec.stages.addRole')}
      </button>

      <h4>{t('sec.stages.stages')}</h4>
      <ol className="ed-items">
        {lc.stages.map((s, i) => {
          const p = `lifecycle.stages[${i}]`;
          const refs = referenceCount(draft, 'stage', s.id);
          const field = (f: string) => t('sec.what.field', { field: f, item: stageName(i) });
          return (
            <li key={i} className="ed-item">
              <div className="ed-item__head">
                <h5>{t('sec.stages.heading', { n: i + 1, name: stageName(i) })}</h5>
                <ItemTools edit={edit} list={(d) => d.lifecycle.stages} name={stageName(i)} index={i} count={lc.stages.length} keep={1} removeNote={t('sec.refs', { count: refs })} />
              </div>
              <div className="ed-grid">
                <IdField label={t('sec.field.id')} path={`${p}.id`} issues={issues} value={s.id} hint={t('sec.refs', { count: refs })} onCommit={(to) => change(renameId(draft, 'stage', i, to), t('sec.what.rename', { from: s.id, to }))} />
                <SelectField label={t('sec.stages.owner')} path={`${p}.owner`} issues={issues} value={s.owner} choices={roleChoices} onChange={(v) => edit(field(t('sec.stages.owner')), (d) => (d.lifecycle.stages[i]!.owner = v))} />
              </div>
              <LocalizedFields label={t('sec.field.label')} path={`${p}.label`} issues={issues} value={s.label} onChange={(v) => edit(field(t('sec.field.label')), (d) => (d.lifecycle.stages[i]!.label = v ?? {}))} />
              <ItemIssues path={p} issues={issues} shown={[`${p}.id`, `${p}.label`, `${p}.owner`]} />
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn" onClick={() => edit(t('sec.stages.stageAdded'), (d) => d.lifecycle.stages.push({ id: freshId('stage', d.lifecycle.stages.map((x) => x.id)), label: textIn(locale, t('sec.stages.newStage')), owner: d.roles[0]?.id ?? '' }))}>
        {t('sec.stages.addStage')}
      </button>

      <h4>{t('sec.stages.renewal')}</h4>
      <p className="muted">{t('sec.stages.renewalIntro')}</p>
      <div className="ed-grid">
        <SelectField label={t('sec.stages.renewalSignal')} path="lifecycle.renewal.signal" issues={issues} value={lc.renewal.signal} choices={renewalChoices} hint={t('sec.stages.renewalSignalHint')} onChange={(v) => edit(t('sec.stages.renewalSignal'), (d) => (d.lifecycle.renewal.signal = v))} />
        <NumberField label={t('sec.stages.windowDays')} path="lifecycle.renewal.windowDays" issues={issues} value={lc.renewal.windowDays} hint={t('sec.stages.windowHint')} onChange={(n) => edit(t('sec.stages.windowDays'), (d) => (d.lifecycle.renewal.windowDays = n ?? 0))} />
        <SelectField label={t('sec.stages.renewalStage')} path="lifecycle.renewal.stage" issues={issues} value={lc.renewal.stage} choices={stageChoices} onChange={(v) => edit(t('sec.stages.renewalStage'), (d) => (d.lifecycle.renewal.stage = v))} />
        <NumberField
          label={t('sec.stages.noticeDays')}
          path="lifecycle.renewal.noticeDays"
          issues={issues}
          optional
          value={lc.renewal.noticeDays}
          min={0}
          max={730}
          hint={t('sec.stages.noticeHint')}
          onChange={(n) =>
            edit(t('sec.stages.noticeDays'), (d) => {
              if (n === undefined) delete d.lifecycle.renewal.noticeDays;
              else d.lifecycle.renewal.noticeDays = n;
            })
          }
        />
      </div>
      <ItemIssues path="lifecycle.renewal" issues={issues} shown={['lifecycle.renewal.signal', 'lifecycle.renewal.windowDays', 'lifecycle.renewal.stage', 'lifecycle.renewal.noticeDays']} />

      <h4>{t('sec.stages.rules')}</h4>
      <p className="muted">{t('sec.stages.rulesIntro')}</p>
      <ol className="ed-items">
        {lc.rules.map((r, j) => {
          const p = `lifecycle.rules[${j}]`;
          const field = (f: string) => t('sec.what.field', { field: f, item: ruleName(j) });
          return (
            <li key={j} className="ed-item">
              <div className="ed-item__head">
                <h5>{t('sec.stages.ruleSummary', { rule: ruleName(j), stage: stageChoices.find((c) => c.value === r.stage)?.label ?? r.stage })}</h5>
                <ItemTools edit={edit} list={(d) => d.lifecycle.rules} name={ruleName(j)} index={j} count={lc.rules.length} />
              </div>
              <div className="ed-grid">
                <SelectField label={t('sec.stages.ruleStage')} path={`${p}.stage`} issues={issues} value={r.stage} choices={stageChoices} onChange={(v) => edit(field(t('sec.stages.ruleStage')), (d) => (d.lifecycle.rules[j]!.stage = v))} />
                <NumberField
                  label={t('sec.field.minMaturity')}
                  path={`${p}.minMaturity`}
                  issues={issues}
                  optional
                  value={r.minMaturity}
                  hint={t('sec.field.maturityHint')}
                  onChange={(n) =>
                    edit(field(t('sec.field.minMaturity')), (d) => {
                      if (n === undefined) delete d.lifecycle.rules[j]!.minMaturity;
                      else d.lifecycle.rules[j]!.minMaturity = n;
                    })
                  }
                />
              </div>
              <ConditionList
                legend={t('sec.field.conditions')}
                empty={t('sec.field.noConditions')}
                value={r.when}
                path={`${p}.when`}
                issues={issues}
                draft={draft}
                onChange={(when) =>
                  edit(field(t('sec.field.conditions')), (d) => {
                    if (when.length > 0) d.lifecycle.rules[j]!.when = when;
                    else delete d.lifecycle.rules[j]!.when;
                  })
                }
              />
              <ItemIssues path={p} issues={issues} shown={[`${p}.stage`, `${p}.minMaturity`, `${p}.when`]} />
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn" onClick={() => edit(t('sec.stages.ruleAdded'), (d) => d.lifecycle.rules.push({ stage: d.lifecycle.default }))}>
        {t('sec.stages.addRule')}
      </button>
      <div className="ed-grid">
        <SelectField label={t('sec.stages.default')} path="lifecycle.default" issues={issues} value={lc.default} choices={stageChoices} hint={t('sec.stages.defaultHint')} onChange={(v) => edit(t('sec.stages.default'), (d) => (d.lifecycle.default = v))} />
      </div>
    </div>
  );
}
