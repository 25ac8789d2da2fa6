import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import '../sidebar/style.css';
import './style.css';

const queryClient = new QueryClient({
  // The background answers locally: a failure is real, so one retry is enough.
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App browserLanguage={navigator.language} />
    </QueryClientProvider>
  </StrictMode>,
);
