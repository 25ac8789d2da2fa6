import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecordRef } from '../crm/detect';
import type { DraftView, NoteView, RecordView, Settings } from '../messages/protocol';
import type { RequestOf } from '../messages/index';
import { call } from './messaging';

// Every read the sidebar makes goes through these hooks; components take plain props.

export const recordKey = (ref: RecordRef) => ['record', ref.crm, ref.host, ref.portalId ?? '', ref.objectType, ref.recordId] as const;
const refreshKey = (ref: RecordRef) => ['record-refresh', ...recordKey(ref).slice(1)] as const;
export const packKey = ['pack'] as const;
export const settingsKey = ['settings'] as const;
export const notesKey = (accountKey: string) => ['notes', accountKey] as const;
const draftKey = (accountKey: string) => ['draft', accountKey] as const;

/**
 * The record: `record.open` paints the cached view at once, then
 * `record.refresh` revalidates in the background and replaces it. A failed
 * refresh leaves the cached view on screen and is reported beside it.
 */
export function useRecord(ref: RecordRef | null) {
  const qc = useQueryClient();
  const open = useQuery({
    queryKey: ref ? recordKey(ref) : ['record', 'none'],
    queryFn: () => call('record.open', { ref: ref! }),
    enabled: ref !== null,
    // The refresh below keeps it current; refetching the open answer would only repaint the cache.
    staleTime: Infinity,
  });
  const refresh = useQuery({
    queryKey: ref ? refreshKey(ref) : ['record-refresh', 'none'],
    queryFn: async () => {
      const view = await call('record.refresh', { ref: ref! });
      qc.setQueryData(recordKey(ref!), view);
      // The refresh also read the team's notes from the CRM: the list shows them now, not on the next visit.
      void qc.invalidateQueries({ queryKey: notesKey(view.account.key) });
      return view.sync.fetchedAt ?? new Date().toISOString();
    },
    enabled: ref !== null && open.isSuccess,
    staleTime: 30_000,
    retry: 0,
  });
  return {
    data: open.data,
    loading: ref !== null && open.isPending,
    error: open.error,
    retry: () => void open.refetch(),
    refreshing: refresh.isFetching,
    refreshError: refresh.error,
    refresh: () => void refresh.refetch(),
  };
}

export function usePack() {
  return useQuery({ queryKey: packKey, queryFn: () => call('pack.view', {}), staleTime: Infinity });
}

export function useSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => call('settings.get', {}), staleTime: Infinity });
}

export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (next: Settings) => call('settings.set', next),
    onSuccess: (saved) => {
      qc.setQueryData(settingsKey, saved);
      // Merge values (band labels, CSM name) are shaped in the chosen language and settings.
      void qc.invalidateQueries({ queryKey: ['record'] });
      void qc.invalidateQueries({ queryKey: packKey });
    },
  });
}

export function useNotes(accountKey: string | undefined) {
  return useQuery({
    queryKey: accountKey ? notesKey(accountKey) : ['notes', 'none'],
    queryFn: async () => (await call('notes.list', { accountKey: accountKey! })).notes,
    enabled: !!accountKey,
    // Sync status moves in the background (pending → synced): look again now and then.
    refetchInterval: (q) => ((q.state.data as NoteView[] | undefined)?.some((n) => n.status === 'pending' || n.status === 'syncing') ? 5_000 : false),
  });
}

export function useSaveNote(ref: RecordRef | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RequestOf<'note.save'>) => call('note.save', input),
    onSuccess: (note) => {
      qc.setQueryData<NoteView[]>(notesKey(note.accountKey), (old) => [note, ...(old ?? []).filter((n) => n.id !== note.id)]);
      void qc.invalidateQueries({ queryKey: notesKey(note.accountKey) });
      // Ratings feed the health score.
      if (ref) void qc.invalidateQueries({ queryKey: recordKey(ref) });
    },
  });
}

export function useDeleteNote(accountKey: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; alsoInCrm: boolean }) => call('note.delete', input),
    onSuccess: (_r, input) => {
      if (!accountKey) return;
      qc.setQueryData<NoteView[]>(notesKey(accountKey), (old) => old?.filter((n) => n.id !== input.id));
      void qc.invalidateQueries({ queryKey: notesKey(accountKey) });
    },
  });
}

export function useOverride(ref: RecordRef | null) {
  const qc = useQueryClient();
  const set = useMutation({
    mutationFn: (input: RequestOf<'override.set'>) => call('override.set', input),
    onSuccess: ({ health }) => {
      if (!ref) return;
      qc.setQueryData<RecordView>(recordKey(ref), (old) => (old?.evaluation ? { ...old, evaluation: { ...old.evaluation, health } } : old));
      void qc.invalidateQueries({ queryKey: recordKey(ref) });
    },
  });
  const clear = useMutation({
    mutationFn: (accountKey: string) => call('override.clear', { accountKey }),
    onSuccess: () => {
      if (ref) void qc.invalidateQueries({ queryKey: recordKey(ref) });
    },
  });
  return { set, clear };
}

/** The contact this account's templates greet: shown at once, remembered per account by the background. */
export function useChooseContact(ref: RecordRef | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { accountKey: string; contactId: string | null }) => call('contact.choose', input),
    onMutate: ({ contactId }) => {
      if (ref) qc.setQueryData<RecordView>(recordKey(ref), (old) => (old ? { ...old, ...(contactId ? { contactId } : { contactId: undefined }) } : old));
    },
  });
}

export function useTemplateCopied() {
  return useMutation({ mutationFn: (input: RequestOf<'template.copied'>) => call('template.copied', input) });
}

export interface DraftValue {
  text: string;
  ratings: Record<string, number>;
  touchpoint: DraftView['touchpoint'];
}

export const EMPTY_DRAFT: DraftValue = { text: '', ratings: {}, touchpoint: 'meeting' };
export const DRAFT_DEBOUNCE_MS = 400;

const isEmptyDraft = (d: DraftValue) => d.text.trim() === '' && Object.keys(d.ratings).length === 0;

/**
 * The note being written, kept across closing the sidebar and navigating away:
 * loaded with draft.get, saved with draft.save ~400 ms after the last change,
 * and at once when the sidebar unmounts or the page is hidden.
 */
export function useNoteDraft(accountKey: string | undefined) {
  const loaded = useQuery({
    queryKey: accountKey ? draftKey(accountKey) : ['draft', 'none'],
    queryFn: async () => (await call('draft.get', { accountKey: accountKey! })).draft,
    enabled: !!accountKey,
    staleTime: Infinity,
    gcTime: 0,
  });
  const [value, setValueState] = useState<DraftValue>(EMPTY_DRAFT);
  const [ready, setReady] = useState(false);
  const pending = useRef<{ key: string; value: DraftValue } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const p = pending.current;
    pending.current = null;
    if (!p) return;
    const draft = isEmptyDraft(p.value) ? null : { ...p.value, updatedAt: new Date().toISOString() };
    void call('draft.save', { accountKey: p.key, draft }).catch(() => {});
  }, []);

  // Take the stored draft once per account; typing before it arrives wins.
  useEffect(() => {
    setReady(false);
    setValueState(EMPTY_DRAFT);
  }, [accountKey]);
  useEffect(() => {
    if (ready || !loaded.isFetched) return;
    const d = loaded.data;
    if (d && !pending.current) setValueState({ text: d.text, ratings: d.ratings, touchpoint: d.touchpoint });
    setReady(true);
  }, [loaded.isFetched, loaded.data, ready]);

  // Save on leaving: the account changes, the sidebar unmounts, or the page is hidden.
  useEffect(() => {
    const onHide = () => flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      flush();
    };
  }, [accountKey, flush]);

  const setValue = useCallback(
    (next: DraftValue) => {
      setValueState(next);
      if (!accountKey) return;
      pending.current = { key: accountKey, value: next };
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, DRAFT_DEBOUNCE_MS);
    },
    [accountKey, flush],
  );

  /** After the note is saved: the background already dropped the stored draft. */
  const reset = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    setValueState(EMPTY_DRAFT);
    // A debounced save still in flight could land after note.save dropped the draft: drop it again.
    if (accountKey) void call('draft.save', { accountKey, draft: null }).catch(() => {});
  }, [accountKey]);

  return { value, setValue, reset, ready };
}

/** navigator.onLine, kept current by the online/offline events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}
