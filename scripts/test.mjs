// Runs every *.test.ts under test/ with Node's own test runner (through tsx), so CI reads its counts.
// Usage: node scripts/test.mjs [path-filter ...]   e.g. `npm test -- unit/queue`
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildRenderer } from './build-renderer.mjs';

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
if (files.some((f) => f.startsWith(join('test', 'e2e')))) buildRenderer({ ifStale: true });
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
