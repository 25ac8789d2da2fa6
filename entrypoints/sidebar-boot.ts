import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { bootSidebar } from '../lib/view-snapshot/boot';

// Loaded by sidebar.html before its main scripts: paints the record's last snapshot, if any.
// It reads session storage itself rather than through lib/view-snapshot/session.ts, which would bring zod.
export default defineUnlistedScript(() => {
  window.sidecarBoot = bootSidebar(window, browser.storage.session ?? null);
});
