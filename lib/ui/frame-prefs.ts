import { storage } from 'wxt/utils/storage';

/**
 * How the sidebar frame sits on the page. Extension storage, not the page's:
 * the CRM's scripts cannot read it. The content script watches it, so the
 * sidebar, the keyboard command and every tab stay in step.
 */
export interface FramePrefs {
  collapsed: boolean;
  width: number;
}

export const FRAME_WIDTH = { min: 300, default: 360, max: 640 } as const;
export const COLLAPSED_TAB = { width: 28, height: 112 } as const;

export const framePrefs = storage.defineItem<FramePrefs>('local:framePrefs', {
  fallback: { collapsed: false, width: FRAME_WIDTH.default },
  version: 1,
});

export function clampWidth(width: number): number {
  if (!Number.isFinite(width)) return FRAME_WIDTH.default;
  return Math.round(Math.min(FRAME_WIDTH.max, Math.max(FRAME_WIDTH.min, width)));
}

export async function toggleCollapsed(): Promise<void> {
  const prefs = await framePrefs.getValue();
  await framePrefs.setValue({ ...prefs, collapsed: !prefs.collapsed });
}

export async function setCollapsed(collapsed: boolean): Promise<void> {
  const prefs = await framePrefs.getValue();
  if (prefs.collapsed !== collapsed) await framePrefs.setValue({ ...prefs, collapsed });
}

export async function setWidth(width: number): Promise<void> {
  const prefs = await framePrefs.getValue();
  await framePrefs.setValue({ ...prefs, width: clampWidth(width) });
}
