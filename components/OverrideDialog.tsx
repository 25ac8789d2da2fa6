import { useId, useState, type FormEvent } from 'react';
import type { PackView } from '../lib/messages/protocol';
import { bandsByRank } from './bands';
import { Dialog } from './Dialog';
import { useI18n } from './i18n';

export interface OverrideInput {
  band: string;
  reason: string;
  expiresAt: string;
}

const DAY = 86_400_000;
const isoDay = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Set a band by hand, with the reason a colleague will read and the day it lapses. */
export function OverrideDialog({
  bands,
  initialBand,
  onSave,
  onClose,
  error,
  saving,
  now = Date.now(),
}: {
  bands: PackView['bands'];
  initialBand: string | null;
  onSave: (input: OverrideInput) => void;
  onClose: () => void;
  error?: string;
  saving?: boolean;
  now?: number;
}) {
  const { t, text } = useI18n();
  const ranked = bandsByRank(bands);
  const [band, setBand] = useState(initialBand ?? ranked[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(isoDay(now + 30 * DAY));
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { band: useId(), reason: useId(), until: useId() };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setProblem(t('override.reasonRequired'));
    // The override holds through the chosen day, in the CSM's own time zone.
    const end = new Date(`${until}T23:59:59`).getTime();
    if (!until || Number.isNaN(end) || end <= now) return setProblem(t('override.expiryFuture'));
    setProblem(null);
    onSave({ band, reason: reason.trim(), expiresAt: new Date(end).toISOString() });
  };
  const message = problem ?? error;
  return (
    <Dialog title={t('override.title')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.band}>{t('override.band')}</label>
          <select id={ids.band} value={band} onChange={(e) => setBand(e.target.value)} data-autofocus>
            {ranked.map((b) => (
              <option key={b.id} value={b.id}>
                {text(b.label)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.reason}>{t('override.reason')}</label>
          <textarea id={ids.reason} rows={3} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} aria-invalid={problem === t('override.reasonRequired')} />
        </div>
        <div className="field">
          <label htmlFor={ids.until}>{t('override.expires')}</label>
          <input id={ids.until} type="date" value={until} min={isoDay(now + DAY)} onChange={(e) => setUntil(e.target.value)} />
        </div>
        {message ? (
          <p className="form__error" role="alert">
            {message}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('override.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={saving}>
            {t('override.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
