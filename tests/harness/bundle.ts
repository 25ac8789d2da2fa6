import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Every built .js file under `dir`, relative to it, sorted. */
export function builtScripts(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.js')) files.push(relative(dir, p));
    }
  };
  walk(dir);
  return files.sort();
}

export const gzipKb = (dir: string, rel: string) => gzipSync(readFileSync(join(dir, rel))).length / 1024;

/**
 * What the sidebar page loads before it can show anything: the scripts sidebar.html names
 * (boot script, entry, preloaded chunks) and one language's strings, the larger (ja).
 */
export function sidebarLoadedJs(dir: string): { files: string[]; gzipKb: number } {
  const html = readFileSync(join(dir, 'sidebar.html'), 'utf8');
  const loaded = [...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const languages = builtScripts(dir).filter((r) => /^chunks\/strings-(ja|en)\.js$/.test(r));
  if (languages.length !== 2) throw new Error(`Expected the sidebar's two strings chunks, found: ${languages.join(', ') || 'none'}`);
  const language = Math.max(...languages.map((r) => gzipKb(dir, r)));
  return { files: loaded, gzipKb: loaded.reduce((sum, rel) => sum + gzipKb(dir, rel), 0) + language };
}
