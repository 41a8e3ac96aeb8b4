import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHallFile, parseHallYaml } from '../../../main/config/hall-file.js';
import { HallConfigError } from '../../../main/queue/index.js';

const demo = readFileSync('config/demo-hall.yml', 'utf8');

function problemsOf(text: string): string {
  try {
    parseHallYaml(text, 'hall.yml');
  } catch (err) {
    assert.ok(err instanceof HallConfigError, `expected a HallConfigError, got ${String(err)}`);
    return err.message;
  }
  assert.fail('the file was accepted');
}

test('the demo hall is a whole district centre: departments, services, windows, staff', () => {
  const hall = loadHallFile('config/demo-hall.yml');
  const { config } = hall;
  assert.ok(config.departments.length >= 8, 'at least 8 departments');
  for (const d of config.departments) {
    const n = config.services.filter((s) => s.department === d.code).length;
    assert.ok(n >= 2 && n <= 6, `${d.name} has ${n} services (2–6)`);
  }
  assert.ok(config.windows.length >= 25 && config.windows.length <= 40, `${config.windows.length} windows`);
  const kinds = (k: string) => config.windows.filter((w) => w.kind === k).length;
  assert.equal(kinds('comprehensive'), 2);
  assert.equal(kinds('green'), 1);
  assert.equal(kinds('complaints'), 1);
  const served = new Set(config.windows.flatMap((w) => w.services.flat()));
  for (const s of config.services) assert.ok(served.has(s.code), `${s.code} is served by some window`);
  assert.ok(config.services.some((s) => s.appointment), 'some services can be booked');
  assert.ok(config.staff.some((s) => s.role === 'chief') && config.staff.some((s) => s.role === 'supervisor'));
  assert.ok(config.staff.every((s) => /^\d{4}$/.test(s.id)), 'staff numbers stay as written (leading zeros kept)');
  assert.equal(config.hall.timezone, 'Asia/Shanghai');
});

test('a window that names an unknown service is refused with its path, the known codes and the line', () => {
  const message = problemsOf(demo.replace(/(services: \[\[)GS-01/, '$1GS-07'));
  assert.match(message, /^hall\.yml: windows\[\d+\]\.services\[0\]\[0\]: unknown service 'GS-07' \(known: .+\) \(line \d+\)/);
});

test('each kind of mistake is named with where it is', () => {
  const base = `
hall: { name: 测试中心, hours: [{ from: "09:00", to: "17:00" }] }
departments: [{ code: GS, name: 工商 }]
services: [{ code: GS-01, name: 设立登记, department: GS, prefix: A, promisedMinutes: 20, dailyCap: 100 }]
windows: [{ number: 1, name: 一号窗口, kind: department, services: [[GS-01]] }]
`;
  assert.doesNotThrow(() => parseHallYaml(base, 'hall.yml'));
  const cases: [string, RegExp][] = [
    [base.replace('"09:00"', '"9:00"'), /hall\.hours\[0\]\.from: expected a time of day as HH:MM/],
    [base.replace('from: "09:00", to: "17:00"', 'from: "17:00", to: "09:00"'), /hall\.hours\[0\]: "from" must be before "to"/],
    [base.replace('[{ from: "09:00", to: "17:00" }]', '[{ from: "09:00", to: "12:30" }, { from: "12:00", to: "17:00" }]'), /hall\.hours: time ranges 09:00–12:30 and 12:00–17:00 overlap/],
    [base.replace('department: GS, prefix', 'department: DS, prefix'), /services\[0\]\.department: unknown department 'DS' \(known: GS\)/],
    [base.replace('kind: department,', 'kind: department, colour: red,'), /windows\[0\]\.colour: unknown key 'colour' \(check its spelling and indentation\) \(line 5\)/],
    [base.replace('name: 测试中心,', 'name: 测试中心, timezone: Mars/Olympus,'), /hall\.timezone: unknown time zone 'Mars\/Olympus'/],
    [base.replace("windows: [{ number: 1, name: 一号窗口, kind: department, services: [[GS-01]] }]", "windows: [{ number: 1, name: 一号窗口, kind: department, services: [[GS-01]] }, { number: 1, name: 又一个, kind: department, services: [[GS-01]] }]"), /windows\[1\]: duplicate window number '1' \(also windows\[0\]\)/],
    [base.replace('services: [[GS-01]] }]', "services: [[GS-01]], strategy: { order: weighted, weights: [1, 0.5] } }]"), /windows\[0\]\.strategy\.weights: give one weight per tier \(1 tiers, 2 weights\)/],
    [base.replace('dailyCap: 100', 'dailyCap: -1'), /services\[0\]\.dailyCap: /],
  ];
  for (const [text, expected] of cases) assert.match(problemsOf(text), expected);
});

test('a YAML syntax error is reported with its line', () => {
  assert.match(problemsOf('hall:\n  name: [unclosed\n'), /^hall\.yml: line \d+, column \d+: YAML syntax error/);
});

test('a missing file says so', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-hallfile-'));
  assert.throws(() => loadHallFile(join(dir, 'nope.yml')), /nope\.yml: cannot read: no such file/);
  const file = join(dir, 'ok.yml');
  writeFileSync(file, demo);
  assert.equal(loadHallFile(file).config.hall.name, loadHallFile('config/demo-hall.yml').config.hall.name);
});
