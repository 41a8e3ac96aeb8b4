// Loading a hall file as the admin edits it: every mistake comes back with the file name, the path
// inside the file, the reason and, where the YAML can tell, the line to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadHallFile, parseHallYaml } from '../../../main/config/hall-file.js';
import { ConfigError } from '../../../main/rules/config-problem.js';

const demoPath = fileURLToPath(new URL('../../../config/demo-hall.yml', import.meta.url));

// Line numbers below count from this text: keep its layout when editing.
const smallHall = `hall:
  name: 测试区政务服务中心
  timezone: Asia/Shanghai
  hours:
    - { from: '09:00', to: '12:00' }
    - { from: '13:30', to: '17:00' }
departments:
  - { code: GS, name: 市场监督管理局 }
  - { code: SW, name: 税务局 }
services:
  - { code: GS-01, name: 企业设立登记, department: GS, prefix: A, promisedMinutes: 20, dailyCap: 100 }
  - { code: GS-02, name: 企业变更登记, department: GS, prefix: A, promisedMinutes: 20, dailyCap: 100 }
  - { code: SW-01, name: 发票领用, department: SW, prefix: B, promisedMinutes: 10, dailyCap: 200 }
windows:
  - { number: 1, name: 市场监管窗口, kind: department, department: GS, services: [[GS-01], [GS-02]] }
  - { number: 2, name: 市场监管窗口, kind: department, department: GS, services: [[GS-02]] }
  - { number: 3, name: 税务窗口, kind: department, department: SW, services: [[SW-01]] }
  - number: 4
    name: 综合受理窗口
    kind: comprehensive
    services: [[GS-01, SW-01]]
  - { number: 5, name: 效能监察投诉窗口, kind: complaints }
staff:
  - { id: 0101, name: 王建军, role: chief, department: GS }
`;

/** The small hall with one text replaced (the replaced text must be there). */
function edited(from: string, to: string): string {
  assert.ok(smallHall.includes(from), `the small hall contains ${JSON.stringify(from)}`);
  return smallHall.replace(from, to);
}

/** The error message for hall text, or fails when it loads. */
function refusal(text: string, source = 'hall.yml'): string {
  try {
    parseHallYaml(text, source);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err.message;
  }
  assert.fail('the hall file was accepted');
}

test('the demo hall file loads', () => {
  const hall = loadHallFile(demoPath);
  assert.ok(hall.departments.size >= 8);
  assert.ok(hall.windows.size >= 28);
});

test('the demo hall file has no problems when read as text and parsed', () => {
  const hall = parseHallYaml(readFileSync(demoPath, 'utf8'), 'demo-hall.yml');
  assert.equal(hall.services.get('GA-03')?.hours?.[1]?.to, '16:30', 'a service may close before the hall');
});

test('the small hall loads, and a staff number written 0101 stays "0101"', () => {
  const hall = parseHallYaml(smallHall, 'hall.yml');
  assert.equal(hall.staff.get('0101')?.name, '王建军');
});

test('a window that names an unknown service is refused with the file, its path and its line', () => {
  const message = refusal(edited('services: [[GS-01, SW-01]]', 'services: [[GS-01, GS-07]]'));
  assert.equal(message, "hall.yml:21 windows[3].services[0][1]: unknown service 'GS-07' (known: GS-01, GS-02, SW-01)");
});

test('a duplicate window number is refused, pointing at the second one', () => {
  const message = refusal(edited('{ number: 3,', '{ number: 1,'));
  assert.match(message, /^hall\.yml:17 windows\[2\]: duplicate window number '1' \(also windows\[0\]\)$/);
});

test('a time written "9:00" is refused with its line', () => {
  assert.match(refusal(edited("from: '09:00'", "from: '9:00'")), /^hall\.yml:5 hall\.hours\[0\]\.from: expected a time of day as HH:MM/);
});

test('unquoted 9:00 is a string in YAML 1.2, and is refused the same way', () => {
  assert.match(refusal(edited("from: '09:00'", 'from: 9:00')), /hall\.hours\[0\]\.from: expected a time of day as HH:MM/);
});

test('a time range whose "from" is after its "to" is refused', () => {
  assert.match(refusal(edited("{ from: '13:30', to: '17:00' }", "{ from: '17:00', to: '13:30' }")), /^hall\.yml:6 hall\.hours\[1\]: "from" must be before "to"$/);
});

test('overlapping hours are refused', () => {
  assert.match(refusal(edited("from: '13:30'", "from: '11:30'")), /^hall\.yml:4 hall\.hours: time ranges 09:00–12:00 and 11:30–17:00 overlap$/);
});

test('a service of an unknown department is refused', () => {
  assert.match(refusal(edited('department: SW, prefix: B', 'department: DS, prefix: B')), /^hall\.yml:13 services\[2\]\.department: unknown department 'DS' \(known: GS, SW\)$/);
});

test('a misspelt key is refused, pointing at the key', () => {
  assert.match(refusal(edited('    kind: comprehensive\n', '    kind: comprehensive\n    colour: red\n')), /^hall\.yml:21 windows\[3\]\.colour: unknown key 'colour'/);
});

test('a bad time zone is refused', () => {
  assert.match(refusal(edited('Asia/Shanghai', 'Asia/Beijing')), /^hall\.yml:3 hall\.timezone: unknown time zone 'Asia\/Beijing' /);
});

test('a weighted window with the wrong number of weights is refused', () => {
  const text = edited('services: [[GS-01], [GS-02]] }', 'services: [[GS-01], [GS-02]], strategy: { order: weighted, weights: [3] } }');
  assert.match(refusal(text), /^hall\.yml:15 windows\[0\]\.strategy\.weights: give one weight per tier \(2 tiers, 1 weights\)$/);
});

test('a YAML syntax error is reported as file:line:column', () => {
  const message = refusal(edited('services: [[GS-01, SW-01]]', 'services: [[GS-01, SW-01]'));
  assert.match(message, /^hall\.yml:\d+:\d+ YAML syntax error: /);
  assert.match(message, /^hall\.yml:2[12]:\d+ /);
});

test('a key given twice is a YAML error, not a silent overwrite', () => {
  assert.match(refusal(edited('  timezone: Asia/Shanghai\n', '  timezone: Asia/Shanghai\n  timezone: UTC\n')), /^hall\.yml:4:3 YAML syntax error: Map keys must be unique/);
});

test('a missing file is refused with its path', () => {
  assert.throws(() => loadHallFile('config/x.yml'), { name: 'ConfigError', message: 'config/x.yml: cannot read: no such file' });
});

test('a directory given as the hall file is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-hall-'));
  assert.throws(() => loadHallFile(dir), { message: `${dir}: cannot read: is a directory, not a file` });
});

test('a hall file on disk reports problems under the path it was given', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'hallq-hall-')), 'hall.yml');
  writeFileSync(path, edited('services: [[GS-01, SW-01]]', 'services: [[GS-01, GS-07]]'));
  assert.throws(() => loadHallFile(path), (err: unknown) => err instanceof Error && err.message.startsWith(`${path}:21 windows[3].services[0][1]: unknown service 'GS-07'`));
});

test('an empty file is refused, not loaded as an empty hall', () => {
  assert.equal(refusal(''), 'hall.yml: the file is empty (a hall file starts with "hall:")');
});

test('a missing required key is named as missing, with the line of its parent', () => {
  assert.match(refusal(edited('  name: 测试区政务服务中心\n', '')), /^hall\.yml:1 hall\.name: missing \(expected string\)$/);
});

test('an alias to an anchor that was never set is refused with the file name', () => {
  assert.match(refusal(edited('name: 税务局', 'name: *taxName')), /^hall\.yml: /);
});

test('a negative daily cap is refused with its path', () => {
  assert.match(refusal(edited('dailyCap: 200', 'dailyCap: -1')), /^hall\.yml:13 services\[2\]\.dailyCap: /);
});

test("the hall's own voice clips folder is read relative to the hall file, wherever the hub starts", () => {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-hall-'));
  const file = join(dir, 'hall.yml');
  writeFileSync(file, `${smallHall}\ndisplay:\n  voice: { clipsDir: clips }\n`);
  assert.equal(loadHallFile(file).config.display.voice.clipsDir, join(dir, 'clips'));
  writeFileSync(file, `${smallHall}\ndisplay:\n  voice: { clipsDir: /srv/hall/clips }\n`);
  assert.equal(loadHallFile(file).config.display.voice.clipsDir, '/srv/hall/clips');
});
