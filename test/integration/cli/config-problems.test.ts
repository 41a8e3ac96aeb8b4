// A technician's broken hall file or agent.yml, as `hallq` says it: exit 2, nothing started, and one
// "hallq <cmd>: file:line path: message" line per problem, so an editor (or grep) goes straight there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, hallq, lines, scratch } from './run.js';

test('a hall file with two mistakes is refused, one file:line line each, by every command that reads it', async () => {
  const dir = scratch('bad-hall');
  const hall = join(dir, 'hall.yml');
  const demo = readFileSync(join(ROOT, 'config/demo-hall.yml'), 'utf8');
  assert.ok(demo.includes('  timezone: Asia/Shanghai\n') && demo.includes('  recallLimit: 3 '), 'the demo hall has the lines this test edits');
  writeFileSync(hall, demo.replace('  timezone: Asia/Shanghai\n', '  timezone: Asia/Shanghai\n  colour: red\n').replace('  recallLimit: 3 ', '  recallLimit: 30 '));
  const line = (text: string) => readFileSync(hall, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
  for (const args of [['hub'], ['pair', '--role', 'kiosk', '--id', 'K1']]) {
    const r = await hallq([...args, '--config', hall, '--db', join(dir, 'hall.db')], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    const said = lines(r.stderr);
    assert.deepEqual(said.sort(), [
      `hallq ${args[0]}: ${hall}:${line('colour: red')} hall.colour: unknown key 'colour' (check its spelling and indentation)`,
      `hallq ${args[0]}: ${hall}:${line('recallLimit: 30')} hall.recallLimit: Too big: expected number to be <=10`,
    ].sort());
  }
});

test('an agent file with three mistakes is refused, one file:line line each, before anything starts', async () => {
  const dir = scratch('bad-agent');
  const agent = join(dir, 'agent.yml');
  writeFileSync(agent, 'hub:\n  url: 10.0.0.5:8080\ndevices:\n  - id: printer-k1\n    kind: printer\n    kioskId: K1\n    transport: { kind: tcp, host: 10.0.0.21, port: 0 }\n');
  const r = await hallq(['agent', '--config', agent], dir);
  assert.equal(r.code, 2, r.stderr);
  assert.deepEqual(lines(r.stderr), [
    `hallq agent: ${agent}:2 hub.url: expected the hub address, e.g. http://10.0.0.5:8080`,
    `hallq agent: ${agent}:1 hub.token: expected the token printed by \`hallq pair --role agent\``,
    `hallq agent: ${agent}:7 devices[0].transport.port: expected a TCP port 1…65535`,
  ]);
});
