import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A self-signed certificate for the local stand-ins of the CRM hosts (Chromium runs with --ignore-certificate-errors). */
export function testCertificate(dir: string): { key: Buffer; cert: Buffer } {
  mkdirSync(dir, { recursive: true });
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  if (!existsSync(key) || !existsSync(cert)) {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '30',
      '-subj', '/CN=sidecar-local-crm',
      '-addext', 'subjectAltName=DNS:*.hubspot.com,DNS:api.hubapi.com,DNS:*.lightning.force.com,DNS:*.my.salesforce.com',
    ], { stdio: 'ignore' });
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}
