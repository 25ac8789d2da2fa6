import { accountKey } from '../crm/detect';
import { touchAccount } from '../db/accounts';
import type { SidecarDb } from '../db/schema';
import type { Handlers } from './router';

export interface Services {
  db: SidecarDb;
  now: () => Date;
}

export function createHandlers({ db, now }: Services): Handlers {
  return {
    async 'record.open'({ ref }) {
      const row = await touchAccount(db, accountKey(ref), ref, now());
      return {
        ref,
        account: {
          key: row.key,
          name: row.name,
          domain: row.domain,
          owner: row.owner,
          lifecycleStage: row.lifecycleStage,
          firstSeenAt: row.firstSeenAt,
          lastSeenAt: row.lastSeenAt,
          previousSeenAt: row.previousSeenAt,
          fetchedAt: row.fetchedAt,
          sample: row.sample,
        },
      };
    },
  };
}
