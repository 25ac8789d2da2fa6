import { buildExtension } from '../harness/browser.ts';
import { ensureChromium } from '../harness/chromium.ts';

// Once per run: a browser on the machine and one build of the extension that every suite loads.
export default function setup() {
  ensureChromium();
  buildExtension();
  process.env.SIDECAR_PREBUILT = '1';
}
