import { useMemo } from 'react';
import { parseConfigPack } from '../../../lib/engine/index';
import { ANY, packMap, type PackMap } from '../../../lib/packs/map';
import { usePackCurrent } from '../hooks';
import { useT } from '../i18n';
import { Button, ErrorAlert, Section } from '../ui';
import './map.css';

type T = ReturnType<typeof useT>['t'];

function Maturity({ map, t }: { map: PackMap; t: T }) {
  return (
    <section className="map__part" aria-labelledby="map-maturity">
      <h3 id="map-maturity">{t('map.maturity')}</h3>
      <p className="muted small">{t('map.maturityHint')}</p>
      <ol className="map__curve" data-testid="map-levels">
        {map.levels.map((l, i) => (
          <li key={l.level} className="map__level" style={{ marginTop: `${(map.levels.length - 1 - i) * 18}px` }}>
            <h4>{l.label}</h4>
            {l.description ? <p className="small">{l.description}</p> : null}
            <ul className="map__criteria">
              {l.criteria.map((c) => (
                <li key={c.label}>
                  {c.label}
                  <span className="map__cond">{c.condition}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Health({ map, t }: { map: PackMap; t: T }) {
  const kinds = { usage: t('map.kind.usage'), support: t('map.kind.support'), touch: t('map.kind.touch') } as const;
  return (
    <section className="map__part" aria-labelledby="map-health">
      <h3 id="map-health">{t('map.health')}</h3>
      <p className="muted small">{t('map.healthHint')}</p>
      <table className="table map__weights" data-testid="map-weights">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t('map.signal')}</span>
            </th>
            {map.scorecards.map((c) => (
              <th key={c.id} scope="col" className="num">
                {c.label}
                <span className="map__sub">{c.segments.join(' / ')}</span>
              </th>
            ))}
          </tr>
        </thead>
        {map.signals.map((g) => (
          <tbody key={g.kind} data-kind={g.kind}>
            <tr className="map__group">
              <th scope="colgroup" colSpan={map.scorecards.length + 1}>
                {kinds[g.kind]}
              </th>
            </tr>
            {g.items.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.label}</th>
                {s.shares.map((share, i) => (
                  <td key={i} className="num">
                    {share === null ? (
                      <span className="muted">—</span>
                    ) : (
                      <span className="map__share">
                        <span className="map__bar" style={{ width: `${share * 1.6}px` }} aria-hidden="true" />
                        {share}
                        {s.critical[i] ? <span className="tag tag--urgent">{t('map.critical')}</span> : null}
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
      <p className="small map__bands">
        <strong>{t('map.bands')}:</strong>{' '}
        {map.bands.map((b) => (
          <span key={b.id} className="map__band">
            <span className="map__dot" style={b.color ? { background: b.color } : undefined} aria-hidden="true" />
            {b.label} ({t('map.bandFrom', { min: b.min })})
          </span>
        ))}
      </p>
    </section>
  );
}

function Touch({ map, t }: { map: PackMap; t: T }) {
  return (
    <section className="map__part" aria-labelledby="map-touch">
      <h3 id="map-touch">{t('map.touch')}</h3>
      <ul className="map__touch" data-testid="map-touch">
        {map.touch.map((m) => (
          <li key={m.id}>
            <h4>{m.label}</h4>
            {m.description ? <p className="small muted">{m.description}</p> : null}
            <p className="small">
              <strong>{m.who.length ? m.who.join(' / ') : ''}</strong>
              {m.isDefault ? <strong>{m.who.length ? ' / ' : ''}{t('map.touchDefault')}</strong> : null}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Lifecycle({ map, t }: { map: PackMap; t: T }) {
  return (
    <section className="map__part" aria-labelledby="map-lifecycle">
      <h3 id="map-lifecycle">{t('map.lifecycle')}</h3>
      <ol className="map__stages" data-testid="map-stages">
        {map.stages.map((s) => (
          <li key={s.id}>
            <strong>{s.label}</strong>
            <span className="small">{t('map.owner', { role: s.owner })}</span>
          </li>
        ))}
      </ol>
      <p className="small muted">{t('map.renewal', { days: map.renewalDays })}</p>
    </section>
  );
}

function Playbook({ map, t }: { map: PackMap; t: T }) {
  const { rows, columns, cells } = map.playbook;
  return (
    <section className="map__part map__part--wide" aria-labelledby="map-playbook">
      <h3 id="map-playbook">{t('map.playbook')}</h3>
      <p className="muted small">{t('map.playbookHint')}</p>
      <table className="table map__grid" data-testid="map-playbook">
        <thead>
          <tr>
            <th scope="col">{t('map.stage')}</th>
            {columns.map((c) => (
              <th key={c.id} scope="col">
                {c.id === ANY ? t('map.any') : (
                  <>
                    <span className="map__dot" style={c.color ? { background: c.color } : undefined} aria-hidden="true" />
                    {c.id === 'unknown' ? t('map.unknownBand') : c.label}
                  </>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.id === ANY ? t('map.any') : r.label}</th>
              {columns.map((c) => (
                <td key={c.id}>
                  {(cells[`${r.id}|${c.id}`] ?? []).map((a) => (
                    <div key={a.id} className={`map__action map__action--${a.priority}`} data-action={a.id}>
                      <span className="map__title">{a.title}</span>
                      <span className="map__meta">
                        {a.owner} · {t('map.dueIn', { days: a.dueInDays })}
                        {a.levels ? ` · ${a.levels}` : ''}
                        {a.touch.length ? ` · ${a.touch.join(', ')}` : ''}
                        {a.segments.length ? ` · ${a.segments.join(', ')}` : ''}
                      </span>
                    </div>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The pack in force, drawn as the team's operations map: one printable page for a new CSM. */
export function MapSection() {
  const { t, locale } = useT();
  const current = usePackCurrent(locale);
  const json = current.data?.json;
  const map = useMemo(() => {
    if (!json) return null;
    try {
      const parsed = parseConfigPack(JSON.parse(json));
      return parsed.ok ? packMap(parsed.pack, locale) : null;
    } catch {
      return null;
    }
  }, [json, locale]);
  return (
    <Section id="map" title={t('nav.map')} intro={t('map.intro')}>
      <ErrorAlert error={current.error} />
      {map ? (
        <div className="map" data-testid="map">
          <div className="map__head">
            <p className="map__name">
              {map.name} <span className="muted">v{map.version}</span>
            </p>
            <Button className="map__print" onClick={() => window.print()}>
              {t('map.print')}
            </Button>
          </div>
          <Maturity map={map} t={t} />
          <Health map={map} t={t} />
          <div className="map__row">
            <Touch map={map} t={t} />
            <Lifecycle map={map} t={t} />
          </div>
          <Playbook map={map} t={t} />
        </div>
      ) : null}
    </Section>
  );
}
