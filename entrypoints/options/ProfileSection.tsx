import { useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '../../lib/messages/protocol';
import { useT } from './i18n';
import { useSaveSettings, useSettings } from './hooks';
import { Button, ErrorAlert, Field, Notice, Section } from './ui';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The CSM's own details fill the templates' merge fields ({{csm.name}} …); the language applies to every Sidecar page. */
export function ProfileSection() {
  const { t } = useT();
  const settings = useSettings();
  const save = useSaveSettings();
  const [draft, setDraft] = useState<Settings | null>(null);

  useEffect(() => {
    if (settings.data && !draft) setDraft(settings.data);
  }, [settings.data, draft]);

  if (!draft) return <Section id="profile" title={t('nav.profile')}>{settings.error ? <ErrorAlert error={settings.error} /> : <p className="muted">{t('common.loading')}</p>}</Section>;

  const set = (patch: Partial<Settings>) => {
    save.reset();
    setDraft({ ...draft, ...patch });
  };
  const emailInvalid = !!draft.csmEmail && !EMAIL.test(draft.csmEmail);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (emailInvalid) return;
    const clean = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
    const next: Settings = { locale: draft.locale };
    const name = clean(draft.csmName);
    const email = clean(draft.csmEmail);
    const company = clean(draft.companyName);
    const product = clean(draft.productName);
    if (product) next.productName = product;
    if (name) next.csmName = name;
    if (email) next.csmEmail = email;
    if (company) next.companyName = company;
    save.mutate(next);
  };

  return (
    <Section id="profile" title={t('nav.profile')} intro={t('profile.intro')}>
      <form className="card" onSubmit={submit} aria-label={t('nav.profile')}>
        <div className="grid-2">
          <Field id="csm-name" label={t('profile.name')} hint={t('profile.nameHint')}>
            <input id="csm-name" type="text" autoComplete="name" value={draft.csmName ?? ''} onChange={(e) => set({ csmName: e.target.value })} maxLength={200} />
          </Field>
          <Field id="csm-email" label={t('profile.email')}>
            <input
              id="csm-email"
              type="email"
              autoComplete="email"
              value={draft.csmEmail ?? ''}
              onChange={(e) => set({ csmEmail: e.target.value })}
              maxLength={200}
              aria-invalid={emailInvalid || undefined}
              aria-describedby={emailInvalid ? 'csm-email-error' : undefined}
            />
            {emailInvalid ? (
              <p className="field__error" id="csm-email-error">
                {t('profile.emailInvalid')}
              </p>
            ) : null}
          </Field>
          <Field id="company-name" label={t('profile.company')} hint={t('profile.companyHint')}>
            <input id="company-name" type="text" autoComplete="organization" value={draft.companyName ?? ''} onChange={(e) => set({ companyName: e.target.value })} maxLength={200} />
          </Field>
          <Field id="product-name" label={t('profile.product')} hint={t('profile.productHint')}>
            <input id="product-name" type="text" value={draft.productName ?? ''} onChange={(e) => set({ productName: e.target.value })} maxLength={200} />
          </Field>
          <Field id="locale" label={t('profile.language')}>
            <select id="locale" value={draft.locale} onChange={(e) => set({ locale: e.target.value as Settings['locale'] })}>
              <option value="auto">{t('lang.auto')}</option>
              <option value="ja">日本語</option>
              <option value="en">English</option>
            </select>
          </Field>
        </div>
        <div className="actions">
          <Button type="submit" variant="primary" busy={save.isPending} busyLabel={t('common.saving')} disabled={emailInvalid}>
            {t('common.save')}
          </Button>
          {save.isSuccess ? <Notice tone="ok">{t('profile.saved')}</Notice> : null}
        </div>
        <ErrorAlert error={save.error} />
      </form>
    </Section>
  );
}
