import { useRef, type ChangeEvent } from 'react';
import type { PackCheck } from '../../../lib/messages/options';
import { useT } from '../i18n';
import { Button, ErrorAlert } from '../ui';
import { CheckResult } from './CheckResult';

export interface PackEditorProps {
  draft: string;
  fileName: string | undefined;
  onEdit: (json: string) => void;
  onLoadFile: (file: File) => void;
  /** The check of exactly this draft, or null when it has not been checked since the last edit. */
  check: PackCheck | null;
  onCheck: () => void;
  checking: boolean;
  onInstall: () => void;
  installing: boolean;
  installed: boolean;
  error: unknown;
  /** Why nothing can be installed here (policy or a pack URL governs the pack); checking still works. */
  locked?: string | undefined;
}

export function PackEditor(p: PackEditorProps) {
  const { t } = useT();
  const fileInput = useRef<HTMLInputElement>(null);
  const canInstall = !!p.check?.ok && !p.locked;

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) p.onLoadFile(file);
    // The same file chosen again after an edit must load again.
    e.target.value = '';
  };

  return (
    <div className="card" role="group" aria-labelledby="pack-editor-title">
      <div className="card__head">
        <h3 id="pack-editor-title">{t('pack.editor')}</h3>
        <div className="actions">
          <input ref={fileInput} id="pack-file" type="file" accept=".json,application/json" className="visually-hidden" onChange={onFile} tabIndex={-1} aria-hidden="true" />
          <Button variant="ghost" onClick={() => fileInput.current?.click()}>
            {t('pack.loadFile')}
          </Button>
        </div>
      </div>
      <label htmlFor="pack-json" className="field__label">
        {t('pack.json')}
        {p.fileName ? <span className="muted"> · {p.fileName}</span> : null}
      </label>
      <textarea
        id="pack-json"
        className="code"
        spellCheck={false}
        rows={16}
        value={p.draft}
        onChange={(e) => p.onEdit(e.target.value)}
        aria-describedby="pack-json-hint"
      />
      <p className="field__hint" id="pack-json-hint">
        {t('pack.jsonHint')}
      </p>
      <div className="actions">
        <Button onClick={p.onCheck} busy={p.checking} busyLabel={t('pack.checking')} disabled={!p.draft.trim()}>
          {t('pack.check')}
        </Button>
        <Button variant="primary" onClick={p.onInstall} busy={p.installing} busyLabel={t('pack.installing')} disabled={!canInstall} aria-describedby="install-why">
          {t('pack.install')}
        </Button>
        <span className="muted small" id="install-why">
          {p.locked ?? (p.check === null ? t('pack.installNeedsCheck') : p.check.ok ? '' : t('pack.installBlocked'))}
        </span>
      </div>
      {p.installed ? (
        <div className="alert alert--ok" role="status">
          {t('pack.installedNow')}
        </div>
      ) : p.check ? (
        <CheckResult result={p.check} />
      ) : null}
      <ErrorAlert error={p.error} />
    </div>
  );
}
