import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueHarness } from '../../helpers/queue-harness.js';

test('a called ticket is served and finished; the window is then free for the next', () => {
  const hall = new QueueHarness().signInAll();
  const t = hall.issue('GS-01');
  hall.callNext(1);
  assert.equal(hall.ok({ type: 'start', windowNo: 1 }).ticket?.status, 'serving');
  hall.advance(12);
  const done = hall.ok({ type: 'finish', windowNo: 1 });
  assert.equal(done.ticket?.status, 'done');
  assert.equal(done.ticket?.staffId, '0101');
  assert.equal(hall.state.windows.get(1)?.currentTicketId, undefined);
  assert.equal(hall.state.stats.get('GS-01')?.avgServiceMs, 12 * 60_000);
  assert.equal(hall.ticket(t.id).windowNo, 1);
});

test('a skipped ticket called back after three recalls becomes a no-show', () => {
  const hall = new QueueHarness().signInAll();
  const t = hall.issue('GS-01');
  hall.callNext(1);
  for (let i = 1; i <= 3; i++) assert.equal(hall.ok({ type: 'recall', windowNo: 1 }).ticket?.recalls, i);
  const last = hall.ok({ type: 'recall', windowNo: 1 });
  assert.equal(last.becameNoShow, true);
  assert.equal(hall.ticket(t.id).status, 'no-show');
  assert.equal(hall.state.windows.get(1)?.currentTicketId, undefined);
});

test('a returning no-show is re-queued (过号重排) behind the next three people', () => {
  const hall = new QueueHarness().signInAll();
  const late = hall.issue('GS-01');
  const others = [hall.issue('GS-01'), hall.issue('GS-01'), hall.issue('GS-01'), hall.issue('GS-01')];
  hall.callNext(1);
  hall.ok({ type: 'skip', windowNo: 1 });
  assert.equal(hall.ticket(late.id).status, 'no-show');
  hall.advance(10);
  const back = hall.ok({ type: 'requeue', ticketId: late.id });
  assert.equal(back.ticket?.status, 'waiting');
  const order: string[] = [];
  for (let i = 0; i < 5; i++) {
    order.push(hall.callNext(1).number);
    hall.ok({ type: 'finish', windowNo: 1 });
  }
  assert.deepEqual(order, [others[0]!.number, others[1]!.number, others[2]!.number, late.number, others[3]!.number]);
});

test('a transfer keeps the visit: same number, same visit, a new leg at the other service', () => {
  const hall = new QueueHarness().signInAll();
  hall.issue('DS-01');
  const visit = hall.issue('GS-01');
  hall.callNext(1);
  hall.ok({ type: 'start', windowNo: 1 });
  const moved = hall.ok({ type: 'transfer', windowNo: 1, to: { serviceCode: 'DS-01' }, position: 'head', note: '需补税务登记' });
  const leg2 = moved.ticket!;
  assert.equal(leg2.visitId, visit.id);
  assert.equal(leg2.number, visit.number);
  assert.equal(leg2.leg, 2);
  assert.equal(leg2.kind, 'transfer');
  assert.equal(leg2.fromTicketId, visit.id);
  assert.equal(hall.ticket(visit.id).status, 'transferred');
  // At the head: the tax window calls it before the B001 that was waiting already.
  const called = hall.callNext(3);
  assert.equal(called.id, leg2.id);
  assert.equal(called.callReason?.rule, 'transfer');
  const legs = [...hall.state.tickets.values()].filter((t) => t.visitId === visit.id).map((t) => [t.leg, t.serviceCode, t.status]);
  assert.deepEqual(legs, [
    [1, 'GS-01', 'transferred'],
    [2, 'DS-01', 'called'],
  ]);
});

test('a transfer to a window at the tail waits its turn at that window only', () => {
  const hall = new QueueHarness().signInAll();
  const first = hall.issue('GS-02');
  const visit = hall.issue('GS-01');
  hall.callNext(1);
  hall.callNext(4);
  const moved = hall.ok({ type: 'transfer', windowNo: 4, to: { windowNo: 2, serviceCode: 'GS-02' }, position: 'tail' }).ticket!;
  assert.equal(moved.targetWindow, 2);
  assert.equal(hall.run({ type: 'callNext', windowNo: 5 }).ok, false, 'window 5 may not take a ticket sent to window 2');
  hall.ok({ type: 'finish', windowNo: 1 });
  assert.equal(first.status, 'waiting');
  assert.equal(hall.callNext(2).id, moved.id);
  assert.equal(visit.number, moved.number);
});

test('a transfer to a window that does not serve the service is refused and changes nothing', () => {
  const hall = new QueueHarness().signInAll();
  hall.issue('GS-01');
  const t = hall.callNext(1);
  const d = hall.run({ type: 'transfer', windowNo: 1, to: { windowNo: 3, serviceCode: 'GS-01' }, position: 'head' });
  assert.ok(!d.ok && d.code === 'window-not-serving');
  assert.equal(hall.ticket(t.id).status, 'called');
});

test('a suspended ticket (missing documents) comes back to the same window first', () => {
  const hall = new QueueHarness().signInAll();
  const t = hall.issue('GS-01');
  const other = hall.issue('GS-01');
  hall.callNext(1);
  hall.ok({ type: 'start', windowNo: 1 });
  const s = hall.ok({ type: 'suspend', windowNo: 1, reason: '缺营业执照副本' });
  assert.equal(s.ticket?.status, 'suspended');
  assert.equal(s.ticket?.note, '缺营业执照副本');
  // The window serves others meanwhile.
  assert.equal(hall.callNext(1).id, other.id);
  hall.ok({ type: 'finish', windowNo: 1 });
  hall.issue('GS-01');
  hall.ok({ type: 'resumeTicket', windowNo: 1, ticketId: t.id });
  const again = hall.callNext(1);
  assert.equal(again.id, t.id);
  assert.equal(again.callReason?.rule, 'transfer');
});

test('staff serve one ticket at a time', () => {
  const hall = new QueueHarness().signInAll();
  hall.issue('GS-01');
  hall.issue('GS-01');
  hall.callNext(1);
  const d = hall.run({ type: 'callNext', windowNo: 1 });
  assert.ok(!d.ok && d.code === 'window-busy' && d.message === '请先处理完当前号票A001');
});

test('a window must be signed in and not paused to call', () => {
  const hall = new QueueHarness();
  hall.issue('GS-01');
  let d = hall.run({ type: 'callNext', windowNo: 1 });
  assert.ok(!d.ok && d.code === 'window-signed-out');
  hall.ok({ type: 'signIn', windowNo: 1, staffId: '0101' });
  hall.ok({ type: 'pause', windowNo: 1, reason: '系统故障' });
  assert.equal(hall.state.windows.get(1)?.paused?.reason, '系统故障');
  d = hall.run({ type: 'callNext', windowNo: 1 });
  assert.ok(!d.ok && d.code === 'window-paused' && d.message === '1号窗口已暂停服务');
  hall.ok({ type: 'resumeWindow', windowNo: 1 });
  assert.equal(hall.callNext(1).number, 'A001');
});

test('a staff member signs in at one window at a time, and a window takes one staff member', () => {
  const hall = new QueueHarness();
  hall.ok({ type: 'signIn', windowNo: 1, staffId: '0101' });
  let d = hall.run({ type: 'signIn', windowNo: 2, staffId: '0101' });
  assert.ok(!d.ok && d.code === 'staff-elsewhere');
  d = hall.run({ type: 'signIn', windowNo: 1, staffId: '0102' });
  assert.ok(!d.ok && d.code === 'window-occupied');
  hall.issue('GS-01');
  hall.callNext(1);
  d = hall.run({ type: 'signOut', windowNo: 1 });
  assert.ok(!d.ok && d.code === 'window-busy');
  hall.ok({ type: 'finish', windowNo: 1 });
  hall.ok({ type: 'signOut', windowNo: 1 });
  hall.ok({ type: 'signIn', windowNo: 2, staffId: '0101' });
});

test('a visitor rates a finished service once; a second rating is refused', () => {
  const hall = new QueueHarness().signInAll();
  const t = hall.issue('GS-01');
  hall.callNext(1);
  let d = hall.run({ type: 'rate', ticketId: t.id, level: 5 });
  assert.ok(!d.ok && d.code === 'not-rateable');
  hall.ok({ type: 'finish', windowNo: 1 });
  assert.equal(hall.ok({ type: 'rate', ticketId: t.id, level: 5 }).ticket?.rating?.level, 5);
  d = hall.run({ type: 'rate', ticketId: t.id, level: 1 });
  assert.ok(!d.ok && d.code === 'already-rated' && d.message === '本次服务已评价，感谢您的参与');
  assert.equal(hall.ticket(t.id).rating?.level, 5);
});

test('a complaint is recorded against a window and staff member, with the contact masked', () => {
  const hall = new QueueHarness();
  const c = hall.ok({ type: 'complain', text: ' 窗口人员态度差 ', windowNo: 1, staffId: '0101', contact: '13812345678' }).complaint!;
  assert.equal(c.text, '窗口人员态度差');
  assert.equal(c.contactMasked, '138****5678');
  assert.ok(!hall.run({ type: 'complain', text: '  ' }).ok);
  assert.ok(!hall.run({ type: 'complain', text: 'x', windowNo: 77 }).ok);
});

test('a waiting ticket can be cancelled, a called one cannot', () => {
  const hall = new QueueHarness().signInAll();
  const a = hall.issue('GS-01');
  const b = hall.issue('GS-01');
  hall.callNext(1);
  assert.equal(hall.run({ type: 'cancel', ticketId: a.id }).ok, false);
  assert.equal(hall.ok({ type: 'cancel', ticketId: b.id }).ticket?.status, 'cancelled');
});
