import type { PublishSetupApplied, ScheduleView } from '../../../lib/messages/publish';
import { useConnections } from '../hooks';
import { useT } from '../i18n';
import { useTeam } from '../team/hooks';
import { Button, ErrorAlert, Notice, Section } from '../ui';
import { usePublishStatus, useSetupApply, useSetupCheck, useSetupPackage, useStartPublish } from './hooks';
import { PublishRun } from './PublishRun';
import { SetupTable } from './SetupTable';

type Crm = 'hubspot' | 'salesforce';
const LABEL: Record<Crm, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

/**
 * Publishing to the CRM (issue 16), CS Ops only: set up Sidecar's fields in each connected CRM,
 * then publish the imported usage data or score the book, with progress and a failure report.
 * A CSM sees why there is nothing to do here.
 */
export function PublishSection() {
  const { t } = useT();
  const team = useTeam();
  const conns = useConnections();
  const role = team.data?.role;
  const connected = (['hubspot', 'salesforce'] as const).filter((crm) => conns.data?.[crm].connected);
  return (
    <Section id="publish" title={t('nav.publish')} intro={t('publish.intro')}>
      <ErrorAlert error={team.error ?? conns.error} />
      {role === 'csm' ? <Notice tone="info">{t('publish.csmOnly')}</Notice> : null}
      {role === 'csops' && conns.data && !connected.length ? <Notice tone="warn">{t('publish.noCrm')}</Notice> : null}
      {role === 'csops' ? connected.map((crm) => <PublishCard key={crm} crm={crm} />) : null}
    </Section>
  );
}

function Applied({ applied, crm }: { applied: PublishSetupApplied; crm: Crm }) {
  const { t, number } = useT();
  return (
    <div data-testid={`setup-applied-${crm}`}>
      <Notice tone={applied.failed.length ? 'warn' : 'ok'}>
        {t('publish.applied', { created: number(applied.created.length), existed: number(applied.existed.length) })}
        {applied.access ? ` ${t('publish.appliedAccess', { sets: number(applied.access.createdSets.length), perms: number(applied.access.fieldPermissions) })}` : ''}
      </Notice>
      {applied.failed.length ? (
        <ul className="small">
          {applied.failed.map((f) => (
            <li key={f.name}>
              <code>{f.name}</code>: {f.crmCode} — {f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function PublishCard({ crm }: { crm: Crm }) {
  const { t } = useT();
  const check = useSetupCheck(crm);
  const apply = useSetupApply(crm);
  const pkg = useSetupPackage();
  const status = usePublishStatus(crm);
  const start = useStartPublish(crm);
  const job = status.data?.job ?? null;
  const running = job?.status === 'running';
  const titleId = `publish-${crm}-title`;
  return (
    <div className="card" role="group" aria-labelledby={titleId} data-testid={`publish-card-${crm}`}>
      <div className="card__head">
        <h3 id={titleId}>{t('publish.cardTitle', { crm: LABEL[crm] })}</h3>
      </div>

      <h4>{t('publish.setupTitle')}</h4>
      <p className="muted small">{t(crm === 'hubspot' ? 'publish.setupHintHubspot' : 'publish.setupHintSalesforce')}</p>
      <div className="actions">
        <Button onClick={() => void check.refetch()} busy={check.isFetching} busyLabel={t('publish.checking')}>
          {t('publish.check')}
        </Button>
        {check.data ? (
          <Button variant="primary" onClick={() => apply.mutate()} busy={apply.isPending} busyLabel={t('publish.creating')} disabled={!check.data.summary.missing && (crm === 'hubspot' || check.data.summary.noAccess === 0)}>
            {t('publish.create')}
          </Button>
        ) : null}
        {crm === 'salesforce' ? (
          <Button variant="ghost" onClick={() => pkg.mutate()} busy={pkg.isPending}>
            {t('publish.package')}
          </Button>
        ) : null}
      </div>
      {crm === 'salesforce' ? <p className="muted small">{t('publish.packageHint')}</p> : null}
      <ErrorAlert error={check.error ?? apply.error ?? pkg.error} />
      {apply.data ? <Applied applied={apply.data} crm={crm} /> : null}
      {check.data ? <SetupTable check={check.data} /> : null}

      <h4>{t('publish.runTitle')}</h4>
      <p className="muted small">{t('publish.runHint')}</p>
      <div className="actions">
        <Button onClick={() => start.mutate('signals')} busy={start.isPending && start.variables === 'signals'} disabled={running}>
          {t('publish.signals')}
        </Button>
        <Button variant="primary" onClick={() => start.mutate('scores')} busy={start.isPending && start.variables === 'scores'} disabled={running}>
          {t('publish.scores')}
        </Button>
      </div>
      <ErrorAlert error={start.error ?? status.error} />
      {job ? <PublishRun job={job} /> : null}
      <ScheduleLine schedule={status.data?.schedule?.find((x) => x.crm === crm)} />
    </div>
  );
}

/** The daily run in this browser: on (next run, last run), or off and why (lib/background/publish-schedule.ts). */
function ScheduleLine({ schedule: s }: { schedule: ScheduleView | undefined }) {
  const { t, dateTime } = useT();
  if (!s) return null;
  const text =
    s.state === 'off'
      ? t(`publish.schedule.off.${s.reason ?? 'no-publisher'}`)
      : s.state === 'due'
        ? t('publish.schedule.due')
        : t('publish.schedule.waiting', { next: dateTime(s.nextAt) });
  return (
    <div className="schedule" data-testid="publish-schedule">
      <h4>{t('publish.schedule.title')}</h4>
      <p className="small">{text}</p>
      {s.lastRunAt ? (
        <p className="muted small">
          {s.lastError ? t('publish.schedule.lastFailed', { at: dateTime(s.lastRunAt), error: s.lastError }) : t('publish.schedule.last', { at: dateTime(s.lastSuccessAt ?? s.lastRunAt) })}
        </p>
      ) : null}
    </div>
  );
}
