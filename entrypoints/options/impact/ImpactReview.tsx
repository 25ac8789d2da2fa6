import { useEffect, useRef, useState } from 'react';
import type { ImpactView } from '../../../lib/messages/console';
import { useT } from '../i18n';
import { Button, ErrorAlert } from '../ui';
import { useImpact } from '../versions/hooks';
import '../versions/console.css';

type T = ReturnType<typeof useT>;

function Band({ id, bands, i18n }: { id: string | null; bands: ImpactView['bands']; i18n: T }) {
  const b = id ? bands[id] : undefined;
  if (!b) return <span className="muted">—</span>;
  return (
    <span>
      <span className="band-dot" style={b.color ? { background: b.color } : undefined} aria-hidden="true" />
      {i18n.text(b.label)}
    </span>
  );
}

function driverText(a: ImpactView['accounts'][number], i18n: T): string {
  const d = a.driver;
  if (!d) return i18n.t('console.driverBounds');
  if (d.kind === 'measure') {
    const pts = (x: number) => `${x > 0 ? '+' : ''}${x.toFixed(1)}`;
    return i18n.t('console.driverMeasure', { signal: i18n.text(d.label), from: pts(d.before), to: pts(d.after) });
  }
  if (d.kind === 'bounds') return i18n.t('console.driverBands', { from: Math.round(d.scoreBefore), to: Math.round(d.scoreAfter) });
  return i18n.t(d.met ? 'console.driverMet' : 'console.driverUnmet', { level: d.level, criterion: i18n.text(d.label) });
}

/** The list shows this many; the counts cover every account. */
const SHOWN = 50;

/**
 * Install, step two: what the new pack does to every account this browser has cached, before
 * anyone else sees it; then the note for the version, and the install itself.
 */
export function ImpactReview({
  json,
  onConfirm,
  onCancel,
  installing,
  draftOnly = false,
}: {
  json: string;
  onConfirm: (note: string) => void;
  onCancel: () => void;
  installing: boolean;
  /** Policy or a pack URL governs the pack: the draft's impact is shown, and nothing can be installed here. */
  draftOnly?: boolean;
}) {
  const i18n = useT();
  const { t, number } = i18n;
  const impact = useImpact(json);
  const [note, setNote] = useState('');
  const head = useRef<HTMLHeadingElement>(null);
  // The review replaces the Install click's answer: focus goes to it, so a screen reader hears it first.
  useEffect(() => head.current?.focus(), []);
  const s = impact.data;

  return (
    <div className="card impact" role="region" aria-labelledby="impact-title" data-testid="impact">
      <h3 id="impact-title" ref={head} tabIndex={-1}>
        {t('console.impactTitle')}
      </h3>
      {impact.isPending ? (
        <p className="muted" role="status">
          <span className="spinner" aria-hidden="true" /> {t('console.impactLoading')}
        </p>
      ) : null}
      <ErrorAlert error={impact.error} />
      {s ? (
        <>
          <p className="small" data-testid="impact-based">
            {t('console.impactBased', { based: number(s.based), total: number(s.total) })} {t('console.impactAgainst', { name: s.against.name, version: s.against.version })}
          </p>
          {s.total === 0 ? <p className="muted">{t('console.impactNoAccounts')}</p> : null}
          <div className="impact__counts" data-testid="impact-counts">
            <div data-testid="impact-band">
              <strong>{number(s.bandChanged)}</strong> <span>{t('console.impactBand')}</span>
            </div>
            <div data-testid="impact-level">
              <strong>{number(s.levelChanged)}</strong> <span>{t('console.impactLevel')}</span>
            </div>
            <div data-testid="impact-action">
              <strong>{number(s.actionChanged)}</strong> <span>{t('console.impactAction')}</span>
            </div>
          </div>
          {s.moves.length ? (
            <ul className="impact__moves" data-testid="impact-moves">
              {s.moves.map((m) => (
                <li key={`${m.from}-${m.to}`}>
                  {t('console.impactMove', {
                    count: number(m.count),
                    from: m.from && s.bands[m.from] ? i18n.text(s.bands[m.from]!.label) : '—',
                    to: m.to && s.bands[m.to] ? i18n.text(s.bands[m.to]!.label) : '—',
                  })}
                </li>
              ))}
            </ul>
          ) : null}
          {s.accounts.length ? (
            <div className="table-wrap">
              <table className="table" data-testid="impact-list">
                <thead>
                  <tr>
                    <th scope="col">{t('console.col.account')}</th>
                    <th scope="col">{t('console.col.band')}</th>
                    <th scope="col" className="nowrap">
                      {t('console.col.level')}
                    </th>
                    <th scope="col">{t('console.col.action')}</th>
                    <th scope="col">{t('console.col.driver')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.accounts.slice(0, SHOWN).map((a) => (
                    <tr key={a.key} data-key={a.key}>
                      <th scope="row">{a.name}</th>
                      <td className={a.band ? 'moved' : undefined}>
                        <Band id={a.before.band} bands={s.bands} i18n={i18n} />
                        {a.band ? (
                          <>
                            {' → '}
                            <Band id={a.after.band} bands={s.bands} i18n={i18n} />
                          </>
                        ) : null}
                      </td>
                      <td className={a.level ? 'moved nowrap' : 'nowrap'}>{a.level ? `Lv.${a.before.level} → Lv.${a.after.level}` : `Lv.${a.after.level}`}</td>
                      <td className={a.action ? 'moved' : undefined}>
                        {a.action ? `${a.before.action ? i18n.text(a.before.action.title) : t('console.none')} → ${a.after.action ? i18n.text(a.after.action.title) : t('console.none')}` : ''}
                      </td>
                      <td>{driverText(a, i18n)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : s.total > 0 ? (
            <p className="muted">{t('console.impactNone')}</p>
          ) : null}
          {s.accounts.length > SHOWN ? <p className="muted small">{t('console.impactMore', { shown: SHOWN, count: number(s.accounts.length) })}</p> : null}
        </>
      ) : null}
      {draftOnly ? (
        <div className="actions">
          <Button onClick={onCancel}>{t('console.close')}</Button>
        </div>
      ) : (
        <InstallStep note={note} setNote={setNote} onConfirm={onConfirm} onCancel={onCancel} installing={installing} pending={impact.isPending} />
      )}
    </div>
  );
}

/** The install's last step: the version's note, and the confirmation. */
function InstallStep(p: { note: string; setNote: (n: string) => void; onConfirm: (note: string) => void; onCancel: () => void; installing: boolean; pending: boolean }) {
  const { t } = useT();
  const { note, setNote, onConfirm, onCancel, installing } = p;
  return (
    <>
      <div className="field">
        <label htmlFor="install-note">{t('console.note')}</label>
        <textarea id="install-note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby="install-note-hint" />
        <p className="field__hint" id="install-note-hint">
          {t('console.noteHint')}
        </p>
      </div>
      <div className="actions">
        <Button variant="primary" onClick={() => onConfirm(note)} busy={installing} disabled={p.pending} busyLabel={t('pack.installing')}>
          {t('console.confirmInstall')}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </>
  );
}
