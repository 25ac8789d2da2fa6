import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadCatalog, resolveLocale } from '../../lib/i18n/index';
import { prefetchPortfolio } from '../../lib/ui/portfolio-queries';
import { earlyBookSnapshot, firstScreenOf, readKeptView } from '../../lib/ui/portfolio-view';
import '../sidebar/style.css';
import './style.css';

const queryClient = new QueryClient({
  // The background answers locally: a failure is real, so one retry is enough.
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

// The settings, the pack and the first screenful of the kept view, asked for side by side before
// React mounts: the first rows need nothing the page learns later.
prefetchPortfolio(queryClient, firstScreenOf(readKeptView(localStorage)));
// The strings the page most likely speaks first, fetched alongside: its last picture's language, else the browser's.
void loadCatalog(earlyBookSnapshot(localStorage)?.identity.lang ?? resolveLocale(undefined, navigator.language));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App browserLanguage={navigator.language} />
    </QueryClientProvider>
  </StrictMode>,
);
