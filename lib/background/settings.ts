import { storage } from 'wxt/utils/storage';
import type { Settings } from '../messages/protocol';

/** The user's own preferences. Extension storage: never the CRM page's origin. */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: { locale: 'auto' },
  version: 1,
});
