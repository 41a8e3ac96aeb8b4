// The hall model as the admin meets it: the demo hall has what a district centre needs, and a hall
// config that is wrong anywhere is refused with the path of every problem and the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { compileHall, type HallConfigInput } from '../../../main/queue/hall.js';
import { ConfigError, describeProblem } from '../../../main/rules/config-problem.js';
import { loadHallFile } from '../../../main/config/hall-file.js';

/** A small valid hall; each test breaks one thing in a fresh copy. */
function smallHall(): HallConfigInput {
  return {
    hall: { name: '测试区政务服务中心', hours: [{ from: '09:00', to: '12:00' }, { from: '13:30', to: '17:00' }] },
    departments: [
      { code: 'GS', name: '市场监督管理局' },
      { code: 'SW', name: '税务局' },
    ],
    services: [
      { code: 'GS-01', name: '企业设立登记', department: 'GS', prefix: 'A', promisedMinutes: 20, dailyCap: 100 },
      { code: 'GS-02', name: '企业变更登记', department: 'GS', prefix: 'A', promisedMinutes: 20, dailyCap: 100 },
      { code: 'SW-01', name: '发票领用', department: 'SW', prefix: 'B', promisedMinutes: 10, dailyCap: 200 },
    ],
    windows: [
      { number: 1, name: '市场监管窗口', kind: 'department', department: 'GS', services: [['GS-01'], ['GS-02']] },
      { number: 2, name: '市场监管窗口', kind: 'department', department: 'GS', services: [['GS-02']] },
      { number: 3, name: '税务窗口', kind: 'department', department: 'SW', services: [['SW-01']] },
      { number: 4, name: '综合受理窗口', kind: 'comprehensive', services: [['GS-01', 'SW-01']] },
      { number: 5, name: '效能监察投诉窗口', kind: 'complaints' },
    ],
    staff: [{ id: '0101', name: '王建军', role: 'chief', department: 'GS' }],
  };
}

/** The problems compileHall names for a config, or [] when it compiles. */
function problemsOf(input: unknown): readonly string[] {
  try {
    compileHall(input, 'hall.yml');
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err.problems.map(describeProblem);
  }
}

function assertRefused(input: unknown, expected: string | RegExp): void {
  const problems = problemsOf(input);
  assert.ok(
    problems.some((p) => (typeof expected === 'string' ? p.includes(expected) : expected.test(p))),
    `expected a problem matching ${String(expected)}, got:\n  ${problems.join('\n  ') || '(none: it compiled)'}`,
  );
}

// —— the demo hall ——

const demo = loadHallFile(fileURLToPath(new URL('../../../config/demo-hall.yml', import.meta.url)));

test('the demo hall is a district centre in Shanghai time with a lunch break', () => {
  const { hall } = demo.config;
  assert.match(hall.name, /区政务服务中心$/);
  assert.equal(hall.timezone, 'Asia/Shanghai');
  assert.equal(hall.hours.length, 2, 'a morning and an afternoon range');
  assert.ok(hall.hours[0]!.to < hall.hours[1]!.from, 'a lunch break between them');
  assert.equal(hall.recallLimit, 3);
  assert.equal(hall.numberDigits, 3);
});

test('the demo hall knows the 2026 holidays and swapped working days', () => {
  for (const day of ['2026-01-01', '2026-02-17', '2026-04-05', '2026-05-01', '2026-06-19', '2026-09-25', '2026-10-01']) {
    assert.ok(demo.holidays.has(day), `${day} is a holiday`);
  }
  for (const day of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
    assert.ok(demo.workdays.has(day), `${day} is a swapped working day`);
  }
});

test('the demo hall has at least 8 departments, each with 2 to 6 services and its own ticket prefix', () => {
  assert.ok(demo.departments.size >= 8, `${demo.departments.size} departments`);
  const prefixOwner = new Map<string, string>();
  for (const dept of demo.departments.keys()) {
    const services = [...demo.services.values()].filter((s) => s.department === dept);
    assert.ok(services.length >= 2 && services.length <= 6, `${dept} has ${services.length} services`);
    for (const s of services) {
      const owner = prefixOwner.get(s.prefix) ?? dept;
      assert.equal(owner, dept, `prefix ${s.prefix} is used by ${owner} and ${dept}`);
      prefixOwner.set(s.prefix, dept);
    }
  }
});

test('every demo service has a guide a visitor can act on and a realistic daily cap', () => {
  for (const s of demo.services.values()) {
    assert.ok(s.guide.materials.length > 0, `${s.code} lists its materials`);
    assert.ok(s.guide.legalTimeLimit && s.guide.promisedTimeLimit, `${s.code} states its time limits`);
    assert.ok(s.guide.fee === '不收费' || s.guide.fee.includes('￥'), `${s.code} fee "${s.guide.fee}"`);
    assert.ok(s.dailyCap >= 50 && s.dailyCap <= 300, `${s.code} cap ${s.dailyCap}`);
  }
});

test('the demo hall has about 30 windows: 2 comprehensive, 1 green channel, 1 complaints, 1 consultation', () => {
  const windows = [...demo.windows.values()];
  assert.ok(windows.length >= 28 && windows.length <= 34, `${windows.length} windows`);
  const count = (kind: string) => windows.filter((w) => w.kind === kind).length;
  assert.equal(count('comprehensive'), 2);
  assert.equal(count('green'), 1);
  assert.equal(count('complaints'), 1);
  assert.equal(count('consultation'), 1);
  assert.deepEqual(windows.find((w) => w.kind === 'complaints')!.services, [], 'complaints take no tickets');
});

test('every demo service is served by some window, and bookable services at a comprehensive window or their own', () => {
  const windows = [...demo.windows.values()];
  for (const s of demo.services.values()) {
    const servers = windows.filter((w) => w.tierOf.has(s.code));
    assert.ok(servers.length > 0, `${s.code} is served`);
  }
  const comprehensive = windows.filter((w) => w.kind === 'comprehensive');
  const booked = [...demo.services.values()].filter((s) => s.appointment);
  assert.ok(booked.length >= 6, `${booked.length} bookable services`);
  for (const code of ['ZJ', 'YJ', 'FG', 'HB']) {
    const services = [...demo.services.values()].filter((s) => s.department === code);
    for (const s of services) {
      assert.ok(s.appointment, `${s.code} can be booked`);
      assert.ok(comprehensive.some((w) => w.tierOf.has(s.code)), `${s.code} is served at a comprehensive window`);
    }
  }
});

test('the demo hall shows each calling strategy: tiers, weighted, one priority per 3 normal, breach first', () => {
  const windows = [...demo.windows.values()];
  assert.ok(windows.some((w) => w.services.length >= 2), 'a window with a backup tier');
  const weighted = windows.find((w) => w.strategy.order === 'weighted');
  assert.ok(weighted?.strategy.weights?.length === weighted?.services.length, 'weighted, one weight per tier');
  assert.ok(windows.some((w) => w.strategy.normalPerPriority === 3));
  assert.ok(windows.some((w) => w.strategy.breachFirst));
});

test('the demo staff: numbered people, a chief per department, two supervisors, one admin', () => {
  const staff = [...demo.staff.values()];
  assert.ok(staff.length >= 30 && staff.length <= 40, `${staff.length} staff`);
  for (const s of staff) assert.match(s.id, /^\d{4}$/);
  for (const dept of demo.departments.keys()) {
    assert.equal(staff.filter((s) => s.role === 'chief' && s.department === dept).length, 1, `one chief for ${dept}`);
  }
  assert.equal(staff.filter((s) => s.role === 'supervisor').length, 2);
  assert.equal(staff.filter((s) => s.role === 'admin').length, 1);
});

// —— refusals ——

test('a small valid hall compiles, with each window knowing the tier of each of its services', () => {
  const hall = compileHall(smallHall(), 'hall.yml');
  assert.equal(hall.windows.get(1)!.tierOf.get('GS-02'), 1);
  assert.equal(hall.config.hall.timezone, 'Asia/Shanghai', 'the time zone defaults to Shanghai');
});

test('a window that names an unknown service is refused with its path', () => {
  const input = smallHall();
  input.windows[3]!.services = [['GS-01', 'GS-07']];
  assertRefused(input, "windows[3].services[0][1]: unknown service 'GS-07' (known: GS-01, GS-02, SW-01)");
});

test('two windows with the same number are refused, naming both', () => {
  const input = smallHall();
  input.windows[2]!.number = 1;
  assertRefused(input, "windows[2]: duplicate window number '1' (also windows[0])");
});

test('a time written "9:00" is refused: times are HH:MM', () => {
  const input = smallHall();
  input.hall.hours[0]!.from = '9:00';
  assertRefused(input, 'hall.hours[0].from: expected a time of day as HH:MM');
});

test('a time range that ends before it starts is refused', () => {
  const input = smallHall();
  input.hall.hours[1] = { from: '17:00', to: '13:30' };
  assertRefused(input, 'hall.hours[1]: "from" must be before "to"');
});

test('overlapping opening hours are refused', () => {
  const input = smallHall();
  input.hall.hours = [{ from: '09:00', to: '12:00' }, { from: '11:30', to: '17:00' }];
  assertRefused(input, 'hall.hours: time ranges 09:00–12:00 and 11:30–17:00 overlap');
});

test('a service of an unknown department is refused', () => {
  const input = smallHall();
  input.services[2]!.department = 'DS';
  assertRefused(input, "services[2].department: unknown department 'DS' (known: GS, SW)");
});

test('a misspelt key is refused with its path, not ignored', () => {
  const input = smallHall();
  (input.windows[1] as Record<string, unknown>)['servces'] = [['GS-01']];
  assertRefused(input, "windows[1].servces: unknown key 'servces'");
});

test('an unknown time zone is refused', () => {
  const input = smallHall();
  input.hall.timezone = 'Asia/Beijing';
  assertRefused(input, "hall.timezone: unknown time zone 'Asia/Beijing'");
});

test('a weighted window must give one weight per tier', () => {
  const input = smallHall();
  input.windows[0]!.strategy = { order: 'weighted', weights: [2, 1, 1] };
  assertRefused(input, 'windows[0].strategy.weights: give one weight per tier (2 tiers, 3 weights)');
});

test('weights on a strict window are refused rather than silently ignored', () => {
  const input = smallHall();
  input.windows[0]!.strategy = { weights: [2, 1] };
  assertRefused(input, 'windows[0].strategy.weights: weights apply only with order: weighted');
});

test('a service no window serves is refused', () => {
  const input = smallHall();
  input.windows[1]!.services = [['GS-01']];
  input.windows[0]!.services = [['GS-01']];
  assertRefused(input, "services[1]: no window serves 'GS-02'");
});

test('a calendar day that does not exist, or is both holiday and workday, is refused', () => {
  const input = smallHall();
  input.calendar = { holidays: ['2026-02-30', '2026-10-01'], workdays: ['2026-10-01'] };
  assertRefused(input, "calendar.holidays[0]: '2026-02-30' is not a calendar date");
  assertRefused(input, "calendar.workdays[0]: '2026-10-01' is also listed as a holiday");
});

test('every problem is reported at once, each line naming the file', () => {
  const input = smallHall();
  input.hall.timezone = 'Mars/Olympus';
  input.services[2]!.department = 'DS';
  assert.throws(
    () => compileHall(input, 'hall.yml'),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.problems.length, 2);
      for (const line of err.message.split('\n')) assert.match(line, /^hall\.yml: /);
      return true;
    },
  );
});
