import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { announceOpening, paintBookSnapshot } from '../lib/ui/portfolio-boot';

// Loaded by portfolio.html right after #root, before its main scripts: wakes the background (it starts
// reading the book) and paints the kept view's last picture, if any.
export default defineUnlistedScript(() => {
  announceOpening((m) => browser.runtime.sendMessage(m));
  paintBookSnapshot(document, localStorage);
});
