import type { PackView } from '../../lib/messages/protocol';
import type { PortfolioView } from '../../lib/messages/portfolio';
import { findBand } from '../bands';
import { useI18n } from '../i18n';

/** "What changed since you last looked": band, level and next-action moves, each with the driver behind it. */
export function ChangesList({ changes, lastLookedAt, bands, onSeen, seeing }: {
  changes: PortfolioView['changes'];
  lastLookedAt: string | null;
  bands: PackView['bands'];
  onSeen: () => void;
  seeing: boolean;
}) {
  const { t, text, date } = useI18n();
  const band = (id: string | null) => {
    const b = findBand(bands, id);
    return b ? text(b.label) : t('portfolio.noData');
  };
  return (
    <section className="card changes-card" aria-labelledby="changes-title">
      <div className="card__head">
        <h2 id="changes-title" className="card__title">
          {t('portfolio.changes')}
          {lastLookedAt ? <span className="muted small"> ({t('portfolio.changesSince', { date: date(lastLookedAt) })})</span> : null}
        </h2>
        <button type="button" className="btn btn--small" onClick={onSeen} disabled={seeing}>
          {t('portfolio.markSeen')}
        </button>
      </div>
      {!lastLookedAt ? (
        <p className="small muted">{t('portfolio.changesFirst')}</p>
      ) : changes.length === 0 ? (
        <p className="small muted">{t('portfolio.changesNone')}</p>
      ) : (
        <ul className="plain-list book-changes" data-testid="book-changes">
          {changes.map((c) => (
            <li key={c.key} className="book-change">
              <a href={c.url} target="_blank" rel="noreferrer" className="book-change__name">
                {c.name}
              </a>
              <span className="book-change__what">
                {c.band ? <span>{t('portfolio.band', { from: band(c.band.from), to: band(c.band.to) })}</span> : null}
                {c.level ? <span>{t('portfolio.levelMove', { from: c.level.from, to: c.level.to })}</span> : null}
                {c.action ? <span>{t('portfolio.action', { title: c.action.title ? text({ ja: c.action.title.ja ?? '', en: c.action.title.en ?? '' }) : '—' })}</span> : null}
              </span>
              {c.driver ? <span className="small muted">{t('portfolio.driver', { driver: text({ ja: c.driver.ja ?? '', en: c.driver.en ?? '' }) })}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
