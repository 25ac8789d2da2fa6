import { useQuery } from '@tanstack/react-query';
import type { RecordRef } from '../crm/detect';
import { call } from './messaging';

export const recordKey = (ref: RecordRef) => ['record', ref.crm, ref.host, ref.portalId ?? '', ref.objectType, ref.recordId] as const;

/** The cached view of a record: answered by the background from IndexedDB at once. */
export function useRecord(ref: RecordRef | null) {
  return useQuery({
    queryKey: ref ? recordKey(ref) : ['record', 'none'],
    queryFn: () => call('record.open', { ref: ref! }),
    enabled: ref !== null,
    staleTime: 30_000,
  });
}
