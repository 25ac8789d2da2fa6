import type { MergeContext } from '../lib/engine/templates.ts';
import { personName } from '../lib/crm/people.ts';
import type { ContactView, PackView, RecordView } from '../lib/messages/protocol';
import { useI18n } from './i18n';
import { TemplateItem, type CopyRequest } from './TemplateItem';

export type NextAction = NonNullable<NonNullable<RecordView['evaluation']>['nextAction']>;
type Action = NextAction['best'];

export interface NextActionCardProps {
  nextAction: NextAction | null;
  roles: PackView['roles'];
  templates: PackView['templates'];
  context: MergeContext;
  onCopy: (req: CopyRequest) => void;
  /** The account's contacts (primary first, then the most recently engaged) and the one the templates greet. */
  contacts?: ContactView[];
  contactId?: string;
  onChooseContact?: (contactId: string) => void;
}

/** A contact's name as the CRM spells it (family name first for a Japanese name), else the e-mail. */
export function contactName(c: ContactView): string {
  return personName(c.firstName, c.lastName, c.email) ?? c.id;
}

/** The playbook's pick for today: what, why, who, by when, and the words to use. */
export function NextActionCard({ nextAction, roles, templates, context, onCopy, contacts = [], contactId, onChooseContact }: NextActionCardProps) {
  const { t, text, date } = useI18n();
  const role = (id: string) => {
    const r = roles.find((x) => x.id === id);
    return r ? text(r.label) : id;
  };
  const meta = (a: Action) => (
    <dl className="action__meta small">
      <div>
        <dt>{t('action.owner')}</dt>
        <dd>{role(a.ownerRole)}</dd>
      </div>
      <div>
        <dt>{t('action.due')}</dt>
        <dd>
          <time dateTime={a.dueDate}>{date(a.dueDate)}</time>
        </dd>
      </div>
    </dl>
  );

  if (!nextAction) {
    return (
      <section className="card" aria-labelledby="action-title">
        <h2 id="action-title" className="card__title">
          {t('action.title')}
        </h2>
        <p className="small muted">{t('action.none')}</p>
      </section>
    );
  }
  const { best, runnerUp } = nextAction;
  const bestTemplates = best.templateIds.map((id) => templates.find((x) => x.id === id)).filter((x): x is PackView['templates'][number] => !!x);
  return (
    <section className="card" aria-labelledby="action-title">
      <div className="card__head">
        <h2 id="action-title" className="card__title">
          {t('action.title')}
        </h2>
        <span className={`chip chip--prio chip--${best.priority}`}>{t(`priority.${best.priority}`)}</span>
      </div>
      <p className="action__title" data-testid="action-title">
        {text(best.title)}
      </p>
      <p className="action__why">
        <span className="muted">{t('action.why')}: </span>
        {text(best.why)}
      </p>
      {text(best.reason.text) ? <p className="small muted">{text(best.reason.text)}</p> : null}
      {meta(best)}
      {bestTemplates.length ? (
        <>
          <h3 className="subhead">{t('action.templates')}</h3>
          {contacts.length ? (
            <label className="tpl__contact small">
              <span className="muted">{t('template.contact')}</span>{' '}
              <select value={contactId ?? contacts[0]!.id} onChange={(e) => onChooseContact?.(e.target.value)} data-testid="template-contact">
                {contacts.map((c) => {
                  const name = contactName(c);
                  const label = [c.primary ? t('template.contactPrimary', { name }) : name, c.title].filter(Boolean).join(' · ');
                  return (
                    <option key={c.id} value={c.id}>
                      {label}
                    </option>
                  );
                })}
              </select>
            </label>
          ) : (
            <p className="small muted" data-testid="template-contact-none">
              {t('template.contactNone')}
            </p>
          )}
          <ul className="plain-list tpls">
            {bestTemplates.map((tpl, i) => (
              <TemplateItem key={tpl.id} template={tpl} context={context} onCopy={onCopy} defaultOpen={i === 0} />
            ))}
          </ul>
        </>
      ) : null}
      {runnerUp ? (
        <div className="runner">
          <h3 className="subhead">{t('action.runnerUp')}</h3>
          <p className="runner__title">{text(runnerUp.title)}</p>
          <p className="small muted">{text(runnerUp.why)}</p>
          {meta(runnerUp)}
        </div>
      ) : null}
    </section>
  );
}
