// The supervision console's alarms as a supervisor meets them: built on the engine harness (real
// commands, a hand-moved clock), then read with hallAlarms at the instants that matter — one second
// before a threshold, at it, and after the condition ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  diffAlarms,
  followUpDue,
  hallAlarms,
  type Alarm,
  type AlarmKind,
  type Complaint,
  type DeviceStatus,
} from '../../../main/queue/index.js';
import { QueueHarness, at } from '../../helpers/queue-harness.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The alarms of one kind the hall has at `now`. */
function alarmsOf(h: QueueHarness, kind: AlarmKind, now = h.now, devices: readonly DeviceStatus[] = [], signals = {}): Alarm[] {
  return hallAlarms(h.state, devices, now, h.state.hall.config.supervision, signals).filter((a) => a.kind === kind);
}

function only(alarms: readonly Alarm[]): Alarm {
  assert.equal(alarms.length, 1, `expected one alarm, got ${alarms.map((a) => a.key).join(', ') || 'none'}`);
  return alarms[0] as Alarm;
}

/**
 * 09:00: window 1 (李明) serves A001; window 2 (王芳) is paused; windows 4 and 5, which also serve
 * 企业设立登记, have nobody signed in; A002 and A003 wait.
 */
function busyMorning(): QueueHarness {
  const h = new QueueHarness();
  h.ok({ type: 'signIn', windowNo: 1, staffId: '0101' });
  h.ok({ type: 'signIn', windowNo: 2, staffId: '0102' });
  h.ok({ type: 'pause', windowNo: 2, reason: '临时离开' });
  h.ok({ type: 'signIn', windowNo: 3, staffId: '0103' });
  for (let i = 0; i < 3; i++) h.issue('GS-01');
  h.callNext(1);
  return h;
}

test('a service past its target wait alarms, and suggests the paused and signed-out windows that could open', () => {
  const h = busyMorning();
  // 企业设立登记's target wait is 30 minutes (the default); A002 has waited since 09:00.
  assert.deepEqual(alarmsOf(h, 'wait-breach', at('09:30') - SECOND), [], 'no alarm one second before the target');

  const breach = only(alarmsOf(h, 'wait-breach', at('09:30')));
  assert.equal(breach.key, 'wait-breach:service:GS-01');
  assert.equal(breach.severity, 'amber');
  assert.equal(breach.department, 'GS');
  assert.equal(breach.since, at('09:30'));
  assert.equal(breach.text, '企业设立登记（市场监管局）：2人等候超过目标30分钟，最长A002已等30分钟（共2人等候）');

  // Paused first (王芳 is at the window), then the signed-out windows, the one holding the service in
  // its first tier (5, 绿色通道) before the one holding it second (4); free staff named, the
  // department's own (周建国) before those of no department.
  const suggestion = breach.suggestion;
  assert.ok(suggestion);
  assert.deepEqual(
    suggestion.windows.map((w) => [w.windowNo, w.state]),
    [
      [2, 'paused'],
      [5, 'signed-out'],
      [4, 'signed-out'],
    ],
  );
  assert.deepEqual(suggestion.windows[1]?.availableStaff?.map((s) => s.name), ['周建国', '陈静', '刘洋']);
  assert.equal(
    suggestion.text,
    '可开启 2号窗口（暂停中：临时离开）、5号窗口（无人签到，可安排周建国、陈静、刘洋）、4号窗口（无人签到，可安排周建国、陈静、刘洋）',
  );
  assert.equal(only(alarmsOf(h, 'wait-breach', at('10:00'))).severity, 'red', 'red at twice the target');
});

test('an idle window serving the breached service comes first: it can call at once', () => {
  const h = busyMorning();
  h.ok({ type: 'signIn', windowNo: 4, staffId: '0104' });
  const breach = only(alarmsOf(h, 'wait-breach', at('09:30')));
  assert.deepEqual(breach.suggestion?.windows.map((w) => [w.windowNo, w.state]), [
    [4, 'idle'],
    [2, 'paused'],
    [5, 'signed-out'],
  ]);
  assert.match(breach.suggestion?.text ?? '', /^可开启 4号窗口（空闲，可立即叫号）、2号窗口/);
  // 陈静 is signed in now: no longer offered for window 5.
  assert.deepEqual(breach.suggestion?.windows[2]?.availableStaff?.map((s) => s.name), ['周建国', '刘洋']);
});

test('with every serving window busy the suggestion says there is none to open', () => {
  const h = new QueueHarness();
  h.ok({ type: 'signIn', windowNo: 3, staffId: '0103' });
  h.issue('DS-01');
  h.issue('DS-01');
  h.callNext(3);
  h.ok({ type: 'signIn', windowNo: 5, staffId: '0104' });
  h.issue('GS-01', 'green', { authorizedBy: '0901' });
  h.callNext(5);
  const breach = only(alarmsOf(h, 'wait-breach', at('09:30')));
  assert.deepEqual(breach.suggestion?.windows, []);
  assert.equal(breach.suggestion?.text, '办理该事项的窗口都在接待群众，暂无可开启的窗口');
});

test('a visitor at a window turns amber at 80% of the promised minutes, then red past them', () => {
  const h = new QueueHarness();
  h.ok({ type: 'signIn', windowNo: 3, staffId: '0103' });
  h.issue('DS-01');
  h.callNext(3);
  h.ok({ type: 'start', windowNo: 3 });
  // 发票领用 promises 10 minutes: amber from 09:08, red from 09:10.
  assert.deepEqual(alarmsOf(h, 'service-overtime', at('09:08') - SECOND), []);
  const amber = only(alarmsOf(h, 'service-overtime', at('09:08')));
  assert.equal(amber.severity, 'amber');
  assert.equal(amber.text, '3号窗口 赵强 办理B001 发票领用已8分钟，接近承诺时限10分钟');
  assert.equal(amber.department, 'DS');
  const red = only(alarmsOf(h, 'service-overtime', at('09:10')));
  assert.equal(red.severity, 'red');
  assert.equal(red.text, '3号窗口 赵强 办理B001 发票领用已10分钟，超过承诺时限10分钟');
  assert.equal(red.key, amber.key, 'the same alarm, escalated');
  assert.equal(red.since, amber.since);
  const diff = diffAlarms([amber], [red]);
  assert.deepEqual([diff.raised, diff.escalated.map((a) => a.key), diff.resolved], [[], [amber.key], []]);

  h.now = at('09:12');
  h.ok({ type: 'finish', windowNo: 3 });
  assert.deepEqual(alarmsOf(h, 'service-overtime'), [], 'finished: gone');
});

test('a window paused past its limit alarms; 午休 has the longer limit the hall file gives it', () => {
  const h = new QueueHarness();
  h.ok({ type: 'signIn', windowNo: 1, staffId: '0101' });
  h.ok({ type: 'pause', windowNo: 1, reason: '临时离开' });
  h.ok({ type: 'signIn', windowNo: 3, staffId: '0103' });
  h.ok({ type: 'pause', windowNo: 3, reason: '午休' });
  assert.deepEqual(alarmsOf(h, 'pause-too-long', at('09:30') - SECOND), []);
  const paused = only(alarmsOf(h, 'pause-too-long', at('09:30')));
  assert.equal(paused.key, 'pause-too-long:window:1');
  assert.equal(paused.text, '1号窗口 李明暂停已30分钟（临时离开），超过30分钟上限');
  assert.equal(paused.department, 'GS');
  // 午休: 90 minutes by default.
  assert.deepEqual(alarmsOf(h, 'pause-too-long', at('10:30') - SECOND).map((a) => a.key), ['pause-too-long:window:1']);
  assert.deepEqual(
    alarmsOf(h, 'pause-too-long', at('10:30')).map((a) => [a.key, a.severity]),
    [
      ['pause-too-long:window:1', 'red'],
      ['pause-too-long:window:3', 'amber'],
    ],
  );
});

test('a signed-in window with nobody at it while its services have people waiting alarms after the grace', () => {
  const h = new QueueHarness();
  h.ok({ type: 'signIn', windowNo: 1, staffId: '0101' });
  h.advance(5);
  h.issue('GS-02');
  h.issue('GS-01');
  // Idle since A001 came at 09:05; 120 s of grace.
  assert.deepEqual(alarmsOf(h, 'idle-while-waiting', at('09:07') - SECOND), []);
  const idle = only(alarmsOf(h, 'idle-while-waiting', at('09:07')));
  assert.equal(idle.key, 'idle-while-waiting:window:1');
  assert.equal(idle.text, '1号窗口 李明空闲2分钟未叫号，本窗口事项有2人等候（最早A001）');
  assert.equal(idle.since, at('09:07'));

  h.now = at('09:08');
  h.callNext(1);
  const after = hallAlarms(h.state, [], h.now);
  const diff = diffAlarms([idle], after);
  assert.deepEqual(diff.resolved.map((a) => a.key), ['idle-while-waiting:window:1'], 'calling the next number resolves it');

  // Its visitor done at 09:10, A002 still waiting: idle again from 09:10, not from the sign-in.
  h.now = at('09:10');
  h.ok({ type: 'finish', windowNo: 1 });
  assert.deepEqual(alarmsOf(h, 'idle-while-waiting', at('09:12') - SECOND), []);
  assert.equal(only(alarmsOf(h, 'idle-while-waiting', at('09:12'))).since, at('09:12'));
});

test('a window busy with a visitor, or paused, or with nothing to call is not idle-while-waiting', () => {
  const h = new QueueHarness();
  h.ok({ type: 'signIn', windowNo: 3, staffId: '0103' });
  h.ok({ type: 'signIn', windowNo: 1, staffId: '0101' });
  h.ok({ type: 'pause', windowNo: 1, reason: '业务咨询' });
  h.issue('DS-01');
  h.issue('DS-01');
  h.callNext(3);
  h.issue('ZJ-01');
  assert.deepEqual(alarmsOf(h, 'idle-while-waiting', at('09:20')), [], 'window 3 serves, window 1 is paused, nobody serves ZJ-01 signed in');
});

test('a 非常不满意 rating alarms for the department, and its follow-up is due 15 working days on', () => {
  const h = new QueueHarness();
  h.ok({ type: 'signIn', windowNo: 1, staffId: '0101' });
  const t = h.issue('GS-01');
  const good = h.issue('GS-01');
  h.callNext(1);
  h.ok({ type: 'finish', windowNo: 1 });
  h.advance(1);
  h.ok({ type: 'rate', ticketId: t.id, level: 1, comment: '材料说了三遍才收' });
  h.callNext(1);
  h.ok({ type: 'finish', windowNo: 1 });
  h.ok({ type: 'rate', ticketId: good.id, level: 3 });

  const bad = only(alarmsOf(h, 'bad-rating'));
  assert.equal(bad.key, `bad-rating:ticket:${t.id}`);
  assert.equal(bad.severity, 'red');
  assert.equal(bad.department, 'GS');
  assert.deepEqual(bad.subject, { kind: 'ticket', ticketId: t.id, number: 'A001', windowNo: 1, staffId: '0101' });
  assert.equal(bad.text, '市场监管局差评：1号窗口 李明 A001 企业设立登记被评为「非常不满意」：「材料说了三遍才收」，15个工作日内整改');
  assert.equal(bad.since, at('09:01'));

  // 不满意 (2) is bad too, and only the levels the hall file lists count.
  const strict = hallAlarms(h.state, [], h.now, { ...h.state.hall.config.supervision, badRatingLevels: [1, 2, 3] });
  assert.equal(strict.filter((a) => a.kind === 'bad-rating').length, 2);

  // Tue 2026-12-01 + 15 working days = three plain weeks: Tue 12-22.
  assert.equal(followUpDue(h.state.hall, at('09:01')), '2026-12-22');
  // The harness hall lists 2026-10-01 as a holiday and Sunday 2026-09-27 as 调休. From Fri 09-25:
  // 09-27 Sun (1), 09-28…09-30 (2–4), 10-01 holiday, 10-02 Fri (5), 10-05…10-09 (6–10),
  // 10-12…10-16 (11–15) → 2026-10-16.
  assert.equal(followUpDue(h.state.hall, at('16:00', '2026-09-25')), '2026-10-16');
});

test('a printer out of paper, one with its cover open and a display offline past the grace', () => {
  const h = new QueueHarness();
  const devices: DeviceStatus[] = [
    { deviceId: 'printer-k1', kind: 'printer', label: '取号机K1打印机', kioskId: 'K1', paper: { state: 'out', since: at('08:58') } },
    { deviceId: 'printer-k2', kind: 'printer', label: '取号机K2打印机', kioskId: 'K2', paper: { state: 'near-end', since: at('08:50') }, coverOpenSince: at('08:59') },
    { deviceId: 'led-3', kind: 'led', label: '3号窗口显示屏', windowNo: 3, offlineSince: at('09:00') },
    // Offline: its last paper report is stale, only the offline alarm counts.
    { deviceId: 'printer-k3', kind: 'printer', label: '取号机K3打印机', kioskId: 'K3', offlineSince: at('08:00'), paper: { state: 'out', since: at('07:00') } },
  ];
  const now = at('09:01') - SECOND;
  const all = hallAlarms(h.state, devices, now);
  // Red before amber, then by when each began: K3's offline alarm from 08:01 (60 s of grace), K1's paper from 08:58.
  assert.deepEqual(
    all.map((a) => [a.key, a.severity, a.text]),
    [
      ['device-offline:device:printer-k3', 'red', '取号机K3打印机离线已60分钟'],
      ['out-of-paper:device:printer-k1', 'red', '取号机K1打印机缺纸，暂停取号，请更换纸卷'],
      ['cover-open:device:printer-k2', 'red', '取号机K2打印机机盖未关，无法出票'],
      ['out-of-paper:device:printer-k2', 'amber', '取号机K2打印机纸将用尽，请准备更换纸卷'],
    ],
  );
  // The display has been offline 59 s of its 60 s grace; a second later it alarms, for window 3's department.
  const led = only(hallAlarms(h.state, devices, at('09:01')).filter((a) => a.key === 'device-offline:device:led-3'));
  assert.equal(led.department, 'DS');
  assert.equal(led.since, at('09:01'));
});

test('a complaint still open and repeated failed sign-ins alarm', () => {
  const h = new QueueHarness();
  h.ok({ type: 'signIn', windowNo: 1, staffId: '0101' });
  const complaint = h.ok({ type: 'complain', text: '工作人员态度生硬', windowNo: 1, staffId: '0101' }).complaint as Complaint;
  const failures = [0, 1, 2, 3, 4].map((i) => ({ at: at('09:00') + i * MINUTE, staffId: '0901', address: '192.168.1.20' }));
  const signals = { complaints: [complaint], loginFailures: failures };

  const filed = only(alarmsOf(h, 'complaint-filed', h.now, [], signals));
  assert.equal(filed.key, `complaint-filed:complaint:${complaint.id}`);
  assert.equal(filed.department, 'GS');
  assert.equal(filed.text, '收到投诉（1号窗口 李明）：工作人员态度生硬');

  // Five failures within 10 minutes, by staff number and by address; the fifth at 09:04.
  const logins = alarmsOf(h, 'login-failures', at('09:05'), [], signals);
  assert.deepEqual(logins.map((a) => a.key).sort(), ['login-failures:address:192.168.1.20', 'login-failures:staff:0901']);
  const staff = logins.find((a) => a.key === 'login-failures:staff:0901');
  assert.equal(staff?.text, '工号0901（周建国）10分钟内登录失败5次，请核实是否有人冒用');
  assert.equal(staff?.since, at('09:04'));
  // Four failures are not enough; at 09:10:01 the first has left the window.
  assert.deepEqual(alarmsOf(h, 'login-failures', at('09:05'), [], { loginFailures: failures.slice(1) }), []);
  assert.deepEqual(alarmsOf(h, 'login-failures', at('09:10') + SECOND, [], signals), []);
});

test('diffAlarms: what is new, what holds and what is gone, by key', () => {
  const h = busyMorning();
  const at0930 = hallAlarms(h.state, [], at('09:30'));
  assert.deepEqual(diffAlarms([], at0930).raised, at0930, 'everything is new the first time');
  const again = diffAlarms(at0930, hallAlarms(h.state, [], at('09:30') + SECOND));
  assert.deepEqual([again.raised, again.resolved], [[], []], 'the same conditions a second later change nothing');
  assert.equal(again.stillActive.length, at0930.length);

  // Window 2 resumes and calls A002; the paused window's alarm is resolved, nothing raised.
  h.now = at('09:31');
  h.ok({ type: 'resumeWindow', windowNo: 2 });
  h.callNext(2);
  const diff = diffAlarms(at0930, hallAlarms(h.state, [], h.now));
  assert.ok(diff.resolved.some((a) => a.key === 'pause-too-long:window:2'), diff.resolved.map((a) => a.key).join());
  assert.ok(!diff.raised.some((a) => a.kind === 'pause-too-long'));
  // A003 still waits past 30 minutes: the breach holds, with window 2 no longer offered.
  const breach = diff.stillActive.find((a) => a.key === 'wait-breach:service:GS-01');
  assert.ok(breach);
  assert.ok(!breach.suggestion?.windows.some((w) => w.windowNo === 2));
});

test('alarms come most urgent first: red before amber, then the oldest', () => {
  const h = busyMorning();
  const all = hallAlarms(h.state, [], at('09:40'));
  const ranks = all.map((a) => (a.severity === 'red' ? 0 : 1));
  assert.deepEqual(ranks, [...ranks].sort());
  for (let i = 1; i < all.length; i++) {
    const [a, b] = [all[i - 1] as Alarm, all[i] as Alarm];
    if (a.severity === b.severity) assert.ok(a.since <= b.since, `${a.key} before ${b.key}`);
  }
  assert.ok(all.every((a) => /[\u4e00-\u9fff]/.test(a.text)), 'every alarm reads in Chinese');
});

test('an appointment checked in early waits from its slot, not from its check-in', () => {
  const h = new QueueHarness();
  const booked = h.ok({ type: 'book', serviceCode: 'ZJ-01', slotStart: at('10:00', '2026-12-02'), name: '张三丰', phone: '13912345678' });
  h.now = at('09:40', '2026-12-02');
  h.ok({ type: 'checkIn', code: booked.appointment?.code ?? '' });
  // ZJ-01's target wait is 30 minutes: from the 10:00 slot, 10:30 — not 10:10.
  assert.deepEqual(alarmsOf(h, 'wait-breach', at('10:30', '2026-12-02') - SECOND), []);
  assert.equal(only(alarmsOf(h, 'wait-breach', at('10:30', '2026-12-02'))).since, at('10:30', '2026-12-02'));
});

test('a ticket transferred to one window makes only that window idle-while-waiting', () => {
  const h = new QueueHarness();
  h.ok({ type: 'signIn', windowNo: 1, staffId: '0101' });
  h.ok({ type: 'signIn', windowNo: 2, staffId: '0102' });
  h.issue('GS-01');
  h.callNext(1);
  h.ok({ type: 'transfer', windowNo: 1, to: { windowNo: 2 }, position: 'head', note: '需变更登记' });
  const idle = alarmsOf(h, 'idle-while-waiting', at('09:05'));
  assert.deepEqual(idle.map((a) => a.key), ['idle-while-waiting:window:2'], 'window 1 may not call a ticket aimed at window 2');
  assert.match(idle[0]?.text ?? '', /本窗口事项有1人等候（最早A001）/);
});

test('a 差评整改 item alarms from the first instant after its due day, for its department, naming its owner', () => {
  const h = new QueueHarness();
  const item = { id: 'fu-1', ticketId: 't1', ticketNumber: 'A001', department: 'GS', ownerId: '0901', dueDay: '2026-12-22' };
  const unowned = { id: 'fu-2', ticketId: 't2', ticketNumber: 'B001', department: 'DS', dueDay: '2026-12-22' };
  const signals = { followUps: [item, unowned] };
  // The hall day turns at 04:00 (dayResetTime): 03:59 on the 23rd is still the due day.
  assert.deepEqual(alarmsOf(h, 'follow-up-overdue', at('03:59', '2026-12-23'), [], signals), []);
  const overdue = alarmsOf(h, 'follow-up-overdue', at('09:00', '2026-12-23'), [], signals);
  assert.deepEqual(overdue.map((a) => a.key), ['follow-up-overdue:follow-up:fu-1', 'follow-up-overdue:follow-up:fu-2']);
  const [owned, none] = overdue as [Alarm, Alarm];
  assert.equal(owned.severity, 'red');
  assert.equal(owned.department, 'GS');
  assert.equal(owned.since, at('04:00', '2026-12-23'));
  assert.equal(owned.text, '市场监管局差评整改逾期：A001应于2026-12-22前整改完毕，责任人周建国');
  assert.equal(none.text, '税务局差评整改逾期：B001应于2026-12-22前整改完毕（该部门无首席代表）');
});
