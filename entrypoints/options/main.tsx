import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SidecarDb } from '../../lib/db/schema';
import { App } from './App';
import './styles.css';

const queryClient = new QueryClient({
  // The background answers locally: a failure is real, and retrying a rejected token would only repeat it.
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false }, mutations: { retry: 0 } },
});

// A top-level extension page may open the extension's own database: the CSV
// import's heavy write runs here rather than in the service worker.
const db = new SidecarDb();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App db={db} browserLanguage={navigator.language} />
    </QueryClientProvider>
  </StrictMode>,
);
