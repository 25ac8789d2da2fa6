import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { bandTone, findBand } from '../../components/bands';
import { CollapsedTab } from '../../components/CollapsedTab';
import { I18nProvider, useLoadedLocale } from '../../components/i18n';
import { ResizeHandle } from '../../components/ResizeHandle';
import { Toast, type ToastMessage } from '../../components/Toast';
import { TopBar } from '../../components/TopBar';
import type { RecordRef } from '../../lib/crm/detect';
import { createI18n, resolveLocale, type LocaleSetting } from '../../lib/i18n/index';
import { FRAME_WIDTH, framePrefs, setCollapsed, setWidth, type FramePrefs } from '../../lib/ui/frame-prefs';
import { call, onPageRecord } from '../../lib/ui/messaging';
import { recordKey, usePack, useRecord, useSaveSettings, useSettings } from '../../lib/ui/queries';
import { snapshotFirst, useHeldSnapshots, useSnapshotBridge, useSnapshotSaver } from '../../lib/ui/view-snapshots';
import { RecordScreen } from './RecordScreen';

export type Notify = (text: string, tone?: ToastMessage['tone']) => void;

/** The sidebar page: frame placement, language, and the record the page shows. */
export function App({ initial, token }: { initial: RecordRef | null; token: string }) {
  const [ref, setRef] = useState(initial);
  const [prefs, setPrefs] = useState<FramePrefs | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const queryClient = useQueryClient();
  // A switch paints the next record's snapshot before React re-renders (snapshotFirst).
  useEffect(
    () =>
      onPageRecord(
        token,
        snapshotFirst({
          show: setRef,
          hasLive: (r) => queryClient.getQueryData(recordKey(r)) !== undefined,
          prefetch: (r) => void queryClient.prefetchQuery({ queryKey: recordKey(r), queryFn: () => call('record.open', { ref: r }), staleTime: Infinity }),
        }),
      ),
    [token, queryClient],
  );
  useEffect(() => {
    void framePrefs.getValue().then(setPrefs);
    return framePrefs.watch(setPrefs);
  }, []);

  const settings = useSettings();
  const saveSettings = useSaveSettings();
  const localeSetting: LocaleSetting = settings.data?.locale ?? 'auto';
  const wanted = resolveLocale(localeSetting, navigator.language);
  const locale = useLoadedLocale(wanted);

  const record = useRecord(ref);
  const pack = usePack();
  const notify: Notify = useCallback((text, tone = 'ok') => setToast({ id: Date.now(), text, tone }), []);
  const clearToast = useCallback(() => setToast(null), []);

  const changeLocale = (next: LocaleSetting) => {
    const current = settings.data ?? { locale: 'auto' as const };
    saveSettings.mutate(
      { ...current, locale: next },
      { onError: (err) => notify(err.message, 'error') },
    );
  };
  const resize = (w: number) => {
    setPrefs((p) => (p ? { ...p, width: w } : p));
    void setWidth(w);
  };

  // The record's last snapshot stands in until the live view shows more than a skeleton.
  const expanded = !!prefs && !prefs.collapsed;
  const showsRecord = expanded && !!ref && !!record.data && !!pack.data && !settings.isPending;
  const settled = !!prefs && !!locale && (!expanded || !ref || showsRecord || !!record.error || !!pack.error);
  useSnapshotBridge(ref, settled);
  useHeldSnapshots(showsRecord);
  useSnapshotSaver(showsRecord && ref && locale && record.data ? { ref, accountKey: record.data.account.key, lang: locale } : null);

  if (!prefs || !locale) return null;
  if (prefs.collapsed) {
    const health = record.data?.evaluation?.health;
    const bands = pack.data?.bands ?? [];
    const band = findBand(bands, health?.band);
    return (
      <I18nProvider locale={locale}>
        <CollapsedTab
          onExpand={() => void setCollapsed(false)}
          {...(health && health.status === 'ok' ? { score: health.score, tone: bandTone(bands, health.band) } : {})}
          {...(band ? { bandLabel: createI18n(locale).text(band.label), ...(band.color ? { color: band.color } : {}) } : {})}
        />
      </I18nProvider>
    );
  }
  return (
    <I18nProvider locale={locale}>
      <div className="sidebar">
        <ResizeHandle width={prefs.width} min={FRAME_WIDTH.min} max={FRAME_WIDTH.max} onResize={resize} />
        <TopBar localeSetting={localeSetting} onLocaleChange={changeLocale} onCollapse={() => void setCollapsed(true)} pack={pack.data} />
        <main className="sidebar__body">
          <RecordScreen recordRef={ref} record={record} pack={pack} settings={settings.data} settingsReady={!settings.isPending} notify={notify} />
        </main>
        <Toast toast={toast} onDone={clearToast} />
      </div>
    </I18nProvider>
  );
}
