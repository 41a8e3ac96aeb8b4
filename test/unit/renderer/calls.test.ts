// The hall display's calls: which events are calls, which the hall hears, and the big panel's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HallEventType, HallEventView, TicketView } from '../../../main/protocol/index.js';
import { CallGate, HubClock, RECENT_MS, callOf, panelCall, type Call } from '../../../renderer/src/display/calls.js';
import { inZone, zoneFrom } from '../../../renderer/src/display/zone.js';

const ticket = (over: Partial<TicketView>): TicketView => ({
  id: 't1', visitId: 'v1', leg: 1, day: '2026-11-29', number: 'A012', serviceCode: 'GS-01', kind: 'normal', status: 'called',
  lane: 'normal', issuedAt: 0, queuedAt: 0, rank: 0, recalls: 0, reprints: 0, windowNo: 3, ...over,
});
// A loose fixture: some cases leave out what the hub always sends, to test callOf's fallbacks.
const event = (seq: number, type: HallEventType, tickets: TicketView[], windowNo?: number): HallEventView => ({
  seq, type, at: 1_000_000 + seq, ...(windowNo !== undefined && { windowNo }), changes: { tickets },
}) as HallEventView;

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

test('the big panel shows the newest call at once, whether just made or only listed', () => {
  const live: Call = { seq: 5, ticketId: 't5', number: 'A005', windowNo: 2, at: 2000, recall: false };
  const listed = (number: string, calledAt: number) => ({ id: number, number, windowNo: 4, calledAt });
  // The live call is the newest: shown and flashing, whatever is still waiting to be heard.
  assert.deepEqual(panelCall(live, listed('A004', 1000)), { number: 'A005', windowNo: 2, live: true });
  // A newer call reached the list without being announced (too old, replayed): the panel shows it.
  assert.deepEqual(panelCall(live, listed('A006', 3000)), { number: 'A006', windowNo: 4, live: false });
  // A fresh start: the day's last call stands still.
  assert.deepEqual(panelCall(undefined, listed('A004', 1000)), { number: 'A004', windowNo: 4, live: false });
  assert.equal(panelCall(undefined, undefined), undefined);
});

// 分区叫号: which calls a zone's display shows and announces.

const zoneHall = {
  departments: [{ code: 'GS', name: '市场监管' }, { code: 'SW', name: '税务' }, { code: 'RS', name: '人社' }],
  windows: [1, 2, 3, 4, 5, 6].map((n) => ({ number: n, name: `${n}`, kind: 'department', department: n <= 2 ? 'GS' : n <= 4 ? 'SW' : 'RS', services: [] })),
};
const zone = (q: string) => zoneFrom(new URLSearchParams(q), zoneHall);

test('without a zone the display follows the whole hall', () => {
  assert.equal(zone(''), undefined);
  assert.equal(inZone(undefined, 6), true);
});

test('a zone of windows (a floor): ranges and single windows; its departments are those of its windows', () => {
  const z = zone('windows=1-3,6');
  assert.ok(z && !('error' in z));
  assert.deepEqual([...z.windows].sort(), [1, 2, 3, 6]);
  assert.deepEqual(z.departments, ['GS', 'SW', 'RS']);
  assert.equal(inZone(z, 4), false);
  assert.equal(inZone(z, 6), true);
});

test('a zone of departments follows all their windows', () => {
  const z = zone('departments=SW,RS');
  assert.ok(z && !('error' in z));
  assert.deepEqual([...z.windows].sort(), [3, 4, 5, 6]);
  assert.deepEqual(z.departments, ['SW', 'RS']);
});

test('a mistyped zone is refused in words staff understand', () => {
  assert.deepEqual(zone('windows=1-'), { error: '分区窗口写法有误：“1-”（例如 windows=1-4,9）' });
  assert.deepEqual(zone('windows=40-50'), { error: '分区内没有本大厅的窗口' });
  assert.deepEqual(zone('departments=XX'), { error: '没有部门“XX”' });
});
