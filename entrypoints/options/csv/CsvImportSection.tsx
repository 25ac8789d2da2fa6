import type { SidecarDb } from '../../../lib/db/schema';
import { rejectionReportCsv } from '../../../lib/import/index';
import { downloadCsv } from '../../../lib/ui/download';
import { useCsvImport, usePackCurrent, useRecentImports, type CsvState } from '../hooks';
import { useT, type OptionsI18n } from '../i18n';
import { Button, ErrorAlert, Notice, Section } from '../ui';
import { FileChooser } from './FileChooser';
import { FileFacts } from './FileFacts';
import { ImportResult } from './ImportResult';
import { mappingProblems } from '../../../lib/import/mapping-draft';
import { MappingTable } from './MappingTable';
import { ProgressBar } from './ProgressBar';
import { RecentImports } from './RecentImports';

const NO_SIGNALS: never[] = [];

function reportName(fileName: string): string {
  return `${fileName.replace(/\.[^.]+$/, '')}-rejected.csv`;
}

function errorText(s: Extract<CsvState, { stage: 'error' }>, t: OptionsI18n['t']): string {
  switch (s.kind) {
    case 'too-big':
      return t('csv.tooBig', { file: s.fileName, max: s.detail });
    case 'unreadable':
      return t('csv.unreadable', { file: s.fileName, detail: s.detail });
    case 'failed':
      return t('csv.failed', { detail: s.detail });
    default:
      // The parser's own words: they say what is wrong with the file and how to fix it.
      return `${s.fileName}: ${s.detail}`;
  }
}

function progressOf(s: CsvState, t: OptionsI18n['t']) {
  if (s.stage === 'loading') return { label: t('csv.parsing'), fraction: s.fraction };
  if (s.stage === 'importing') {
    const label = s.phase === 'mapping' ? t('csv.mapping') : t('csv.writing');
    // Mapping is the first tenth of the bar, the write the rest: the write is what takes time.
    const within = s.total ? s.done / s.total : 1;
    const fraction = s.phase === 'mapping' ? within * 0.1 : 0.1 + within * 0.9;
    return { label, fraction, ...(s.phase === 'writing' ? { done: s.done, total: s.total } : {}) };
  }
  return null;
}

export function CsvImportSection({ db }: { db: SidecarDb }) {
  const i18n = useT();
  const { t, locale, dateTime } = i18n;
  const pack = usePackCurrent(locale);
  const signals = pack.model?.signals ?? NO_SIGNALS;
  const csv = useCsvImport(db, signals, locale);
  const recent = useRecentImports(db);
  const s = csv.state;
  const progress = progressOf(s, t);
  const busy = s.stage === 'loading' || s.stage === 'importing';

  const downloadReport = () => {
    if (s.stage !== 'done') return;
    downloadCsv(reportName(s.csv.fileName), rejectionReportCsv(s.rejected, locale));
  };

  return (
    <Section id="import" title={t('nav.import')} intro={t('csv.intro')}>
      <p className="muted small" data-testid="csv-publish-hint">
        {t('csv.publishHint')} <a href="#publish">{t('nav.publish')}</a>
      </p>
      {pack.error ? <ErrorAlert error={pack.error} /> : null}
      {pack.isSuccess && !pack.model ? <Notice tone="warn">{t('csv.noPack')}</Notice> : null}
      <div className="card" role="group" aria-labelledby="csv-title" aria-busy={busy || undefined}>
        <div className="card__head">
          <h3 id="csv-title">{t('csv.cardTitle')}</h3>
          {s.stage === 'mapping' || s.stage === 'error' ? (
            <Button variant="ghost" onClick={csv.reset}>
              {t('csv.cancel')}
            </Button>
          ) : null}
        </div>

        {s.stage === 'idle' || s.stage === 'error' || s.stage === 'loading' ? <FileChooser onFile={(f) => void csv.choose(f)} disabled={!pack.model || s.stage === 'loading'} /> : null}
        {s.stage === 'loading' ? <p className="muted small">{t('csv.reading', { file: s.fileName })}</p> : null}
        {s.stage === 'error' ? (
          <div className="alert alert--bad" role="alert" data-testid="csv-error">
            {errorText(s, t)}
          </div>
        ) : null}

        {s.stage === 'mapping' || s.stage === 'importing' || s.stage === 'done' ? (
          <FileFacts fileName={s.csv.fileName} encoding={s.csv.parsed.encoding} delimiter={s.csv.parsed.delimiter} columns={s.csv.parsed.headers.length} rows={s.csv.parsed.rows.length} />
        ) : null}

        {(s.stage === 'mapping' || s.stage === 'importing') && s.csv.previous ? (
          <Notice tone="info">
            <span data-testid="csv-same-file">{t('csv.sameFile', { time: dateTime(s.csv.previous.at) })}</span>
          </Notice>
        ) : null}
        {s.stage === 'mapping' && s.csv.warnings.length ? (
          <div className="alert alert--warn" data-testid="csv-warnings">
            <strong>{t('csv.warnings')}</strong>
            <ul className="drivers">
              {s.csv.warnings.slice(0, 5).map((w, i) => (
                <li key={`${w.code}-${w.row}-${i}`}>{w.message}</li>
              ))}
            </ul>
          </div>
        ) : null}

        {s.stage === 'mapping' || s.stage === 'importing' ? (
          <>
            <h4>{t('csv.mappingTitle')}</h4>
            <p className="muted small" data-testid="csv-mapping-source">
              {s.source === 'remembered' ? t('csv.mappingRemembered') : t('csv.mappingSuggested')}
              {s.draft.observedAtColumn ? '' : ` ${t('csv.noObservedAt')}`}
            </p>
            <MappingTable headers={s.csv.parsed.headers} rows={s.csv.parsed.rows} signals={signals} draft={s.draft} onChange={csv.setDraft} disabled={s.stage === 'importing'} />
          </>
        ) : null}
        {s.stage === 'mapping' && s.mappingErrors?.length ? (
          <div className="alert alert--bad" role="alert">
            <strong>{t('csv.mappingErrors')}</strong>
            <ul className="drivers">
              {s.mappingErrors.map((e, i) => (
                <li key={`${e.code}-${i}`}>{e.message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {s.stage === 'mapping' ? (
          <div className="actions">
            <Button variant="primary" onClick={() => void csv.start()} disabled={mappingProblems(s.draft).length > 0}>
              {t('csv.import', { count: i18n.number(s.csv.parsed.rows.length) })}
            </Button>
            {mappingProblems(s.draft).map((key) => (
              <span key={key} className="small field__error">
                {t(key)}
              </span>
            ))}
          </div>
        ) : null}

        {progress ? <ProgressBar {...progress} /> : null}

        {s.stage === 'done' ? (
          <>
            {s.replaced ? <Notice tone="info">{t('csv.sameFile', { time: dateTime(s.csv.previous?.at) })}</Notice> : null}
            <ImportResult accepted={s.record.accepted} rejected={s.rejected} rejectedTotal={s.rejected.length} onDownload={downloadReport} onAnother={csv.reset} />
          </>
        ) : null}
      </div>
      <RecentImports
        imports={recent.data ?? []}
        onDownload={(row) => downloadCsv(reportName(row.fileName), rejectionReportCsv(row.report, locale))}
      />
    </Section>
  );
}
