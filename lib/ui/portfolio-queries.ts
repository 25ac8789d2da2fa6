import { skipToken, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { FirstScreen, PortfolioView } from '../messages/portfolio';
import { useEffect, useState } from 'react';
import { BOOK_ROW_TIMING, onScreen } from './on-screen';
import { call } from './portfolio-messaging';

// The portfolio page's reads: the book from the cache, the pack's labels, the language.

const bookKey = ['portfolio'] as const;
const firstKey = ['portfolioFirst'] as const;

// The page's first three questions, asked by main.tsx before React mounts (prefetchPortfolio) and
// answered into the same queries the components read.
const settingsQuery = { queryKey: ['settings'], queryFn: () => call('settings.get', {}), staleTime: Infinity } as const;
const packQuery = { queryKey: ['pack'], queryFn: () => call('pack.view', {}), staleTime: Infinity } as const;
const firstQuery = (first: FirstScreen) => ({ queryKey: firstKey, queryFn: () => call('portfolio.view', { first }), staleTime: Infinity, retry: false }) as const;

/** Asks at once for the settings, the pack and the first screenful of the page's view, side by side. */
export function prefetchPortfolio(client: QueryClient, first: FirstScreen): void {
  void client.prefetchQuery(settingsQuery);
  void client.prefetchQuery(packQuery);
  void client.prefetchQuery(firstQuery(first));
}

/**
 * The first screenful (asked by prefetchPortfolio), then the whole book: asked once the first
 * screenful's rows are on screen (or it failed, or holds none), so that neither the few KB the page
 * draws first nor their paint wait behind the whole book's MB (lib/ui/on-screen.ts says why).
 */
export function useBook() {
  const first = useQuery<PortfolioView>({ queryKey: firstKey, queryFn: skipToken, staleTime: Infinity });
  const answered = first.fetchStatus === 'idle';
  const rows = first.data?.rows.length ?? 0;
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!answered || shown) return;
    if (!rows) {
      setShown(true);
      return;
    }
    return onScreen(BOOK_ROW_TIMING, () => setShown(true));
  }, [answered, rows, shown]);
  const whole = useQuery({ queryKey: bookKey, queryFn: () => call('portfolio.view', {}), enabled: shown });
  return { whole, first: first.data };
}

export function usePortfolioPack() {
  return useQuery(packQuery);
}

export function usePortfolioSettings() {
  return useQuery(settingsQuery);
}

/** "I have looked": the next "what changed" counts from now. */
export function useMarkSeen() {
  const client = useQueryClient();
  return useMutation({ mutationFn: () => call('portfolio.seen', {}), onSuccess: () => void client.invalidateQueries({ queryKey: bookKey }) });
}

const loadKey = ['portfolioLoad'] as const;

/**
 * Loading the book from the CRM: the page starts it once when it opens (the background runs it,
 * paced); the status is asked again every 400 ms while it runs, and the book is read again when it ends.
 */
export function useBookLoad() {
  const client = useQueryClient();
  const status = useQuery({
    queryKey: loadKey,
    queryFn: () => call('portfolio.loadStatus', {}),
    refetchInterval: (q) => (q.state.data?.state === 'running' ? 400 : false),
  });
  const start = useMutation({
    mutationFn: () => call('portfolio.load', {}),
    onSuccess: (s) => client.setQueryData(loadKey, s),
  });
  const state = status.data?.state;
  // Which CRMs' books the background holds, and when each was read: a load that read none (no CRM
  // connected, every CRM refused) leaves it as it was.
  const loaded = JSON.stringify(status.data?.loaded ?? []);
  const [seen, setSeen] = useState<{ state: string | undefined; loaded: string } | undefined>(undefined);
  useEffect(() => {
    // The book is read again once a load has brought a CRM's rows, so they join the cache's: not after
    // a load that brought none (the whole book is some MB and most of a second of the worker's time).
    if (seen?.state === 'running' && state !== 'running' && loaded !== seen.loaded) void client.invalidateQueries({ queryKey: bookKey, exact: true });
    if (seen?.state !== state) setSeen({ state, loaded });
  }, [state, loaded, seen, client]);
  return { status: status.data, start: () => start.mutate(), starting: start.isPending };
}

/** One account's handover sheet, read from its CRM when asked for. */
export function useHandover(key: string | null) {
  return useQuery({ queryKey: ['portfolioHandover', key], queryFn: () => call('portfolio.handover', { key: key! }), enabled: key !== null, staleTime: 60_000, retry: false });
}

/** The book's handover sheets as one CSV. */
export function useHandoverCsv() {
  return useMutation({ mutationFn: (keys: string[]) => call('portfolio.handoverCsv', { keys }) });
}
