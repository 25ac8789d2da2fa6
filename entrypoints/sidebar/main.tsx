import { confirmed, early, params } from './early';
import { QueryClient, QueryClientProvider, notifyManager } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { showRefused } from '../../lib/ui/frame-confirm';
import { packKey, recordKey, settingsKey } from '../../lib/ui/queries';
import { waitForBoot } from '../../lib/view-snapshot/boot';
import { App } from './App';
import './style.css';

// Query updates reach React in a microtask rather than a 0 ms timer: the answers the first
// paint waits for are then rendered in the task that delivered them, not a timer hop later.
notifyManager.setScheduler(queueMicrotask);

const queryClient = new QueryClient({
  // The background answers locally; a failure is real, so one retry is enough.
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

// Adopt the requests early.ts already sent, so the first render finds them in flight.
void queryClient.prefetchQuery({ queryKey: packKey, queryFn: () => early.pack });
void queryClient.prefetchQuery({ queryKey: settingsKey, queryFn: () => early.settings });
if (params.ref && early.record) void queryClient.prefetchQuery({ queryKey: recordKey(params.ref), queryFn: () => early.record! });

// React's first render waits for the boot script's snapshot to reach the screen (or to be
// found missing), so the two never compete for the first frame; the requests above are already out.
// It also waits for the background's confirmation: a frame its own content script did not mount
// renders no control at all, only a line that says so.
void Promise.all([waitForBoot(window.sidecarBoot), confirmed.then(() => true, () => false)]).then(([, ok]) => {
  if (!ok) return showRefused(document, navigator.language);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App initial={params.ref} token={params.token} />
      </QueryClientProvider>
    </StrictMode>,
  );
});
