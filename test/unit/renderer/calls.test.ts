// The hall display's calls: which events are calls, which the hall hears, and the big panel's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HallEventView, TicketView } from '../../../main/protocol/index.js';
import { CallGate, CallSequencer, HubClock, RECENT_MS, callOf, type Call } from '../../../renderer/src/display/calls.js';

const ticket = (over: Partial<TicketView>): TicketView => ({
  id: 't1', visitId: 'v1', leg: 1, day: '2026-11-29', number: 'A012', serviceCode: 'GS-01', kind: 'normal', status: 'called',
  lane: 'normal', issuedAt: 0, queuedAt: 0, rank: 0, recalls: 0, reprints: 0, windowNo: 3, ...over,
});
const event = (seq: number, type: string, tickets: TicketView[], windowNo?: number): HallEventView => ({
  seq, type, at: 1_000_000 + seq, ...(windowNo !== undefined && { windowNo }), changes: { tickets },
});

test('a ticket called or recalled at a window is a call with its number and window', () => {
  assert.deepEqual(callOf(event(7, 'ticket.called', [ticket({})], 3)), { seq: 7, ticketId: 't1', number: 'A012', windowNo: 3, at: 1_000_007, recall: false });
  assert.equal(callOf(event(8, 'ticket.recalled', [ticket({ recalls: 1 })], 3))?.recall, true);
  assert.equal(callOf(event(9, 'ticket.started', [ticket({ status: 'serving' })], 3)), undefined);
  assert.equal(callOf(event(10, 'ticket.issued', [ticket({ status: 'waiting', windowNo: undefined })])), undefined);
});

test('each call is heard once however often it is replayed; a recall is heard again', () => {
  const gate = new CallGate();
  const call = (seq: number): Call => ({ seq, ticketId: 't1', number: 'A012', windowNo: 3, at: 0, recall: seq > 1 });
  assert.equal(gate.decide(call(1), 0), 'announce');
  assert.equal(gate.decide(call(1), 0), 'list');
  assert.equal(gate.decide(call(2), 1000), 'announce');
});

test('a call missed while the hub was away is heard only while it is recent', () => {
  const gate = new CallGate();
  const call = (seq: number): Call => ({ seq, ticketId: `t${seq}`, number: 'A012', windowNo: 3, at: 0, recall: false });
  assert.equal(gate.decide(call(1), RECENT_MS - 1), 'announce');
  assert.equal(gate.decide(call(2), RECENT_MS + 1), 'list');
});

test("ages are measured on the hub's clock, whatever this PC's clock says", () => {
  const clock = new HubClock();
  // This PC runs 2 minutes ahead of the hub.
  clock.observe(1_000_000, 1_120_000);
  assert.equal(clock.age(1_000_000 - 5_000, 1_120_000), 5_000);
});

test('the big panel shows each call at least minShow and until it has been announced, in order', async () => {
  const log: string[] = [];
  const sleeps: (() => void)[] = [];
  const speeches: (() => void)[] = [];
  const seq = new CallSequencer({
    minShowMs: 5000,
    show: (c) => log.push(`show ${c.number}`),
    announce: (c) => new Promise<void>((r) => speeches.push(() => (log.push(`spoken ${c.number}`), r()))),
    sleep: () => new Promise<void>((r) => sleeps.push(r)),
  });
  const call = (n: string, s: number): Call => ({ seq: s, ticketId: n, number: n, windowNo: 3, at: 0, recall: false });
  seq.push(call('A001', 1), true);
  seq.push(call('A002', 2), true);
  const tick = () => new Promise((r) => setImmediate(r));
  await tick();
  assert.deepEqual(log, ['show A001']);
  // Spoken, but the minimum time has not passed: A001 stays.
  speeches.shift()!();
  await tick();
  assert.deepEqual(log, ['show A001', 'spoken A001']);
  sleeps.shift()!();
  await tick();
  assert.deepEqual(log, ['show A001', 'spoken A001', 'show A002']);
  // The minimum time passes before A002 has been spoken in full: it stays until it has.
  sleeps.shift()!();
  await tick();
  assert.equal(log.at(-1), 'show A002');
  speeches.shift()!();
  await tick();
  assert.equal(seq.waiting, 0);
  assert.deepEqual(log, ['show A001', 'spoken A001', 'show A002', 'spoken A002']);
});
