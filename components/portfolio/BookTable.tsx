import { useState, type UIEvent } from 'react';
import type { PackView } from '../../lib/messages/protocol';
import type { PortfolioView } from '../../lib/messages/portfolio';
import { BandBadge } from '../BandBadge';
import { useI18n } from '../i18n';
import { BOOK_ROW_TIMING } from '../../lib/ui/on-screen';

type Row = PortfolioView['rows'][number];
const ROW_HEIGHT = 56;
const OVERSCAN = 8;

/** A small line of the last 30 days' scores. */
function Trend({ scores }: { scores: number[] }) {
  if (scores.length < 2) return null;
  const w = 60;
  const h = 18;
  const d = scores.map((s, i) => `${i ? 'L' : 'M'}${((i / (scores.length - 1)) * w).toFixed(1)},${(h - (s / 100) * h).toFixed(1)}`).join('');
  return (
    <svg className="book-trend" width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

/**
 * The book as a table whose rows are drawn only where the list is scrolled (virtualised: ten
 * thousand accounts cost the DOM a screenful). Rows have one height, so the window is arithmetic.
 */
export function BookTable({ rows, pack, now, onHandover }: { rows: Row[]; pack: Pick<PackView, 'bands' | 'stages' | 'touchModels'>; now: number; onHandover?: (row: Row) => void }) {
  const { t, text, date, age } = useI18n();
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  const label = (list: Array<{ id: string; label: { ja: string; en: string } }>, id: string) => {
    const x = list.find((l) => l.id === id);
    return x ? text(x.label) : id;
  };
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    setTop(e.currentTarget.scrollTop);
    setHeight(e.currentTarget.clientHeight);
  };
  const days = (n: number) => (n >= 0 ? t('portfolio.inDays', { n }) : t('portfolio.daysAgo', { n: -n }));
  return (
    <div className="book" role="table" aria-rowcount={rows.length + 1} aria-label={t('portfolio.title')}>
      <div className="book__row book__row--head" role="row" aria-rowindex={1}>
        {(['colAccount', 'colHealth', 'colLevel', 'colStage', 'colNext', 'colRenewal', 'colLastTouch', 'colData'] as const).map((k) => (
          <span key={k} role="columnheader" className={`book__cell book__cell--${k}`}>
            {t(`portfolio.${k}`)}
          </span>
        ))}
      </div>
      <div className="book__body" onScroll={onScroll} data-testid="book-body">
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {rows.slice(first, last).map((r, i) => (
            <div
              key={r.key}
              className="book__row"
              role="row"
              aria-rowindex={first + i + 2}
              data-key={r.key}
              style={{ position: 'absolute', top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT, left: 0, right: 0 }}
            >
              <span role="cell" className="book__cell book__cell--colAccount">
                {/* elementtiming: the page asks for the whole book once a row is on screen (lib/ui/on-screen.ts); `npm run bench` times the first rows by it. */}
                <a href={r.url} target="_blank" rel="noreferrer" {...{ elementtiming: BOOK_ROW_TIMING }}>
                  {r.name}
                </a>
                <span className="small muted book__sub">
                  <span className="book__clip">
                    {r.crm === 'hubspot' ? 'HubSpot' : 'Salesforce'}
                    {r.owner ? ` · ${r.owner}` : ''}
                    {r.fromCrm ? <span title={t('portfolio.fromCrm')}> · CRM</span> : null}
                    {r.outsideBook ? <span title={t('portfolio.outsideBook')}> · {t('portfolio.outsideBook')}</span> : null}
                  </span>
                  {onHandover ? (
                    <button type="button" className="link-btn small" onClick={() => onHandover(r)} aria-label={t('portfolio.handoverOpen', { name: r.name })}>
                      {t('portfolio.handover')}
                    </button>
                  ) : null}
                </span>
              </span>
              <span role="cell" className="book__cell book__cell--colHealth">
                <strong className="book__score">{r.score === null ? '—' : Math.round(r.score)}</strong>
                <BandBadge bands={pack.bands} band={r.band} />
                <Trend scores={r.trend} />
              </span>
              <span role="cell" className="book__cell book__cell--colLevel">
                {r.level ? t('maturity.level', { n: r.level }) : '—'}
              </span>
              <span role="cell" className="book__cell book__cell--colStage">
                <span>{r.stage ? label(pack.stages, r.stage) : '—'}</span>
                {r.touchModel ? <span className="small muted">{label(pack.touchModels, r.touchModel)}</span> : null}
              </span>
              <span role="cell" className="book__cell book__cell--colNext">
                {r.nextAction ? (
                  <>
                    <span className="book__clip">{text({ ja: r.nextAction.title.ja ?? '', en: r.nextAction.title.en ?? '' })}</span>
                    {r.nextAction.dueDate ? <span className="small muted">{t('portfolio.due', { date: date(r.nextAction.dueDate) })}</span> : null}
                  </>
                ) : (
                  '—'
                )}
              </span>
              <span role="cell" className="book__cell book__cell--colRenewal">
                {r.renewalDays === null ? '—' : days(r.renewalDays)}
              </span>
              <span role="cell" className="book__cell book__cell--colLastTouch">
                {r.lastTouch ? (r.lastTouch.by ? t('portfolio.by', { age: age(r.lastTouch.at, now), who: r.lastTouch.by }) : age(r.lastTouch.at, now)) : '—'}
              </span>
              <span role="cell" className="book__cell book__cell--colData">
                <span>{r.fetchedAt ? age(r.fetchedAt, now) : '—'}</span>
                {r.staleInputs ? <span className="small book__stale">{t('portfolio.stale', { n: r.staleInputs })}</span> : null}
              </span>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
