import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestOf } from '../../../lib/messages/index';
import { browser } from 'wxt/browser';
import { call } from '../../../lib/ui/options-messaging';

// The CS Ops console's reads and writes (issue 18). Keys sit under ['options', 'pack'], so an
// install or a reset (which invalidate that prefix) refreshes the versions too.

export const consoleKeys = {
  versions: ['options', 'pack', 'versions'] as const,
  diff: (from: string, to: string) => ['options', 'pack', 'diff', from, to] as const,
};

export function useVersions() {
  return useQuery({ queryKey: consoleKeys.versions, queryFn: () => call('pack.versions', {}) });
}

export function useVersionDiff(from: string | null, to: string | null) {
  return useQuery({
    queryKey: consoleKeys.diff(from ?? '', to ?? ''),
    queryFn: () => call('pack.diff', { from: from!, to: to! }),
    enabled: !!from && !!to && from !== to,
    placeholderData: keepPreviousData,
  });
}

export function useRollback() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RequestOf<'pack.rollback'>) => call('pack.rollback', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['options', 'pack'] }),
  });
}

/** Every cached account with the pack in force and with this one: read only, asked for once per pack text. */
export function useImpact(json: string | null) {
  return useQuery({ queryKey: ['options', 'impact', json ?? ''], queryFn: () => call('pack.impact', { json: json! }), enabled: !!json, staleTime: 0, gcTime: 0, retry: 0 });
}

/** The pack in force as a file for the team; the policy names this extension by the id Chromium gave this install. */
export function usePackExport() {
  return useMutation({ mutationFn: (target: RequestOf<'pack.export'>['target']) => call('pack.export', { target, extensionId: browser.runtime.id }) });
}
