// The counter's own arithmetic: a staff member's numbers for today, and which tickets one window
// lists (waiting for it, suspended by it, its no-shows, a number to reprint).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TicketView } from '../../../main/protocol/index.js';
import { applyFrame, fromSnapshot } from '../../../renderer/src/lib/hall-state.js';
import { todayStats } from '../../../renderer/src/counter/stats.js';
import { findToday, noShowsHere, suspendedHere, waitedMinutes, waitingHere } from '../../../renderer/src/counter/tickets.js';
import { enabledActions } from '../../../renderer/src/counter/enabled.js';
import type { ActionId } from '../../../renderer/src/counter/shortcuts.js';

const DAY = '2026-11-29';
const MIN = 60_000;
let n = 0;
const ticket = (over: Partial<TicketView>): TicketView => ({
  id: `t${++n}`, visitId: `v${n}`, leg: 1, day: DAY, number: `A${String(n).padStart(3, '0')}`, serviceCode: 'GS-01', kind: 'normal',
  status: 'waiting', lane: 'normal', issuedAt: 0, queuedAt: 0, rank: n, recalls: 0, reprints: 0, ...over,
});

test("today's numbers count only this staff member's tickets of today", () => {
  const mine = { staffId: '0101', windowNo: 1 };
  const tickets = [
    ticket({ ...mine, status: 'done', queuedAt: 0, calledAt: 4 * MIN, startedAt: 5 * MIN, endedAt: 15 * MIN, rating: { level: 5, at: 16 * MIN } }),
    ticket({ ...mine, status: 'done', queuedAt: 0, calledAt: 6 * MIN, startedAt: 6 * MIN, endedAt: 26 * MIN, rating: { level: 2, at: 27 * MIN } }),
    ticket({ ...mine, status: 'transferred', queuedAt: 0, calledAt: 2 * MIN, endedAt: 3 * MIN }),
    ticket({ staffId: '0102', windowNo: 2, status: 'done', calledAt: 1, startedAt: 1, endedAt: 2, rating: { level: 1, at: 3 } }),
    ticket({ ...mine, day: '2026-11-28', status: 'done', calledAt: 1, startedAt: 1, endedAt: 99 * MIN }),
  ];
  assert.deepEqual(todayStats(tickets, '0101', DAY), {
    served: 2,
    avgServiceMs: 15 * MIN,
    avgWaitMs: 4 * MIN,
    ratings: 2,
    satisfiedPct: 50,
    transfers: 1,
  });
  assert.deepEqual(todayStats([], '0101', DAY), { served: 0, avgServiceMs: undefined, avgWaitMs: undefined, ratings: 0, satisfiedPct: undefined, transfers: 0 });
});

test('a window lists what it may call, what it suspended and its no-shows; reprint finds the newest leg', () => {
  const state = fromSnapshot({
    seq: 1,
    day: DAY,
    timeZone: 'Asia/Shanghai',
    windows: [],
    tickets: [
      ticket({ id: 'w1', number: 'A001', serviceCode: 'GS-01', rank: 5 }),
      ticket({ id: 'w2', number: 'B001', serviceCode: 'DS-01', rank: 1 }),
      ticket({ id: 'w3', number: 'B002', serviceCode: 'DS-01', lane: 'transfer', targetWindow: 1, rank: 9 }),
      ticket({ id: 'w4', number: 'A002', serviceCode: 'GS-01', targetWindow: 2, rank: 2 }),
      ticket({ id: 's1', number: 'A003', status: 'suspended', windowNo: 1, note: '补交材料' }),
      ticket({ id: 's2', number: 'A004', status: 'suspended', windowNo: 2 }),
      ticket({ id: 'n1', number: 'A005', status: 'no-show', windowNo: 1, endedAt: 5 }),
      ticket({ id: 'x1', visitId: 'vx', leg: 1, number: 'A006', status: 'transferred' }),
      ticket({ id: 'x2', visitId: 'vx', leg: 2, number: 'A006', serviceCode: 'DS-01', kind: 'transfer' }),
    ],
  });
  assert.deepEqual(waitingHere(state, 1, ['GS-01', 'GS-02']).map((t) => t.id), ['w3', 'w1']);
  assert.deepEqual(suspendedHere(state, 1).map((t) => t.id), ['s1']);
  assert.deepEqual(noShowsHere(state, 1).map((t) => t.id), ['n1']);
  assert.deepEqual(findToday(state, ' a006 ').map((t) => t.id), ['x2']);
  assert.deepEqual(findToday(state, 'A999'), []);
});

const on = (r: Record<ActionId, boolean>) => (Object.keys(r) as ActionId[]).filter((id) => r[id]).sort();
const none = () => false;

test('with no ticket only 叫号, 按号呼叫 and the window\'s own buttons are enabled', () => {
  assert.deepEqual(on(enabledActions({ paused: false, pending: none })), ['callNumber', 'help', 'next', 'pause', 'reprint']);
});

test('a called visitor can be recalled, skipped (过号), started, finished, transferred or suspended — not called again', () => {
  assert.deepEqual(on(enabledActions({ current: { status: 'called' }, paused: false, pending: none })), [
    'finish', 'help', 'pause', 'recall', 'reprint', 'skip', 'start', 'suspend', 'transfer',
  ]);
});

test('while serving only 办结, 转办 and 挂起 apply to the visitor', () => {
  assert.deepEqual(on(enabledActions({ current: { status: 'serving' }, paused: false, pending: none })), ['finish', 'help', 'pause', 'reprint', 'suspend', 'transfer']);
});

test('a paused window calls nobody; a command still unanswered keeps its button off', () => {
  assert.deepEqual(on(enabledActions({ paused: true, pending: none })), ['help', 'pause', 'reprint']);
  const r = enabledActions({ current: { status: 'called' }, paused: false, pending: (id) => id === 'recall' });
  assert.equal(r.recall, false);
  assert.equal(r.start, true);
});

test('the waiting list counts whole minutes waited, never below zero', () => {
  assert.equal(waitedMinutes(0, 59_999), 0);
  assert.equal(waitedMinutes(0, 12 * MIN + 5), 12);
  assert.equal(waitedMinutes(10 * MIN, 0), 0);
});

test("at the day reset yesterday's tickets leave the screens, even those the new day's event ends", () => {
  const yesterday = ticket({ day: '2026-11-28', status: 'called', windowNo: 1, calledAt: 5 });
  const state = fromSnapshot({ seq: 1, day: '2026-11-28', timeZone: 'Asia/Shanghai', tickets: [yesterday], windows: [] });
  const { state: next } = applyFrame(state, {
    after: 1,
    seq: 2,
    events: [{ seq: 2, type: 'day.opened', at: 10, changes: { day: DAY, tickets: [{ ...yesterday, status: 'expired' }] } }],
  });
  assert.equal(next.day, DAY);
  assert.equal(next.tickets.size, 0);
});
