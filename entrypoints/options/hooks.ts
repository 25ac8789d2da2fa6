import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ConnectionsStatus } from '../../lib/messages/options';
import type { RequestOf } from '../../lib/messages/index';
import type { Settings } from '../../lib/messages/protocol';
import type { Locale } from '../../lib/i18n/index';
import type { SidecarDb } from '../../lib/db/schema';
import { recentImports } from '../../lib/db/imports';
import { call } from '../../lib/ui/options-messaging';
import type { ImportRow as StoredImport } from '../../lib/db/schema';
import type { MappingError, ReportRow } from '../../lib/import/index';
import { initialDraft, loadCsv, runImport, toMapping, type ImportPhase, type LoadedCsv } from '../../lib/import-job/pipeline';
import { mappingProblems, type MappingDraft } from '../../lib/import/mapping-draft';
import { packModel, type SignalField } from '../../lib/packs/pack-model';
import { snapshots } from '../../lib/view-snapshot/session';

// Every read and write the options page makes goes through these hooks; the
// components take plain props and callbacks.

export const optionsKeys = {
  connections: ['options', 'connections'] as const,
  settings: ['settings'] as const,
  pack: ['options', 'pack'] as const,
  outbox: ['options', 'outbox'] as const,
  imports: ['options', 'imports'] as const,
};

export function useConnections() {
  return useQuery({ queryKey: optionsKeys.connections, queryFn: () => call('connections.status', {}) });
}

function usePatchConnections() {
  const qc = useQueryClient();
  return <K extends keyof ConnectionsStatus>(crm: K, status: ConnectionsStatus[K]) =>
    qc.setQueryData<ConnectionsStatus>(optionsKeys.connections, (old) => (old ? { ...old, [crm]: status } : old));
}

export function useHubspot() {
  const patch = usePatchConnections();
  const qc = useQueryClient();
  // A new connection has its own owners: "You" reads them again.
  const people = () => void qc.invalidateQueries({ queryKey: ['options', 'people'] });
  const connect = useMutation({
    mutationFn: (token: string) => call('hubspot.connect', { token }),
    onSuccess: (status) => {
      patch('hubspot', status);
      people();
    },
  });
  const disconnect = useMutation({
    mutationFn: () => call('hubspot.disconnect', {}),
    onSuccess: (status) => {
      patch('hubspot', status);
      people();
    },
  });
  return { connect, disconnect };
}

export function useSalesforce() {
  const patch = usePatchConnections();
  const configure = useMutation({
    mutationFn: (cfg: RequestOf<'salesforce.configure'>) => call('salesforce.configure', cfg),
    onSuccess: (status) => patch('salesforce', status),
  });
  const connect = useMutation({
    mutationFn: () => call('salesforce.connect', {}),
    onSuccess: (status) => patch('salesforce', status),
  });
  const disconnect = useMutation({
    mutationFn: () => call('salesforce.disconnect', {}),
    onSuccess: (status) => patch('salesforce', status),
  });
  return { configure, connect, disconnect };
}

export function useSettings() {
  return useQuery({ queryKey: optionsKeys.settings, queryFn: () => call('settings.get', {}), staleTime: Infinity });
}

export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (next: Settings) => call('settings.set', next),
    onSuccess: (saved) => qc.setQueryData(optionsKeys.settings, saved),
  });
}

/** The installed pack as JSON, with what the page derives from it (signals, band labels). */
export function usePackCurrent(locale: Locale) {
  const query = useQuery({ queryKey: optionsKeys.pack, queryFn: () => call('pack.current', {}) });
  const json = query.data?.json;
  const model = useMemo(() => packModel(json, locale), [json, locale]);
  return { ...query, model };
}

export function usePackCheck() {
  return useMutation({ mutationFn: (json: string) => call('pack.check', { json }) });
}

export function usePackInstall() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RequestOf<'pack.install'>) => call('pack.install', input),
    // Awaited: the caller's own onSuccess runs once the new pack is read back, so the map editor restarts from it
    // (not from the pack it replaced, which it showed until a reload).
    onSuccess: async (result) => {
      if (result.ok) await qc.invalidateQueries({ queryKey: optionsKeys.pack });
    },
  });
}

export function usePackReset() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call('pack.reset', {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: optionsKeys.pack }),
  });
}

export function usePackPreview() {
  return useMutation({ mutationFn: (input: RequestOf<'pack.preview'>) => call('pack.preview', input) });
}

export function useNotesExport() {
  return useMutation({ mutationFn: () => call('notes.export', {}) });
}

export function useNotesImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (notes: RequestOf<'notes.import'>['notes']) => call('notes.import', { notes }),
    // Restored notes may have joined the outbox.
    onSuccess: () => void qc.invalidateQueries({ queryKey: optionsKeys.outbox }),
  });
}

export function useOutbox() {
  return useQuery({
    queryKey: optionsKeys.outbox,
    queryFn: () => call('outbox.status', {}),
    // The sender works in the background: look again while anything waits.
    refetchInterval: (q) => {
      const s = q.state.data;
      return s && s.pending + s.failed + s.needsAuth > 0 ? 10_000 : 60_000;
    },
  });
}

export function useOutboxRetry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call('outbox.retry', {}),
    onSuccess: (status) => qc.setQueryData(optionsKeys.outbox, status),
  });
}

/** The CSV imports already in this browser's database, newest first. */
export function useRecentImports(db: SidecarDb) {
  return useQuery({ queryKey: optionsKeys.imports, queryFn: () => recentImports(db, 8) });
}

export type CsvState =
  | { stage: 'idle' }
  | { stage: 'loading'; fileName: string; fraction: number }
  | { stage: 'error'; kind: 'fatal' | 'unreadable' | 'too-big' | 'failed'; fileName: string; detail: string }
  | { stage: 'mapping'; csv: LoadedCsv; draft: MappingDraft; source: 'remembered' | 'suggested'; mappingErrors?: MappingError[] }
  | { stage: 'importing'; csv: LoadedCsv; draft: MappingDraft; source: 'remembered' | 'suggested'; phase: ImportPhase; done: number; total: number }
  | { stage: 'done'; csv: LoadedCsv; record: StoredImport; rejected: ReportRow[]; replaced: boolean };

/**
 * The CSV import's steps as one state machine: choose → parse (progress) →
 * map (pre-filled) → import (progress) → result. The heavy work yields
 * between chunks, so the page keeps painting and answering input.
 */
export function useCsvImport(db: SidecarDb, signals: readonly SignalField[], locale: Locale, now: () => Date = () => new Date()) {
  const qc = useQueryClient();
  const [state, setState] = useState<CsvState>({ stage: 'idle' });
  // A newer file replaces an older one still parsing: its late answer must not land.
  const run = useRef(0);

  const choose = useCallback(
    async (file: File) => {
      const id = ++run.current;
      setState({ stage: 'loading', fileName: file.name, fraction: 0 });
      try {
        const loaded = await loadCsv(db, file, locale, (fraction) => {
          if (run.current === id) setState({ stage: 'loading', fileName: file.name, fraction });
        });
        if (run.current !== id) return;
        if (!loaded.ok) return setState({ stage: 'error', kind: loaded.error.kind, fileName: file.name, detail: loaded.error.detail });
        setState({ stage: 'mapping', csv: loaded.csv, ...initialDraft(loaded.csv, signals) });
      } catch (err) {
        if (run.current === id) setState({ stage: 'error', kind: 'unreadable', fileName: file.name, detail: err instanceof Error ? err.message : String(err) });
      }
    },
    [db, locale, signals],
  );

  const setDraft = useCallback((draft: MappingDraft) => {
    setState((s) => (s.stage === 'mapping' ? { stage: 'mapping', csv: s.csv, draft, source: s.source } : s));
  }, []);

  const start = useCallback(async () => {
    if (state.stage !== 'mapping' || mappingProblems(state.draft).length > 0) return;
    const { csv, draft, source } = state;
    const id = ++run.current;
    const at = now();
    setState({ stage: 'importing', csv, draft, source, phase: 'mapping', done: 0, total: csv.parsed.rows.length });
    try {
      const outcome = await runImport(db, csv, toMapping(draft, -at.getTimezoneOffset()), signals, locale, at, (phase, done, total) => {
        if (run.current === id) setState({ stage: 'importing', csv, draft, source, phase, done, total });
      });
      if (run.current !== id) return;
      if (!outcome.ok) return setState({ stage: 'mapping', csv, draft, source, mappingErrors: outcome.mappingErrors });
      setState({ stage: 'done', csv, record: outcome.record, rejected: outcome.rejected, replaced: outcome.replaced });
      void qc.invalidateQueries({ queryKey: optionsKeys.imports });
      // Imported values change scores: no sidebar should first paint a picture from before.
      void snapshots.clear().catch(() => {});
    } catch (err) {
      // importObservations is one transaction: a failure here saved nothing.
      if (run.current === id) setState({ stage: 'error', kind: 'failed', fileName: csv.fileName, detail: err instanceof Error ? err.message : String(err) });
    }
  }, [state, db, signals, locale, now, qc]);

  const reset = useCallback(() => {
    run.current++;
    setState({ stage: 'idle' });
  }, []);

  return { state, choose, setDraft, start, reset };
}

/** Who the CSM is per CRM (the HubSpot owners to pick from, matched by `email`; the signed-in Salesforce user). */
export function usePeople(email: string | undefined, enabled = true) {
  return useQuery({ queryKey: ['options', 'people', email ?? ''], queryFn: () => call('people.status', email ? { email } : {}), enabled, retry: 0 });
}

export function useSetHubspotMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ownerId: string | null) => call('hubspot.me.set', { ownerId }),
    onSuccess: (status) => {
      qc.setQueriesData({ queryKey: ['options', 'people'] }, () => status);
    },
  });
}
