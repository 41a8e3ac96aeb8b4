import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueHarness, at, testHall } from '../../helpers/queue-harness.js';
import { estimate, estimator } from '../../../main/queue/index.js';

test('a visitor takes a number and is told how many are ahead and how long the wait is', () => {
  const hall = new QueueHarness();
  hall.ok({ type: 'signIn', windowNo: 1, staffId: '0101' });
  const first = hall.ok({ type: 'issue', serviceCode: 'GS-01', kind: 'normal' });
  assert.equal(first.ticket?.number, 'A001');
  assert.equal(first.peopleAhead, 0);
  assert.equal(first.estimatedWaitMinutes, 0);
  const second = hall.ok({ type: 'issue', serviceCode: 'GS-01', kind: 'normal' });
  assert.equal(second.ticket?.number, 'A002');
  assert.equal(second.peopleAhead, 1);
  // One open window, the service promises 20 minutes and has no history yet.
  assert.equal(second.estimatedWaitMinutes, 20);
});

test('services sharing a prefix share one number sequence; other prefixes count on their own', () => {
  const hall = new QueueHarness();
  assert.equal(hall.issue('GS-01').number, 'A001');
  assert.equal(hall.issue('GS-02').number, 'A002');
  assert.equal(hall.issue('DS-01').number, 'B001');
});

test('the estimate learns from finished services and shares the load among open windows', () => {
  const hall = new QueueHarness().signInAll();
  for (let i = 0; i < 3; i++) {
    hall.issue('GS-01');
    hall.callNext(1);
    hall.advance(6);
    hall.ok({ type: 'finish', windowNo: 1 });
  }
  for (let i = 0; i < 4; i++) hall.issue('GS-01');
  const reply = hall.ok({ type: 'issue', serviceCode: 'GS-01', kind: 'normal' });
  assert.equal(reply.peopleAhead, 4);
  // 4 ahead × 6 minutes, shared by windows 1, 2, 4 and 5, which all serve GS-01.
  assert.equal(reply.estimatedWaitMinutes, 6);
});

test('a cap reached refuses with the right message', () => {
  const hall = new QueueHarness();
  for (let i = 0; i < 3; i++) hall.issue('DS-01');
  const d = hall.run({ type: 'issue', serviceCode: 'DS-01', kind: 'normal' });
  assert.equal(d.ok, false);
  assert.ok(!d.ok && d.code === 'cap-reached');
  assert.ok(!d.ok && d.message === '“发票领用”今日号源已取完，请改日办理或网上预约');
  // Another service is unaffected.
  assert.equal(hall.issue('GS-01').number, 'A001');
});

test('issuing hours: before opening, lunch break, closing soon, after hours', () => {
  const cases: [string, string, string][] = [
    ['08:30', 'before-hours', '尚未到取号时间，取号时间：09:00–12:00，13:30–17:00'],
    ['12:10', 'lunch-break', '午间休息，13:30恢复取号'],
    ['16:31', 'closing-soon', '临近下班，今日已停止取号'],
    ['17:30', 'after-hours', '今日取号已结束，取号时间：09:00–12:00，13:30–17:00'],
  ];
  for (const [time, code, message] of cases) {
    const hall = new QueueHarness(testHall(), at(time));
    const d = hall.run({ type: 'issue', serviceCode: 'GS-01', kind: 'normal' });
    assert.ok(!d.ok, time);
    assert.equal(d.code, code, time);
    assert.equal(d.message, message, time);
  }
  assert.equal(new QueueHarness(testHall(), at('16:29')).issue('GS-01').number, 'A001');
});

test('holidays are closed, swapped working days (调休) are open, weekends are closed', () => {
  const holiday = new QueueHarness(testHall(), at('10:00', '2026-10-01'));
  const d = holiday.run({ type: 'issue', serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(!d.ok && d.code === 'closed-today' && d.message === '今天是非工作日，大厅不办理业务');
  const saturday = new QueueHarness(testHall(), at('10:00', '2026-12-05'));
  assert.equal(saturday.run({ type: 'issue', serviceCode: 'GS-01', kind: 'normal' }).ok, false);
  const swapped = new QueueHarness(testHall(), at('10:00', '2026-09-27'));
  assert.equal(swapped.issue('GS-01').number, 'A001');
});

test('a kiosk that issues too fast is slowed down, other kiosks are not', () => {
  const hall = new QueueHarness(testHall((c) => (c.hall.kioskRateLimit = { max: 3, perSeconds: 60 })));
  for (let i = 0; i < 3; i++) hall.issue('GS-01', 'normal', { kioskId: 'K1' });
  const d = hall.run({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', kioskId: 'K1' });
  assert.ok(!d.ok && d.code === 'kiosk-rate-limited');
  assert.equal(hall.issue('GS-01', 'normal', { kioskId: 'K2' }).number, 'A004');
  hall.advance(1.01);
  assert.equal(hall.issue('GS-01', 'normal', { kioskId: 'K1' }).number, 'A005');
});

test('a green-channel ticket needs a chief representative to authorise it', () => {
  const hall = new QueueHarness();
  let d = hall.run({ type: 'issue', serviceCode: 'GS-01', kind: 'green' });
  assert.ok(!d.ok && d.code === 'green-needs-authorization');
  d = hall.run({ type: 'issue', serviceCode: 'GS-01', kind: 'green', authorizedBy: '0101' });
  assert.ok(!d.ok && d.code === 'not-authorized' && d.message === '0101无权授权绿色通道');
  const t = hall.issue('GS-01', 'green', { authorizedBy: '0901' });
  assert.equal(t.lane, 'green');
  assert.equal(t.authorizedBy, '0901');
});

test('an unknown service is refused in Chinese', () => {
  const d = new QueueHarness().run({ type: 'issue', serviceCode: 'XX-99', kind: 'normal' });
  assert.ok(!d.ok && d.code === 'unknown-service' && d.message === '没有这个办理事项');
});

test('a reprint keeps the number and is marked as a reprint', () => {
  const hall = new QueueHarness();
  const t = hall.issue('GS-01');
  const reply = hall.ok({ type: 'reprint', ticketId: t.id });
  assert.equal(reply.ticket?.number, t.number);
  assert.equal(reply.ticket?.reprints, 1);
  assert.equal(hall.state.numberSeqs.get('A'), 1);
});

test('the estimate for many tickets at once (visitors\' phones) matches the one-by-one estimate after any mix of commands', () => {
  const hall = new QueueHarness().signInAll();
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const services = ['GS-01', 'GS-02', 'ZJ-01', 'DS-01'];
  const windows = [1, 2, 3, 4, 5];
  let pausedSeen = false;
  for (let step = 1; step <= 600; step++) {
    const windowNo = windows[rnd(windows.length)]!;
    const pickTicket = () => [...hall.state.tickets.values()][rnd(hall.state.tickets.size || 1)];
    switch (rnd(10)) {
      case 0:
      case 1:
      case 2:
        hall.run({ type: 'issue', serviceCode: services[rnd(services.length)]!, kind: rnd(4) === 0 ? 'priority' : 'normal' });
        break;
      case 3:
        hall.run({ type: 'callNext', windowNo });
        break;
      case 4:
        hall.run({ type: 'start', windowNo });
        hall.run({ type: 'finish', windowNo });
        break;
      case 5:
        hall.run({ type: 'skip', windowNo });
        break;
      case 6: {
        const t = pickTicket();
        if (t) hall.run({ type: 'requeue', ticketId: t.id });
        break;
      }
      case 7:
        hall.run({ type: 'transfer', windowNo, to: { serviceCode: services[rnd(services.length)]! }, position: rnd(2) ? 'head' : 'tail' });
        break;
      case 8:
        if (rnd(3) === 0) hall.run({ type: 'pause', windowNo, reason: '临时离开' });
        else if (rnd(2) === 0) hall.run({ type: 'resumeWindow', windowNo });
        else hall.advance(rnd(4));
        break;
      default:
        hall.advance(rnd(4));
    }
    if (step % 25 !== 0) continue;
    pausedSeen ||= [...hall.state.windows.values()].some((w) => w.paused);
    const batch = estimator(hall.state);
    for (const t of hall.state.tickets.values()) {
      assert.deepEqual(batch(t), estimate(hall.state, t), `ticket ${t.number} (${t.status}, ${t.lane}) after ${step} commands`);
    }
  }
  assert.ok([...hall.state.tickets.values()].some((t) => t.status === 'waiting' && t.lane !== 'normal'), 'the mix left other lanes waiting too');
  assert.ok(pausedSeen, 'some checks ran with a window paused');
});
