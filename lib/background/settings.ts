import { storage } from 'wxt/utils/storage';
import type { Settings } from '../messages/protocol';
import type { TeamSettings } from './team';

/** The user's own preferences. Extension storage: never the CRM page's origin. */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: { locale: 'auto' },
  version: 1,
});

/** The last enterprise policy read (chrome.storage.managed), for starts when Chromium is slow to answer it. */
export const policyCacheItem = storage.defineItem<unknown>('local:team-policy', { fallback: {} });

/** The user's own pack URL and role (lib/background/team.ts); IT's policy wins over both. Not secret. */
export const teamSettingsItem = storage.defineItem<TeamSettings>('local:team', {
  fallback: {},
  version: 1,
});
