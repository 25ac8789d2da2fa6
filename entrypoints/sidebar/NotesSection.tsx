import { useI18n } from '../../components/i18n';
import { NoteComposer } from '../../components/NoteComposer';
import { NotesList } from '../../components/NotesList';
import type { RecordRef } from '../../lib/crm/detect';
import type { PackView } from '../../lib/messages/protocol';
import { useDeleteNote, useNoteDraft, useNotes, useSaveNote } from '../../lib/ui/queries';
import type { Notify } from './App';

export interface NotesSectionProps {
  recordRef: RecordRef;
  accountKey: string;
  /** The record the page itself shows (a contact's note belongs to that contact too). */
  origin: { objectType: string; recordId: string };
  ratings: PackView['ratings'];
  notify: Notify;
}

/** The notes container: the draft, the list, saving and deleting. */
export function NotesSection({ recordRef, accountKey, origin, ratings, notify }: NotesSectionProps) {
  const { t } = useI18n();
  const notes = useNotes(accountKey);
  const draft = useNoteDraft(accountKey);
  const save = useSaveNote(recordRef);
  const remove = useDeleteNote(accountKey);

  const submit = () => {
    const v = draft.value;
    save.mutate(
      { accountKey, origin, text: v.text.trim(), ratings: v.ratings, touchpoint: v.touchpoint },
      {
        onSuccess: () => {
          draft.reset();
          notify(t('notes.saved'));
        },
      },
    );
  };

  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title" className="card__title">
        {t('notes.title')}
      </h2>
      <NoteComposer
        ratings={ratings}
        value={draft.value}
        onChange={draft.setValue}
        onSubmit={submit}
        saving={save.isPending}
        hasDraft={draft.ready}
        {...(save.error ? { error: t('notes.saveFailed', { message: save.error.message }) } : {})}
      />
      {notes.error ? (
        <p className="form__error" role="alert">
          {notes.error.message}
        </p>
      ) : null}
      <NotesList
        notes={notes.data ?? []}
        ratings={ratings}
        onDelete={(id, alsoInCrm) =>
          remove.mutate(
            { id, alsoInCrm },
            { onSuccess: () => notify(t('notes.deleted')), onError: (err) => notify(t('notes.deleteFailed', { message: err.message }), 'error') },
          )
        }
      />
    </section>
  );
}
