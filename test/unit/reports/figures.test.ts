// The report's figures over two hall days run through the real store (two-days.ts tells the story),
// checked against numbers worked out by hand:
//
// Legs of hall day 12-01: L1 A001 leg 1 (W1 李明, transferred: waited 09:00→09:10 = 600 s, served
// 09:11→09:21 = 600 s), L2 B001 (W2 王芳, waited 720 s, served 480 s, rated 5), L3 A001 leg 2 (W2,
// queued 09:21, waited 60 s, served 900 s > DS-01's 10 min, rated 2), L4 A002 (W1, no-show then
// re-queued at 09:30, waited 600 s, served 1500 s > GS-01's 20 min, rated 3), L5 A003 (W1, waited
// 600 s, a no-show), L6 A004 (issued 02:00 on the 2nd, hall day 12-01, cancelled). Hall day 12-02:
// L7 B001 (W3 赵强, waited 600 s, served 300 s, rated 4).
//
// Hall, 12-01…12-03: issued 6 visits (L1 L2 L4 L5 L6 L7; L3 is A001's second leg), called 6, served 5
// (L1 L2 L3 L4 L7), no-show 1 (L5), re-queued 1 (L4), transferred 1, cancelled 1.
// Waits 60 600 600 600 600 720: mean 3180/6 = 530 s, p90 = the 6th = 720 s, all within 30 min.
// Service 300 480 600 900 1500: mean 3780/5 = 756 s, p90 = the 5th = 1500 s, on time L1 L2 L7 = 3/5.
// Ratings 5 2 3 4: 满意率 3/4, 评价率 4/5, one bad review; one complaint.
// Window 1: called 3, served 2, service 600 + 1500 (on time 1/2), rated 1 of 2; signed in 09:00–11:30
// = 9000 s, paused 10:10–10:40 = 1800 s (学习), utilisation 2100 / 7200.
// Window 2: served 2, waits 720 and 60 (mean 390, p90 720), 满意率 1/2, a bad review, a complaint,
// utilisation 1380 / 9000. Window 3: served 1, signed in 1800 s, utilisation 300 / 1800.
// Services: GS-01 issued 3 (L1 L4 L6), DS-01 issued 2 (L2 L7) and served 3, GS-02 issued 1, no-show 1.
// Departments: GS issued 4 served 2; DS issued 2 served 3.
// Heatmap (clock time, Monday-first rows): 周二 09 h 3 (A001 B001 A002), 周二 10 h 1, 周三 02 h 1, 周三 09 h 1.
// Working days 12-01…12-03: 2 (12-03 is a holiday). The previous period (11-28…11-30) is empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, rowsOf } from '../../../main/reports/summary.js';
import { twoDays } from './two-days.js';

const range = { from: '2026-12-01', to: '2026-12-03' };
const now = Date.parse('2026-12-04T12:00:00+08:00');

test('the hall over two days and a holiday: a transfer, a re-queued no-show and a ticket issued after midnight', async (t) => {
  const h = twoDays();
  t.after(() => h.close());
  const report = await buildReport(h.store.reports, h.hall, range, { now });
  const [hall] = rowsOf(report, 'hall');
  const f = hall!.figures;
  assert.equal(hall!.name, '测试政务服务中心');
  assert.deepEqual(
    { issued: f.issued, called: f.called, served: f.served, noShow: f.noShow, requeued: f.requeued, transferred: f.transferred, cancelled: f.cancelled, expired: f.expired },
    { issued: 6, called: 6, served: 5, noShow: 1, requeued: 1, transferred: 1, cancelled: 1, expired: 0 },
  );
  assert.deepEqual(f.wait, { count: 6, totalSeconds: 3180, avgSeconds: 530, p90Seconds: 720, maxSeconds: 720, withinShare: 1 });
  assert.deepEqual(f.service, { count: 5, totalSeconds: 3780, avgSeconds: 756, p90Seconds: 1500, maxSeconds: 1500, withinShare: 3 / 5 });
  assert.deepEqual(f.ratings, { count: 4, levels: { 1: 0, 2: 1, 3: 1, 4: 1, 5: 1 }, satisfiedShare: 3 / 4, ratedShare: 4 / 5, bad: 1 });
  assert.equal(f.complaints, 1);
  assert.equal(report.current.workingDays, 2, '12-03 is a holiday');
  assert.equal(h.holidayRefusal, 'closed-today');
  assert.equal(hall!.previous.issued, 0);
});

test('windows and staff: each leg counts where it was served, with presence and utilisation', async (t) => {
  const h = twoDays();
  t.after(() => h.close());
  const report = await buildReport(h.store.reports, h.hall, range, { now });
  const windows = rowsOf(report, 'window');
  assert.deepEqual(windows.map((r) => r.name), ['1号窗口·企业登记', '2号窗口·税务', '3号窗口·综合受理']);
  const [w1, w2, w3] = windows.map((r) => r.figures);
  assert.deepEqual([w1!.called, w1!.served, w1!.noShow, w1!.requeued, w1!.transferred, w1!.issued], [3, 2, 1, 1, 1, null]);
  assert.equal(w1!.service.withinShare, 1 / 2);
  assert.equal(w1!.ratings.ratedShare, 1 / 2);
  assert.deepEqual(windows[0]!.presence, { signedInSeconds: 9000, pausedSeconds: 1800, pauses: { 学习: 1800 }, utilisation: 2100 / 7200 });
  assert.deepEqual([w2!.served, w2!.wait.avgSeconds, w2!.wait.p90Seconds, w2!.ratings.satisfiedShare, w2!.ratings.bad, w2!.complaints], [2, 390, 720, 1 / 2, 1, 1]);
  assert.equal(windows[1]!.presence?.utilisation, 1380 / 9000);
  assert.deepEqual([w3!.served, windows[2]!.presence?.signedInSeconds, windows[2]!.presence?.utilisation], [1, 1800, 300 / 1800]);

  const staff = rowsOf(report, 'staff');
  assert.deepEqual(staff.map((r) => [r.key, r.name, r.figures.served]), [['0101', '李明', 2], ['0102', '王芳', 2], ['0103', '赵强', 1]]);
  assert.equal(staff[1]!.figures.complaints, 1);
});

test('services and departments: a visit is issued once, at its first service', async (t) => {
  const h = twoDays();
  t.after(() => h.close());
  const report = await buildReport(h.store.reports, h.hall, range, { now });
  const services = Object.fromEntries(rowsOf(report, 'service').map((r) => [r.key, r.figures]));
  assert.deepEqual([services['GS-01']!.issued, services['GS-01']!.cancelled, services['GS-01']!.transferred], [3, 1, 1]);
  assert.deepEqual([services['DS-01']!.issued, services['DS-01']!.served], [2, 3]);
  assert.deepEqual([services['GS-02']!.issued, services['GS-02']!.noShow], [1, 1]);
  const departments = Object.fromEntries(rowsOf(report, 'department').map((r) => [r.name, [r.figures.issued, r.figures.served]]));
  assert.deepEqual(departments, { 市场监管局: [4, 2], 税务局: [2, 3] });
  // A chief of GS sees GS's services only.
  const gs = rowsOf(await buildReport(h.store.reports, h.hall, range, { now, department: 'GS' }), 'hall')[0]!.figures;
  assert.deepEqual([gs.issued, gs.served, gs.complaints], [4, 2, 0]);
});

test('the hall day decides: a ticket issued at 02:00 before the 04:00 reset belongs to the day before', async (t) => {
  const h = twoDays();
  t.after(() => h.close());
  const day = async (d: string) => rowsOf(await buildReport(h.store.reports, h.hall, { from: d, to: d }, { now }), 'hall')[0]!;
  const first = await day('2026-12-01');
  assert.equal(first.figures.issued, 5);
  assert.equal(first.figures.cancelled, 1);
  const second = await day('2026-12-02');
  assert.equal(second.figures.issued, 1);
  assert.equal(second.previous.issued, 5, 'compared with the day before, the same length');
});

test('arrivals by weekday and hour on the hall clock', async (t) => {
  const h = twoDays();
  t.after(() => h.close());
  const { heatmap } = await buildReport(h.store.reports, h.hall, range, { now });
  const cells = heatmap.flatMap((row, d) => row.map((n, hour) => [d, hour, n] as const)).filter(([, , n]) => n > 0);
  assert.deepEqual(cells, [
    [1, 9, 3],
    [1, 10, 1],
    [2, 2, 1],
    [2, 9, 1],
  ]);
});

test('a period with nothing in it (the holiday alone) still has the hall’s row, all zeros', async (t) => {
  const h = twoDays();
  t.after(() => h.close());
  const report = await buildReport(h.store.reports, h.hall, { from: '2026-12-03', to: '2026-12-03' }, { now });
  const rows = rowsOf(report, 'hall');
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0]!.figures.issued, rows[0]!.figures.served, rows[0]!.figures.wait.avgSeconds, rows[0]!.figures.ratings.satisfiedShare], [0, 0, null, null]);
  assert.equal(report.current.workingDays, 0);
  assert.equal(rows[0]!.previous.issued, 1, 'the day before: B001 on 12-02');
  // Window 3 served the day before: it is listed, at zero, beside what it did then.
  assert.deepEqual(rowsOf(report, 'window').map((r) => [r.key, r.figures.served, r.previous.served]), [['3', 0, 1]]);
});
