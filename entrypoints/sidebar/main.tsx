import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadCatalog, resolveLocale } from '../../lib/i18n/index';
import { readFrameParams } from '../../lib/ui/frame-url';
import { App } from './App';
import './style.css';

const params = readFrameParams(location.href);
// Start fetching the likely language's strings now, in parallel with the first messages.
void loadCatalog(resolveLocale('auto', navigator.language));
const queryClient = new QueryClient({
  // The background answers locally; a failure is real, so one retry is enough.
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App initial={params.ref} token={params.token} />
    </QueryClientProvider>
  </StrictMode>,
);
