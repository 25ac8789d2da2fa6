import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExtension } from './browser.ts';

// Enterprise policy names an extension by its id, so a test that writes policy needs the id
// before the extension loads: a copy of the build with its own public key in the manifest.

/** The built extension, copied with a fresh public key in its manifest: its id is then known before it loads. */
export function keyedExtension(): { dir: string; id: string } {
  const built = buildExtension();
  const dir = mkdtempSync(join(tmpdir(), 'sidecar-keyed-'));
  cpSync(built, dir, { recursive: true });
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  manifest.key = der.toString('base64');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  // Chrome's id: the first 128 bits of the key's SHA-256, each hex digit written as a–p.
  const id = [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  return { dir, id };
}

/**
 * The user allowed one origin earlier (permissions.request): headless Chromium cannot show that
 * prompt, so the grant is written into the closed profile as Chromium writes it. A page's own
 * request then finds it granted, as it does for a user who said yes.
 */
export function grantOrigin(profile: string, extensionId: string, origin: string): void {
  const prefsPath = join(profile, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(prefsPath, 'utf8')) as { extensions: { settings: Record<string, Record<string, { explicit_host?: string[] }>> } };
  const settings = prefs.extensions.settings[extensionId];
  if (!settings) throw new Error(`The profile has no settings for ${extensionId}`);
  for (const k of ['granted_permissions', 'active_permissions']) {
    if (settings[k]) settings[k].explicit_host = [...(settings[k].explicit_host ?? []), origin];
  }
  writeFileSync(prefsPath, JSON.stringify(prefs));
}
