// Reference extensions for `npm run bench`: what any sidebar frame costs on this machine.
//
// Each puts an iframe of its own extension page beside the demo CRM page, placed as Sidecar's
// content script places its own, and does nothing else. Two pages:
// - "one line": a heading and nothing more: the floor for any extension frame;
// - "static picture": Sidecar's stored snapshot of the record, with Sidecar's stylesheet inline and
//   no script at all: the floor for showing that picture, however the sidebar were built.
// The frame's heading carries `elementtiming`, as Sidecar's record header does, so all three are
// timed by the same Chromium entry. The frame is mounted at document start by the session's dynamic
// URL (`use_dynamic_url`), as Sidecar's is, and the worker answers a message at once (the floor
// for any round trip from a frame to its background).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MATCHES = ['https://*.hubspot.com/*', 'https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'];

/** The `elementtiming` identifier of the one-line page's heading. */
export const ONE_LINE_TIMING = 'record floor';

// Sidecar's own placement (entrypoints/crm.content.ts), expanded.
const CONTENT_SCRIPT = `const f = document.createElement('iframe');
f.src = chrome.runtime.getURL('/sidebar.html');
f.style.cssText = 'position:fixed!important;top:0!important;right:0!important;width:360px!important;height:100vh!important;border:0!important;margin:0!important;z-index:2147483646!important;background:transparent!important;box-shadow:-2px 0 8px rgba(0,0,0,.12)!important';
document.documentElement.append(f);
`;

/** The frame's `elementtiming` identifier for the line drawn after a single-page switch. */
export const SWITCH_TIMING = 'record switch';

// The switch reference: the content script tells the frame of each same-document navigation
// (the Navigation API, as WXT's location watcher uses), and the frame draws one new line.
// (Any origin: Chromium gives a frame loaded by the dynamic URL the extension's fixed origin.)
const FOLLOW_SWITCHES = `navigation.addEventListener('currententrychange', () => f.contentWindow.postMessage(location.href, '*'));
`;
const SWITCH_SCRIPT = `addEventListener('message', (e) => {
  const h = document.createElement('h1');
  h.setAttribute('elementtiming', ${JSON.stringify(SWITCH_TIMING)});
  h.textContent = String(e.data);
  document.body.replaceChildren(h);
});
`;

export interface FloorExtension {
  dir: string;
  remove(): void;
}

function write(name: string, sidebarHtml: string, followSwitches = false): FloorExtension {
  const dir = mkdtempSync(join(tmpdir(), `sidecar-floor-${name}-`));
  const manifest = {
    manifest_version: 3,
    name: `Bench reference: ${name}`,
    version: '1.0',
    content_scripts: [{ matches: MATCHES, js: ['cs.js'], run_at: 'document_start' }],
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: MATCHES, use_dynamic_url: true }],
    // An idle worker, as Sidecar has one (and the timing harness finds the extension by it).
    background: { service_worker: 'sw.js' },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'cs.js'), CONTENT_SCRIPT + (followSwitches ? FOLLOW_SWITCHES : ''));
  if (followSwitches) writeFileSync(join(dir, 'switch.js'), SWITCH_SCRIPT);
  writeFileSync(join(dir, 'sw.js'), '// idle but for a ping, answered at once\nchrome.runtime.onMessage.addListener((_m, _s, respond) => { respond(1); });\n');
  writeFileSync(join(dir, 'sidebar.html'), sidebarHtml);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * An extension frame holding one heading. `followSwitches`: on each single-page switch of the CRM
 * page it draws one new heading (a five-line script, async so that it never holds the heading back).
 */
export function oneLineExtension(followSwitches = false): FloorExtension {
  const script = followSwitches ? '<script src="/switch.js" async></script>' : '';
  return write(
    followSwitches ? 'one-line-switches' : 'one-line',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sidecar</title></head><body><h1 elementtiming="${ONE_LINE_TIMING}">Sidecar</h1>${script}</body></html>`,
    followSwitches,
  );
}

/**
 * Page-cost references: extensions that put nothing on screen, or a bare frame only once the page
 * has started, so the bench can show what merely having an extension costs the host page.
 * - `document_start` / `document_idle`: a content script that does nothing, run at that point;
 * - `after-load`: a document-start content script that mounts the bare one-line frame once the page
 *   has painted its first contentful picture and fired its load event, as Sidecar does.
 * Each has the same idle worker as the other references.
 */
export type PageCostReference = 'document_start' | 'document_idle' | 'after-load';

// Sidecar's wait for the page's start (entrypoints/crm.content.ts, afterPageStart), expanded.
const MOUNT_AFTER_LOAD = `const mount = () => {
${CONTENT_SCRIPT}};
const fcp = () => performance.getEntriesByName('first-contentful-paint').length > 0;
const painted = new Promise((resolve) => {
  if (fcp()) return resolve();
  const o = new PerformanceObserver(() => { if (fcp()) { o.disconnect(); resolve(); } });
  o.observe({ type: 'paint', buffered: true });
});
const loaded = new Promise((resolve) => document.readyState === 'complete' ? resolve() : addEventListener('load', () => resolve(), { once: true }));
const timer = setTimeout(mount, 2000);
Promise.all([painted, loaded]).then(() => { clearTimeout(timer); mount(); });
`;

export function pageCostExtension(kind: PageCostReference): FloorExtension {
  const dir = mkdtempSync(join(tmpdir(), `sidecar-floor-${kind}-`));
  const manifest = {
    manifest_version: 3,
    name: `Bench reference: ${kind}`,
    version: '1.0',
    content_scripts: [{ matches: MATCHES, js: ['cs.js'], run_at: kind === 'document_idle' ? 'document_idle' : 'document_start' }],
    ...(kind === 'after-load' ? { web_accessible_resources: [{ resources: ['sidebar.html'], matches: MATCHES, use_dynamic_url: true }] } : {}),
    background: { service_worker: 'sw.js' },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'cs.js'), kind === 'after-load' ? MOUNT_AFTER_LOAD : '// nothing: the cost of having a content script at all\nvoid 0;\n');
  writeFileSync(join(dir, 'sw.js'), 'chrome.runtime.onMessage.addListener((_m, _s, respond) => { respond(1); });\n');
  writeFileSync(
    join(dir, 'sidebar.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sidecar</title></head><body><h1 elementtiming="${ONE_LINE_TIMING}">Sidecar</h1></body></html>`,
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * An extension frame holding `snapshotHtml` (a stored snapshot's markup, lib/view-snapshot) as Sidecar
 * paints it, styled by the built stylesheet of `sidecarDir`, inline, with no script.
 */
export function staticPictureExtension(sidecarDir: string, snapshotHtml: string, lang: string): FloorExtension {
  const page = readFileSync(join(sidecarDir, 'sidebar.html'), 'utf8');
  const href = /<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+\.css)"/.exec(page)?.[1];
  if (!href) throw new Error(`No stylesheet link in ${join(sidecarDir, 'sidebar.html')}`);
  const css = readFileSync(join(sidecarDir, href), 'utf8');
  return write(
    'static-picture',
    `<!doctype html><html lang="${escapeAttr(lang)}"><head><meta charset="utf-8"><title>Sidecar</title><style>${css}</style></head><body><div id="sidecar-snapshot" inert>${snapshotHtml}</div><div id="root"></div></body></html>`,
  );
}
