import { useMemo, useState } from 'react';
import { renderTemplate } from '../../lib/engine/templates.ts';
import type { HandoverEmailView, HandoverSheetView } from '../../lib/messages/portfolio';
import type { PackView } from '../../lib/messages/protocol';
import { BandBadge } from '../BandBadge';
import { useI18n } from '../i18n';

/** A list the sheet shows, or "None". */
function Items({ items }: { items: string[] }) {
  const { t } = useI18n();
  if (!items.length) return <p className="small muted">{t('portfolio.hNone')}</p>;
  return (
    <ul className="handover__list">
      {items.map((x, i) => (
        <li key={i}>{x}</li>
      ))}
    </ul>
  );
}

/**
 * One account's handover sheet (引き継ぎ), built from the CRM alone: copy it as text, print it
 * (the print style shows the sheet only), or close it.
 */
/** The change-of-CSM e-mail (担当変更), filled with the new CSM the user types. */
function HandoverMail({ email, onCopy }: { email: HandoverEmailView; onCopy: (text: string) => Promise<void> }) {
  const { t, locale } = useI18n();
  const [toName, setToName] = useState('');
  const [toEmail, setToEmail] = useState('');
  const [copied, setCopied] = useState(false);
  const rendered = useMemo(
    () => renderTemplate(email.template, { ...email.context, handover: { ...email.context.handover, ...(toName ? { toName } : {}), ...(toEmail ? { toEmail } : {}) } }, locale),
    [email, toName, toEmail, locale],
  );
  const whole = `${rendered.subject ? `${rendered.subject}\n\n` : ''}${rendered.text}`;
  return (
    <div className="handover__mail">
      <h3 className="handover__h">{email.template.title}</h3>
      <div className="handover__mailFields">
        <label className="field">
          <span>{t('portfolio.mailToName')}</span>
          <input value={toName} onChange={(e) => setToName(e.target.value)} maxLength={200} />
        </label>
        <label className="field">
          <span>{t('portfolio.mailToEmail')}</span>
          <input type="email" value={toEmail} onChange={(e) => setToEmail(e.target.value)} maxLength={200} />
        </label>
        <button type="button" className="btn btn--small" onClick={() => void onCopy(whole).then(() => setCopied(true))}>
          {t('portfolio.mailCopy')}
        </button>
        <span className="small muted" role="status">
          {copied ? t('portfolio.handoverCopied') : ''}
        </span>
      </div>
      <pre className="handover__mailText" data-testid="handover-mail" tabIndex={0} aria-label={email.template.title}>
        {whole}
      </pre>
    </div>
  );
}

export function HandoverSheet({ sheet, text, email, bands, onCopy, onClose }: {
  sheet: HandoverSheetView;
  text: string;
  email: HandoverEmailView | null;
  bands: PackView['bands'];
  onCopy: (text: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const sep = ' · ';
  return (
    <section className="card handover" aria-labelledby="handover-title" data-testid="handover-sheet">
      <div className="card__head">
        <h2 id="handover-title" className="card__title">
          {t('portfolio.handoverFor', { name: sheet.name })}
        </h2>
        <div className="handover__actions">
          <button
            type="button"
            className="btn btn--small"
            onClick={() => void onCopy(text).then(() => setCopied(true))}
          >
            {t('portfolio.handoverCopy')}
          </button>
          <button type="button" className="btn btn--small" onClick={() => window.print()}>
            {t('portfolio.handoverPrint')}
          </button>
          <button type="button" className="btn btn--small" onClick={onClose}>
            {t('portfolio.handoverClose')}
          </button>
          <span className="small muted" role="status">
            {copied ? t('portfolio.handoverCopied') : ''}
          </span>
        </div>
      </div>
      <p className="small muted">
        {sheet.crm === 'hubspot' ? 'HubSpot' : 'Salesforce'}
        {sheet.csm ? `${sep}${t('portfolio.csm')}: ${sheet.csm}` : ''}
        {sep}
        <a href={sheet.url} target="_blank" rel="noreferrer">
          {sheet.url}
        </a>
      </p>
      <dl className="handover__grid">
        <dt>{t('portfolio.hScore')}</dt>
        <dd>
          <strong>{sheet.score === null ? '—' : Math.round(sheet.score)}</strong> <BandBadge bands={bands} band={sheet.bandId} />
          {sheet.scoredOn ? <span className="small muted"> {t('portfolio.hScoredOn', { date: sheet.scoredOn })}</span> : null}
        </dd>
        <dt>{t('portfolio.hHistory')}</dt>
        <dd>{sheet.history.length ? sheet.history.map((h) => `${h.day} ${Math.round(h.score)}`).join(sep) : '—'}</dd>
        <dt>{t('portfolio.hLevel')}</dt>
        <dd>{sheet.level ? (sheet.levelLabel ?? `Lv.${sheet.level}`) : '—'}</dd>
        <dt>{t('portfolio.hNext')}</dt>
        <dd>{sheet.nextLevel ? `${sheet.nextLevel.label}: ${sheet.nextLevel.needs.join(sep)}` : '—'}</dd>
        <dt>{t('portfolio.hAction')}</dt>
        <dd>{sheet.openAction ? sheet.openAction.title : '—'}</dd>
        <dt>{t('portfolio.hRenewal')}</dt>
        <dd>{sheet.renewal ? `${sheet.renewal.date} (${t('portfolio.inDays', { n: sheet.renewal.daysLeft })})` : '—'}</dd>
        <dt>{t('portfolio.hNotice')}</dt>
        <dd>{sheet.renewal?.noticeDeadline ?? '—'}</dd>
        <dt>{t('portfolio.hLastTouch')}</dt>
        <dd>{sheet.lastTouch ?? '—'}</dd>
      </dl>
      <div className="handover__cols">
        <div>
          <h3 className="handover__h">{t('portfolio.hRisks')}</h3>
          <Items items={sheet.risks} />
          <h3 className="handover__h">{t('portfolio.hStale')}</h3>
          <Items items={sheet.stale} />
          <h3 className="handover__h">{t('portfolio.hContacts')}</h3>
          <Items items={sheet.contacts.map((c) => [c.name, c.title, c.email, c.primary ? t('portfolio.hPrimary') : null].filter(Boolean).join(' / '))} />
        </div>
        <div>
          <h3 className="handover__h">{t('portfolio.hRatings')}</h3>
          <Items items={sheet.ratings.map((r) => `${r.label} ${r.value}/${r.max}${r.by ? ` (${r.by}, ${r.day})` : ` (${r.day})`}`)} />
          <h3 className="handover__h">{t('portfolio.hRecent')}</h3>
          <Items items={sheet.recent.map((r) => `${r.day}${r.by ? ` ${r.by}` : ''}: ${r.text}`)} />
        </div>
      </div>
      {email ? <HandoverMail email={email} onCopy={onCopy} /> : null}
    </section>
  );
}
