import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { en } from '../lib/i18n/en';
import { registerCatalog, type Locale } from '../lib/i18n/index';
import { ja } from '../lib/i18n/ja';
import { I18nProvider } from './i18n';

registerCatalog('en', en);
registerCatalog('ja', ja);

/** Render a card the way the sidebar does: inside the language provider. */
export function renderIn(ui: ReactElement, locale: Locale = 'en'): RenderResult {
  return render(<I18nProvider locale={locale}>{ui}</I18nProvider>);
}
