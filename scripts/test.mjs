// Runs every *.test.ts under test/ with Node's own test runner (through tsx), so CI reads its counts.
// Usage: node scripts/test.mjs [path-filter ...]   e.g. `npm test -- unit/queue`
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const filters = process.argv.slice(2);
const files = readdirSync('test', { recursive: true })
  .map((f) => join('test', String(f)))
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)))
  .sort();

if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ') || 'test/**/*.test.ts'}`);
  process.exit(1);
}
// Browser tests need the built renderer: build once when it is missing or older than its sources.
const newest = (dir) =>
  readdirSync(dir, { recursive: true }).reduce((m, f) => Math.max(m, statSync(join(dir, String(f))).mtimeMs), 0);
if (files.some((f) => f.startsWith(join('test', 'e2e')))) {
  const built = join('renderer', 'dist', 'index.html');
  const sources = Math.max(newest(join('renderer', 'src')), newest(join('main', 'protocol')), existsSync(join('renderer', 'public')) ? newest(join('renderer', 'public')) : 0);
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    console.log('test: building the renderer (vite build)');
    const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
