import { useEffect, useMemo } from 'react';
import { browser } from 'wxt/browser';
import type { UseQueryResult } from '@tanstack/react-query';
import { HealthCard } from '../../components/HealthCard';
import { useI18n } from '../../components/i18n';
import { MaturityCard } from '../../components/MaturityCard';
import { NextActionCard } from '../../components/NextActionCard';
import { RecordHeader } from '../../components/RecordHeader';
import { LoadError, OfflineNotice, SampleBanner, Skeleton, SyncErrorBanner } from '../../components/States';
import type { CopyRequest } from '../../components/TemplateItem';
import type { RecordRef } from '../../lib/crm/detect';
import type { MergeContext } from '../../lib/engine/templates.ts';
import type { PackView, Settings } from '../../lib/messages/protocol';
import { copyText } from '../../lib/ui/clipboard';
import { useChooseContact, useOnline, useOverride, type useRecord, useTemplateCopied } from '../../lib/ui/queries';
import type { Notify } from './App';
import { noteFirstPaint } from '../../lib/view-snapshot/dom';
import { NotesSection } from './NotesSection';

/** Marks for `npm run bench` and the real-browser tests: which record the live view shows, and since when (and the frame's first paint, when no snapshot came first). */
function ShownMark({ accountKey }: { accountKey: string }) {
  useEffect(() => {
    const id = requestAnimationFrame(() => {
      const at = performance.timeOrigin + performance.now();
      document.documentElement.dataset.shownRecord = accountKey;
      document.documentElement.dataset.shownAt = at.toFixed(1);
      noteFirstPaint(document, accountKey, 'live', at);
    });
    return () => cancelAnimationFrame(id);
  }, [accountKey]);
  return null;
}

export interface RecordScreenProps {
  recordRef: RecordRef | null;
  record: ReturnType<typeof useRecord>;
  pack: UseQueryResult<PackView>;
  settings: Settings | undefined;
  settingsReady: boolean;
  notify: Notify;
}

/** The container: reads through the query hooks, hands plain props to the cards. */
export function RecordScreen({ recordRef, record, pack, settings, settingsReady, notify }: RecordScreenProps) {
  const { t } = useI18n();
  const online = useOnline();
  const override = useOverride(recordRef);
  const copied = useTemplateCopied();
  const chooseContact = useChooseContact(recordRef);
  const data = record.data;
  // The contact the templates greet: the CSM's pick for this account, else the first (primary, then most recently engaged).
  const contact = data?.contacts?.find((c) => c.id === data.contactId) ?? data?.contacts?.[0];

  const context: MergeContext = useMemo(() => {
    const merge = data?.merge ?? {};
    // Settings may have changed since the view was built; the newest wins.
    const mine = Object.fromEntries(
      Object.entries({ name: settings?.csmName, email: settings?.csmEmail, company: settings?.companyName }).filter((e): e is [string, string] => !!e[1]),
    );
    const who = contact ? Object.fromEntries(Object.entries({ firstName: contact.firstName, lastName: contact.lastName, email: contact.email }).filter((e): e is [string, string] => !!e[1])) : null;
    return { ...merge, csm: { ...(merge.csm ?? {}), ...mine }, ...(who ? { contact: who } : {}) };
  }, [data?.merge, settings?.csmName, settings?.csmEmail, settings?.companyName, contact]);

  if (!recordRef) return <p className="muted pad">{t('state.noRecord')}</p>;
  if (!data && record.error) return <LoadError message={record.error.message} onRetry={record.retry} />;
  if (pack.error && !pack.data) return <LoadError message={pack.error.message} onRetry={() => void pack.refetch()} />;
  if (!data || !pack.data || !settingsReady) return <Skeleton />;

  const packView = pack.data;
  const evaluation = data.evaluation;
  const accountKey = data.account.key;

  const onCopy = async (req: CopyRequest) => {
    try {
      await copyText(req.text);
      notify(req.missing.length ? t('template.copiedMissing', { title: req.title, fields: req.missingLabels.join(', ') }) : t('template.copied', { title: req.title }));
      copied.mutate({ accountKey, templateId: req.templateId, missing: req.missing });
    } catch {
      notify(t('template.copyFailed'), 'error');
    }
  };

  const syncError = data.sync.status === 'error' && data.sync.error ? data.sync.error : record.refreshError ? { message: record.refreshError.message } : null;

  return (
    <>
      <ShownMark accountKey={accountKey} />
      <RecordHeader
        // A new record's header is a new element: nothing of the previous record's is reused under its name.
        key={accountKey}
        account={data.account}
        context={evaluation?.health.context ?? null}
        pack={packView}
        sources={data.sources}
        refreshing={record.refreshing}
        onRefresh={record.refresh}
        offline={!online}
        {...(data.asOf ? { asOf: data.asOf } : {})}
        {...(data.via ? { via: data.via } : {})}
      />
      {data.sample ? <SampleBanner onOpenSettings={() => void browser.runtime.openOptionsPage()} /> : null}
      {!online ? <OfflineNotice /> : null}
      {data.sync.status === 'fresh' && data.sync.error ? (
        <p className="banner banner--warn small" role="status" data-testid="sync-warning">
          {data.sync.error.message}
        </p>
      ) : null}
      {syncError && online ? <SyncErrorBanner error={syncError} {...(data.sync.fetchedAt ?? data.asOf ? { savedAt: data.sync.fetchedAt ?? data.asOf } : {})} /> : null}
      {record.error ? <LoadError message={record.error.message} onRetry={record.retry} /> : null}
      <HealthCard
        health={evaluation?.health ?? null}
        trend={data.trend}
        pack={packView}
        onSetOverride={async (input) => {
          await override.set.mutateAsync({ accountKey, ...input });
        }}
        onClearOverride={() => override.clear.mutate(accountKey, { onError: (err) => notify(err.message, 'error') })}
        {...(data.account.previousSeenAt ? { previousSeenAt: data.account.previousSeenAt } : {})}
        {...(data.ratings ? { ratings: data.ratings } : {})}
        {...(data.published ? { published: data.published } : {})}
      />
      <MaturityCard maturity={evaluation?.maturity ?? null} levels={packView.levels} />
      {evaluation ? (
        <NextActionCard
          nextAction={evaluation.nextAction}
          roles={packView.roles}
          templates={packView.templates}
          context={context}
          onCopy={(req) => void onCopy(req)}
          contacts={data.contacts ?? []}
          {...(contact ? { contactId: contact.id } : {})}
          onChooseContact={(contactId) => chooseContact.mutate({ accountKey, contactId }, { onError: (err) => notify(err.message, 'error') })}
        />
      ) : null}
      <NotesSection
        key={accountKey}
        recordRef={recordRef}
        accountKey={accountKey}
        origin={data.via ?? { objectType: data.ref.objectType, recordId: data.ref.recordId }}
        ratings={packView.ratings}
        notify={notify}
      />
      <p className="small sidebar-foot">
        <a href={browser.runtime.getURL('/portfolio.html')} target="_blank" rel="noreferrer" data-testid="open-portfolio">
          {t('portfolio.open')}
        </a>
      </p>
    </>
  );
}
