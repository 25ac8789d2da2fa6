import { useEffect, useState, type FormEvent } from 'react';
import type { PeopleStatus } from '../../../lib/messages/options';
import { useT } from '../i18n';
import { Button, Card, ErrorAlert, Field, Notice } from '../ui';

export interface YouCardProps {
  people: PeopleStatus | undefined;
  hubspotConnected: boolean;
  /** The e-mail the owners list was matched with (the profile's until the CSM types one). */
  email: string;
  onFind: (email: string) => void;
  onPick: (ownerId: string | null) => Promise<unknown>;
  picking: boolean;
  error: unknown;
}

/**
 * "You" per CRM. HubSpot: a key belongs to no person, so the CSM picks
 * themselves from the owners list (matched by e-mail where one owner has it).
 * Salesforce: the signed-in user, read-only.
 */
export function YouCard({ people, hubspotConnected, email, onFind, onPick, picking, error }: YouCardProps) {
  const { t } = useT();
  const hs = people?.hubspot;
  const [typed, setTyped] = useState(email);
  const [choice, setChoice] = useState('');
  useEffect(() => setTyped(email), [email]);
  // Preselect: the match by e-mail, else the current pick.
  useEffect(() => setChoice(hs?.match ?? hs?.me?.id ?? ''), [hs?.match, hs?.me?.id]);
  const matched = hs?.match ? hs.owners.find((o) => o.id === hs.match) : undefined;

  const find = (e: FormEvent) => {
    e.preventDefault();
    onFind(typed.trim());
  };

  return (
    <Card title={t('you.title')} labelledBy="you-title">
      <p className="muted">{t('you.intro')}</p>
      <h4>{t('you.hubspot')}</h4>
      <p className="muted small">{t('you.hubspotWhy')}</p>
      {!hubspotConnected ? (
        <p className="muted" data-testid="you-hubspot">{t('you.notConnected')}</p>
      ) : (
        <>
          <p className="status-line" data-testid="you-hubspot">
            {hs?.me ? t('you.current', { name: hs.me.email ? `${hs.me.name} <${hs.me.email}>` : hs.me.name }) : t('you.none')}
          </p>
          {hs?.error ? <ErrorAlert error={hs.error} title={t('you.ownersFailed')} /> : null}
          {hs && !hs.error ? (
            <>
              <form onSubmit={find} className="form-row" aria-label={t('you.find')}>
                <Field id="you-email" label={t('you.email')} hint={t('you.emailHint')}>
                  <input id="you-email" type="email" value={typed} onChange={(e) => setTyped(e.target.value)} aria-describedby="you-email-hint" />
                </Field>
                <div className="actions">
                  <Button type="submit">{t('you.find')}</Button>
                </div>
              </form>
              {email ? <p className="small" data-testid="you-match">{matched ? t('you.matched', { name: matched.name }) : t('you.noMatch')}</p> : null}
              <div className="form-row">
                <Field id="you-owner" label={t('you.owner')}>
                  <select id="you-owner" value={choice} onChange={(e) => setChoice(e.target.value)}>
                    <option value="">{t('you.pickPlaceholder')}</option>
                    {hs.owners.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.email ? `${o.name} <${o.email}>` : o.name}
                      </option>
                    ))}
                  </select>
                </Field>
                <div className="actions">
                  <Button variant="primary" busy={picking} disabled={!choice || choice === hs.me?.id} onClick={() => void onPick(choice).catch(() => {})}>
                    {t('you.save')}
                  </Button>
                  {hs.me ? (
                    <Button variant="ghost" onClick={() => void onPick(null).catch(() => {})}>
                      {t('you.forget')}
                    </Button>
                  ) : null}
                </div>
              </div>
            </>
          ) : null}
          <ErrorAlert error={error} />
          <Notice tone="warn">{t('you.sharedKey')}</Notice>
        </>
      )}
      <h4>{t('you.salesforce')}</h4>
      <p className="muted small">{t('you.salesforceWhy')}</p>
      <p className="status-line" data-testid="you-salesforce">
        {people?.salesforce.me ? (people.salesforce.me.email ? `${people.salesforce.me.name} <${people.salesforce.me.email}>` : people.salesforce.me.name) : t('you.salesforceUnknown')}
      </p>
    </Card>
  );
}
