import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { createKeypads, parseKeypadLineConfig, CallerKeypadDriver, EvaluationKeypadDriver, FrameKeypadLink, ModbusKeypadLink } from '../../../drivers/keypad/index.js';
import type { LineQueue } from '../../../drivers/transport/line-queue.js';
import { ConfigError } from '../../../main/rules/config-problem.js';

const queue = { transport: { name: 'serial /dev/ttyS1 9600 8N1', state: 'closed' } } as unknown as LineQueue;

const expectError = (input: unknown, pattern: RegExp) =>
  assert.throws(
    () => parseKeypadLineConfig(input, 'bus.yml: lines[0].keypads'),
    (e: Error) => e instanceof ConfigError && e.message.split('\n').every((l) => l.startsWith('bus.yml: lines[0].keypads.')) && pattern.test(e.message),
    `expected ${pattern}`,
  );

describe('keypad line config', () => {
  test('a bus line from YAML: one evaluation keypad and three caller keypads, reference framing', () => {
    const yaml = `
codec: frame
evaluation: [1]
caller: [11, 12, 13]
pollIntervalMs: 50
texts: { thanks: 感谢您的评价，欢迎再来 }
`;
    const line = createKeypads(parseYaml(yaml), queue);
    assert.ok(line.link instanceof FrameKeypadLink);
    assert.ok(line.evaluation instanceof EvaluationKeypadDriver);
    assert.ok(line.caller instanceof CallerKeypadDriver);
    assert.deepEqual(line.caller.addresses, [11, 12, 13]);
    assert.equal(line.link.name, 'serial /dev/ttyS1 9600 8N1 (HallQ reference framing)');
  });

  test('the example in drivers/keypad/README.md parses', () => {
    const readme = readFileSync('drivers/keypad/README.md', 'utf8');
    const block = /```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const config = parseKeypadLineConfig((parseYaml(block) as { keypads: unknown }).keypads);
    assert.deepEqual([config.codec, config.evaluation, config.caller], ['frame', [1], [11, 12, 13]]);
  });

  test('a custom vendor framing with hex bytes from YAML', () => {
    const yaml = `
frameSpec:
  name: 某厂评价器
  header: [0xAA, "55"]   # YAML reads 0x.. as hex; a quoted string is hex too; a bare 55 would be decimal
  checksum: xor8
  commands: { poll: 0x01, report: 0x81, welcome: 0x02, prompt: 0x03, thanks: 0x04, showNumber: 0x05 }
  report: { counter: false }
  keyCodes:
    - { code: 0x01, rating: 5 }
    - { code: 0x02, rating: 4 }
evaluation: [1, 2]
`;
    const config = parseKeypadLineConfig(parseYaml(yaml));
    assert.deepEqual(config.frameSpec?.header, [0xaa, 0x55]);
    assert.equal(config.frameSpec?.commands.report, 0x81);
    assert.equal(config.frameSpec?.commands.ack, null);
    assert.equal(config.frameSpec?.trailer.length, 0);
  });

  test('Modbus keypads with the reference register map', () => {
    const line = createKeypads({ codec: 'modbus', caller: [1, 2] }, queue);
    assert.ok(line.link instanceof ModbusKeypadLink);
    assert.equal(line.evaluation, undefined);
  });

  test('errors name the field', () => {
    expectError({}, /evaluation: no keypads/);
    expectError({ codec: 'hid', caller: [1] }, /codec: /);
    expectError({ caller: [1, 2, 1] }, /caller: address 1 is listed twice/);
    expectError({ evaluation: [3], caller: [3] }, /caller: address 3 is also an evaluation keypad/);
    expectError({ caller: [300] }, /caller: address 300 needs frameSpec.addressWidth: 2/);
    expectError({ codec: 'modbus', evaluation: [250] }, /evaluation: Modbus unit id 250 is outside 1..247/);
    expectError({ codec: 'modbus', caller: [1], frameSpec: {} }, /frameSpec/);
    expectError({ caller: [1], frameSpec: { header: [0xa5], checksum: 'crc32' } }, /frameSpec\.checksum: .*\(got "crc32"\)/);
    expectError({ caller: [1], pollIntervalMs: 1 }, /pollIntervalMs: .*\(got 1\)/);
    expectError({ caller: [1], pollMs: 100 }, /pollMs/);
  });
});
