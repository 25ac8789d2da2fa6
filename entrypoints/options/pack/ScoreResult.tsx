import type { EvaluationView } from '../../../lib/messages/evaluation';
import { useT } from '../i18n';
import type { PackModel } from '../../../lib/packs/pack-model';

const fmt = (n: number | null, digits = 1) => (n === null ? '—' : n.toFixed(digits).replace(/\.0+$/, ''));
const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${fmt(Math.abs(n))}`;

function valueText(v: number | boolean | null, yes: string, no: string): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return v ? yes : no;
  return fmt(v, 2);
}

/** Why the score is what it is: each measure's share, the drivers, the caps, and what to do next. */
export function ScoreResult({ evaluation, model }: { evaluation: EvaluationView; model: PackModel }) {
  const { t, text } = useT();
  const h = evaluation.health;
  const m = evaluation.maturity;
  const next = evaluation.nextAction?.best;
  const bandColor = model.pack.bands.find((b) => b.id === h.band)?.color;

  return (
    <div className="score" aria-live="polite" data-testid="score-result">
      <div className="score__head">
        <div className="score__big" style={bandColor ? { borderColor: bandColor } : undefined}>
          <span className="score__num" data-testid="score-value">
            {h.score === null ? '—' : Math.round(h.score)}
          </span>
          <span className="score__band" data-testid="score-band">
            {h.band === null ? t('tester.noBand') : model.bandLabel(h.band)}
          </span>
        </div>
        <dl className="facts facts--tight">
          <div>
            <dt>{t('tester.coverage')}</dt>
            <dd>
              {Math.round(h.coverage * 100)}% <span className="muted">({t('tester.minCoverage', { min: Math.round(h.minCoverage * 100) })})</span>
            </dd>
          </div>
          <div>
            <dt>{t('tester.scorecard')}</dt>
            <dd>
              {model.label('scorecard', h.context.scorecard)} · {t('tester.segment')}: {model.label('segment', h.context.segment)}
            </dd>
          </div>
          <div>
            <dt>{t('tester.maturity')}</dt>
            <dd>{m.level === 0 ? t('tester.belowFirst') : t('tester.level', { level: m.level })}</dd>
          </div>
        </dl>
      </div>
      {h.status === 'insufficient-data' ? (
        <p className="alert alert--warn">{t('tester.insufficient', { missing: h.missing.map(model.signalLabel).join(', ') || '—' })}</p>
      ) : null}

      <table className="table">
        <caption className="visually-hidden">{t('tester.measures')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tester.measure')}</th>
            <th scope="col" className="num">{t('tester.value')}</th>
            <th scope="col" className="num">{t('tester.subScore')}</th>
            <th scope="col" className="num">{t('tester.weight')}</th>
            <th scope="col" className="num">{t('tester.contribution')}</th>
          </tr>
        </thead>
        <tbody>
          {h.measures.map((r) => (
            <tr key={r.signalId} className={r.subScore === null ? 'is-missing' : undefined}>
              <th scope="row">
                {model.signalLabel(r.signalId)}
                {r.critical ? <span className="tag tag--bad">{t('tester.critical')}</span> : null}
                {r.stale ? <span className="tag tag--warn">{t('tester.stale')}</span> : null}
              </th>
              <td className="num">{valueText(r.value, t('tester.yes'), t('tester.no'))}</td>
              <td className="num">{fmt(r.subScore)}</td>
              <td className="num">{fmt(r.weight)}</td>
              <td className="num">{fmt(r.contribution)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="grid-2">
        <div>
          <h4>{t('tester.driversUp')}</h4>
          {h.drivers.up.length ? (
            <ul className="drivers">
              {h.drivers.up.map((d) => (
                <li key={d.signalId}>
                  <span className="delta delta--up">{signed(d.impact)}</span> {text(d.text)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('tester.none')}</p>
          )}
        </div>
        <div>
          <h4>{t('tester.driversDown')}</h4>
          {h.drivers.down.length ? (
            <ul className="drivers">
              {h.drivers.down.map((d) => (
                <li key={d.signalId}>
                  <span className="delta delta--down">{signed(d.impact)}</span> {text(d.text)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('tester.none')}</p>
          )}
        </div>
      </div>

      {h.rulesApplied.length ? (
        <div>
          <h4>{t('tester.rules')}</h4>
          <ul className="drivers">
            {h.rulesApplied.map((r) => (
              <li key={r.ruleId}>
                {text(r.reason)} <span className="muted">→ {model.bandLabel(r.capBand)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {m.next ? (
        <div>
          <h4>{t('tester.nextLevel', { level: m.next.level })}</h4>
          <ul className="drivers">
            {m.next.unmet.map((c) => (
              <li key={c.id}>{text(c.text)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="next-action" data-testid="next-action">
        <h4>{t('tester.nextAction')}</h4>
        {next ? (
          <>
            <p>
              <strong>{text(next.title)}</strong> <span className={`tag tag--${next.priority}`}>{t(`priority.${next.priority}`)}</span>
            </p>
            <p className="muted">{text(next.why)}</p>
            <p className="small muted">
              {t('tester.owner', { role: model.label('role', next.ownerRole) })} · {t('tester.dueIn', { days: next.dueInDays })} · {text(next.reason.text)}
            </p>
          </>
        ) : (
          <p className="muted">{t('tester.noAction')}</p>
        )}
      </div>
    </div>
  );
}
