import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { freshId, moveItem } from '../../../../lib/editor/edit';
import { issuesUnder } from '../../../../lib/editor/issues';
import { referenceCount, renameId } from '../../../../lib/editor/rename';
import type { ConfigPack, Localized, SignalDef, SignalSource } from '../../../../lib/engine/types';
import { call } from '../../../../lib/ui/options-messaging';
import { useT } from '../../i18n';
import { errorMessage } from '../../ui';
import type { SectionProps } from '../types';
import { IdField, ItemIssues, LocalizedFields, NumberField, pick, SelectField, TextField, useEdit } from './fields';
import './signals.css';

// Signals (issue 19): the values the map reads. A list on the left, the chosen signal's fields on the
// right: id (a rename carries every reference), type, direction, kind, freshness, names and units in
// both languages, rating points, and the source: a CRM field picked from the live field list, a CSV
// column, the team's ratings, a count of related records, or days since / until a date signal.

type Crm = 'hubspot' | 'salesforce';
const CRM_NAME: Record<Crm, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };
const POINTS = [1, 2, 3, 4, 5];

function defaultPoints(): NonNullable<SignalDef['points']> {
  return POINTS.map((value) => ({ value, label: { ja: `${value}`, en: `${value}` } }));
}

function sourceFor(kind: SignalSource['kind'], s: SignalDef, pack: ConfigPack): SignalSource {
  switch (kind) {
    case 'crm':
      return { kind: 'crm' };
    case 'csv':
      return { kind: 'csv', column: s.id };
    case 'rating':
      return { kind: 'rating', scale: 5 };
    case 'association':
      return { kind: 'association', association: 'openTickets' };
    case 'computed':
      return { kind: 'computed', fn: 'daysSince', from: pack.signals.find((x) => x.type === 'date')?.id ?? '' };
  }
}

/**
 * A signal renamed (every reference follows); a CSV column that was still its old id (what a new signal starts with)
 * follows too, so "Add a signal" then a new id never leaves the placeholder column behind.
 */
function renamedWithColumn(draft: ConfigPack, index: number, to: string): ConfigPack {
  const from = draft.signals[index]!;
  const next = renameId(draft, 'signal', index, to);
  const free = to !== '' && !draft.signals.some((x, k) => k !== index && x.id === to);
  if (next === draft || !free || from.source.kind !== 'csv' || from.source.column !== from.id) return next;
  return { ...next, signals: next.signals.map((x, k) => (k === index && x.source.kind === 'csv' ? { ...x, source: { ...x.source, column: to } } : x)) };
}

/** The live field list of one CRM, searchable; a pick fills the field's API name. */
function CrmFieldPicker({ crm, onPick }: { crm: Crm; onPick: (name: string) => void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const id = useId();
  const fields = useQuery({ queryKey: ['options', 'editor', 'crmFields', crm], queryFn: () => call('editor.crmFields', { crm }), enabled: open, staleTime: 60_000, retry: false });
  const needle = q.trim().toLowerCase();
  const shown = (fields.data?.fields ?? []).filter((f) => !needle || f.label.toLowerCase().includes(needle) || f.name.toLowerCase().includes(needle)).slice(0, 40);
  if (!open) {
    return (
      <button type="button" className="btn btn--ghost sig-pick__open" onClick={() => setOpen(true)} data-testid={`pick-${crm}`}>
        {t('editor.signals.pick', { crm: CRM_NAME[crm] })}
      </button>
    );
  }
  return (
    <div className="sig-pick" role="group" aria-label={t('editor.signals.pick', { crm: CRM_NAME[crm] })}>
      <label id={`${id}-search-label`} htmlFor={`${id}-search`}>
        {t('editor.signals.pickSearch', { crm: CRM_NAME[crm] })}
      </label>
      <input id={`${id}-search`} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoFocus />
      {fields.isPending ? <p className="muted small">{t('editor.signals.pickLoading', { crm: CRM_NAME[crm] })}</p> : null}
      {fields.error ? (
        <p className="field__error" role="alert">
          {errorMessage(fields.error, t('common.unknownError'))}
        </p>
      ) : null}
      {fields.data ? (
        shown.length === 0 ? (
          <p className="muted small">{t('editor.signals.pickNone')}</p>
        ) : (
          <ul className="sig-pick__list">
            {shown.map((f) => (
              <li key={f.name}>
                <button
                  type="button"
                  className="sig-pick__item"
                  title={t('editor.signals.pickUse', { label: f.label, name: f.name })}
                  onClick={() => {
                    onPick(f.name);
                    setOpen(false);
                  }}
                >
                  <span>{f.label}</span> <code>{f.name}</code> <span className="muted small">{f.type}</span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <button type="button" className="btn btn--ghost" onClick={() => setOpen(false)}>
        {t('editor.signals.pickClose')}
      </button>
    </div>
  );
}

export function SignalsSection({ draft, change, issues, locale }: SectionProps) {
  const { t } = useT();
  const edit = useEdit(draft, change);
  const [selected, setSelected] = useState(0);
  const signals = draft.signals;
  const i = Math.min(selected, signals.length - 1);
  const s = signals[i];
  const name = (x: SignalDef | undefined, n: number) => pick(x?.label, locale) || x?.id || t('editor.signals.new') + ` ${n + 1}`;
  const what = (field: string) => t('editor.what.signal', { field, name: name(s, i) });
  const setSignal = (field: string, recipe: (x: SignalDef, p: ConfigPack) => void) => edit(what(field), (p) => recipe(p.signals[i]!, p));
  const p = `signals[${i}]`;

  const add = () => {
    const id = freshId('signal', signals.map((x) => x.id));
    edit(t('editor.what.addSignal'), (d) => {
      d.signals.push({ id, type: 'number', higherIsBetter: true, category: 'quantitative', source: { kind: 'csv', column: id }, label: { ja: '新しいシグナル', en: 'New signal' } });
    });
    setSelected(signals.length);
  };

  return (
    <div className="ed-section sig" data-testid="section-signals">
      <p className="ed-intro muted">{t('editor.signals.intro')}</p>
      <div className="sig__layout">
        <nav className="sig__list" aria-label={t('editor.signals.list')}>
          <ul>
            {signals.map((x, n) => {
              const count = issuesUnder(issues, `signals[${n}]`).length;
              return (
                <li key={n}>
                  <button type="button" className={`sig__pick${n === i ? ' is-active' : ''}`} aria-current={n === i ? 'true' : undefined} onClick={() => setSelected(n)} data-testid={`signal-${x.id}`}>
                    <span className="sig__name">{name(x, n)}</span>
                    <code className="sig__id">{x.id}</code>
                    {count > 0 ? <span className="map-editor__count">{count}</span> : null}
                  </button>
                </li>
              );
            })}
          </ul>
          <button type="button" className="btn btn--secondary" onClick={add}>
            {t('editor.signals.add')}
          </button>
        </nav>
        {s ? (
          <div className="sig__detail">
            <div className="ed-item__head">
              <h4 id="sig-detail-title">{name(s, i)}</h4>
              <div className="ed-tools">
                <button type="button" className="btn btn--ghost" disabled={i === 0} onClick={() => (edit(t('editor.what.moveSignal', { name: name(s, i) }), (d) => (d.signals = moveItem(d.signals, i, i - 1))), setSelected(i - 1))}>
                  {t('editor.signals.up')}
                </button>
                <button type="button" className="btn btn--ghost" disabled={i === signals.length - 1} onClick={() => (edit(t('editor.what.moveSignal', { name: name(s, i) }), (d) => (d.signals = moveItem(d.signals, i, i + 1))), setSelected(i + 1))}>
                  {t('editor.signals.down')}
                </button>
                <button type="button" className="btn btn--ghost ed-remove" disabled={signals.length <= 1} title={t('editor.signals.refs', { count: referenceCount(draft, 'signal', s.id) })} onClick={() => (edit(t('editor.what.removeSignal', { name: name(s, i) }), (d) => void d.signals.splice(i, 1)), setSelected(Math.max(0, i - 1)))}>
                  {t('editor.signals.remove')}
                </button>
              </div>
            </div>
            <div className="ed-grid">
              <IdField label={t('editor.signals.id')} path={`${p}.id`} issues={issues} value={s.id} hint={t('editor.signals.refs', { count: referenceCount(draft, 'signal', s.id) })} onCommit={(to) => change(renamedWithColumn(draft, i, to), t('editor.what.rename', { from: s.id, to }))} />
              <SelectField
                label={t('editor.signals.type')}
                path={`${p}.type`}
                issues={issues}
                value={s.type}
                choices={(['number', 'rating', 'boolean', 'date'] as const).map((v) => ({ value: v, label: t(`editor.signals.type.${v}`) }))}
                onChange={(v) =>
                  setSignal(t('editor.signals.type'), (x) => {
                    x.type = v as SignalDef['type'];
                    if (x.type === 'rating' && !x.points) x.points = defaultPoints();
                    if (x.type !== 'rating') delete x.points;
                  })
                }
              />
              <SelectField
                label={t('editor.signals.category')}
                path={`${p}.category`}
                issues={issues}
                value={s.category ?? ''}
                choices={[{ value: '', label: t('editor.signals.category.none') }, ...(['quantitative', 'qualitative'] as const).map((v) => ({ value: v, label: t(`editor.signals.category.${v}`) }))]}
                onChange={(v) =>
                  setSignal(t('editor.signals.category'), (x) => {
                    if (v === '') delete x.category;
                    else x.category = v as 'quantitative' | 'qualitative';
                  })
                }
              />
              <NumberField
                label={t('editor.signals.freshness')}
                path={`${p}.freshnessDays`}
                issues={issues}
                value={s.freshnessDays}
                optional
                hint={t('editor.signals.freshnessHint')}
                onChange={(n) =>
                  setSignal(t('editor.signals.freshness'), (x) => {
                    if (n === undefined) delete x.freshnessDays;
                    else x.freshnessDays = n;
                  })
                }
              />
              <div className="field field--compact sig__check">
                <label className="inline-check">
                  <input type="checkbox" checked={s.higherIsBetter} onChange={(e) => setSignal(t('editor.signals.higherIsBetter'), (x) => void (x.higherIsBetter = e.target.checked))} />
                  {t('editor.signals.higherIsBetter')}
                </label>
              </div>
            </div>
            <LocalizedFields label={t('editor.signals.label')} path={`${p}.label`} issues={issues} value={s.label} onChange={(v) => setSignal(t('editor.signals.label'), (x) => void (x.label = v ?? ({} as Localized)))} />
            <LocalizedFields
              label={t('editor.signals.unit')}
              path={`${p}.unit`}
              issues={issues}
              value={s.unit}
              optional
              onChange={(v) =>
                setSignal(t('editor.signals.unit'), (x) => {
                  if (v === undefined) delete x.unit;
                  else x.unit = v;
                })
              }
            />
            <LocalizedFields
              label={t('editor.signals.description')}
              path={`${p}.description`}
              issues={issues}
              value={s.description}
              optional
              multiline
              onChange={(v) =>
                setSignal(t('editor.signals.description'), (x) => {
                  if (v === undefined) delete x.description;
                  else x.description = v;
                })
              }
            />
            <fieldset className="sig__source">
              <legend>{t('editor.signals.source')}</legend>
              <SelectField
                label={t('editor.signals.sourceKind')}
                path={`${p}.source.kind`}
                issues={issues}
                value={s.source.kind}
                choices={(['crm', 'csv', 'rating', 'association', 'computed'] as const).map((v) => ({ value: v, label: t(`editor.signals.source.${v}`) }))}
                onChange={(v) => setSignal(t('editor.signals.source'), (x, d) => void (x.source = sourceFor(v as SignalSource['kind'], x, d)))}
              />
              <SourceFields draft={draft} index={i} issues={issues} setSignal={setSignal} />
            </fieldset>
            {s.type === 'rating' ? (
              <fieldset className="sig__points">
                <legend>{t('editor.signals.points')}</legend>
                {(s.points ?? []).map((pt, n) => (
                  <LocalizedFields key={n} label={t('editor.signals.point', { value: pt.value })} path={`${p}.points[${n}].label`} issues={issues} value={pt.label} onChange={(v) => setSignal(t('editor.signals.points'), (x) => void (x.points![n]!.label = v ?? ({} as Localized)))} />
                ))}
              </fieldset>
            ) : null}
            <ItemIssues path={p} issues={issues} shown={[`${p}.id`, `${p}.type`, `${p}.category`, `${p}.freshnessDays`, `${p}.label`, `${p}.unit`, `${p}.description`, `${p}.source`, `${p}.points`]} />
          </div>
        ) : null}
      </div>
    </div>
  );
}

function SourceFields({ draft, index, issues, setSignal }: { draft: ConfigPack; index: number; issues: SectionProps['issues']; setSignal: (field: string, recipe: (x: SignalDef, p: ConfigPack) => void) => void }) {
  const { t, locale } = useT();
  const s = draft.signals[index]!;
  const src = s.source;
  const p = `signals[${index}].source`;
  switch (src.kind) {
    case 'crm':
      return (
        <div className="ed-grid">
          {(['hubspot', 'salesforce'] as const).map((crm) => (
            <div key={crm} className="sig__crm">
              <TextField
                label={t(`editor.signals.${crm}`)}
                path={`${p}.${crm}`}
                issues={issues}
                value={src[crm] ?? ''}
                hint={t('editor.signals.fieldHint')}
                onChange={(v) =>
                  setSignal(t(`editor.signals.${crm}`), (x) => {
                    if (x.source.kind !== 'crm') return;
                    if (v.trim() === '') delete x.source[crm];
                    else x.source[crm] = v.trim();
                  })
                }
              />
              <CrmFieldPicker
                crm={crm}
                onPick={(name) =>
                  setSignal(t(`editor.signals.${crm}`), (x) => {
                    if (x.source.kind === 'crm') x.source[crm] = name;
                  })
                }
              />
            </div>
          ))}
        </div>
      );
    case 'csv':
      return <TextField label={t('editor.signals.csvColumn')} path={`${p}.column`} issues={issues} value={src.column} onChange={(v) => setSignal(t('editor.signals.csvColumn'), (x) => void (x.source.kind === 'csv' && (x.source.column = v)))} />;
    case 'rating':
      return (
        <div className="ed-grid">
          <SelectField
            label={t('editor.signals.combine')}
            path={`${p}.combine`}
            issues={issues}
            value={src.combine?.kind ?? 'latest'}
            choices={(['latest', 'mean'] as const).map((v) => ({ value: v, label: t(`editor.signals.combine.${v}`) }))}
            onChange={(v) =>
              setSignal(t('editor.signals.combine'), (x) => {
                if (x.source.kind !== 'rating') return;
                if (v === 'mean') x.source.combine = { kind: 'mean', days: 90 };
                else delete x.source.combine;
              })
            }
          />
          {src.combine?.kind === 'mean' ? (
            <NumberField label={t('editor.signals.combineDays')} path={`${p}.combine.days`} issues={issues} value={src.combine.days} min={1} max={365} onChange={(n) => setSignal(t('editor.signals.combineDays'), (x) => void (x.source.kind === 'rating' && x.source.combine?.kind === 'mean' && n !== undefined && (x.source.combine.days = n)))} />
          ) : null}
        </div>
      );
    case 'association':
      return (
        <SelectField
          label={t('editor.signals.association')}
          path={`${p}.association`}
          issues={issues}
          value={src.association}
          choices={(['openTickets', 'contacts', 'openCases'] as const).map((v) => ({ value: v, label: t(`editor.signals.association.${v}`) }))}
          onChange={(v) => setSignal(t('editor.signals.association'), (x) => void (x.source.kind === 'association' && (x.source.association = v as 'openTickets')))}
        />
      );
    case 'computed':
      return (
        <div className="ed-grid">
          <SelectField
            label={t('editor.signals.computedFn')}
            path={`${p}.fn`}
            issues={issues}
            value={src.fn}
            choices={(['daysSince', 'daysUntil'] as const).map((v) => ({ value: v, label: t(`editor.signals.computed.${v}`) }))}
            onChange={(v) => setSignal(t('editor.signals.computedFn'), (x) => void (x.source.kind === 'computed' && (x.source.fn = v as 'daysSince')))}
          />
          <SelectField
            label={t('editor.signals.computedFrom')}
            path={`${p}.from`}
            issues={issues}
            value={src.from}
            choices={draft.signals.filter((x) => x.type === 'date').map((x) => ({ value: x.id, label: pick(x.label, locale) || x.id }))}
            onChange={(v) => setSignal(t('editor.signals.computedFrom'), (x) => void (x.source.kind === 'computed' && (x.source.from = v)))}
          />
        </div>
      );
  }
}
