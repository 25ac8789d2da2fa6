import { useEffect, useState, type FormEvent } from 'react';
import type { TeamStatus } from '../../../lib/messages/options';
import { useT } from '../i18n';
import { Button, ErrorAlert, Field, Notice, Pill } from '../ui';
import { useCheckTeam, useGrantOrigin, useOriginGranted, useSetPackUrl, useSetRole, useTeam } from './hooks';

/**
 * One pack for the team: where the pack in force comes from (IT's policy, a pack URL, this
 * browser), its name and version, the last check and what was wrong, and the role. While the
 * policy manages the pack, nothing here can change it, and the card says who does.
 */
export function TeamCard() {
  const team = useTeam();
  if (!team.data) return team.error ? <ErrorAlert error={team.error} /> : null;
  return <TeamCardView status={team.data} />;
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export function TeamCardView({ status: s }: { status: TeamStatus }) {
  const { t, dateTime } = useT();
  const setUrl = useSetPackUrl();
  const grant = useGrantOrigin();
  const check = useCheckTeam();
  const setRole = useSetRole();
  const granted = useOriginGranted(s.url);
  const [draft, setDraft] = useState(s.userUrl ?? '');
  useEffect(() => setDraft(s.userUrl ?? ''), [s.userUrl]);

  const sourceText =
    s.governs === 'policy-inline'
      ? t('team.sourcePolicy')
      : s.governs === 'policy-url'
        ? t('team.sourcePolicyUrl')
        : s.governs === 'user-url'
          ? t('team.sourceUrl')
          : s.pack.source === 'policy'
            ? t('team.sourcePolicy')
            : s.pack.source === 'url'
              ? t('team.sourceUrl')
              : s.pack.source === 'file'
            ? t('team.sourceFile')
            : s.pack.source === 'editor'
              ? t('team.sourceEditor')
              : t('team.sourceDefault');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setUrl.mutate(draft.trim() ? draft.trim() : null);
  };
  const refused = setUrl.data?.refused;

  return (
    <div className="card team" role="group" aria-labelledby="team-title" data-testid="team-card">
      <div className="card__head">
        <h3 id="team-title">{t('team.title')}</h3>
        {s.managed ? <Pill tone="ok">{t('team.managedPill')}</Pill> : s.governs === 'user-url' ? <Pill tone="idle">{t('team.urlPill')}</Pill> : null}
      </div>
      {s.policyPending ? (
        <p className="team__pending" role="status" data-testid="team-policy-pending">
          {t('team.policyPending')}
        </p>
      ) : null}
      {s.managed ? (
        <p className="team__managed" data-testid="team-managed">
          <strong>{t('team.managedBy')}</strong> {t('team.managedHint')}
        </p>
      ) : null}
      <dl className="facts" data-testid="team-facts">
        <div>
          <dt>{t('team.pack')}</dt>
          <dd data-testid="team-pack">
            {s.pack.name} <span className="muted">v{s.pack.version}</span>
          </dd>
        </div>
        <div>
          <dt>{t('team.source')}</dt>
          <dd>{sourceText}</dd>
        </div>
        {s.url ? (
          <div>
            <dt>{t('team.url')}</dt>
            <dd className="break">{s.url}</dd>
          </div>
        ) : null}
        {s.sha256 ? (
          <div>
            <dt>{t('team.sha256')}</dt>
            <dd className="break mono small">{s.sha256}</dd>
          </div>
        ) : null}
        {s.lastCheck ? (
          <div>
            <dt>{t('team.lastCheck')}</dt>
            <dd data-testid="team-last-check">
              {dateTime(s.lastCheck.at)} · {s.lastCheck.ok ? t('team.checkOk') : t('team.checkFailed')}
            </dd>
          </div>
        ) : null}
        {s.lastCheck && !s.lastCheck.ok && s.lastCheck.lastSuccessAt ? (
          <div>
            <dt>{t('team.lastGood')}</dt>
            <dd>{dateTime(s.lastCheck.lastSuccessAt)}</dd>
          </div>
        ) : null}
        {s.policy.allowedHubspotPortals ? (
          <div>
            <dt>{t('team.allowedPortals')}</dt>
            <dd>{s.policy.allowedHubspotPortals.join(', ') || '—'}</dd>
          </div>
        ) : null}
        {s.policy.allowedSalesforceOrgs ? (
          <div>
            <dt>{t('team.allowedOrgs')}</dt>
            <dd>{s.policy.allowedSalesforceOrgs.join(', ') || '—'}</dd>
          </div>
        ) : null}
      </dl>

      {s.lastCheck && !s.lastCheck.ok ? (
        <div className="alert alert--bad" role="alert" data-testid="team-check-error">
          <strong>{t('team.keptLastGood')}</strong>
          {s.lastCheck.message ? <p>{s.lastCheck.message}</p> : null}
          {s.lastCheck.errors.length ? (
            <ul className="errors">
              {s.lastCheck.errors.slice(0, 20).map((e, i) => (
                <li key={i}>
                  <code>{e.path}</code> {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {s.policy.problems.length ? (
        <div className="alert alert--warn" role="status" data-testid="team-policy-problems">
          <strong>{t('team.policyProblems')}</strong>
          <ul className="errors">
            {s.policy.problems.map((p, i) => (
              <li key={i}>
                <code>{p.path}</code> {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {s.url && granted.data === false ? (
        <div className="alert alert--warn" role="status">
          <p>{t('team.needsOrigin', { origin: origin(s.url) })}</p>
          <Button onClick={() => grant.mutate(s.url!)} busy={grant.isPending}>
            {t('team.allowOrigin', { origin: origin(s.url) })}
          </Button>
        </div>
      ) : null}

      {!s.managed ? (
        <form onSubmit={submit} aria-label={t('team.urlForm')}>
          <Field id="team-url" label={t('team.urlLabel')} hint={t('team.urlHint')}>
            <input id="team-url" type="url" inputMode="url" placeholder="https://" value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={2000} aria-describedby="team-url-hint" />
          </Field>
          <div className="actions">
            <Button type="submit" variant="primary" busy={setUrl.isPending} busyLabel={t('team.checking')} disabled={!draft.trim() || draft.trim() === s.userUrl}>
              {t('team.saveUrl')}
            </Button>
            {s.userUrl ? (
              <Button variant="ghost" onClick={() => setUrl.mutate(null)} disabled={setUrl.isPending}>
                {t('team.removeUrl')}
              </Button>
            ) : null}
          </div>
          {refused ? <Notice tone="warn">{t('team.originRefused', { origin: refused.replace(/\/\*$/, '') })}</Notice> : null}
          <ErrorAlert error={setUrl.error} />
        </form>
      ) : null}

      <div className="actions">
        {s.url || s.governs === 'policy-inline' ? (
          <Button onClick={() => check.mutate()} busy={check.isPending} busyLabel={t('team.checking')}>
            {t('team.checkNow')}
          </Button>
        ) : null}
      </div>
      <ErrorAlert error={check.error ?? grant.error} />

      <Field id="team-role" label={t('team.role')} hint={s.roleManaged ? t('team.roleManaged') : t('team.roleHint')}>
        <select id="team-role" value={s.role} disabled={s.roleManaged || setRole.isPending} onChange={(e) => setRole.mutate(e.target.value as TeamStatus['role'])} aria-describedby="team-role-hint">
          <option value="csm">{t('team.roleCsm')}</option>
          <option value="csops">{t('team.roleCsops')}</option>
        </select>
      </Field>
      <ErrorAlert error={setRole.error} />
    </div>
  );
}
