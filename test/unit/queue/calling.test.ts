import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueHarness, testHall } from '../../helpers/queue-harness.js';

test('a window calls the longest-waiting ticket of its first tier before its second tier', () => {
  const hall = new QueueHarness().signInAll();
  const a1 = hall.issue('GS-01');
  hall.advance(1);
  const a2 = hall.issue('GS-02');
  // Window 2 serves GS-02 first, then GS-01.
  const called = hall.callNext(2);
  assert.equal(called.id, a2.id);
  assert.deepEqual(
    { rule: called.callReason?.rule, tier: called.callReason?.tier, candidates: called.callReason?.candidates },
    { rule: 'tier', tier: 0, candidates: 1 },
  );
  assert.equal(hall.ok({ type: 'finish', windowNo: 2 }).ticket?.status, 'done');
  assert.equal(hall.callNext(2).id, a1.id);
});

test('a green-channel ticket jumps the queue', () => {
  const hall = new QueueHarness().signInAll();
  hall.issue('GS-01');
  hall.issue('GS-01', 'priority');
  hall.advance(5);
  const green = hall.issue('GS-01', 'green', { authorizedBy: '0901' });
  const called = hall.callNext(1);
  assert.equal(called.id, green.id);
  assert.equal(called.callReason?.rule, 'green');
  assert.equal(called.callReason?.candidates, 2);
});

test('priority tickets (老幼病残孕) go before normal ones', () => {
  const hall = new QueueHarness().signInAll();
  hall.issue('GS-01');
  hall.advance(3);
  const p = hall.issue('GS-01', 'priority');
  const called = hall.callNext(1);
  assert.equal(called.id, p.id);
  assert.equal(called.callReason?.rule, 'priority');
});

test('with a 1:3 ratio a window calls one priority ticket after every three normal ones', () => {
  const hall = new QueueHarness(testHall((c) => (c.windows[0]!.strategy = { normalPerPriority: 3 }))).signInAll();
  for (let i = 0; i < 6; i++) hall.issue('GS-01');
  for (let i = 0; i < 3; i++) hall.issue('GS-01', 'priority');
  const lanes: string[] = [];
  for (let i = 0; i < 9; i++) {
    const t = hall.callNext(1);
    lanes.push(t.lane);
    hall.ok({ type: 'finish', windowNo: 1 });
  }
  // Three normal, then one priority; when the normal queue runs dry the priority ones follow.
  assert.deepEqual(lanes, ['normal', 'normal', 'normal', 'priority', 'normal', 'normal', 'normal', 'priority', 'priority']);
});

test('weighted tiers: a second-tier ticket that has waited long enough beats a fresh first-tier one', () => {
  const hall = new QueueHarness(
    testHall((c) => (c.windows[1]!.strategy = { order: 'weighted', weights: [1, 0.5] })),
  ).signInAll();
  const old = hall.issue('GS-01'); // tier 1 at window 2
  hall.advance(20);
  hall.issue('GS-02'); // tier 0, fresh
  hall.advance(1);
  // GS-01 waited 21 min × 0.5 = 10.5 > GS-02's 1 min × 1.
  const called = hall.callNext(2);
  assert.equal(called.id, old.id);
  assert.equal(called.callReason?.rule, 'weighted');
  assert.equal(called.callReason?.tier, 1);
  assert.equal(called.callReason?.weight, 0.5);
});

test('target wait breached first: a window that asks for it calls late tickets before the tiers', () => {
  const hall = new QueueHarness(
    testHall((c) => {
      c.windows[1]!.strategy = { breachFirst: true };
      c.services[0]!.targetWaitMinutes = 30;
    }),
  ).signInAll();
  const late = hall.issue('GS-01'); // tier 1 at window 2
  hall.advance(31);
  hall.issue('GS-02');
  const called = hall.callNext(2);
  assert.equal(called.id, late.id);
  assert.equal(called.callReason?.rule, 'target-breached');
});

test('no ticket is passed over once it has waited past the starvation bound', () => {
  const hall = new QueueHarness().signInAll();
  const old = hall.issue('GS-01'); // window 2's second tier
  hall.advance(91);
  hall.issue('GS-02');
  hall.issue('GS-02', 'priority');
  const called = hall.callNext(2);
  assert.equal(called.id, old.id);
  assert.equal(called.callReason?.rule, 'starved');
  assert.ok((called.callReason?.waitedMinutes ?? 0) >= 91);
});

test('calling a specific number (特呼) takes that ticket out of turn', () => {
  const hall = new QueueHarness().signInAll();
  hall.issue('GS-01');
  const second = hall.issue('GS-01');
  const reply = hall.ok({ type: 'callNumber', windowNo: 1, number: 'a002' });
  assert.equal(reply.ticket?.id, second.id);
  assert.equal(reply.ticket?.callReason?.rule, 'specific');
  hall.ok({ type: 'finish', windowNo: 1 });
  const d = hall.run({ type: 'callNumber', windowNo: 3, number: 'A001' });
  assert.ok(!d.ok && d.code === 'window-not-serving');
});

test('a window with nobody waiting says so', () => {
  const hall = new QueueHarness().signInAll();
  const d = hall.run({ type: 'callNext', windowNo: 3 });
  assert.ok(!d.ok && d.code === 'queue-empty' && d.message === '当前没有等候的号票');
});

test('a ticket is never with two windows: the second call gets the next ticket', () => {
  const hall = new QueueHarness().signInAll();
  hall.issue('GS-01');
  hall.issue('GS-01');
  const a = hall.callNext(1);
  const b = hall.callNext(4);
  assert.notEqual(a.id, b.id);
  assert.equal(hall.run({ type: 'callNext', windowNo: 5 }).ok, false);
});
