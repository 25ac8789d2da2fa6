import { useState } from 'react';
import type { NoteView, PackView } from '../lib/messages/protocol';
import { Dialog } from './Dialog';
import { useI18n } from './i18n';
import { TrashIcon } from './Icons';

function DeleteNoteDialog({ note, onConfirm, onClose }: { note: NoteView; onConfirm: (alsoInCrm: boolean) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [alsoInCrm, setAlsoInCrm] = useState(false);
  // A note kept local has nothing in the CRM. One still being sent may arrive there:
  // the delete then waits for the send's outcome and removes what arrived.
  const inCrm = note.status !== 'local-only';
  const sending = inCrm && note.status !== 'synced' && !note.remoteId;
  return (
    <Dialog title={t('notes.deleteTitle')} onClose={onClose}>
      <p className="small">{t('notes.deleteBody')}</p>
      <blockquote className="quote small">{note.text.slice(0, 200) || '—'}</blockquote>
      {inCrm ? (
        <label className="check">
          <input type="checkbox" checked={alsoInCrm} onChange={(e) => setAlsoInCrm(e.target.checked)} />
          <span>{t('notes.deleteCrm')}</span>
        </label>
      ) : null}
      {sending ? (
        <p className="small muted" data-testid="delete-while-sending">
          {t('notes.deleteWhileSending')}
        </p>
      ) : null}
      <div className="form__actions">
        <button type="button" className="btn" onClick={onClose} data-autofocus>
          {t('override.cancel')}
        </button>
        <button type="button" className="btn btn--danger" onClick={() => onConfirm(inCrm && alsoInCrm)}>
          {t('notes.deleteConfirm')}
        </button>
      </div>
    </Dialog>
  );
}

/** The account's notes, the CSM's own and the team's from the CRM, each with where it stands in the sync. */
export function NotesList({ notes, ratings, onDelete }: { notes: NoteView[]; ratings: PackView['ratings']; onDelete: (id: string, alsoInCrm: boolean) => void }) {
  const { t, text, dateTime } = useI18n();
  const [deleting, setDeleting] = useState<NoteView | null>(null);
  if (!notes.length) return <p className="small muted">{t('notes.empty')}</p>;
  const ratingText = (id: string, v: number) => {
    const r = ratings.find((x) => x.id === id);
    if (!r) return t('notes.ratingUnknown', { id, value: v });
    const point = r.points.find((p) => p.value === v);
    return `${text(r.label)} ${v}${point ? ` (${text(point.label)})` : ''}`;
  };
  return (
    <>
      <ul className="plain-list notes" aria-label={t('notes.title')}>
        {notes.map((n) => (
          <li key={n.id} className="note" data-note-id={n.id}>
            <div className="note__head small">
              <span className="chip">{t(`touchpoint.${n.touchpoint}`)}</span>
              <time dateTime={n.createdAt} className="muted">
                {dateTime(n.createdAt)}
              </time>
              {n.author ? <span className="muted note__author">{n.author}</span> : null}
              <span className="spacer" />
              {n.fromCrm ? (
                <span className="chip chip--crm">{t('notes.fromCrm')}</span>
              ) : (
                <span className={`chip chip--status chip--${n.status}`} data-status={n.status}>
                  {t(`status.${n.status}`)}
                </span>
              )}
              {n.fromCrm ? null : (
                <button type="button" className="icon-btn" onClick={() => setDeleting(n)} aria-label={t('notes.deleteNamed', { date: dateTime(n.createdAt) })} title={t('notes.delete')}>
                  <TrashIcon />
                </button>
              )}
            </div>
            {n.text ? <p className="note__text">{n.text}</p> : null}
            {n.editedInCrm ? (
              <p className="small muted" data-testid="note-edited">
                {t('notes.editedInCrm')}
              </p>
            ) : null}
            {n.cut ? (
              <p className="small muted" data-testid="note-cut">
                {t('notes.cut')}
              </p>
            ) : null}
            {Object.keys(n.ratings).length ? (
              <p className="note__ratings small muted">
                {Object.entries(n.ratings)
                  .map(([id, v]) => ratingText(id, v))
                  .join(' · ')}
              </p>
            ) : null}
            {(n.status === 'failed' || n.status === 'needs-auth') && n.error ? (
              <p className="note__error small" role="note">
                {n.error}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {deleting ? (
        <DeleteNoteDialog
          note={deleting}
          onClose={() => setDeleting(null)}
          onConfirm={(alsoInCrm) => {
            onDelete(deleting.id, alsoInCrm);
            setDeleting(null);
          }}
        />
      ) : null}
    </>
  );
}
