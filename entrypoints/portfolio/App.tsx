import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ChangesList } from '../../components/portfolio/ChangesList';
import { BookTable } from '../../components/portfolio/BookTable';
import { FilterSelect } from '../../components/portfolio/FilterSelect';
import { SavedViews, type SavedView } from '../../components/portfolio/SavedViews';
import { HandoverSheet } from '../../components/portfolio/HandoverSheet';
import { LoadBar } from '../../components/portfolio/LoadBar';
import { snapshotMarkup, snapshotRow } from '../../components/portfolio/SnapshotBook';
import { BandBadge } from '../../components/BandBadge';
import { I18nProvider, useI18n, useLoadedLocale } from '../../components/i18n';
import { resolveLocale } from '../../lib/i18n/index';
import type { PackView, Settings } from '../../lib/messages/protocol';
import type { PortfolioView } from '../../lib/messages/portfolio';
import { filterBook, openingFilters, prepare, sortBook, type BookFilters } from '../../lib/portfolio/book';
import { copyText } from '../../lib/ui/clipboard';
import { downloadCsv, fileStamp } from '../../lib/ui/download';
import { bookSnapshotShown, dropBookSnapshot } from '../../lib/ui/portfolio-boot';
import { readBookSnapshot, SNAPSHOT_ROWS, writeBookSnapshot, type BookSnapshot, type SnapshotIdentity } from '../../lib/ui/portfolio-snapshot';
import { earlyBookSnapshot, readKeptView, SORTS, VIEW_KEY, viewKeyOf } from '../../lib/ui/portfolio-view';
import { useBook, useBookLoad, useHandover, useHandoverCsv, useMarkSeen, usePortfolioPack, usePortfolioSettings } from '../../lib/ui/portfolio-queries';

// The saved views outlive a reload: this extension page's own storage, which no CRM page can read; filters only.
const VIEWS_KEY = 'sidecar.portfolio.views';

/** What a snapshot must have been taken under to be shown: this language, pack, user and view. */
function snapshotIdentity(lang: 'ja' | 'en', pack: PackView, settings: Settings, view: string): SnapshotIdentity {
  return { lang, pack: `${pack.id}@${pack.version}`, user: `${settings.csmEmail ?? ''}|${settings.csmName ?? ''}`, view };
}

/** Runs `f` once the page is idle (a second at most); returns the cancel. */
function whenIdle(f: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(f, { timeout: 1_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(f, 50);
  return () => clearTimeout(id);
}

function readViews(): Array<SavedView<BookFilters>> {
  try {
    const raw = JSON.parse(localStorage.getItem(VIEWS_KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? raw.filter((v): v is SavedView<BookFilters> => !!v && typeof v === 'object' && typeof (v as SavedView<BookFilters>).name === 'string') : [];
  } catch {
    return [];
  }
}

export function App({ browserLanguage }: { browserLanguage: string }) {
  const settings = usePortfolioSettings();
  // The kept view's last picture, read once: until the settings answer, the page speaks its language.
  const [early] = useState(() => earlyBookSnapshot(localStorage));
  const wanted = settings.data ? resolveLocale(settings.data.locale, browserLanguage) : (early?.identity.lang ?? resolveLocale(undefined, browserLanguage));
  // The strings load on demand, one language at a time: render in a language once its catalogue is in.
  const locale = useLoadedLocale(wanted);
  if (!locale) return null;
  return (
    <I18nProvider locale={locale}>
      <Portfolio wanted={wanted} />
    </I18nProvider>
  );
}

function Portfolio({ wanted }: { wanted: 'ja' | 'en' }) {
  const { t } = useI18n();
  const book = useBook();
  const pack = usePortfolioPack();
  const settings = usePortfolioSettings();
  const seen = useMarkSeen();
  const load = useBookLoad();
  // The cache shows at once; then the book is read from the CRM, once per visit (the button reads it again).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    load.start();
  }, [load]);
  useEffect(() => {
    document.title = `Sidecar · ${t('portfolio.title')}`;
  }, [t]);
  // The live book: whole, or its first screenful (the page's view, from the background) while the rest crosses over.
  const view = book.whole.data ?? book.first;
  const failed = book.whole.error ?? pack.error;
  // The last picture the boot script painted (lib/ui/portfolio-boot.ts) stays until the live book is
  // drawn, unless the settings and pack show it was taken under another language, pack or user.
  const [pictured, setPictured] = useState(() => bookSnapshotShown(document));
  const foreign = useMemo(() => {
    if (!pictured || !pack.data || !settings.data) return false;
    const viewKey = localStorage.getItem(VIEW_KEY);
    return viewKey === null || !readBookSnapshot(localStorage, snapshotIdentity(wanted, pack.data, settings.data, viewKey));
  }, [pictured, pack.data, settings.data, wanted]);
  const live = !!view && !!pack.data && !!settings.data;
  // In the commit that draws what replaces it: no frame shows both, or neither.
  useLayoutEffect(() => {
    if (pictured && (live || foreign || failed)) {
      dropBookSnapshot(document);
      setPictured(false);
    }
  }, [pictured, live, foreign, failed]);
  if (failed) {
    return (
      <main className="portfolio">
        <p role="alert" className="banner banner--warn">
          {failed.message}
        </p>
      </main>
    );
  }
  if (!live) {
    // The picture holds the screen meanwhile; without one, the page says it is reading.
    return pictured && !foreign ? null : (
      <main className="portfolio">
        <p className="muted">{t('portfolio.loading')}</p>
      </main>
    );
  }
  return <Book view={view} partial={!book.whole.data} pack={pack.data!} settings={settings.data!} onSeen={() => seen.mutate()} seeing={seen.isPending} load={load} />;
}

/**
 * The book. `partial`: the view holds only the first screenful of the page's view (already filtered
 * and sorted by the background) and the whole book is on its way; the filters wait for it.
 */
function Book({ view, partial, pack, settings, onSeen, seeing, load }: { view: PortfolioView; partial: boolean; pack: PackView; settings: Settings; onSeen: () => void; seeing: boolean; load: ReturnType<typeof useBookLoad> }) {
  const i18n = useI18n();
  const { t, text: label } = i18n;
  // The first visit opens on the CSM's own book (the pack's CSM field = me) when they have one; the whole book otherwise.
  const [filters, setFilters] = useState<BookFilters>(() => openingFilters(readKeptView(localStorage)?.filters ?? null, view.hasMine));
  const [sort, setSort] = useState(() => readKeptView(localStorage)?.sort ?? 0);
  useEffect(() => {
    localStorage.setItem(VIEW_KEY, viewKeyOf(filters, sort));
  }, [filters, sort]);
  const [views, setViews] = useState(readViews);
  const keepViews = (next: Array<SavedView<BookFilters>>) => {
    setViews(next);
    localStorage.setItem(VIEWS_KEY, JSON.stringify(next));
  };
  const prepared = useMemo(() => (partial ? [] : prepare(view.rows)), [view.rows, partial]);
  const [by, dir] = SORTS[sort] ?? SORTS[0]!;
  const shown = useMemo(() => (partial ? view.rows : sortBook(filterBook(prepared, filters, view.me), by, dir)), [partial, view.rows, prepared, filters, view.me, by, dir]);
  const shownCount = partial ? (view.first?.shown ?? view.rows.length) : shown.length;
  const set = (patch: Partial<BookFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const one = (v: string) => (v === '' ? undefined : [v]);
  const now = Date.now();
  // The CSMs the book names (the pack's CSM field), for "a chosen CSM".
  const csms = useMemo(() => {
    const names = new Map<string, string>();
    for (const r of view.rows) if (r.ownerId && !view.me.ids.includes(r.ownerId)) names.set(r.ownerId, r.owner ?? r.ownerId);
    return [...names.entries()].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  }, [view.rows, view.me.ids]);
  // After each drawing of the book, its first screenful in words for the next open's snapshot; not
  // while a search is typed (the search is not kept, so the next open shows the view without it).
  useEffect(() => {
    if (filters.query || partial) return;
    const at = Date.now();
    const snapshot: BookSnapshot & { chips: NonNullable<BookSnapshot['chips']> } = {
      v: 1,
      identity: snapshotIdentity(i18n.locale, pack, settings, viewKeyOf(filters, sort)),
      takenAt: new Date(at).toISOString(),
      total: view.counts.total,
      shown: shown.length,
      bands: view.counts.bands,
      levels: view.counts.levels,
      rows: shown.slice(0, SNAPSHOT_ROWS).map((r) => snapshotRow(r, pack, i18n, at)),
      chips: { bands: pack.bands.map((b) => ({ id: b.id, label: b.label, min: b.min, ...(b.color ? { color: b.color } : {}) })), levels: pack.levels.map((l) => ({ level: l.level })) },
    };
    // Its markup is a render of 30 rows: taken when the page is idle, never in the frame of a click.
    return whenIdle(() => writeBookSnapshot(localStorage, { ...snapshot, html: snapshotMarkup(snapshot, i18n.locale) }));
  }, [shown, filters, sort, view.counts, pack, settings, i18n, partial]);
  const [handoverOf, setHandoverOf] = useState<{ key: string; name: string } | null>(null);
  const handover = useHandover(handoverOf?.key ?? null);
  const sheetsCsv = useHandoverCsv();
  const downloadSheets = () =>
    sheetsCsv.mutate(
      shown.map((r) => r.key),
      { onSuccess: (r) => downloadCsv(`sidecar-handover-${fileStamp()}.csv`, r.csv) },
    );

  return (
    <main className="portfolio" aria-busy={partial} data-book={partial ? 'first' : 'whole'}>
      <header className="portfolio__head">
        <h1>{t('portfolio.title')}</h1>
        <p className="small muted">{t('portfolio.subtitle', { n: view.counts.total })}</p>
        <div className="portfolio__counts" role="group" aria-label={t('portfolio.counts')}>
          {pack.bands.map((b) => (
            <button
              type="button"
              key={b.id}
              className={`count-chip${filters.bands?.includes(b.id) ? ' is-on' : ''}`}
              aria-pressed={!!filters.bands?.includes(b.id)}
              data-testid={`count-${b.id}`}
              onClick={() => set({ bands: filters.bands?.includes(b.id) ? undefined : [b.id] })}
              disabled={partial}
            >
              <BandBadge bands={pack.bands} band={b.id} /> <strong>{view.counts.bands[b.id] ?? 0}</strong>
            </button>
          ))}
          {pack.levels.map((l) => (
            <span key={l.level} className="count-chip count-chip--level" data-testid={`count-level-${l.level}`}>
              {t('maturity.level', { n: l.level })} <strong>{view.counts.levels[String(l.level)] ?? 0}</strong>
            </span>
          ))}
        </div>
      </header>

      <LoadBar status={load.status} onLoad={load.start} now={now} />

      {handoverOf ? (
        handover.data ? (
          <HandoverSheet sheet={handover.data.sheet} text={handover.data.text} email={handover.data.email} bands={pack.bands} onCopy={(text) => copyText(text)} onClose={() => setHandoverOf(null)} />
        ) : handover.error ? (
          <p role="alert" className="banner banner--warn">
            {handover.error.message}{' '}
            <button type="button" className="link-btn" onClick={() => setHandoverOf(null)}>
              {t('portfolio.handoverClose')}
            </button>
          </p>
        ) : (
          <p className="card small muted" role="status">
            {t('portfolio.handoverLoading', { name: handoverOf.name })}
          </p>
        )
      ) : null}

      <ChangesList changes={view.changes} lastLookedAt={view.lastLookedAt} bands={pack.bands} onSeen={onSeen} seeing={seeing} />

      <section className="card" aria-label={t('portfolio.sort')} aria-busy={partial}>
        <fieldset className="portfolio__filters" disabled={partial}>
        <label className="field field--wide">
          <span>{t('portfolio.search')}</span>
          <input type="search" value={filters.query ?? ''} onChange={(e) => set({ query: e.target.value || undefined })} aria-describedby="search-hint" />
          <span id="search-hint" className="small muted">
            {t('portfolio.searchHint')}
          </span>
        </label>
        <FilterSelect
          label={t('portfolio.owner')}
          value={filters.owner ?? ''}
          anyLabel={t('portfolio.ownerAll')}
          options={[{ value: 'me', label: t('portfolio.ownerMine') }, ...csms]}
          onChange={(v) => set({ owner: v || undefined })}
        />
        <FilterSelect
          label={t('portfolio.filterBand')}
          value={filters.bands?.[0] ?? ''}
          anyLabel={t('portfolio.any')}
          options={pack.bands.map((b) => ({ value: b.id, label: label(b.label) }))}
          onChange={(v) => set({ bands: one(v) })}
        />
        <FilterSelect
          label={t('portfolio.filterStage')}
          value={filters.stages?.[0] ?? ''}
          anyLabel={t('portfolio.any')}
          options={pack.stages.map((x) => ({ value: x.id, label: label(x.label) }))}
          onChange={(v) => set({ stages: one(v) })}
        />
        <FilterSelect
          label={t('portfolio.filterLevel')}
          value={String(filters.levels?.[0] ?? '')}
          anyLabel={t('portfolio.any')}
          options={pack.levels.map((l) => ({ value: String(l.level), label: `${t('maturity.level', { n: l.level })} ${label(l.label)}` }))}
          onChange={(v) => set({ levels: v ? [Number(v)] : undefined })}
        />
        <FilterSelect
          label={t('portfolio.filterTouch')}
          value={filters.touchModels?.[0] ?? ''}
          anyLabel={t('portfolio.any')}
          options={pack.touchModels.map((m) => ({ value: m.id, label: label(m.label) }))}
          onChange={(v) => set({ touchModels: one(v) })}
        />
        <FilterSelect
          label={t('portfolio.filterRenewal')}
          value={String(filters.renewalWithinDays ?? '')}
          anyLabel={t('portfolio.any')}
          options={[30, 60, 90, 180].map((n) => ({ value: String(n), label: t('portfolio.renewalWithin', { n }) }))}
          onChange={(v) => set({ renewalWithinDays: v ? Number(v) : undefined })}
        />
        <FilterSelect
          label={t('portfolio.sort')}
          value={String(sort)}
          options={SORTS.map(([, , key], i) => ({ value: String(i), label: t(`portfolio.${key}`) }))}
          onChange={(v) => setSort(Number(v))}
        />
        <SavedViews
          views={views}
          onApply={(v) => {
            setFilters(v.filters);
            setSort(v.sort);
          }}
          onSave={(name) => keepViews([...views.filter((v) => v.name !== name), { name, filters, sort }])}
          onDelete={(name) => keepViews(views.filter((v) => v.name !== name))}
        />
        </fieldset>
      </section>

      <div className="portfolio__tools">
        <p className="small muted" role="status" data-testid="book-shown">
          {t('portfolio.shown', { n: shownCount, total: view.counts.total })}
        </p>
        {shownCount ? (
          <button type="button" className="btn btn--small" onClick={downloadSheets} disabled={sheetsCsv.isPending || partial}>
            {sheetsCsv.isPending ? t('portfolio.handoverCsvBusy', { n: shownCount }) : t('portfolio.handoverCsv', { n: shownCount })}
          </button>
        ) : null}
        {sheetsCsv.data?.failed.length ? (
          <p role="alert" className="small banner banner--warn">
            {t('portfolio.handoverCsvFailed', { n: sheetsCsv.data.failed.length, list: sheetsCsv.data.failed.map((f) => f.message).join(' / ') })}
          </p>
        ) : null}
        {sheetsCsv.error ? (
          <p role="alert" className="small banner banner--warn">
            {sheetsCsv.error.message}
          </p>
        ) : null}
      </div>
      {view.counts.total === 0 ? (
        <p className="card">{t('portfolio.emptyBook')}</p>
      ) : shown.length === 0 ? (
        <p className="card">{t('portfolio.empty')}</p>
      ) : (
        <BookTable rows={shown} pack={pack} now={now} onHandover={(r) => setHandoverOf({ key: r.key, name: r.name })} />
      )}
    </main>
  );
}
