// agent.yml as a hall technician writes it: a good file loads with its defaults, and every kind of
// mistake comes back with the file name, the key path and the line to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAgentConfig, parseAgentConfig } from '../../../main/agent/index.js';
import { ConfigError, formatProblem } from '../../../main/rules/config-problem.js';

const demoPath = fileURLToPath(new URL('../../../config/demo-agent.yml', import.meta.url));

// Line numbers below count from this text: keep its layout when editing.
const good = `hub:
  url: http://10.0.0.5:8080
  token: 0123456789abcdef0123
devices:
  - id: printer-k1
    kind: printer
    kioskId: K1
    transport: { kind: tcp, host: 10.0.0.21 }
  - id: led-3
    kind: led
    windowNo: 3
    transport: { kind: serial, path: /dev/ttyUSB0, baudRate: 9600 }
    display: { codec: onbon, address: 3 }
  - id: pads
    kind: keypad-line
    transport: { kind: serial, path: /dev/ttyUSB1, baudRate: 9600 }
    keypads: { evaluation: [1], caller: [11] }
    windows: { 1: 3, 11: 3 }
`;

function problems(text: string): string[] {
  try {
    parseAgentConfig(text, 'agent.yml');
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    const printed = err.problems.map(formatProblem);
    assert.equal(err.message, printed.join('\n'), 'the message is the problems, one printed line each');
    assert.ok(printed.every((l) => l.startsWith('agent.yml:')), 'every line names the file');
    return printed;
  }
  assert.fail('the file was accepted');
}

test('a good agent file loads with its defaults', () => {
  const c = parseAgentConfig(good, 'agent.yml');
  assert.equal(c.maintenanceAfterSeconds, 60);
  assert.deepEqual(c.devices.map((d) => d.kind), ['printer', 'led', 'keypad-line']);
  const printer = c.devices[0]!;
  assert.ok(printer.kind === 'printer');
  assert.equal(printer.paperWidth, 80);
  assert.equal(printer.qr, 'native');
  assert.deepEqual(printer.transport, { kind: 'tcp', host: '10.0.0.21', port: 9100 });
  const pads = c.devices[2]!;
  assert.ok(pads.kind === 'keypad-line');
  assert.equal(pads.keypads.pollIntervalMs, 100, "the keypad driver's own defaults apply");
  assert.deepEqual(pads.windows, { '1': 3, '11': 3 });
});

test('the demo agent file loads, and its outbox sits next to it', () => {
  const c = loadAgentConfig(demoPath);
  assert.equal(c.devices.filter((d) => d.kind === 'led').length, 3);
  assert.equal(c.outbox, join(fileURLToPath(new URL('../../../config/', import.meta.url)), 'hallq-agent-outbox.db'));
});

test('a YAML syntax error names the line', () => {
  const [p] = problems(good.replace('  token: 0123456789abcdef0123', '  token: [unclosed'));
  assert.match(p!, /^agent\.yml:\d+:\d+ YAML syntax error/);
});

test('an empty file and a missing file are refused in plain words', () => {
  assert.deepEqual(problems(''), ['agent.yml: the file is empty (an agent file starts with "hub:")']);
  const dir = mkdtempSync(join(tmpdir(), 'hallq-agent-cfg-'));
  assert.throws(() => loadAgentConfig(join(dir, 'nope.yml')), /nope\.yml: cannot read: no such file/);
  writeFileSync(join(dir, 'a.yml'), good);
  assert.equal(loadAgentConfig(join(dir, 'a.yml')).outbox, join(dir, 'hallq-agent-outbox.db'));
});

test('a misspelt key is named with the keys that are known, at its line', () => {
  assert.deepEqual(problems(good.replace('    kioskId: K1', '    kiosk: K1')), [
    'agent.yml:5 devices[0].kioskId: missing: this key is required',
    'agent.yml:7 devices[0].kiosk: unknown key "kiosk" (known: id, kind, kioskId, transport, paperWidth, qr)',
  ]);
});

test('a missing hub token and a bad hub address say what to write', () => {
  const p = problems(good.replace('  token: 0123456789abcdef0123\n', '').replace('http://10.0.0.5:8080', '10.0.0.5:8080'));
  assert.deepEqual(p, [
    'agent.yml:2 hub.url: expected the hub address, e.g. http://10.0.0.5:8080',
    'agent.yml:1 hub.token: expected the token printed by `hallq pair --role agent`',
  ]);
});

test("a transport mistake uses the transport's own words, at the line of the key", () => {
  assert.deepEqual(problems(good.replace('path: /dev/ttyUSB0, baudRate: 9600', 'path: /dev/ttyUSB0, baudRate: 9601')), [
    'agent.yml:12 devices[1].transport.baudRate: expected one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200',
  ]);
});

test('an unknown device kind lists the kinds', () => {
  assert.deepEqual(problems(good.replace('kind: led', 'kind: lcd')), ['agent.yml:10 devices[1].kind: expected one of printer, led, keypad-line, idcard, scanner']);
});

test('a display or keypad block is checked by its driver', () => {
  assert.deepEqual(problems(good.replace('codec: onbon, address: 3', 'codec: onbon, address: -1')), [
    'agent.yml:13 devices[1].display.address: Too small: expected number to be >=0',
  ]);
  assert.deepEqual(problems(good.replace('caller: [11]', 'caller: [1]')), [
    'agent.yml:17 devices[2].keypads.caller: address 1 is also an evaluation keypad',
    'agent.yml:18 devices[2].windows.11: address 11 is not listed under keypads.evaluation or keypads.caller',
  ]);
});

test('every keypad needs a window, and ids are unique', () => {
  assert.deepEqual(problems(good.replace('windows: { 1: 3, 11: 3 }', 'windows: { 1: 3 }')), [
    'agent.yml:18 devices[2].windows: keypad address 11 has no window: add "11: <window number>"',
  ]);
  assert.deepEqual(problems(good.replace('id: pads', 'id: led-3')), ['agent.yml:14 devices[2].id: "led-3" is already the id of devices[1]']);
});

test('devices on one port must describe it the same way', () => {
  const text = good.replace('path: /dev/ttyUSB1, baudRate: 9600', 'path: /dev/ttyUSB0, baudRate: 19200');
  assert.deepEqual(problems(text), [
    'agent.yml:16 devices[2].transport: same port as devices[1] but different settings: a shared line needs identical transport blocks',
  ]);
});

test('an ID card reader sits at one kiosk, with the default poll; a second at the same kiosk and a silly poll are refused', () => {
  const reader = `  - id: idcard-k1
    kind: idcard
    kioskId: K1
    transport: { kind: serial, path: /dev/ttyACM0, baudRate: 115200 }
`;
  const config = parseAgentConfig(good + reader, 'agent.yml');
  assert.deepEqual(config.devices[3], {
    id: 'idcard-k1',
    kind: 'idcard',
    kioskId: 'K1',
    transport: { kind: 'serial', path: '/dev/ttyACM0', baudRate: 115200 },
    pollIntervalMs: 300,
  });
  const second = reader.replace('idcard-k1', 'idcard-k1b').replace('/dev/ttyACM0', '/dev/ttyACM1');
  assert.deepEqual(problems(good + reader + second), ['agent.yml:25 devices[4].kioskId: kiosk K1 already has the ID card reader devices[3]']);
  assert.deepEqual(problems(good + reader.replace('kioskId: K1', 'kioskId: K1\n    pollIntervalMs: 5')), ['agent.yml:22 devices[3].pollIntervalMs: at least 100 ms']);
});
