import { useEffect, useState, type FormEvent } from 'react';
import type { ConnectionsStatus } from '../../../lib/messages/options';
import type { RequestOf } from '../../../lib/messages/index';
import { useT } from '../i18n';
import { Button, Card, ErrorAlert, Field, Pill } from '../ui';

type Status = ConnectionsStatus['salesforce'];
type Config = RequestOf<'salesforce.configure'>;

export interface SalesforceCardProps {
  status: Status | undefined;
  /** What to register as the callback URL of the External Client App (browser.identity.getRedirectURL()). */
  redirectUrl: string;
  /** Saves the settings, then connects (checks the session, or runs the OAuth sign-in). */
  onSaveAndConnect: (config: Config) => Promise<unknown>;
  onDisconnect: () => void;
  busy: boolean;
  disconnecting: boolean;
  error: unknown;
}

const MY_DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.(my\.salesforce\.com|salesforce\.com|force\.com)$/i;

export function SalesforceCard({ status, redirectUrl, onSaveAndConnect, onDisconnect, busy, disconnecting, error }: SalesforceCardProps) {
  const { t, dateTime } = useT();
  const [mode, setMode] = useState<Config['mode']>('session');
  const [myDomain, setMyDomain] = useState('');
  const [clientId, setClientId] = useState('');
  const [noteMode, setNoteMode] = useState<Config['noteMode']>('ContentNote');
  const [touched, setTouched] = useState(false);

  // Take what the background has once it arrives; the admin's edits win after that.
  useEffect(() => {
    if (!status || touched) return;
    setMode(status.mode);
    setMyDomain(status.myDomain ?? '');
    setClientId(status.clientId ?? '');
    setNoteMode(status.noteMode);
  }, [status, touched]);

  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    setTouched(true);
    set(v);
  };

  const domain = myDomain.trim().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const domainInvalid = mode === 'oauth' && domain !== '' && !MY_DOMAIN.test(domain);
  const ready = mode === 'session' || (domain !== '' && !domainInvalid && clientId.trim() !== '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    const config: Config =
      mode === 'oauth' ? { mode, myDomain: domain, clientId: clientId.trim(), noteMode } : { mode, noteMode, ...(domain ? { myDomain: domain } : {}) };
    void onSaveAndConnect(config)
      .then(() => setTouched(false))
      .catch(() => {});
  };

  const connected = !!status?.connected;
  const pill = connected ? <Pill tone="ok">{t('conn.connected')}</Pill> : status?.lastError ? <Pill tone="bad">{t('conn.problem')}</Pill> : <Pill tone="idle">{t('conn.notConnected')}</Pill>;

  return (
    <Card title="Salesforce" status={pill} labelledBy="salesforce-title">
      {connected ? (
        <>
          <p className="status-line" data-testid="salesforce-status">
            {status?.mode === 'oauth' ? t('sf.connectedOauth', { domain: status.myDomain ?? '' }) : t('sf.connectedSession')}
          </p>
          {status?.connectedAt ? <p className="muted small">{t('conn.since', { time: dateTime(status.connectedAt) })}</p> : null}
        </>
      ) : (
        <p className="muted">{t('sf.intro')}</p>
      )}
      {status?.lastError && !error ? <ErrorAlert error={status.lastError} title={t('conn.lastError')} /> : null}
      <form onSubmit={submit} aria-label={t('sf.formLabel')}>
        <fieldset className="choice">
          <legend>{t('sf.mode')}</legend>
          <label className="choice__item">
            <input type="radio" name="sf-mode" value="session" checked={mode === 'session'} onChange={() => edit(setMode)('session')} />
            <span>
              <strong>{t('sf.modeSession')}</strong>
              <span className="muted">{t('sf.modeSessionHint')}</span>
            </span>
          </label>
          <label className="choice__item">
            <input type="radio" name="sf-mode" value="oauth" checked={mode === 'oauth'} onChange={() => edit(setMode)('oauth')} />
            <span>
              <strong>{t('sf.modeOauth')}</strong>
              <span className="muted">{t('sf.modeOauthHint')}</span>
            </span>
          </label>
        </fieldset>
        {mode === 'oauth' ? (
          <div className="grid-2">
            <Field id="sf-domain" label={t('sf.myDomain')} hint={domainInvalid ? undefined : t('sf.myDomainHint')}>
              <input
                id="sf-domain"
                type="text"
                inputMode="url"
                spellCheck={false}
                value={myDomain}
                onChange={(e) => edit(setMyDomain)(e.target.value)}
                placeholder="acme.my.salesforce.com"
                aria-invalid={domainInvalid || undefined}
                aria-describedby={domainInvalid ? 'sf-domain-error' : 'sf-domain-hint'}
                required
              />
              {domainInvalid ? (
                <p className="field__error" id="sf-domain-error">
                  {t('sf.myDomainInvalid')}
                </p>
              ) : null}
            </Field>
            <Field id="sf-client" label={t('sf.clientId')} hint={t('sf.clientIdHint')}>
              <input id="sf-client" type="text" spellCheck={false} value={clientId} onChange={(e) => edit(setClientId)(e.target.value)} aria-describedby="sf-client-hint" required />
            </Field>
            <Field id="sf-redirect" label={t('sf.redirect')} hint={t('sf.redirectHint')}>
              <div className="copy-row">
                <input id="sf-redirect" type="text" readOnly value={redirectUrl} onFocus={(e) => e.currentTarget.select()} aria-describedby="sf-redirect-hint" />
                <Button variant="ghost" onClick={() => void navigator.clipboard?.writeText(redirectUrl).catch(() => {})}>
                  {t('common.copy')}
                </Button>
              </div>
            </Field>
          </div>
        ) : null}
        <fieldset className="choice choice--inline">
          <legend>{t('sf.noteMode')}</legend>
          <label className="choice__item">
            <input type="radio" name="sf-note" value="ContentNote" checked={noteMode === 'ContentNote'} onChange={() => edit(setNoteMode)('ContentNote')} />
            <span>
              <strong>{t('sf.noteContentNote')}</strong>
              <span className="muted">{t('sf.noteContentNoteHint')}</span>
            </span>
          </label>
          <label className="choice__item">
            <input type="radio" name="sf-note" value="Task" checked={noteMode === 'Task'} onChange={() => edit(setNoteMode)('Task')} />
            <span>
              <strong>{t('sf.noteTask')}</strong>
              <span className="muted">{t('sf.noteTaskHint')}</span>
            </span>
          </label>
        </fieldset>
        <div className="actions">
          <Button type="submit" variant="primary" busy={busy} busyLabel={t('sf.connecting')} disabled={!ready}>
            {mode === 'oauth' ? t('sf.signIn') : t('sf.checkSession')}
          </Button>
          {connected ? (
            <Button variant="ghost" onClick={onDisconnect} busy={disconnecting} busyLabel={t('conn.disconnecting')}>
              {t('conn.disconnect')}
            </Button>
          ) : null}
        </div>
      </form>
      <ErrorAlert error={error} title={t('sf.failed')} />
    </Card>
  );
}
