// The hall's working-day calendar (main/rules/calendar.ts) on real Chinese calendars: the deadline
// of a 差评整改 item, 15 working days after the rating, skips weekends and 法定节假日 and counts 调休.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addWorkingDays, isWorkingDay, workingDaysBetween, type WorkCalendar } from '../../../main/rules/index.js';
import { hallDay, isWorkingDay as hallIsWorkingDay } from '../../../main/queue/index.js';
import { fileURLToPath } from 'node:url';
import { loadHallFile } from '../../../main/config/hall-file.js';
import { testHall, at } from '../../helpers/queue-harness.js';

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
};

// 2025: 国庆节、中秋节 10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班
//       (国务院办公厅 2025 年部分节假日安排).
const national2025: WorkCalendar = {
  holidays: new Set(range('2025-10-01', '2025-10-08')),
  workdays: new Set(['2025-09-28', '2025-10-11']),
};
// 2026: 春节 2月15日至23日放假调休，2月14日（周六）、2月28日（周六）上班.
const spring2026: WorkCalendar = {
  holidays: new Set(range('2026-02-15', '2026-02-23')),
  workdays: new Set(['2026-02-14', '2026-02-28']),
};
const plain: WorkCalendar = { holidays: new Set(), workdays: new Set() };

test('a bad rating on the Friday before 国庆 2025 is due 15 working days later, on Thursday 23 October', () => {
  // Counted by hand from Fri 2025-09-26: 9-28 Sun 调休 (1), 9-29 Mon (2), 9-30 Tue (3), 10-01…10-08
  // holidays, 10-09 Thu (4), 10-10 Fri (5), 10-11 Sat 调休 (6), 10-13…10-17 Mon–Fri (7–11),
  // 10-20…10-23 Mon–Thu (12–15) → 2025-10-23.
  assert.equal(addWorkingDays('2025-09-26', 15, national2025), '2025-10-23');
  assert.equal(workingDaysBetween('2025-09-26', '2025-10-23', national2025), 15);
  // Without the holidays the same count is three plain weeks: Fri 10-17.
  assert.equal(addWorkingDays('2025-09-26', 15, plain), '2025-10-17');
});

test('a 调休 Saturday is a working day and a weekday holiday is not', () => {
  assert.equal(isWorkingDay(national2025, '2025-09-28'), true, 'Sunday 9-28 is a swapped working day');
  assert.equal(isWorkingDay(national2025, '2025-10-11'), true, 'Saturday 10-11 is a swapped working day');
  assert.equal(isWorkingDay(national2025, '2025-10-08'), false, 'Wednesday 10-08 is a holiday');
  assert.equal(isWorkingDay(national2025, '2025-10-04'), false, 'an ordinary Saturday');
  // Fri 9-26 + 1 working day is Sunday 9-28 (调休), not Monday.
  assert.equal(addWorkingDays('2025-09-26', 1, national2025), '2025-09-28');
  // Tue 9-30 + 1 working day jumps the whole holiday to Thu 10-09.
  assert.equal(addWorkingDays('2025-09-30', 1, national2025), '2025-10-09');
});

test('a rating on the Friday before 春节 2026 counts both 调休 Saturdays: due Thursday 12 March', () => {
  // From Fri 2026-02-13: 2-14 Sat 调休 (1), 2-15…2-23 holidays, 2-24…2-27 Tue–Fri (2–5), 2-28 Sat
  // 调休 (6), 3-02…3-06 Mon–Fri (7–11), 3-09…3-12 Mon–Thu (12–15) → 2026-03-12.
  assert.equal(addWorkingDays('2026-02-13', 15, spring2026), '2026-03-12');
  assert.equal(workingDaysBetween('2026-02-13', '2026-03-12', spring2026), 15);
});

test('counting back, zero and overdue days', () => {
  assert.equal(addWorkingDays('2025-10-09', -1, national2025), '2025-09-30', 'back across the holiday');
  assert.equal(addWorkingDays('2025-10-04', 0, national2025), '2025-10-04', 'n = 0 is the day itself');
  // Due Thu 10-23, still open on Mon 10-27: overdue by Fri 10-24 and Mon 10-27.
  assert.equal(workingDaysBetween('2025-10-23', '2025-10-27', national2025), 2);
  assert.equal(workingDaysBetween('2025-10-27', '2025-10-23', national2025), -2);
  assert.equal(workingDaysBetween('2025-10-23', '2025-10-23', national2025), 0);
  assert.equal(workingDaysBetween('2025-10-03', '2025-10-05', national2025), 0, 'nothing but holidays between');
  assert.throws(() => addWorkingDays('2025-10-09', 1.5, national2025), RangeError);
});

test('the queue opens by the same calendar: a compiled hall is a WorkCalendar', () => {
  // The harness hall lists 2026-10-01 (Thursday) as a holiday and 2026-09-27 (Sunday) as 调休.
  const hall = testHall();
  for (const date of ['2026-10-01', '2026-09-27', '2026-09-26', '2026-12-01']) {
    assert.equal(hallIsWorkingDay(hall, date), isWorkingDay(hall, date), date);
  }
  assert.equal(isWorkingDay(hall, hallDay(hall, at('10:00', '2026-10-01'))), false);
  assert.equal(addWorkingDays('2026-09-25', 1, hall), '2026-09-27', 'Fri → the 调休 Sunday');
});

test("the demo hall's 2026 calendar: a rating the Thursday before 中秋 and 国庆 is due Thursday 22 October", () => {
  const demo = loadHallFile(fileURLToPath(new URL('../../../config/demo-hall.yml', import.meta.url)));
  // From Thu 2026-09-24: 09-25…09-27 中秋 holidays, 09-28…09-30 Mon–Wed (1–3), 10-01…10-07 国庆,
  // 10-08 Thu (4), 10-09 Fri (5), 10-10 Sat 调休 (6), 10-12…10-16 (7–11), 10-19…10-22 Mon–Thu (12–15).
  assert.equal(addWorkingDays('2026-09-24', demo.config.supervision.followUpWorkingDays, demo), '2026-10-22');
  assert.equal(isWorkingDay(demo, '2026-09-20'), true, 'Sunday 09-20 is 调休');
});
