import { defineConfig, type WxtViteConfig } from 'wxt';

type VitePlugin = Extract<NonNullable<WxtViteConfig['plugins']>[number], { name: string }>;

// The CRM hosts Sidecar runs on. Kept in one list so the content-script
// matches, the web-accessible sidebar and the README stay in step.
export const CRM_MATCHES = [
  'https://*.hubspot.com/*',
  'https://*.lightning.force.com/*',
  'https://*.my.salesforce.com/*',
];

/**
 * The sidebar's strings chunks get fixed names, so that its boot script (entrypoints/sidebar-boot.ts) can
 * preload the likely language while the main scripts load, rather than after they run.
 */
const stableStringsChunks = (): VitePlugin => ({
  name: 'sidecar:stable-strings-chunks',
  outputOptions(options) {
    const fallback = options.chunkFileNames ?? 'chunks/[name]-[hash].js';
    return {
      ...options,
      chunkFileNames: (chunk) =>
        /[\\/]lib[\\/]i18n[\\/](en|ja)\.ts$/.test(chunk.facadeModuleId ?? '')
          ? `chunks/strings-${chunk.name}.js`
          : typeof fallback === 'function' ? fallback(chunk) : fallback,
    };
  },
});

/**
 * The options page gets its own copy of every module it imports, shared with no other page.
 * Both pages use zod: the options page its full API (config packs), the sidebar zod/mini. A
 * module two pages import lands in one shared chunk with the union of what both use, which
 * put ~8 KB gzip of the options page's zod into the sidebar that runs inside the CRM page.
 * Each module reached from the options page is resolved under a marked id, so Rollup sees
 * them as other modules and never shares them. React still comes shared (CommonJS, resolved
 * through the CommonJS plugin's own proxies), which costs nothing: both pages use all of it.
 */
const OPTIONS_MARK = '?sidecar-options';
const optionsOwnModules = (): VitePlugin => ({
  name: 'sidecar:options-own-modules',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    if (!importer || source.includes(OPTIONS_MARK)) return null;
    // The portfolio page (a full tab, like the options page) shares the options page's copies, never the sidebar's.
    const fromOptions = importer.endsWith(OPTIONS_MARK) || /[\\/]entrypoints[\\/](options|portfolio)[\\/]index\.html$/.test(importer);
    if (!fromOptions) return null;
    const resolved = await this.resolve(source, importer.replace(OPTIONS_MARK, ''), { ...options, skipSelf: true });
    // Virtual modules, queries of Vite's own (?url, ?inline) and externals stay as they are.
    if (!resolved || resolved.external || resolved.id.startsWith('\0') || resolved.id.includes('?')) return resolved;
    return { ...resolved, id: resolved.id + OPTIONS_MARK };
  },
});

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // lib/ is the product's brain and is imported explicitly, never auto-imported.
  imports: false,
  vite: () => ({ plugins: [stableStringsChunks(), optionsOwnModules()] }),
  manifest: ({ browser }) => ({
    name: 'Sidecar for Customer Success',
    short_name: 'Sidecar',
    description: 'Health score, maturity level and next playbook action beside your HubSpot or Salesforce record.',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'cookies', 'identity'],
    host_permissions: [
      'https://api.hubapi.com/*',
      'https://*.my.salesforce.com/*',
      'https://*.lightning.force.com/*',
    ],
    // The team's pack URL (issue 15): its one origin is asked for at runtime, when the user saves the URL.
    optional_host_permissions: ['https://*/*'],
    // Chrome enterprise policy (storage.managed): the pack or its URL, the role, allowed portals and orgs.
    storage: { managed_schema: 'managed-schema.json' },
    // Only the CRM hosts may frame the sidebar, and only by the session's dynamic URL (a fresh
    // random id per browser session, which runtime.getURL gives the content script), never by the
    // extension's fixed id. A page that gets hold of it still gets a frame that does nothing:
    // lib/background/frame-gate.ts.
    web_accessible_resources: [
      { resources: ['sidebar.html'], matches: CRM_MATCHES, use_dynamic_url: true },
    ],
    // The toolbar button opens the portfolio (the CSM's book of business).
    action: { default_title: 'Sidecar' },
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandToggle__',
      },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'sidecar@example.com', strict_min_version: '128.0' } } }
      : {}),
  }),
});
