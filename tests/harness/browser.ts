import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { ensureChromium } from './chromium.ts';

export const PROJECT = join(import.meta.dirname, '..', '..');
export const EXTENSION_DIR = process.env.SIDECAR_EXTENSION_DIR ?? join(PROJECT, '.output', 'chrome-mv3');

/** Build the Chrome extension once per process (or reuse a fresh build when SIDECAR_PREBUILT=1). */
let built = false;
export function buildExtension(): string {
  if (built || (process.env.SIDECAR_PREBUILT === '1' && existsSync(join(EXTENSION_DIR, 'manifest.json')))) return EXTENSION_DIR;
  try {
    // vitest sets NODE_ENV=test, which a child build would inherit and ship React's development
    // build with: the suites test what users get.
    execFileSync(process.execPath, [join(PROJECT, 'node_modules', 'wxt', 'bin', 'wxt.mjs'), 'build'], { cwd: PROJECT, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
  } catch (err) {
    const out = String((err as { stdout?: Buffer }).stdout ?? '') + String((err as { stderr?: Buffer }).stderr ?? '');
    throw new Error(`Building the extension failed (wxt build):\n${out.split('\n').filter((l) => /ERROR|error|✗/.test(l)).slice(0, 12).join('\n')}`);
  }
  built = true;
  return EXTENSION_DIR;
}

/** Flags for every Chromium the tests and the bench start: quiet, no GPU, nothing fetched from outside. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  userDataDir: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  extraArgs?: string[];
  headless?: boolean;
  /** Reuse a profile (a browser restart); a fresh one otherwise. */
  userDataDir?: string;
  keepProfile?: boolean;
  viewport?: { width: number; height: number };
  locale?: string;
  /** Load this copy of the built extension (say, one with a manifest `key`); the build otherwise. */
  extensionDir?: string;
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<Launched> {
  const executablePath = ensureChromium();
  const extensionDir = options.extensionDir ?? buildExtension();
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'sidecar-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: options.headless ?? true,
    viewport: options.viewport ?? { width: 1440, height: 900 },
    locale: options.locale ?? 'en-US',
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...CHROMIUM_FLAGS,
      ...(options.extraArgs ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    userDataDir,
    async close() {
      await context.close().catch(() => {});
      if (!options.keepProfile && !options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
