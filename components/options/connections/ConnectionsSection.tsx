import { browser } from 'wxt/browser';
import { useT } from '../i18n';
import { useConnections, useHubspot, useSalesforce } from '../hooks';
import { ErrorAlert, Section } from '../ui';
import { HubspotCard } from './HubspotCard';
import { SalesforceCard } from './SalesforceCard';

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
      </div>
    </Section>
  );
}
