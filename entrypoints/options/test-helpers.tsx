import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { Locale } from '../../lib/i18n/index';
import { SidecarError } from '../../lib/messages/envelope';
import type { MessageType, RequestOf, ResponseOf } from '../../lib/messages/index';
import { call } from '../../lib/ui/options-messaging';
import { OptionsI18nProvider } from './i18n';

// Shared by the options page's component tests. Each test file mocks
// lib/ui/messaging itself (vi.mock is hoisted per file); this helper answers
// the mocked `call` from a table of handlers, as the background would.

export type Answers = { [K in MessageType]?: (data: RequestOf<K>) => ResponseOf<K> | Promise<ResponseOf<K>> };

export function answer(answers: Answers) {
  const mocked = vi.mocked(call);
  mocked.mockImplementation((async (type: MessageType, data: unknown) => {
    const handler = answers[type] as ((d: unknown) => unknown) | undefined;
    if (!handler) throw new SidecarError('unknown-type', `No answer for ${type} in this test`);
    return handler(data);
  }) as typeof call);
  return mocked;
}

/** The requests the page made of one type, in order. */
export function requests<K extends MessageType>(type: K): Array<RequestOf<K>> {
  return vi
    .mocked(call)
    .mock.calls.filter(([t]) => t === type)
    .map(([, d]) => d as RequestOf<K>);
}

export function renderOptions(ui: ReactElement, locale: Locale = 'en'): RenderResult & { client: QueryClient } {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const result = render(
    <QueryClientProvider client={client}>
      <OptionsI18nProvider locale={locale}>{ui}</OptionsI18nProvider>
    </QueryClientProvider>,
  );
  return { ...result, client };
}

/** A promise the test resolves by hand, to look at the page while a request is in flight. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
