import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

const canApt = () => process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');

function apt(packages: string[]): void {
  console.log(`[sidecar] installing ${packages.join(', ')} from Debian (apt-get)…`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function hasJapaneseFont(): boolean {
  const out = spawnSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' });
  return out.status === 0 && out.stdout.trim().length > 0;
}

/**
 * Chromium (and a Japanese font, so screenshots show Japanese) or a clear
 * message saying what to install. Never downloads a browser build of its own.
 */
export function ensureChromium(): string {
  let path = findChromium();
  const missing = [...(path ? [] : ['chromium']), ...(process.platform === 'linux' && !hasJapaneseFont() ? ['fonts-noto-cjk'] : [])];
  if (missing.length && canApt()) {
    apt(missing);
    path = findChromium();
  } else if (missing.includes('fonts-noto-cjk')) {
    console.warn('[sidecar] No Japanese font found: Japanese text will show as boxes. Install one (Debian: apt-get install fonts-noto-cjk).');
  }
  if (!path) {
    throw new Error(
      'Sidecar needs Chromium or Chrome and found neither.\n' +
        '  Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk\n' +
        '  macOS: install Google Chrome\n' +
        '  Or point CHROME_PATH at a Chromium/Chrome binary.',
    );
  }
  return path;
}
