// A small Chrome DevTools Protocol client over `--remote-debugging-pipe`, for timing runs.
//
// Why not Playwright for timings: Playwright auto-attaches to every out-of-process iframe with
// `waitForDebuggerOnStart: true`, so the sidebar's frame (a chrome-extension:// OOPIF inside the CRM
// page) is held paused at its start until Playwright has set it up, which inflates exactly the
// first-paint figures we measure. This client never calls Target.setAutoAttach: it finds the
// sidebar's frame target afterwards (Target.getTargets) and attaches to it once it already runs.
//
// Wire format: Chromium reads commands from fd 3 and writes replies and events to fd 4, each
// message one JSON object terminated by a NUL byte.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CHROMIUM_FLAGS } from './browser.ts';
import { ensureChromium } from './chromium.ts';

/** Default time limit for one CDP reply. */
const CALL_TIMEOUT = 30_000;

export interface TargetInfo {
  targetId: string;
  type: string;
  title: string;
  url: string;
  attached: boolean;
  openerId?: string;
  /** The frame that holds an iframe target (recent Chromium only). */
  parentFrameId?: string;
}

interface RemoteObject {
  type: string;
  subtype?: string;
  value?: unknown;
  unserializableValue?: string;
  description?: string;
}

interface ExceptionDetails {
  text: string;
  lineNumber: number;
  columnNumber: number;
  exception?: RemoteObject;
}

interface EvaluateResult {
  result: RemoteObject;
  exceptionDetails?: ExceptionDetails;
}

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { code: number; message: string; data?: string };
  sessionId?: string;
}

interface Pending {
  method: string;
  sessionId?: string;
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

export type Send = <T = unknown>(method: string, params?: object, sessionId?: string) => Promise<T>;

/** A CDP session attached (flat) to one target. */
export interface Session {
  readonly targetId: string;
  readonly sessionId: string;
  send<T = unknown>(method: string, params?: object): Promise<T>;
  /**
   * Runtime.evaluate with returnByValue (and awaitPromise); throws with the exception's text.
   * `timeout`: how long to wait for the reply (default 30 s).
   */
  evaluate<T = unknown>(expression: string, options?: { timeout?: number }): Promise<T>;
}

/** The sidebar's iframe target, attached after it started (never paused at its start). */
export interface FrameSession extends Session {
  /** The frame's URL when it was found (chrome-extension://…/sidebar.html?ref=…&cs=…#…). */
  readonly url: string;
  /** The frame document's `performance.timeOrigin` (epoch ms). */
  readonly timeOrigin: number;
  detach(): Promise<void>;
}

export interface PageSession extends Session {
  /**
   * Navigates and resolves once the new document is the one in the page (its
   * `performance.timeOrigin` changed); returns that time origin. Does not wait for load.
   * `quietMs`: leave the page alone that long first (no evaluation in it while it loads).
   */
  navigate(url: string, options?: { timeout?: number; quietMs?: number }): Promise<{ timeOrigin: number }>;
  /**
   * Attaches to the sidebar's iframe target (url containing `/sidebar.html`) in this page: the
   * newest one if several, and only one whose document started after `newerThan` (epoch ms) when
   * given. Polls until there is one.
   */
  sidebarFrame(options?: { newerThan?: number; timeout?: number }): Promise<FrameSession>;
  close(): Promise<void>;
}

export interface TimingBrowser {
  /** The extension's id, when launched with one. */
  readonly extensionId: string | null;
  readonly version: string;
  send: Send;
  newPage(): Promise<PageSession>;
  close(): Promise<void>;
}

export interface TimingLaunchOptions {
  /** The unpacked extension to load; null or absent launches Chromium without it. */
  extensionDir?: string | null;
  /** More flags, e.g. the CRM server's `chromiumArgs`. */
  extraArgs?: string[];
  /** Time limit for the launch (and for the extension's service worker to start). */
  timeout?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `fn` every `interval` ms until it returns something other than undefined, null or false;
 * throws after `timeout` ms naming `what` (and the last error `fn` threw, if any).
 */
export async function poll<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  { timeout = 15_000, interval = 50 }: { timeout?: number; interval?: number } = {},
): Promise<T> {
  const end = Date.now() + timeout;
  let lastError: Error | null = null;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== null && v !== false) return v;
      lastError = null;
    } catch (err) {
      // A browser that is gone will not come back: no point polling on.
      if (err instanceof BrowserExitedError) throw err;
      lastError = err as Error;
    }
    if (Date.now() + interval > end) {
      throw new Error(`Timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    }
    await sleep(interval);
  }
}

export class BrowserExitedError extends Error {}

// Every live Chromium this module started, so the process can end them when it exits.
const live = new Set<{ proc: ChildProcess; userDataDir: string }>();
let exitHooked = false;
function killAllSync() {
  for (const entry of live) {
    if (entry.proc.exitCode === null && entry.proc.signalCode === null) entry.proc.kill('SIGKILL');
    try {
      rmSync(entry.userDataDir, { recursive: true, force: true });
    } catch {
      // Chromium's helpers may still be writing to it: leave it to the OS's temp cleanup.
    }
  }
  live.clear();
}
function hookProcessExit() {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllSync();
      process.kill(process.pid, signal); // the default action, now that our handler is gone
    });
  }
}

type Call = <T = unknown>(method: string, params?: object, sessionId?: string, timeout?: number) => Promise<T>;

function evaluateExpression(call: Call, sessionId: string, expression: string, timeout?: number) {
  return call<EvaluateResult>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId, timeout).then(({ result, exceptionDetails }) => {
    if (exceptionDetails) {
      const detail = exceptionDetails.exception?.description ?? exceptionDetails.text;
      throw new Error(`Evaluation failed: ${detail}\n  in: ${expression.slice(0, 200)}`);
    }
    if (result.unserializableValue !== undefined) return Number(result.unserializableValue);
    return result.value;
  });
}

/** Launches headless Chromium with a fresh profile, driven over the DevTools pipe. */
export async function launchTimingBrowser(options: TimingLaunchOptions = {}): Promise<TimingBrowser> {
  const timeout = options.timeout ?? 30_000;
  const extensionDir = options.extensionDir ?? null;
  const userDataDir = mkdtempSync(join(tmpdir(), 'sidecar-cdp-'));
  const args = [
    '--headless',
    `--user-data-dir=${userDataDir}`,
    ...CHROMIUM_FLAGS,
    '--window-size=1440,900',
    '--remote-debugging-pipe',
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    ...(options.extraArgs ?? []),
    'about:blank',
  ];
  const proc = spawn(ensureChromium(), args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  const entry = { proc, userDataDir };
  live.add(entry);
  hookProcessExit();

  const toBrowser = proc.stdio[3] as Writable;
  const fromBrowser = proc.stdio[4] as Readable;
  const stderrTail: string[] = [];
  (proc.stderr as Readable).setEncoding('utf8');
  (proc.stderr as Readable).on('data', (chunk: string) => {
    stderrTail.push(...chunk.split('\n').filter(Boolean));
    stderrTail.splice(0, Math.max(0, stderrTail.length - 15));
  });

  let nextId = 0;
  const pending = new Map<number, Pending>();
  let exited: BrowserExitedError | null = null;

  const onExit = (why: string) => {
    if (exited) return;
    const tail = stderrTail.length ? `\n  Chromium's last output:\n    ${stderrTail.join('\n    ')}` : '';
    exited = new BrowserExitedError(`Chromium ${why}${tail}`);
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(new BrowserExitedError(`${exited.message}\n  (while waiting for the reply to ${p.method})`));
    }
  };
  proc.on('exit', (code, signal) => onExit(`exited (${signal ? `signal ${signal}` : `code ${code}`})`));
  proc.on('error', (err) => onExit(`could not be started: ${err.message}`));
  toBrowser.on('error', (err) => onExit(`closed its DevTools pipe: ${err.message}`));
  fromBrowser.on('error', (err) => onExit(`closed its DevTools pipe: ${err.message}`));

  let buffer = '';
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const text = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      let message: Message;
      try {
        message = JSON.parse(text) as Message;
      } catch {
        continue;
      }
      if (message.id !== undefined) {
        const p = pending.get(message.id);
        if (!p) continue;
        pending.delete(message.id);
        clearTimeout(p.timer);
        if (message.error) p.reject(new Error(`CDP ${p.method} failed: ${message.error.message}${message.error.data ? ` (${message.error.data})` : ''}`));
        else p.resolve(message.result);
      } else if (message.method === 'Target.detachedFromTarget') {
        // Calls in a session whose target went away (a frame replaced by a navigation) get no reply.
        const gone = message.params?.sessionId as string | undefined;
        for (const [id, p] of pending) {
          if (p.sessionId !== gone) continue;
          clearTimeout(p.timer);
          pending.delete(id);
          p.reject(new Error(`CDP ${p.method} failed: the target detached (session ${gone})`));
        }
      }
    }
  });

  const call: Call = <T = unknown>(method: string, params: object = {}, sessionId?: string, callTimeout = CALL_TIMEOUT) =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new BrowserExitedError(`${exited.message}\n  (before sending ${method})`));
      const id = ++nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`CDP ${method} timed out after ${callTimeout} ms with no reply`));
      }, callTimeout);
      pending.set(id, { method, sessionId, resolve: resolve as (v: unknown) => void, reject, timer });
      toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  const send: Send = <T = unknown>(method: string, params?: object, sessionId?: string) => call<T>(method, params, sessionId);

  const attach = async (targetId: string) =>
    (await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })).sessionId;
  const detach = (sessionId: string) => send('Target.detachFromTarget', { sessionId }).then(
    () => undefined,
    () => undefined, // already gone with its target
  );

  const session = (targetId: string, sessionId: string): Session => ({
    targetId,
    sessionId,
    send: <T = unknown>(method: string, params?: object) => send<T>(method, params, sessionId),
    evaluate: <T = unknown>(expression: string, o: { timeout?: number } = {}) =>
      evaluateExpression(call, sessionId, expression, o.timeout) as Promise<T>,
  });

  const close = async () => {
    if (!exited) {
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      await call('Browser.close', {}, undefined, 5_000).catch(() => {});
      await Promise.race([gone, sleep(5_000)]);
      if (!exited) {
        proc.kill('SIGKILL');
        await Promise.race([gone, sleep(5_000)]);
      }
    }
    live.delete(entry);
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };

  try {
    const version = await call<{ product: string }>('Browser.getVersion', {}, undefined, timeout);
    let extensionId: string | null = null;
    if (extensionDir) {
      // The extension is ready once its service worker runs.
      const worker = await poll(
        'the extension service worker to start',
        async () => {
          const { targetInfos } = await send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
          return targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
        },
        { timeout, interval: 100 },
      );
      extensionId = new URL(worker.url).host;
    }

    const newPage = async (): Promise<PageSession> => {
      const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
      const sessionId = await attach(targetId);
      const page = session(targetId, sessionId);
      let timeOrigin = await page.evaluate<number>('performance.timeOrigin');

      const findSidebar = async (newerThan: number): Promise<FrameSession | null> => {
        const { targetInfos } = await send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
        const candidates = targetInfos.filter(
          (t) => t.type === 'iframe' && t.url.includes('/sidebar.html') && (t.parentFrameId === undefined || t.parentFrameId === targetId),
        );
        let best: FrameSession | null = null;
        for (const t of candidates) {
          const frameSessionId = await attach(t.targetId).catch(() => null); // it may be gone already
          if (!frameSessionId) continue;
          const s = session(t.targetId, frameSessionId);
          const [origin, url] = await s
            .evaluate<[number, string]>('[performance.timeOrigin, location.href]')
            .catch(() => [Number.NEGATIVE_INFINITY, ''] as [number, string]);
          if (origin > newerThan && url.includes('/sidebar.html') && (!best || origin > best.timeOrigin)) {
            if (best) await best.detach();
            best = { ...s, url, timeOrigin: origin, detach: () => detach(frameSessionId) };
          } else {
            await detach(frameSessionId);
          }
        }
        return best;
      };

      return {
        ...page,
        async navigate(url, o = {}) {
          const before = timeOrigin;
          const { errorText } = await call<{ errorText?: string }>('Page.navigate', { url }, sessionId, o.timeout ?? CALL_TIMEOUT);
          if (errorText) throw new Error(`Navigating to ${url} failed: ${errorText}`);
          if (o.quietMs) await sleep(o.quietMs);
          timeOrigin = await poll(
            `the page to commit the navigation to ${url}`,
            async () => {
              const origin = await page.evaluate<number>('performance.timeOrigin', { timeout: 2_000 });
              return origin !== before ? origin : null;
            },
            { timeout: o.timeout ?? 15_000, interval: 10 },
          );
          return { timeOrigin };
        },
        async sidebarFrame(o = {}) {
          const newerThan = o.newerThan ?? Number.NEGATIVE_INFINITY;
          try {
            return await poll(
              `the sidebar iframe (/sidebar.html)${Number.isFinite(newerThan) ? ` started after ${newerThan.toFixed(1)}` : ''}`,
              () => findSidebar(newerThan),
              { timeout: o.timeout ?? 15_000, interval: 50 },
            );
          } catch (err) {
            if (err instanceof BrowserExitedError) throw err;
            // Say what the page does hold, to tell "no frame at all" from "only an old one".
            const { targetInfos } = await send<{ targetInfos: TargetInfo[] }>('Target.getTargets').catch(() => ({ targetInfos: [] as TargetInfo[] }));
            const frames = targetInfos.filter((t) => t.type === 'iframe' && (t.parentFrameId === undefined || t.parentFrameId === targetId));
            const page = targetInfos.find((t) => t.targetId === targetId);
            const seen = frames.length ? frames.map((t) => t.url.slice(0, 120)).join(', ') : 'none';
            throw new Error(`${(err as Error).message}\n  page: ${page?.url ?? '?'}\n  its iframe targets: ${seen}`);
          }
        },
        async close() {
          await send('Target.closeTarget', { targetId }).catch(() => {});
        },
      };
    };

    return { extensionId, version: version.product, send, newPage, close };
  } catch (err) {
    await close();
    throw err;
  }
}
