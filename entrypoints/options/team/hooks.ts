import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { browser } from 'wxt/browser';
import type { TeamStatus } from '../../../lib/messages/options';
import { originPattern } from '../../../lib/team/pack-source';
import { call } from '../../../lib/ui/options-messaging';

// The Team card's reads and writes. A change to the pack's source changes the installed pack too.

export const teamKey = ['options', 'team'] as const;
const packKey = ['options', 'pack'] as const;

export function useTeam() {
  const qc = useQueryClient();
  // IT changed the policy (or Chromium finished loading it): the background re-checks, the card follows.
  useEffect(() => {
    const onChanged = (_changes: unknown, area: string) => {
      if (area === 'managed') void qc.invalidateQueries({ queryKey: ['options'] });
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [qc]);
  const team = useQuery({
    queryKey: teamKey,
    queryFn: () => call('team.status', {}),
    // A slow browser start: ask again until Chromium has answered the policy read.
    refetchInterval: (q) => (q.state.data?.policyPending ? 1_000 : false),
  });
  // The policy came in: the pack it installed replaces the one the other cards show.
  const pending = team.data?.policyPending ?? false;
  const wasPending = useRef(pending);
  useEffect(() => {
    if (wasPending.current && !pending) void qc.invalidateQueries({ queryKey: packKey });
    wasPending.current = pending;
  }, [pending, qc]);
  return team;
}

function useApply() {
  const qc = useQueryClient();
  return (status: TeamStatus) => {
    qc.setQueryData(teamKey, status);
    void qc.invalidateQueries({ queryKey: packKey });
  };
}

/** Whether Sidecar may read the pack URL's origin (its optional host permission). */
export function useOriginGranted(url: string | undefined) {
  const pattern = url ? originPattern(url) : null;
  return useQuery({
    queryKey: ['options', 'team', 'origin', pattern ?? ''],
    queryFn: () => (pattern ? browser.permissions.contains({ origins: [pattern] }) : Promise.resolve(true)),
    enabled: !!pattern,
  });
}

/**
 * Ask for the URL's origin, then save and check it. The request must run in the click itself
 * (chrome.permissions.request needs a user gesture), before any message to the background.
 */
export function useSetPackUrl() {
  const apply = useApply();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (url: string | null) => {
      const pattern = url ? originPattern(url.trim()) : null;
      if (pattern) {
        const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
        void qc.invalidateQueries({ queryKey: ['options', 'team', 'origin'] });
        if (!granted) return { status: null, refused: pattern };
      }
      return { status: await call('team.url.set', { url }), refused: null };
    },
    onSuccess: ({ status }) => {
      if (status) apply(status);
    },
  });
}

/** Grant the origin of a URL that is already set (the policy's, or one saved before the permission). */
export function useGrantOrigin() {
  const apply = useApply();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (url: string) => {
      const pattern = originPattern(url);
      const granted = pattern ? await browser.permissions.request({ origins: [pattern] }).catch(() => false) : false;
      void qc.invalidateQueries({ queryKey: ['options', 'team', 'origin'] });
      return granted ? call('team.check', {}) : null;
    },
    onSuccess: (status) => {
      if (status) apply(status);
    },
  });
}

export function useCheckTeam() {
  const apply = useApply();
  return useMutation({ mutationFn: () => call('team.check', {}), onSuccess: apply });
}

export function useSetRole() {
  const apply = useApply();
  return useMutation({ mutationFn: (role: TeamStatus['role']) => call('team.role.set', { role }), onSuccess: apply });
}
