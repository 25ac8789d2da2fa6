// What both mock CRM servers share: a plain-HTTP Node server on 127.0.0.1,
// request counters, and fault injection. No dependencies beyond Node, so the
// servers also run standalone with `node --experimental-strip-types` and
// behind the TLS stand-in of the browser tests.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface MockRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the form fields as an object, or undefined. */
  body: unknown;
  rawBody: string;
}

export interface Fault {
  /** Which requests it hits; every request when omitted. */
  match?: (req: MockRequest) => boolean;
  status?: 400 | 401 | 403 | 404 | 409 | 429 | 500 | 502 | 503;
  /** Defaults to the CRM's own error body for the status. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait before answering; longer than the client's timeout makes a timeout. */
  delayMs?: number;
  /** Destroy the socket instead of answering (a connection reset). */
  reset?: true;
  /** Answer (status or 200) with a body that is not valid JSON. */
  malformedJson?: true;
  /** Perform the request first, then fail, reset or hang: the client cannot know the write happened. */
  applyAfterWrite?: true;
  /** How many matching requests it hits; 1 when omitted, Infinity for all. */
  times?: number;
}

export interface MockReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RequestCounters {
  total: number;
  /** "METHOD /path" with ids replaced by :id → count. */
  byRoute: Record<string, number>;
  log: Array<{ method: string; path: string; query: string; status?: number; fault?: boolean }>;
}

export interface MockCore {
  faults: Fault[];
  requests: RequestCounters;
}

export interface StartedMock {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function newCounters(): RequestCounters {
  return { total: 0, byRoute: {}, log: [] };
}

const SF_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function routeKey(method: string, path: string): string {
  const generic = path
    .split('/')
    .map((seg) => (/^\d+$/.test(seg) || (SF_ID.test(seg) && /\d/.test(seg) && /[a-zA-Z]/.test(seg)) ? ':id' : seg))
    .join('/');
  return `${method} ${generic}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function takeFault(faults: Fault[], req: MockRequest): Fault | undefined {
  const i = faults.findIndex((f) => (f.match ? f.match(req) : true) && (f.times ?? 1) > 0);
  if (i < 0) return undefined;
  const fault = faults[i]!;
  const left = (fault.times ?? 1) - 1;
  if (left <= 0) faults.splice(i, 1);
  else fault.times = left;
  return fault;
}

export interface ServeOptions {
  port?: number;
  core: MockCore;
  handle: (req: MockRequest) => MockReply | Promise<MockReply>;
  /** The CRM's error body for a faulted status. */
  faultBody: (status: number, req: MockRequest) => unknown;
  /** Headers on every answer (rate-limit and usage headers). */
  commonHeaders?: (req: MockRequest) => Record<string, string>;
}

export async function serve(opts: ServeOptions): Promise<StartedMock> {
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  function send(res: ServerResponse, reply: MockReply, req: MockRequest, logIndex: number) {
    if (res.destroyed || res.writableEnded) return;
    const headers: Record<string, string> = { ...opts.commonHeaders?.(req), ...reply.headers };
    const entry = opts.core.requests.log[logIndex];
    if (entry) entry.status = reply.status;
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
    res.end(text);
  }

  /** Apply a fault's failure; false when it has none (a delay only), so the real answer goes out. */
  function applyFailure(fault: Fault, req: MockRequest, res: ServerResponse, logIndex: number): boolean {
    if (fault.reset) {
      res.socket?.destroy();
      return true;
    }
    if (fault.malformedJson) {
      send(res, { status: fault.status ?? 200, body: '{"results": [{"id": "1", "properties": ', headers: fault.headers }, req, logIndex);
      return true;
    }
    if (fault.status) {
      send(res, { status: fault.status, body: fault.body ?? opts.faultBody(fault.status, req), headers: fault.headers }, req, logIndex);
      return true;
    }
    return false;
  }

  const server = createServer(async (incoming, res) => {
    try {
      const raw = await readBody(incoming);
      const url = new URL(incoming.url ?? '/', 'http://mock.invalid');
      const req: MockRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body: parseBody(raw, incoming.headers['content-type']),
        rawBody: raw,
      };
      const counters = opts.core.requests;
      counters.total++;
      const key = routeKey(req.method, req.path);
      counters.byRoute[key] = (counters.byRoute[key] ?? 0) + 1;
      const fault = takeFault(opts.core.faults, req);
      const logIndex = counters.log.push({ method: req.method, path: req.path, query: url.search, fault: fault !== undefined }) - 1;
      if (fault && !fault.applyAfterWrite) {
        if (fault.delayMs) await sleep(fault.delayMs);
        if (applyFailure(fault, req, res, logIndex)) return;
      }
      const reply = await opts.handle(req);
      if (fault?.applyAfterWrite) {
        if (fault.delayMs) await sleep(fault.delayMs);
        if (applyFailure(fault, req, res, logIndex)) return;
      }
      send(res, reply, req, logIndex);
    } catch (e) {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`mock error: ${e instanceof Error ? e.stack : String(e)}`);
      }
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `--port N` and `--token T` from argv, for running a mock standalone. */
export function cliArgs(argv: string[]): { port: number; token?: string } {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return { port: Number(get('--port') ?? 0), token: get('--token') };
}

export function bearer(req: MockRequest): string | null {
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return m ? m[1]!.trim() : null;
}

export const isoNow = () => new Date().toISOString();
