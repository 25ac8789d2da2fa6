import type { RecordRef } from '../lib/crm/detect';
import type { AccountSummary } from '../lib/messages/protocol';

export function RecordSeen({ ref_, account }: { ref_: RecordRef; account: AccountSummary }) {
  return (
    <section aria-label="Record">
      <h1 data-testid="record-id">
        {ref_.crm === 'hubspot' ? 'HubSpot' : 'Salesforce'} {ref_.objectType} {ref_.recordId}
      </h1>
      <p>First seen {new Date(account.firstSeenAt).toLocaleString()}</p>
      <p>Last seen {new Date(account.previousSeenAt ?? account.lastSeenAt).toLocaleString()}</p>
    </section>
  );
}
