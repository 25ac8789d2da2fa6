import { browser } from 'wxt/browser';
import { useT } from '../i18n';
import { useState } from 'react';
import { useConnections, useHubspot, usePeople, useSalesforce, useSetHubspotMe, useSettings } from '../hooks';
import { ErrorAlert, Section } from '../ui';
import { HubspotCard } from './HubspotCard';
import { SalesforceCard } from './SalesforceCard';
import { YouCard } from './YouCard';

/** The callback URL Salesforce must know: https://<extension-id>.chromiumapp.org/ in Chromium. */
function redirectUrl(): string {
  try {
    return browser.identity.getRedirectURL();
  } catch {
    // Outside the extension (tests, a browser without identity) there is none to show.
    return '';
  }
}

export function ConnectionsSection() {
  const { t } = useT();
  const status = useConnections();
  const hubspot = useHubspot();
  const salesforce = useSalesforce();
  const settings = useSettings();
  const [typedEmail, setTypedEmail] = useState<string | null>(null);
  const email = typedEmail ?? settings.data?.csmEmail ?? '';
  const people = usePeople(email || undefined, status.isSuccess && settings.isFetched);
  const setMe = useSetHubspotMe();

  return (
    <Section id="connections" title={t('nav.connections')} intro={t('conn.intro')}>
      <ErrorAlert error={status.error} />
      <div className="cards">
        <HubspotCard
          status={status.data?.hubspot}
          onConnect={(token) => {
            hubspot.disconnect.reset();
            return hubspot.connect.mutateAsync(token);
          }}
          onDisconnect={() => {
            hubspot.connect.reset();
            hubspot.disconnect.mutate();
          }}
          connecting={hubspot.connect.isPending}
          disconnecting={hubspot.disconnect.isPending}
          error={hubspot.connect.error ?? hubspot.disconnect.error}
        />
        <SalesforceCard
          status={status.data?.salesforce}
          redirectUrl={redirectUrl()}
          onSaveAndConnect={async (config) => {
            salesforce.disconnect.reset();
            salesforce.connect.reset();
            await salesforce.configure.mutateAsync(config);
            return salesforce.connect.mutateAsync();
          }}
          onDisconnect={() => {
            salesforce.configure.reset();
            salesforce.connect.reset();
            salesforce.disconnect.mutate();
          }}
          busy={salesforce.configure.isPending || salesforce.connect.isPending}
          disconnecting={salesforce.disconnect.isPending}
          error={salesforce.configure.error ?? salesforce.connect.error ?? salesforce.disconnect.error}
        />
        <YouCard
          people={people.data}
          hubspotConnected={!!status.data?.hubspot.connected}
          email={email}
          onFind={setTypedEmail}
          onPick={(ownerId) => setMe.mutateAsync(ownerId)}
          picking={setMe.isPending}
          error={setMe.error ?? people.error}
        />
      </div>
    </Section>
  );
}
