// The lint rule that keeps main/rules shareable: it imports nothing of ours and no Node built-ins,
// and the engine, the wire contract, the screens and the drivers may all import it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}
const importing = (spec: string) => `import * as m from '${spec}';\nconsole.error(m);`;

test('rules/ imports nothing of ours and no Node built-ins', async () => {
  for (const spec of ['../queue/index.js', '../protocol/index.js', '../hub/jobs.js', '../../drivers/printer/index.js', '../../renderer/src/lib/format.js', '../../db/store.js', 'node:fs']) {
    assert.equal((await refusals('main/rules/x.ts', importing(spec))).length, 1, spec);
  }
  assert.deepEqual(await refusals('main/rules/x.ts', importing('./number.js')), []);
});

test('the engine, the wire contract, the screens and the drivers may import rules/', async () => {
  for (const [file, spec] of [
    ['main/queue/x.ts', '../rules/index.js'],
    ['main/protocol/x.ts', '../rules/index.js'],
    ['renderer/src/lib/x.ts', '../../../main/rules/index.js'],
    ['drivers/printer/x.ts', '../../main/rules/index.js'],
  ] as const) {
    assert.deepEqual(await refusals(file, importing(spec)), [], `${file} → ${spec}`);
  }
});
