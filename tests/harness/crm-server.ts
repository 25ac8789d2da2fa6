import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { testCertificate } from './tls.ts';

const ROOT = join(import.meta.dirname, '..');
const page = (name: string) => readFileSync(join(ROOT, 'fixtures', 'crm', name));

export interface CrmServerOptions {
  /** Base URLs (plain http on loopback) of the mock APIs to put behind api.hubapi.com and *.my.salesforce.com/services. */
  hubspotApi?: string;
  salesforceApi?: string;
  /** Called for every request, for tests that count or log traffic. */
  onRequest?: (host: string, path: string) => void;
  /** Pages of a test's own on a host and path (say, a hostile page on a CRM host); the demo pages otherwise. */
  page?: (host: string, path: string) => string | null;
  /** Other files of a test's own (say, the bench's heavy page's scripts), cacheable as a CRM's bundles are. */
  asset?: (host: string, path: string) => { body: string | Buffer; type: string; network?: { delayMs: number } } | null;
}

export interface CrmServer {
  port: number;
  /** The flags that make Chromium reach this server as the real CRM hosts. */
  chromiumArgs: string[];
  setApis(apis: Pick<CrmServerOptions, 'hubspotApi' | 'salesforceApi'>): void;
  close(): Promise<void>;
}

function proxy(base: string, req: IncomingMessage, res: ServerResponse) {
  const target = new URL(req.url ?? '/', base);
  const upstream = httpRequest(
    target,
    { method: req.method, headers: { ...req.headers, host: target.host } },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  upstream.on('error', () => {
    // The mock dropped the connection on purpose (fault injection): drop ours too.
    res.destroy();
  });
  req.pipe(upstream);
}

/**
 * One HTTPS server standing in for every CRM host: the demo pages for the
 * app hosts, and the mock APIs behind the API hosts.
 */
export async function startCrmServer(options: CrmServerOptions = {}): Promise<CrmServer> {
  const apis = { hubspotApi: options.hubspotApi, salesforceApi: options.salesforceApi };
  const tls = testCertificate(join(ROOT, '.artifacts', 'tls'));
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').split(':')[0]!.toLowerCase();
    const path = req.url ?? '/';
    options.onRequest?.(host, path);
    const html = (body: Buffer) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    };
    if (host === 'api.hubapi.com') {
      if (apis.hubspotApi) return proxy(apis.hubspotApi, req, res);
      res.writeHead(503, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ status: 'error', message: 'No mock HubSpot API in this run', category: 'UNAVAILABLE' }));
    }
    if (host.endsWith('.my.salesforce.com') && path.startsWith('/services/')) {
      if (apis.salesforceApi) return proxy(apis.salesforceApi, req, res);
      res.writeHead(503, { 'content-type': 'application/json' });
      return res.end(JSON.stringify([{ message: 'No mock Salesforce API in this run', errorCode: 'SERVER_UNAVAILABLE' }]));
    }
    if (path === '/favicon.ico') {
      res.writeHead(204);
      return res.end();
    }
    const asset = options.asset?.(host, path);
    if (asset?.network) {
      // As over a network: every load revalidates (a 304 keeps the browser's HTTP and code caches)
      // and each answer takes delayMs, so the page's HTML is parsed and painted before the file arrives.
      const etag = `"${createHash('sha256').update(asset.body).digest('hex').slice(0, 16)}"`;
      const fresh = req.headers['if-none-match'] === etag;
      setTimeout(() => {
        res.writeHead(fresh ? 304 : 200, { 'content-type': asset.type, 'cache-control': 'no-cache', etag });
        res.end(fresh ? undefined : asset.body);
      }, asset.network.delayMs);
      return;
    }
    if (asset) {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'max-age=3600' });
      return res.end(asset.body);
    }
    const own = options.page?.(host, path);
    if (own != null) return html(Buffer.from(own));
    if (host.endsWith('.hubspot.com')) return html(page('hubspot.html'));
    if (host.endsWith('.lightning.force.com')) return html(page('salesforce.html'));
    if (host.endsWith('.my.salesforce.com')) return html(page('salesforce-classic.html'));
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`No demo page for ${host}`);
  };
  const server = createHttpsServer({ key: tls.key, cert: tls.cert }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const hosts = ['*.hubspot.com', 'api.hubapi.com', '*.lightning.force.com', '*.my.salesforce.com'];
  return {
    port,
    chromiumArgs: [
      `--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}, EXCLUDE localhost`,
      '--ignore-certificate-errors',
    ],
    setApis(next) {
      Object.assign(apis, next);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

