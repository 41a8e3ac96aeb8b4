// Builds the screens (renderer/ → renderer/dist) with Vite when the build is missing or older than
// its sources. Used by `npm start` (the demo hall) and by the test runner before browser tests.
// Usage: node scripts/build-renderer.mjs [--if-stale]
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const newest = (dir) =>
  readdirSync(join(root, dir), { recursive: true }).reduce((m, f) => Math.max(m, statSync(join(root, dir, String(f))).mtimeMs), 0);

export function rendererIsStale() {
  const built = join(root, 'renderer', 'dist', 'index.html');
  const sources = Math.max(newest(join('renderer', 'src')), newest(join('main', 'protocol')), existsSync(join(root, 'renderer', 'public')) ? newest(join('renderer', 'public')) : 0);
  return !existsSync(built) || statSync(built).mtimeMs < sources;
}

/** Build now (or only when stale); exits the process on a failed build. */
export function buildRenderer({ ifStale = false } = {}) {
  if (ifStale && !rendererIsStale()) return;
  console.log('building the screens (vite build)…');
  const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'renderer/vite.config.ts'), '--logLevel', 'warn'], {
    stdio: 'inherit',
    cwd: root,
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) buildRenderer({ ifStale: process.argv.includes('--if-stale') });
