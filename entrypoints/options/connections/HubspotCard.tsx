import { useState, type FormEvent } from 'react';
import { HUBSPOT_SCOPES, type HubspotScopeName, type ScopeNeed } from '../../../lib/crm/hubspot/scopes';
import type { ConnectionsStatus } from '../../../lib/messages/options';
import type { OptionsKey } from '../../../lib/i18n/options-en';
import { useT } from '../i18n';
import { Button, Card, ErrorAlert, Field, Pill } from '../ui';

type Status = ConnectionsStatus['hubspot'];

export interface HubspotCardProps {
  status: Status | undefined;
  /** Resolves once the background has tested and kept the token. */
  onConnect: (token: string) => Promise<unknown>;
  onDisconnect: () => void;
  connecting: boolean;
  disconnecting: boolean;
  error: unknown;
}

export function HubspotCard({ status, onConnect, onDisconnect, connecting, disconnecting, error }: HubspotCardProps) {
  const { t, dateTime } = useT();
  const [token, setToken] = useState('');
  const connected = !!status?.connected;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (token.trim().length < 10) return;
    try {
      await onConnect(token.trim());
      // The token lives in the background only: never keep or show it here once saved.
      setToken('');
    } catch {
      // The error is shown from the mutation's state; the field keeps the token so a typo can be fixed.
    }
  };

  const pill = connected ? <Pill tone="ok">{t('conn.connected')}</Pill> : status?.lastError ? <Pill tone="bad">{t('conn.problem')}</Pill> : <Pill tone="idle">{t('conn.notConnected')}</Pill>;

  return (
    <Card title="HubSpot" status={pill} labelledBy="hubspot-title">
      {connected ? (
        <>
          <p className="status-line" data-testid="hubspot-status">
            {status?.portalId ? t('hubspot.connectedTo', { portal: status.portalId }) : t('hubspot.connectedNoPortal')}
          </p>
          {status?.connectedAt ? <p className="muted small">{t('conn.since', { time: dateTime(status.connectedAt) })}</p> : null}
        </>
      ) : (
        <>
          <p className="muted">{t('hubspot.intro')}</p>
          <ServiceKeyGuide />
        </>
      )}
      {status?.lastError && !error ? <ErrorAlert error={status.lastError} title={t('conn.lastError')} /> : null}
      <form onSubmit={(e) => void submit(e)} className="form-row" aria-label={t('hubspot.formLabel')}>
        <Field id="hubspot-token" label={t('hubspot.token')} hint={connected ? t('hubspot.tokenReplaceHint') : t('hubspot.tokenHint')}>
          <input
            id="hubspot-token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            placeholder={connected ? t('hubspot.tokenSaved') : t('hubspot.tokenPlaceholder')}
            aria-describedby="hubspot-token-hint"
            aria-invalid={error ? true : undefined}
          />
        </Field>
        <div className="actions">
          <Button type="submit" variant="primary" busy={connecting} busyLabel={t('hubspot.testing')} disabled={token.trim().length < 10}>
            {t('hubspot.save')}
          </Button>
          {connected ? (
            <Button variant="ghost" onClick={onDisconnect} busy={disconnecting} busyLabel={t('conn.disconnecting')}>
              {t('conn.disconnect')}
            </Button>
          ) : null}
        </div>
      </form>
      <ErrorAlert error={error} title={t('hubspot.failed')} />
    </Card>
  );
}

const NEED: Record<ScopeNeed, OptionsKey> = { required: 'hubspot.need.required', notes: 'hubspot.need.notes', optional: 'hubspot.need.optional' };
const WHY: Record<HubspotScopeName, OptionsKey> = {
  'crm.objects.companies.read': 'hubspot.why.crm.objects.companies.read',
  'crm.objects.contacts.read': 'hubspot.why.crm.objects.contacts.read',
  'crm.objects.deals.read': 'hubspot.why.crm.objects.deals.read',
  'crm.objects.contacts.write': 'hubspot.why.crm.objects.contacts.write',
  tickets: 'hubspot.why.tickets',
  'crm.objects.owners.read': 'hubspot.why.crm.objects.owners.read',
};

/** How to make a Service Key, and each scope with what Sidecar does with it (lib/crm/hubspot/scopes.ts). */
function ServiceKeyGuide() {
  const { t } = useT();
  return (
    <div className="guide" data-testid="hubspot-guide">
      <h4>{t('hubspot.stepsTitle')}</h4>
      <ol className="guide__steps">
        <li>{t('hubspot.step1')}</li>
        <li>{t('hubspot.step2')}</li>
        <li>{t('hubspot.step3')}</li>
      </ol>
      <div className="table-wrap">
        <table className="table table--scopes">
          <caption className="visually-hidden">{t('hubspot.scopesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('hubspot.scopeCol')}</th>
              <th scope="col">{t('hubspot.whyCol')}</th>
            </tr>
          </thead>
          <tbody>
            {HUBSPOT_SCOPES.map((s) => (
              <tr key={s.scope}>
                <th scope="row">
                  <code>{s.scope}</code>
                  <span className="tag">{t(NEED[s.need])}</span>
                </th>
                <td>{t(WHY[s.scope])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
