import { afterAll, beforeAll } from 'vitest';
import { launchWithExtension, type LaunchOptions, type Launched } from './browser.ts';
import { startCrmServer, type CrmServer, type CrmServerOptions } from './crm-server.ts';

/**
 * One Chromium with the extension and the demo CRM behind it, for a whole
 * suite file. The getters are read inside tests, after beforeAll has run.
 */
export function useCrmBrowser(options: { server?: CrmServerOptions; launch?: LaunchOptions } = {}) {
  let server: CrmServer | undefined;
  let browser: Launched | undefined;
  beforeAll(async () => {
    server = await startCrmServer(options.server);
    browser = await launchWithExtension({ ...options.launch, extraArgs: [...server.chromiumArgs, ...(options.launch?.extraArgs ?? [])] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser(): Launched {
      if (!browser) throw new Error('The browser is not up yet: use it inside a test.');
      return browser;
    },
    get server(): CrmServer {
      if (!server) throw new Error('The server is not up yet: use it inside a test.');
      return server;
    },
  };
}
