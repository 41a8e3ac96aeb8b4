// Every refusal says what is true: a ticket being served is not "尚未叫号", a ticket sent to another
// window is not business "this window does not serve", a no-show or a cancelled ticket is not "已办结".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Decision } from '../../../main/queue/index.js';
import { QueueHarness } from '../../helpers/queue-harness.js';

function refusal(d: Decision): { code: string; message: string } {
  assert.ok(!d.ok, `expected a refusal, got ${JSON.stringify(d)}`);
  return { code: d.code, message: d.message };
}

test('recall, skip and start of a ticket being served say it is being served, not that it was never called', () => {
  const hall = new QueueHarness().signInAll();
  hall.issue('GS-01');
  hall.callNext(1);
  hall.ok({ type: 'start', windowNo: 1 });
  assert.deepEqual(refusal(hall.run({ type: 'recall', windowNo: 1 })), { code: 'ticket-state', message: '号票A001正在1号窗口办理，不能重呼' });
  assert.deepEqual(refusal(hall.run({ type: 'skip', windowNo: 1 })), { code: 'ticket-state', message: '号票A001正在1号窗口办理，不能过号' });
  assert.deepEqual(refusal(hall.run({ type: 'start', windowNo: 1 })), { code: 'ticket-state', message: '号票A001正在1号窗口办理，不能再次开始办理' });
  assert.equal(hall.state.tickets.size, 1);
  assert.equal([...hall.state.tickets.values()][0]?.status, 'serving');
});

test('calling a number transferred to another window names the window it waits for', () => {
  const hall = new QueueHarness().signInAll();
  hall.issue('GS-01');
  hall.callNext(1);
  hall.ok({ type: 'transfer', windowNo: 1, to: { windowNo: 2, serviceCode: 'GS-02' }, position: 'head' });
  // Window 5 (绿色通道) serves GS-02 too: what stops it is the transfer, not the business.
  assert.deepEqual(refusal(hall.run({ type: 'callNumber', windowNo: 5, number: 'A001' })), {
    code: 'not-your-ticket',
    message: '号票A001已转至2号窗口，不是5号窗口的号票',
  });
  assert.equal(hall.ok({ type: 'callNumber', windowNo: 2, number: 'A001' }).ticket?.leg, 2);
});

test('calling a number resumed for its suspending window names that window', () => {
  const hall = new QueueHarness().signInAll();
  const t = hall.issue('GS-01');
  hall.callNext(1);
  hall.ok({ type: 'suspend', windowNo: 1, reason: '缺材料' });
  hall.ok({ type: 'resumeTicket', windowNo: 1, ticketId: t.id });
  assert.deepEqual(refusal(hall.run({ type: 'callNumber', windowNo: 2, number: 'A001' })), {
    code: 'not-your-ticket',
    message: '号票A001等候1号窗口恢复办理，不是2号窗口的号票',
  });
});

test('calling a number called at another window says where it was called', () => {
  const hall = new QueueHarness().signInAll();
  hall.issue('GS-01');
  hall.callNext(1);
  assert.deepEqual(refusal(hall.run({ type: 'callNumber', windowNo: 2, number: 'A001' })), {
    code: 'ticket-not-waiting',
    message: '号票A001已在1号窗口叫号，不在等候中',
  });
});

test('resuming a ticket suspended at another window says where it is suspended, not that the window does not serve it', () => {
  const hall = new QueueHarness().signInAll();
  const t = hall.issue('GS-01');
  hall.callNext(1);
  hall.ok({ type: 'suspend', windowNo: 1, reason: '缺材料' });
  assert.deepEqual(refusal(hall.run({ type: 'resumeTicket', windowNo: 2, ticketId: t.id })), {
    code: 'not-your-ticket',
    message: '号票A001挂起在1号窗口，不是2号窗口的号票',
  });
  assert.equal(hall.ticket(t.id).status, 'suspended');
});

test('a ticket being served can be reprinted; a no-show or a cancelled one is refused as what it is, not as 已办结', () => {
  const hall = new QueueHarness().signInAll();
  const served = hall.issue('GS-01');
  const missed = hall.issue('GS-01');
  const gone = hall.issue('GS-01');
  hall.callNext(1);
  hall.ok({ type: 'start', windowNo: 1 });
  assert.equal(hall.ok({ type: 'reprint', ticketId: served.id }).ticket?.reprints, 1);
  hall.ok({ type: 'finish', windowNo: 1 });
  assert.deepEqual(refusal(hall.run({ type: 'reprint', ticketId: served.id })), { code: 'ticket-state', message: '号票A001已在1号窗口办结，不能补打' });
  hall.callNext(1);
  hall.ok({ type: 'skip', windowNo: 1 });
  assert.deepEqual(refusal(hall.run({ type: 'reprint', ticketId: missed.id })), { code: 'ticket-state', message: '号票A002已在1号窗口过号，不能补打' });
  hall.ok({ type: 'cancel', ticketId: gone.id });
  assert.deepEqual(refusal(hall.run({ type: 'reprint', ticketId: gone.id })), { code: 'ticket-state', message: '号票A003已取消，不能补打' });
});

test('cancelling a called ticket says it has been called at its window', () => {
  const hall = new QueueHarness().signInAll();
  const t = hall.issue('GS-01');
  hall.callNext(1);
  assert.deepEqual(refusal(hall.run({ type: 'cancel', ticketId: t.id })), { code: 'ticket-state', message: '号票A001已在1号窗口叫号，不能取消' });
  assert.equal(hall.ticket(t.id).status, 'called');
});

test('rating a ticket that will never be finished says why; one still on its way says "not yet"', () => {
  const hall = new QueueHarness().signInAll();
  const a = hall.issue('GS-01');
  const b = hall.issue('GS-01');
  hall.callNext(1);
  assert.deepEqual(refusal(hall.run({ type: 'rate', ticketId: a.id, level: 5 })), { code: 'not-rateable', message: '号票A001尚未办结，暂不能评价' });
  hall.ok({ type: 'skip', windowNo: 1 });
  assert.deepEqual(refusal(hall.run({ type: 'rate', ticketId: a.id, level: 5 })), { code: 'ticket-state', message: '号票A001已在1号窗口过号，不能评价' });
  hall.callNext(1);
  hall.ok({ type: 'transfer', windowNo: 1, to: { serviceCode: 'DS-01' }, position: 'tail' });
  assert.deepEqual(refusal(hall.run({ type: 'rate', ticketId: b.id, level: 5 })), { code: 'ticket-state', message: '号票A002已由1号窗口转办，不能评价' });
});

test('a chief authorises green tickets for their own department\'s services only', () => {
  const hall = new QueueHarness();
  assert.deepEqual(refusal(hall.run({ type: 'issue', serviceCode: 'DS-01', kind: 'green', authorizedBy: '0901' })), {
    code: 'not-authorized-department',
    message: '0901是市场监管局的首席代表，不能授权“发票领用”的绿色通道',
  });
  assert.equal(hall.issue('GS-02', 'green', { authorizedBy: '0901' }).lane, 'green');
  assert.equal(hall.state.tickets.size, 1);
});
