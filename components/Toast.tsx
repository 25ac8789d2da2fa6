import { useEffect } from 'react';

export interface ToastMessage {
  id: number;
  text: string;
  tone?: 'ok' | 'error';
}

/** A short confirmation in a polite live region, so screen readers hear it too. */
export function Toast({ toast, onDone, ms = 3000 }: { toast: ToastMessage | null; onDone: () => void; ms?: number }) {
  useEffect(() => {
    if (!toast) return;
    const id = setTimeout(onDone, ms);
    return () => clearTimeout(id);
  }, [toast, onDone, ms]);
  return (
    <div className="toast-region" role="status" aria-live="polite" data-snapshot-skip="">
      {toast ? (
        <div key={toast.id} className={`toast toast--${toast.tone ?? 'ok'}`}>
          {toast.text}
        </div>
      ) : null}
    </div>
  );
}
