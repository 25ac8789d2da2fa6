import type { Launched } from './browser.ts';

/**
 * The mock CRM APIs behind the demo, and the step that connects the extension
 * to them. Until the mocks exist the demo runs on Sidecar's labelled sample data.
 */
export async function startDemoApis() {
  return {
    urls: {} as { hubspotApi?: string; salesforceApi?: string },
    async connect(_browser: Launched) {},
    async close() {},
  };
}
