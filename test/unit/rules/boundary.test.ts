// The lint rule that keeps main/rules shareable: it imports nothing of ours and no Node built-ins,
// and the engine, the wire contract, the screens and the drivers may all import it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importRefusals } from '../../helpers/lint.js';

const refused = ['../queue/index.js', '../protocol/index.js', '../hub/jobs.js', '../../drivers/printer/index.js', '../../renderer/src/lib/format.js', '../../db/store.js', 'node:fs'];
// [the importing file, what it imports, refused?]
const cases: readonly (readonly [string, string, boolean])[] = [
  ['main/rules/x.ts', './number.js', false],
  ...refused.map((spec) => ['main/rules/x.ts', spec, true] as const),
  ...['main/queue/x.ts', 'main/protocol/x.ts'].map((file) => [file, '../rules/index.js', false] as const),
  ['renderer/src/lib/x.ts', '../../../main/rules/index.js', false],
  ['drivers/printer/x.ts', '../../main/rules/index.js', false],
];

test('rules/ imports nothing of ours and no Node built-ins; the engine, the contract, the screens and the drivers import it', async () => {
  for (const [filePath, spec, isRefused] of cases) {
    const messages = await importRefusals(filePath, `import * as m from '${spec}';\nconsole.error(m);`);
    assert.equal(messages.length, isRefused ? 1 : 0, `${filePath} → ${spec}: ${messages.join('; ')}`);
  }
});
