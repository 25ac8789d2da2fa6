import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { PackView } from '../../lib/messages/protocol';
import type { PortfolioView } from '../../lib/messages/portfolio';
import type { I18n, Locale } from '../../lib/i18n/index';
import type { BookSnapshot, SnapshotRow } from '../../lib/ui/portfolio-snapshot';
import { BandBadge } from '../BandBadge';
import { I18nProvider, useI18n } from '../i18n';

type Row = PortfolioView['rows'][number];
const ROW_HEIGHT = 56;
const COLUMNS = ['colAccount', 'colHealth', 'colLevel', 'colStage', 'colNext', 'colRenewal', 'colLastTouch', 'colData'] as const;

/** A row as BookTable draws it, in words: what the snapshot keeps (no trend line, no live controls). */
export function snapshotRow(r: Row, pack: Pick<PackView, 'stages' | 'touchModels'>, i18n: I18n, now: number): SnapshotRow {
  const { t, text, date, age } = i18n;
  const label = (list: Array<{ id: string; label: { ja: string; en: string } }>, id: string) => {
    const x = list.find((l) => l.id === id);
    return x ? text(x.label) : id;
  };
  const sub = [r.crm === 'hubspot' ? 'HubSpot' : 'Salesforce', r.owner, r.fromCrm ? 'CRM' : null, r.outsideBook ? t('portfolio.outsideBook') : null].filter(Boolean).join(' · ');
  return {
    key: r.key,
    name: r.name,
    url: r.url,
    sub,
    score: r.score === null ? '—' : String(Math.round(r.score)),
    band: r.band,
    level: r.level ? t('maturity.level', { n: r.level }) : '—',
    stage: r.stage ? label(pack.stages, r.stage) : '—',
    touch: r.touchModel ? label(pack.touchModels, r.touchModel) : '',
    next: r.nextAction ? text({ ja: r.nextAction.title.ja ?? '', en: r.nextAction.title.en ?? '' }) : '—',
    due: r.nextAction?.dueDate ? t('portfolio.due', { date: date(r.nextAction.dueDate) }) : '',
    renewal: r.renewalDays === null ? '—' : r.renewalDays >= 0 ? t('portfolio.inDays', { n: r.renewalDays }) : t('portfolio.daysAgo', { n: -r.renewalDays }),
    lastTouch: r.lastTouch ? (r.lastTouch.by ? t('portfolio.by', { age: age(r.lastTouch.at, now), who: r.lastTouch.by }) : age(r.lastTouch.at, now)) : '—',
    data: r.fetchedAt ? age(r.fetchedAt, now) : '—',
    stale: r.staleInputs ? t('portfolio.stale', { n: r.staleInputs }) : '',
  };
}

/**
 * SnapshotBook's markup of this picture, kept with it for the page's boot script, which paints it
 * next time before React has loaded (lib/ui/portfolio-boot.ts). One synchronous render into a
 * detached element: React escapes the text, as on screen.
 */
export function snapshotMarkup(snapshot: BookSnapshot & { chips: NonNullable<BookSnapshot['chips']> }, locale: Locale): string {
  const box = document.createElement('div');
  const root = createRoot(box);
  flushSync(() =>
    root.render(
      <I18nProvider locale={locale}>
        <SnapshotBook snapshot={snapshot} pack={snapshot.chips} />
      </I18nProvider>,
    ),
  );
  const html = box.innerHTML;
  root.unmount();
  return html;
}

/**
 * The last picture of the book, painted while the background reads the live one: marked as such,
 * the table's semantics as the live one's, the counts and the handover buttons disabled (the rows'
 * links to the CRM still open the account). The live book replaces it whole.
 */
export function SnapshotBook({ snapshot, pack }: { snapshot: BookSnapshot; pack: { bands: PackView['bands']; levels: Array<{ level: number }> } }) {
  const { t, dateTime } = useI18n();
  return (
    <main className="portfolio portfolio--snapshot" aria-busy="true" data-testid="book-snapshot">
      <header className="portfolio__head">
        <h1>{t('portfolio.title')}</h1>
        <p className="small muted">{t('portfolio.subtitle', { n: snapshot.total })}</p>
        <div className="portfolio__counts" role="group" aria-label={t('portfolio.counts')}>
          {pack.bands.map((b) => (
            <button type="button" key={b.id} className="count-chip" disabled>
              <BandBadge bands={pack.bands} band={b.id} /> <strong>{snapshot.bands[b.id] ?? 0}</strong>
            </button>
          ))}
          {pack.levels.map((l) => (
            <span key={l.level} className="count-chip count-chip--level">
              {t('maturity.level', { n: l.level })} <strong>{snapshot.levels[String(l.level)] ?? 0}</strong>
            </span>
          ))}
        </div>
      </header>
      <p className="banner banner--sample portfolio__snapshot-note" role="status" data-testid="snapshot-note">
        {t('portfolio.snapshot', { at: dateTime(snapshot.takenAt) })} {t('portfolio.snapshotHandover')}
      </p>
      <div className="portfolio__tools">
        <p className="small muted">{t('portfolio.shown', { n: snapshot.shown, total: snapshot.total })}</p>
      </div>
      <div className="book" role="table" aria-rowcount={snapshot.shown + 1} aria-label={t('portfolio.title')}>
        <div className="book__row book__row--head" role="row" aria-rowindex={1}>
          {COLUMNS.map((k) => (
            <span key={k} role="columnheader" className={`book__cell book__cell--${k}`}>
              {t(`portfolio.${k}`)}
            </span>
          ))}
        </div>
        <div className="book__body">
          <div style={{ height: snapshot.rows.length * ROW_HEIGHT, position: 'relative' }}>
            {snapshot.rows.map((r, i) => (
              <div key={r.key} className="book__row" role="row" aria-rowindex={i + 2} data-snapshot-key={r.key} style={{ position: 'absolute', top: i * ROW_HEIGHT, height: ROW_HEIGHT, left: 0, right: 0 }}>
                <span role="cell" className="book__cell book__cell--colAccount">
                  {/* elementtiming: `npm run bench` times the snapshot's rows apart from the live book's ('book-row'). */}
                  <a href={r.url} target="_blank" rel="noreferrer" {...{ elementtiming: 'book-row-snapshot' }}>
                    {r.name}
                  </a>
                  <span className="small muted book__sub">
                    <span className="book__clip">{r.sub}</span>
                    <button type="button" className="link-btn small" disabled title={t('portfolio.snapshotHandover')}>
                      {t('portfolio.handover')}
                    </button>
                  </span>
                </span>
                <span role="cell" className="book__cell book__cell--colHealth">
                  <strong className="book__score">{r.score}</strong>
                  <BandBadge bands={pack.bands} band={r.band} />
                </span>
                <span role="cell" className="book__cell book__cell--colLevel">
                  {r.level}
                </span>
                <span role="cell" className="book__cell book__cell--colStage">
                  <span>{r.stage}</span>
                  {r.touch ? <span className="small muted">{r.touch}</span> : null}
                </span>
                <span role="cell" className="book__cell book__cell--colNext">
                  <span className="book__clip">{r.next}</span>
                  {r.due ? <span className="small muted">{r.due}</span> : null}
                </span>
                <span role="cell" className="book__cell book__cell--colRenewal">
                  {r.renewal}
                </span>
                <span role="cell" className="book__cell book__cell--colLastTouch">
                  {r.lastTouch}
                </span>
                <span role="cell" className="book__cell book__cell--colData">
                  <span>{r.data}</span>
                  {r.stale ? <span className="small book__stale">{r.stale}</span> : null}
                </span>
              </div>
            ))}
          </div>
        </div>
      </div>
    </main>
  );
}
