import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from './portfolio-messaging';

// The portfolio page's reads: the book from the cache, the pack's labels, the language.

const bookKey = ['portfolio'] as const;

export function useBook() {
  return useQuery({ queryKey: bookKey, queryFn: () => call('portfolio.view', {}) });
}

export function usePortfolioPack() {
  return useQuery({ queryKey: ['pack'], queryFn: () => call('pack.view', {}), staleTime: Infinity });
}

export function usePortfolioSettings() {
  return useQuery({ queryKey: ['settings'], queryFn: () => call('settings.get', {}), staleTime: Infinity });
}

/** "I have looked": the next "what changed" counts from now. */
export function useMarkSeen() {
  const client = useQueryClient();
  return useMutation({ mutationFn: () => call('portfolio.seen', {}), onSuccess: () => void client.invalidateQueries({ queryKey: bookKey }) });
}
