// One shape for every config mistake: how a problem is printed, how zod's issues become problems, how
// and a problem finds its line from the YAML document (main/rules' lint rule: test/unit/rules/boundary).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ConfigError, describeProblem, formatPath, formatProblem, zodProblems } from '../../../main/rules/config-problem.js';
import { located, parseYamlConfig } from '../../../main/config/yaml-config.js';

test('a path reads as the files write it: windows[3].services[0][1]', () => {
  assert.equal(formatPath(['windows', 3, 'services', 0, 1]), 'windows[3].services[0][1]');
  assert.equal(formatPath(['devices[2].transport', 'baudRate']), 'devices[2].transport.baudRate');
  assert.equal(formatPath([]), '');
});

test('a problem prints as "file:line path: message", each part only when known', () => {
  const message = "unknown service 'GS-07'";
  assert.equal(formatProblem({ file: 'hall.yml', path: ['windows', 3], line: 21, message }), "hall.yml:21 windows[3]: unknown service 'GS-07'");
  assert.equal(formatProblem({ file: 'hall.yml', path: ['windows', 3], message }), "hall.yml: windows[3]: unknown service 'GS-07'");
  assert.equal(formatProblem({ file: 'hall.yml', path: [], line: 4, column: 3, message: 'YAML syntax error: x' }), 'hall.yml:4:3 YAML syntax error: x');
  assert.equal(formatProblem({ file: 'hall.yml', path: [], message: 'cannot read: no such file' }), 'hall.yml: cannot read: no such file');
  assert.equal(formatProblem({ path: ['transport', 'port'], message: 'expected a TCP port' }), 'transport.port: expected a TCP port');
  assert.equal(describeProblem({ file: 'hall.yml', path: ['hall', 'name'], line: 2, message: 'missing' }), 'hall.name: missing');
});

test('a ConfigError holds every problem and says each on its own line', () => {
  const err = new ConfigError([
    { file: 'agent.yml', path: ['hub', 'url'], line: 2, message: 'expected the hub address' },
    { file: 'agent.yml', path: ['devices', 0, 'kioskId'], line: 5, message: 'missing' },
  ]);
  assert.equal(err.name, 'ConfigError');
  assert.equal(err.problems.length, 2);
  assert.equal(err.message, 'agent.yml:2 hub.url: expected the hub address\nagent.yml:5 devices[0].kioskId: missing');
});

test('zod issues become problems: under the block they sit in, an unknown key one problem each, at the key', () => {
  const schema = z.strictObject({ port: z.number().min(1, 'expected a TCP port'), host: z.string() });
  const result = schema.safeParse({ port: 0, host: 'x', colour: 1, size: 2 });
  assert.ok(!result.success);
  const problems = zodProblems(result.error, { file: 'agent.yml', at: ['devices', 2, 'transport'], describe: (issue, key) => key ?? issue.message });
  assert.deepEqual(problems, [
    { file: 'agent.yml', path: ['devices', 2, 'transport', 'port'], message: 'expected a TCP port' },
    { file: 'agent.yml', path: ['devices', 2, 'transport', 'colour'], message: 'colour' },
    { file: 'agent.yml', path: ['devices', 2, 'transport', 'size'], message: 'size' },
  ]);
  const plain = z.object({ n: z.number() }).safeParse({ n: 'x' });
  assert.ok(!plain.success);
  assert.deepEqual(zodProblems(plain.error).map(describeProblem), ['n: expected number, received string'], 'zod\'s words without "Invalid input: "');
});

test("a problem finds its line from the YAML nodes: the key's own line, else its nearest parent's", () => {
  const text = 'hub:\n  url: x\ndevices:\n  - id: a\n    transport: { kind: tcp, port: 0 }\n';
  const yaml = parseYamlConfig(text, 'agent.yml', { syntaxError: 'YAML syntax error: ' });
  const lines = located(
    [
      { path: ['devices', 0, 'transport', 'port'], message: 'p' },
      { path: ['hub', 'token'], message: 'missing' },
      { path: ['name'], message: 'missing at the top' },
      { path: [], message: 'the whole file' },
    ],
    yaml,
  ).map(formatProblem);
  assert.deepEqual(lines, [
    'agent.yml:5 devices[0].transport.port: p',
    'agent.yml:1 hub.token: missing',
    'agent.yml: name: missing at the top',
    'agent.yml: the whole file',
  ]);
});

test('broken YAML, an empty file and a broken alias are problems of the file', () => {
  const words = { syntaxError: 'YAML syntax error: ', empty: 'the file is empty' };
  const refusal = (text: string) => {
    try {
      parseYamlConfig(text, 'x.yml', words);
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      return err.message;
    }
    assert.fail('the text was accepted');
  };
  assert.match(refusal('a: [1\n'), /^x\.yml:\d+:\d+ YAML syntax error: /);
  assert.equal(refusal(''), 'x.yml: the file is empty');
  assert.match(refusal('a: *nowhere\n'), /^x\.yml: /);
  assert.equal(parseYamlConfig('', 'x.yml', { syntaxError: '' }).input, null, 'an empty file may be allowed');
});

