// The npm registry reachable here lacks Rollup's native packages for other
// platforms, so `npm install` writes a lock without them and `npm ci` then
// refuses it ("Missing: @rollup/rollup-…@ from lock file"). This adds the
// entries npm would write with the full registry: optional, and skipped on any
// platform they do not fit. Run it after changing dependencies:
//   node .ci/lock-optional-natives.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const rollup = lock.packages['node_modules/rollup'];
const OS = { android: 'android', darwin: 'darwin', freebsd: 'freebsd', linux: 'linux', openbsd: 'openbsd', openharmony: 'openharmony', win32: 'win32' };
const CPU = { arm: 'arm', arm64: 'arm64', x64: 'x64', ia32: 'ia32', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x' };
let added = 0;
for (const [name, version] of Object.entries(rollup?.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const [os, cpu, abi] = name.replace('@rollup/rollup-', '').split('-');
  if (!OS[os] || !CPU[cpu]) throw new Error(`Cannot tell the platform of ${name}`);
  lock.packages[key] = {
    version,
    cpu: [CPU[cpu]],
    license: 'MIT',
    optional: true,
    os: [OS[os]],
    ...(abi === 'musl' ? { libc: ['musl'] } : abi === 'gnu' ? { libc: ['glibc'] } : {}),
  };
  added++;
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: ${added} optional native entries added`);
