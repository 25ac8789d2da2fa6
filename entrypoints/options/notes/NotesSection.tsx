import { useRef, useState, type ChangeEvent } from 'react';
import { downloadCsv, downloadJson, fileStamp } from '../../../lib/ui/download';
import { useT } from '../i18n';
import { useNotesExport, useNotesImport, useOutbox, useOutboxRetry } from '../hooks';
import { Button, Card, ErrorAlert, Notice, Pill, Section } from '../ui';
import { NOTES_FILE_MAX_BYTES, type ImportProblem } from '../../../lib/background/note-import';
import { SidecarError } from '../../../lib/messages/envelope';
import { notesCsv, parseNotesFile } from '../../../lib/notes/file';

function ExportCard() {
  const { t, number } = useT();
  const exporter = useNotesExport();
  const [last, setLast] = useState<{ format: 'json' | 'csv'; count: number } | null>(null);
  const [pending, setPending] = useState<'json' | 'csv' | null>(null);

  const run = (format: 'json' | 'csv') => {
    setPending(format);
    setLast(null);
    exporter.mutate(undefined, {
      onSettled: () => setPending(null),
      onSuccess: (data) => {
        const stamp = fileStamp(new Date(data.exportedAt));
        if (format === 'json') downloadJson(`sidecar-notes-${stamp}.json`, data);
        else downloadCsv(`sidecar-notes-${stamp}.csv`, notesCsv(data.notes));
        setLast({ format, count: format === 'json' ? data.notes.length : data.notes.filter((n) => !n.deletedAt).length });
      },
    });
  };

  return (
    <Card title={t('notes.export')} labelledBy="notes-export-title">
      <p className="muted">{t('notes.exportIntro')}</p>
      <div className="actions">
        <Button variant="primary" onClick={() => run('json')} busy={pending === 'json'} disabled={pending !== null}>
          {t('notes.exportJson')}
        </Button>
        <Button onClick={() => run('csv')} busy={pending === 'csv'} disabled={pending !== null}>
          {t('notes.exportCsv')}
        </Button>
      </div>
      {last ? <Notice tone="ok">{t('notes.exported', { count: number(last.count), format: last.format.toUpperCase() })}</Notice> : null}
      <ErrorAlert error={exporter.error} />
    </Card>
  );
}

function ImportCard() {
  const { t, number } = useT();
  const importer = useNotesImport();
  const input = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const problems = importProblems(importer.error);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    importer.reset();
    setFileError(null);
    if (file.size > NOTES_FILE_MAX_BYTES) {
      setFileError(t('notes.tooLarge', { file: file.name, mb: number(Math.round(file.size / 1024 / 1024)), max: number(NOTES_FILE_MAX_BYTES / 1024 / 1024) }));
      return;
    }
    const parsed = parseNotesFile(await file.text());
    if (!parsed.ok) {
      setFileError(parsed.reason === 'json' ? t('notes.notJson', { file: file.name }) : t('notes.notExport', { file: file.name, detail: parsed.detail }));
      return;
    }
    importer.mutate(parsed.notes);
  };

  return (
    <Card title={t('notes.import')} labelledBy="notes-import-title">
      <p className="muted">{t('notes.importIntro')}</p>
      <div className="actions">
        <label className="btn btn--secondary file-btn">
          <input ref={input} type="file" accept=".json,application/json" className="visually-hidden" onChange={(e) => void onFile(e)} />
          {importer.isPending ? t('notes.importing') : t('notes.chooseJson')}
        </label>
      </div>
      {importer.data ? (
        <Notice tone="ok">
          <span data-testid="notes-import-result">{t('notes.imported', { added: number(importer.data.added), skipped: number(importer.data.skipped) })}</span>
        </Notice>
      ) : null}
      {fileError ? (
        <div className="alert alert--bad" role="alert">
          {fileError}
        </div>
      ) : null}
      {problems ? (
        <div className="alert alert--bad" role="alert" data-testid="notes-import-problems">
          <p>{t('notes.rejected')}</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.row}:${p.field}`}>{t(`notes.problem.${p.code}`, { row: number(p.row), field: p.field, ...p.params })}</li>
            ))}
          </ul>
        </div>
      ) : (
        <ErrorAlert error={importer.error} />
      )}
    </Card>
  );
}

/** The rows and fields an import refused, from the error's detail (codes, rendered here in the user's language). */
function importProblems(error: unknown): ImportProblem[] | null {
  if (!(error instanceof SidecarError) || error.code !== 'import-rejected') return null;
  const list = error.detail?.problems;
  return Array.isArray(list) ? (list as ImportProblem[]) : null;
}

function OutboxCard() {
  const { t, number, dateTime } = useT();
  const outbox = useOutbox();
  const retry = useOutboxRetry();
  const s = outbox.data;
  const waiting = s ? s.pending + s.failed + s.needsAuth : 0;
  const pill = !s ? null : s.failed || s.needsAuth ? <Pill tone="bad">{t('outbox.attention')}</Pill> : s.pending ? <Pill tone="warn">{t('outbox.sending')}</Pill> : <Pill tone="ok">{t('outbox.clear')}</Pill>;

  return (
    <Card title={t('outbox.title')} status={pill} labelledBy="outbox-title">
      <p className="muted">{t('outbox.intro')}</p>
      {s ? (
        <dl className="counts" data-testid="outbox-counts">
          <div>
            <dt>{t('outbox.pending')}</dt>
            <dd>{number(s.pending)}</dd>
          </div>
          <div className={s.failed ? 'is-bad' : undefined}>
            <dt>{t('outbox.failed')}</dt>
            <dd>{number(s.failed)}</dd>
          </div>
          <div className={s.needsAuth ? 'is-bad' : undefined}>
            <dt>{t('outbox.needsAuth')}</dt>
            <dd>{number(s.needsAuth)}</dd>
          </div>
        </dl>
      ) : null}
      {s?.nextAttemptAt && waiting ? <p className="small muted">{t('outbox.next', { time: dateTime(s.nextAttemptAt) })}</p> : null}
      {s?.lastError ? (
        <div className="alert alert--bad" role="alert">
          <strong>{t('outbox.lastError')}</strong>
          <p>{s.lastError}</p>
        </div>
      ) : null}
      {s?.needsAuth ? <p className="small">{t('outbox.needsAuthHint')}</p> : null}
      <div className="actions">
        <Button onClick={() => retry.mutate()} busy={retry.isPending} busyLabel={t('outbox.retrying')} disabled={!waiting}>
          {t('outbox.retry')}
        </Button>
      </div>
      <ErrorAlert error={outbox.error ?? retry.error} />
    </Card>
  );
}

export function NotesSection() {
  const { t } = useT();
  return (
    <Section id="notes" title={t('nav.notes')} intro={t('notes.intro')}>
      <div className="cards cards--3">
        <ExportCard />
        <ImportCard />
        <OutboxCard />
      </div>
    </Section>
  );
}
