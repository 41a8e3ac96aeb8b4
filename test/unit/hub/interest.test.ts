// What each screen is sent of an event (main/hub/interest.ts), and how a screen folds the frames it
// gets (renderer/src/lib/hall-state.ts): only what concerns it, with nothing missed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HallEventView, SnapshotView, TicketView, WindowView } from '../../../main/protocol/index.js';
import { eventFor, interests, isUrgent, snapshotFor } from '../../../main/hub/interest.js';
import { applyFrame, fromSnapshot } from '../../../renderer/src/lib/hall-state.js';

const DAY = '2026-12-02';
let n = 0;
const ticket = (over: Partial<TicketView>): TicketView => ({
  id: `t${++n}`, visitId: `v${n}`, leg: 1, day: DAY, number: `A${String(n).padStart(3, '0')}`, serviceCode: 'A', kind: 'normal',
  status: 'waiting', lane: 'normal', issuedAt: 0, queuedAt: 0, rank: n, recalls: 0, reprints: 0, ...over,
});
const win = (number: number, over: Partial<WindowView> = {}): WindowView => ({ number, ...over });

const calledAt3 = ticket({ status: 'called', windowNo: 3, calledAt: 10 });
const call: HallEventView = { seq: 7, type: 'ticket.called', at: 10, windowNo: 3, changes: { tickets: [calledAt3], windows: [win(3, { currentTicketId: calledAt3.id })] } };
const issuedB: HallEventView = { seq: 8, type: 'ticket.issued', at: 11, changes: { tickets: [ticket({ serviceCode: 'B' })] } };
const paused5: HallEventView = { seq: 9, type: 'window.paused', at: 12, windowNo: 5, changes: { windows: [win(5, { paused: { reason: '午休', at: 12 } })] } };

test('a counter gets its own window and the lines of its services, nothing else', () => {
  const at5 = interests.counter(5, ['A']);
  // A call of service A at window 3: the ticket (its line moved), not window 3's state.
  assert.deepEqual(eventFor(at5, call)?.changes, { tickets: [calledAt3] });
  assert.equal(eventFor(at5, issuedB), undefined);
  assert.equal(eventFor(at5, paused5), paused5);
  assert.equal(eventFor(interests.counter(6, ['C']), paused5), undefined);
  // A ticket of another service aimed at this window (a transfer to it) is its business.
  const aimed: HallEventView = { seq: 10, type: 'ticket.transferred', at: 13, windowNo: 2, changes: { tickets: [ticket({ serviceCode: 'Z', targetWindow: 5 })], windows: [win(2)] } };
  assert.deepEqual(eventFor(at5, aimed)?.changes.tickets, aimed.changes.tickets);
  assert.equal(eventFor(at5, aimed)?.changes.windows, undefined);
});

test("a counter's own window goes at once; its lines, moved by other windows, may wait a moment", () => {
  const at5 = interests.counter(5, ['A']);
  assert.equal(isUrgent(at5, eventFor(at5, call)!), false, "window 3's call moves window 5's line only");
  assert.equal(isUrgent(at5, eventFor(at5, paused5)!), true);
  const calledHere: HallEventView = { seq: 8, type: 'ticket.recalled', at: 11, windowNo: 5, changes: { tickets: [{ ...calledAt3, windowNo: 5 }] } };
  assert.equal(isUrgent(at5, eventFor(at5, calledHere)!), true);
  assert.equal(isUrgent(interests.calls(undefined), eventFor(interests.calls(undefined), call)!), true, 'a hall display shows every call at once');
});

test("a hall display gets its zone's calls; a kiosk no ticket at all; a new day reaches everyone", () => {
  assert.deepEqual(eventFor(interests.calls(undefined), call)?.changes, { tickets: [calledAt3] });
  assert.deepEqual(eventFor(interests.calls([1, 2, 3]), call)?.changes, { tickets: [calledAt3] });
  assert.equal(eventFor(interests.calls([4]), call), undefined);
  const finished: HallEventView = { seq: 11, type: 'ticket.finished', at: 14, windowNo: 3, changes: { tickets: [{ ...calledAt3, status: 'done' }], windows: [win(3)] } };
  assert.equal(eventFor(interests.calls(undefined), finished), undefined, 'only calls: the big panel and the list show calls');
  assert.equal(eventFor(interests.counts(), call), undefined);
  const day: HallEventView = { seq: 12, type: 'day.opened', at: 15, changes: { day: '2026-12-03', tickets: [], windows: [win(3)], appointments: [] } };
  assert.deepEqual(eventFor(interests.counts(), day)?.changes, { day: '2026-12-03' });
  // Supervisors get every event as it is; complaints only when they follow them.
  assert.equal(eventFor(interests.everything(true), call), call);
  const complaint: HallEventView = { seq: 13, type: 'complaint.filed', at: 16, changes: { complaints: [{ id: 'c1', at: 16, text: '态度差' }] } };
  assert.equal(eventFor(interests.everything(true), complaint), complaint);
  assert.equal(eventFor(interests.counter(3, ['A']), complaint), undefined);
});

test("a snapshot holds what the interest follows: a zone's called tickets, a window's own", () => {
  const waiting = ticket({});
  const elsewhere = ticket({ status: 'serving', windowNo: 9, calledAt: 5 });
  const snap: SnapshotView = { seq: 20, day: DAY, timeZone: 'Asia/Shanghai', tickets: [calledAt3, waiting, elsewhere], windows: [win(3), win(9)] };
  assert.deepEqual(snapshotFor(interests.calls([3]), snap).tickets, [calledAt3]);
  assert.deepEqual(snapshotFor(interests.calls([3]), snap).windows, []);
  assert.deepEqual(snapshotFor(interests.windows([9]), snap).tickets, [elsewhere]);
  assert.deepEqual(snapshotFor(interests.windows([9]), snap).windows, [win(9)]);
  assert.deepEqual(snapshotFor(interests.counts(), snap).tickets, []);
  assert.equal(snapshotFor(interests.everything(false), snap), snap);
});

test('frames fold onto the mirror: the seqs they cover, duplicates skipped, a missed frame is a gap', () => {
  const start = fromSnapshot({ seq: 6, day: DAY, timeZone: 'Asia/Shanghai', tickets: [], windows: [] });
  const one = applyFrame(start, { after: 6, seq: 9, events: [call] });
  assert.equal(one.outcome, 'applied');
  assert.equal(one.state.seq, 9, 'events it does not follow (8, 9) still move it on');
  assert.equal(one.state.tickets.get(calledAt3.id)?.status, 'called');
  // A frame from before the seq we hold (a catch-up overlapping live frames): nothing twice.
  assert.equal(applyFrame(one.state, { after: 6, seq: 9, events: [call] }).outcome, 'duplicate');
  const overlap = applyFrame(one.state, { after: 4, seq: 12, events: [call, { ...issuedB, seq: 12 }] });
  assert.deepEqual(overlap.applied.map((e) => e.seq), [12]);
  // A frame after one we never got: not applied.
  const gap = applyFrame(one.state, { after: 10, seq: 12, events: [] });
  assert.equal(gap.outcome, 'gap');
  assert.equal(gap.state, one.state);
});
