import { useEffect, useState } from 'react';
import { framePrefs, setCollapsed, type FramePrefs } from '../../lib/ui/frame-prefs';
import { onPageRecord } from '../../lib/ui/messaging';
import { useRecord } from '../../lib/ui/queries';
import type { RecordRef } from '../../lib/crm/detect';
import { CollapsedTab } from '../../components/CollapsedTab';
import { RecordSeen } from '../../components/RecordSeen';

export function App({ initial, token }: { initial: RecordRef | null; token: string }) {
  const [ref, setRef] = useState(initial);
  const [prefs, setPrefs] = useState<FramePrefs | null>(null);
  useEffect(() => onPageRecord(token, setRef), [token]);
  useEffect(() => {
    void framePrefs.getValue().then(setPrefs);
    return framePrefs.watch(setPrefs);
  }, []);
  const record = useRecord(ref);

  // Marks for `npm run bench` and the real-browser tests: which record is on screen, and since when.
  useEffect(() => {
    if (!record.data) return;
    const id = requestAnimationFrame(() => {
      document.documentElement.dataset.shownRecord = record.data.account.key;
      document.documentElement.dataset.shownAt = (performance.timeOrigin + performance.now()).toFixed(1);
    });
    return () => cancelAnimationFrame(id);
  }, [record.data]);

  if (!prefs) return null;
  if (prefs.collapsed) return <CollapsedTab onExpand={() => void setCollapsed(false)} />;
  return (
    <main className="sidebar">
      <header className="sidebar__bar">
        <strong>Sidecar</strong>
        <button type="button" onClick={() => void setCollapsed(true)} aria-label="Collapse sidebar">
          ›
        </button>
      </header>
      {record.data ? <RecordSeen ref_={record.data.ref} account={record.data.account} /> : null}
      {record.error ? <p role="alert">{record.error.message}</p> : null}
    </main>
  );
}
