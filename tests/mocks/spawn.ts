// Start a mock as its own process, the way the browser tests and a developer
// do, and read the URL it prints. Node ≥ 22.6 strips the types itself; older
// Node goes through tsx's loader.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const STRIPS_TYPES = major > 22 || (major === 22 && minor >= 6);

export async function spawnMock(file: 'hubspot-server.ts' | 'salesforce-server.ts'): Promise<{ url: string; child: ChildProcess }> {
  const path = fileURLToPath(new URL(file, import.meta.url));
  const args = STRIPS_TYPES ? ['--experimental-strip-types', '--no-warnings', path, '--port', '0'] : ['--import', 'tsx', path, '--port', '0'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`mock did not start: ${err}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`mock exited with ${code}: ${err}`)));
  });
  return { url, child };
}
