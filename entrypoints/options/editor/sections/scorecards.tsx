import { useState } from 'react';
import { curveChart, mirroredScoring } from '../../../../lib/editor/curve';
import { freshId, sharesOf100 } from '../../../../lib/editor/edit';
import { issuesUnder } from '../../../../lib/editor/issues';
import { renameId } from '../../../../lib/editor/rename';
import type { ConfigPack, Localized, MeasureDef, ScorecardDef, Scoring } from '../../../../lib/engine/types';
import { useT } from '../../i18n';
import type { SectionProps } from '../types';
import { IdField, IdSetField, ItemIssues, LocalizedFields, NumberField, pick, SelectField, useEdit } from './fields';
import './scorecards.css';

// Scorecards per segment (issue 19): the measures with their weights and the resulting shares of 100,
// each measure's scoring curve (ranges, thresholds, yes/no) drawn as a small chart that follows every
// keystroke, minimum coverage, band cutoffs and band rules.

const CHART_W = 160;
const CHART_H = 64;

function defaultScoring(kind: Scoring['kind'], higherIsBetter: boolean): Scoring {
  const [lo, hi] = higherIsBetter ? [0, 100] : [100, 0];
  if (kind === 'boolean') return { kind: 'boolean', whenTrue: hi, whenFalse: lo };
  if (kind === 'thresholds') return { kind: 'thresholds', steps: [{ atLeast: 10, score: 50 }, { atLeast: 50, score: hi }], otherwise: lo };
  return { kind: 'ranges', points: [{ value: 0, score: lo }, { value: 100, score: hi }] };
}

/** The measure's curve as a small inline chart; its name says the value range it draws. */
function CurveChart({ scoring, name, testId }: { scoring: Scoring; name: string; testId: string }) {
  const { t, number } = useT();
  const c = curveChart(scoring, CHART_W, CHART_H);
  if (!c) return <p className="muted small">{t('editor.scorecards.noChart')}</p>;
  const label = t('editor.scorecards.chart', { name, from: number(Math.round(c.from * 100) / 100), to: number(Math.round(c.to * 100) / 100) });
  return (
    <svg className="sc-chart" width={CHART_W} height={CHART_H} viewBox={`-2 -2 ${CHART_W + 4} ${CHART_H + 4}`} role="img" aria-label={label} data-testid={testId} data-path={c.path}>
      <rect x={0} y={0} width={CHART_W} height={CHART_H} className="sc-chart__frame" />
      <line x1={0} y1={CHART_H / 2} x2={CHART_W} y2={CHART_H / 2} className="sc-chart__mid" />
      <path d={c.path} className="sc-chart__line" />
      {c.dots.map((d, n) => (
        <circle key={n} cx={d.x} cy={d.y} r={2.5} className="sc-chart__dot" />
      ))}
    </svg>
  );
}

export function ScorecardsSection({ draft, change, issues, locale }: SectionProps) {
  const { t } = useT();
  const edit = useEdit(draft, change);
  const [selected, setSelected] = useState(0);
  const cards = draft.scorecards;
  const c = Math.min(selected, cards.length - 1);
  const sc = cards[c];
  const signalName = (id: string) => pick(draft.signals.find((x) => x.id === id)?.label, locale) || id;
  const cardName = (x: ScorecardDef | undefined) => pick(x?.label, locale) || x?.id || '';
  const p = `scorecards[${c}]`;
  const setCard = (field: string, recipe: (x: ScorecardDef, d: ConfigPack) => void) => edit(t('editor.what.scorecard', { field, name: cardName(sc) }), (d) => recipe(d.scorecards[c]!, d));
  const setMeasure = (m: number, field: string, recipe: (x: MeasureDef) => void) =>
    edit(t('editor.what.measure', { field, name: signalName(sc!.measures[m]!.signal), scorecard: cardName(sc) }), (d) => recipe(d.scorecards[c]!.measures[m]!));
  const shares = sc ? sharesOf100(sc.measures.map((m) => (Number.isFinite(m.weight) && m.weight > 0 ? m.weight : 0))) : [];

  const addCard = () => {
    const id = freshId('scorecard', cards.map((x) => x.id));
    const first = draft.signals.find((x) => x.type === 'number');
    edit(t('editor.scorecards.add'), (d) =>
      d.scorecards.push({ id, label: { ja: '新しいスコアカード', en: 'New scorecard' }, segments: [], minCoverage: 0.5, measures: [{ signal: first?.id ?? '', weight: 1, scoring: defaultScoring('ranges', first?.higherIsBetter ?? true) }], rules: [] }),
    );
    setSelected(cards.length);
  };

  return (
    <div className="ed-section sc" data-testid="section-scorecards">
      <p className="ed-intro muted">{t('editor.scorecards.intro')}</p>
      <div className="sc__pick" role="group" aria-label={t('editor.scorecards.pick')}>
        {cards.map((x, n) => {
          const count = issuesUnder(issues, `scorecards[${n}]`).length;
          return (
            <button key={n} type="button" className={`btn ${n === c ? 'btn--primary' : 'btn--secondary'}`} aria-pressed={n === c} onClick={() => setSelected(n)} data-testid={`scorecard-${x.id}`}>
              {cardName(x)}
              {count > 0 ? <span className="map-editor__count">{count}</span> : null}
            </button>
          );
        })}
        <button type="button" className="btn btn--ghost" onClick={addCard}>
          {t('editor.scorecards.add')}
        </button>
      </div>
      {sc ? (
        <div className="sc__card">
          <div className="ed-grid">
            <IdField label={t('sec.field.id')} path={`${p}.id`} issues={issues} value={sc.id} onCommit={(to) => change(renameId(draft, 'scorecard', c, to), t('editor.what.rename', { from: sc.id, to }))} />
            <NumberField
              label={t('editor.scorecards.minCoverage')}
              path={`${p}.minCoverage`}
              issues={issues}
              value={Math.round(sc.minCoverage * 1000) / 10}
              min={0}
              max={100}
              hint={t('editor.scorecards.minCoverageHint')}
              onChange={(n) => setCard(t('editor.scorecards.minCoverage'), (x) => void (x.minCoverage = (n ?? 0) / 100))}
            />
            <NumberField
              label={t('editor.scorecards.neutral')}
              path={`${p}.neutral`}
              issues={issues}
              value={sc.neutral}
              optional
              min={0}
              max={100}
              hint={t('editor.scorecards.neutralHint')}
              onChange={(n) =>
                setCard(t('editor.scorecards.neutral'), (x) => {
                  if (n === undefined) delete x.neutral;
                  else x.neutral = n;
                })
              }
            />
            <div className="field field--compact">
              <button type="button" className="btn btn--ghost ed-remove" disabled={cards.length <= 1} onClick={() => (edit(t('editor.scorecards.remove'), (d) => void d.scorecards.splice(c, 1)), setSelected(Math.max(0, c - 1)))}>
                {t('editor.scorecards.remove')}
              </button>
            </div>
          </div>
          <LocalizedFields label={t('sec.field.label')} path={`${p}.label`} issues={issues} value={sc.label} onChange={(v) => setCard(t('sec.field.label'), (x) => void (x.label = v ?? ({} as Localized)))} />
          <IdSetField
            legend={t('editor.scorecards.segments')}
            path={`${p}.segments`}
            issues={issues}
            choices={draft.segments.map((g) => ({ value: g.id, label: pick(g.label, locale) || g.id }))}
            value={sc.segments}
            onChange={(v) => setCard(t('editor.scorecards.segments'), (x) => void (x.segments = v ?? []))}
          />

          <h4 className="sc__h">{t('editor.scorecards.measures')}</h4>
          <ItemIssues path={`${p}.measures`} issues={issues.filter((e) => e.path === `${p}.measures`)} shown={[]} />
          <ol className="sc__measures">
            {sc.measures.map((m, j) => {
              const mp = `${p}.measures[${j}]`;
              const sig = draft.signals.find((x) => x.id === m.signal);
              const nm = signalName(m.signal);
              return (
                <li key={j} className="sc__measure" data-testid={`measure-${m.signal}`}>
                  <div className="sc__row">
                    <SelectField
                      label={t('editor.scorecards.signal')}
                      path={`${mp}.signal`}
                      issues={issues}
                      value={m.signal}
                      choices={draft.signals.filter((x) => x.type !== 'date').map((x) => ({ value: x.id, label: pick(x.label, locale) || x.id }))}
                      onChange={(v) =>
                        setMeasure(j, t('editor.scorecards.signal'), (x) => {
                          // A signal that faces the other way turns the curve with it, so the measure stays valid.
                          const to = draft.signals.find((y) => y.id === v);
                          if (sig && to && sig.higherIsBetter !== to.higherIsBetter) x.scoring = mirroredScoring(x.scoring);
                          x.signal = v;
                        })
                      }
                    />
                    <NumberField label={t('editor.scorecards.weight')} path={`${mp}.weight`} issues={issues} value={m.weight} min={0} max={1000} onChange={(n) => setMeasure(j, t('editor.scorecards.weight'), (x) => void (x.weight = n ?? 0))} />
                    <div className="field field--compact sc__share">
                      <span className="field__label">{t('editor.scorecards.share')}</span>
                      <output className="sc__share-value" data-testid={`share-${m.signal}`} aria-label={`${t('editor.scorecards.share')}: ${nm}`}>
                        {t('editor.scorecards.shareOf', { share: shares[j] ?? 0 })}
                      </output>
                      <span className="sc__bar" aria-hidden="true">
                        <span style={{ width: `${shares[j] ?? 0}%` }} />
                      </span>
                    </div>
                    <div className="field field--compact sc__crit">
                      <label className="inline-check">
                        <input
                          type="checkbox"
                          checked={!!m.critical}
                          onChange={(e) =>
                            setMeasure(j, t('editor.scorecards.critical'), (x) => {
                              if (e.target.checked) x.critical = true;
                              else delete x.critical;
                            })
                          }
                        />
                        {t('editor.scorecards.critical')}
                      </label>
                    </div>
                    <CurveChart scoring={m.scoring} name={nm} testId={`chart-${m.signal}`} />
                    <button type="button" className="btn btn--ghost ed-remove" disabled={sc.measures.length <= 1} aria-label={t('editor.scorecards.removeMeasure', { name: nm })} onClick={() => setCard(t('editor.scorecards.removeMeasure', { name: nm }), (x) => void x.measures.splice(j, 1))}>
                      {t('sec.item.removeShort')}
                    </button>
                  </div>
                  <ScoringFields scoring={m.scoring} path={`${mp}.scoring`} issues={issues} higherIsBetter={sig?.higherIsBetter ?? true} onChange={(next, field) => setMeasure(j, field, (x) => void (x.scoring = next))} />
                  <ItemIssues path={mp} issues={issues} shown={[`${mp}.signal`, `${mp}.weight`, `${mp}.scoring`]} />
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            className="btn btn--secondary"
            onClick={() => {
              const used = new Set(sc.measures.map((m) => m.signal));
              const next = draft.signals.find((x) => !used.has(x.id) && x.type !== 'date');
              setCard(t('editor.scorecards.addMeasure'), (x) => void x.measures.push({ signal: next?.id ?? '', weight: 10, scoring: defaultScoring(next?.type === 'boolean' ? 'boolean' : 'ranges', next?.higherIsBetter ?? true) }));
            }}
          >
            {t('editor.scorecards.addMeasure')}
          </button>

          <fieldset className="sc__cutoffs">
            <legend>{t('editor.scorecards.cutoffs')}</legend>
            <p className="field__hint">{t('editor.scorecards.cutoffsHint')}</p>
            <div className="ed-grid">
              {draft.bands.map((b) => (
                <NumberField
                  key={b.id}
                  label={pick(b.label, locale) || b.id}
                  path={`${p}.bandCutoffs.${b.id}`}
                  issues={issues}
                  value={sc.bandCutoffs?.[b.id]}
                  optional
                  min={0}
                  max={100}
                  onChange={(n) =>
                    setCard(t('editor.scorecards.cutoffs'), (x) => {
                      const next = { ...(x.bandCutoffs ?? {}) };
                      if (n === undefined) delete next[b.id];
                      else next[b.id] = n;
                      if (Object.keys(next).length === 0) delete x.bandCutoffs;
                      else x.bandCutoffs = next;
                    })
                  }
                />
              ))}
            </div>
          </fieldset>

          <h4 className="sc__h">{t('editor.scorecards.rules')}</h4>
          <ol className="ed-items">
            {sc.rules.map((r, j) => {
              const rp = `${p}.rules[${j}]`;
              const bandChoices = draft.bands.map((b) => ({ value: b.id, label: pick(b.label, locale) || b.id }));
              const setRule = (field: string, recipe: (x: ScorecardDef['rules'][number]) => void) => setCard(field, (x) => recipe(x.rules[j]!));
              return (
                <li key={j} className="ed-item">
                  <p className="sc__rule-text">
                    {t('editor.scorecards.rule', {
                      count: r.when.count,
                      which: t(r.when.criticalOnly ? 'editor.scorecards.critical.only' : 'editor.scorecards.critical.any'),
                      band: bandChoices.find((b) => b.value === r.when.band)?.label ?? r.when.band,
                      cap: bandChoices.find((b) => b.value === r.then.capBand)?.label ?? r.then.capBand,
                    })}
                  </p>
                  <div className="ed-grid">
                    <NumberField label={t('editor.scorecards.ruleCount')} path={`${rp}.when.count`} issues={issues} value={r.when.count} min={1} max={100} onChange={(n) => setRule(t('editor.scorecards.ruleCount'), (x) => void (x.when.count = n ?? 1))} />
                    <SelectField label={t('editor.scorecards.ruleBand')} path={`${rp}.when.band`} issues={issues} value={r.when.band} choices={bandChoices} onChange={(v) => setRule(t('editor.scorecards.ruleBand'), (x) => void (x.when.band = v))} />
                    <SelectField label={t('editor.scorecards.ruleCap')} path={`${rp}.then.capBand`} issues={issues} value={r.then.capBand} choices={bandChoices} onChange={(v) => setRule(t('editor.scorecards.ruleCap'), (x) => void (x.then.capBand = v))} />
                    <div className="field field--compact sc__crit">
                      <label className="inline-check">
                        <input type="checkbox" checked={r.when.criticalOnly} onChange={(e) => setRule(t('editor.scorecards.ruleCriticalOnly'), (x) => void (x.when.criticalOnly = e.target.checked))} />
                        {t('editor.scorecards.ruleCriticalOnly')}
                      </label>
                    </div>
                    <div className="field field--compact">
                      <button type="button" className="btn btn--ghost ed-remove" onClick={() => setCard(t('editor.scorecards.removeRule', { id: r.id }), (x) => void x.rules.splice(j, 1))}>
                        {t('editor.scorecards.removeRule', { id: r.id })}
                      </button>
                    </div>
                  </div>
                  <LocalizedFields label={t('editor.scorecards.ruleReason')} path={`${rp}.reason`} issues={issues} value={r.reason} onChange={(v) => setRule(t('editor.scorecards.ruleReason'), (x) => void (x.reason = v ?? ({} as Localized)))} />
                  <ItemIssues path={rp} issues={issues} shown={[`${rp}.when.count`, `${rp}.when.band`, `${rp}.then.capBand`, `${rp}.reason`]} />
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            className="btn btn--secondary"
            onClick={() => {
              const worst = draft.bands[0]?.id ?? 'red';
              setCard(t('editor.scorecards.addRule'), (x) =>
                x.rules.push({ id: freshId('rule', x.rules.map((r) => r.id)), when: { band: worst, criticalOnly: true, count: 1 }, then: { capBand: worst }, reason: { ja: '重要指標が低いため', en: 'A critical measure is low' } }),
              );
            }}
          >
            {t('editor.scorecards.addRule')}
          </button>
          <ItemIssues path={p} issues={issues} shown={[`${p}.id`, `${p}.minCoverage`, `${p}.neutral`, `${p}.label`, `${p}.segments`, `${p}.measures`, `${p}.bandCutoffs`, `${p}.rules`]} />
        </div>
      ) : null}
    </div>
  );
}

function ScoringFields({ scoring, path, issues, higherIsBetter, onChange }: { scoring: Scoring; path: string; issues: SectionProps['issues']; higherIsBetter: boolean; onChange: (next: Scoring, field: string) => void }) {
  const { t } = useT();
  const kinds = (['ranges', 'thresholds', 'boolean'] as const).map((v) => ({ value: v, label: t(`editor.scorecards.kind.${v}`) }));
  const head = (
    <SelectField label={t('editor.scorecards.scoring')} path={`${path}.kind`} issues={issues} value={scoring.kind} choices={kinds} onChange={(v) => onChange(defaultScoring(v as Scoring['kind'], higherIsBetter), t('editor.scorecards.scoring'))} />
  );
  if (scoring.kind === 'boolean') {
    return (
      <div className="sc__scoring ed-grid">
        {head}
        <NumberField label={t('editor.scorecards.whenTrue')} path={`${path}.whenTrue`} issues={issues} value={scoring.whenTrue} min={0} max={100} onChange={(n) => onChange({ ...scoring, whenTrue: n ?? 0 }, t('editor.scorecards.whenTrue'))} />
        <NumberField label={t('editor.scorecards.whenFalse')} path={`${path}.whenFalse`} issues={issues} value={scoring.whenFalse} min={0} max={100} onChange={(n) => onChange({ ...scoring, whenFalse: n ?? 0 }, t('editor.scorecards.whenFalse'))} />
      </div>
    );
  }
  const isRanges = scoring.kind === 'ranges';
  const rows = isRanges ? scoring.points.map((x) => ({ at: x.value, score: x.score })) : scoring.steps.map((x) => ({ at: x.atLeast, score: x.score }));
  const key = isRanges ? 'points' : 'steps';
  const atName = isRanges ? 'value' : 'atLeast';
  const rebuild = (next: Array<{ at: number; score: number }>): Scoring =>
    isRanges ? { kind: 'ranges', points: next.map((x) => ({ value: x.at, score: x.score })) } : { kind: 'thresholds', steps: next.map((x) => ({ atLeast: x.at, score: x.score })), otherwise: scoring.otherwise };
  return (
    <div className="sc__scoring">
      <div className="ed-grid">
        {head}
        {scoring.kind === 'thresholds' ? (
          <NumberField label={t('editor.scorecards.otherwise')} path={`${path}.otherwise`} issues={issues} value={scoring.otherwise} min={0} max={100} onChange={(n) => onChange({ ...scoring, otherwise: n ?? 0 }, t('editor.scorecards.otherwise'))} />
        ) : null}
      </div>
      <ol className="sc__points">
        {rows.map((r, n) => (
          <li key={n} className="sc__point">
            <NumberField
              label={t(isRanges ? 'editor.scorecards.value' : 'editor.scorecards.atLeast')}
              path={`${path}.${key}[${n}].${atName}`}
              issues={issues}
              value={r.at}
              onChange={(v) => onChange(rebuild(rows.map((x, m) => (m === n ? { ...x, at: v ?? 0 } : x))), t(isRanges ? 'editor.scorecards.value' : 'editor.scorecards.atLeast'))}
            />
            <NumberField
              label={t('editor.scorecards.score')}
              path={`${path}.${key}[${n}].score`}
              issues={issues}
              value={r.score}
              min={0}
              max={100}
              onChange={(v) => onChange(rebuild(rows.map((x, m) => (m === n ? { ...x, score: v ?? 0 } : x))), t('editor.scorecards.score'))}
            />
            <button type="button" className="btn btn--ghost" disabled={rows.length <= (isRanges ? 2 : 1)} aria-label={t('editor.scorecards.removePoint', { n: n + 1 })} onClick={() => onChange(rebuild(rows.filter((_, m) => m !== n)), t('editor.scorecards.removePoint', { n: n + 1 }))}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="btn btn--ghost"
        onClick={() => {
          const last = rows[rows.length - 1] ?? { at: 0, score: higherIsBetter ? 100 : 0 };
          onChange(rebuild([...rows, { at: last.at + 10, score: last.score }]), t('editor.scorecards.addPoint'));
        }}
      >
        {t('editor.scorecards.addPoint')}
      </button>
    </div>
  );
}
