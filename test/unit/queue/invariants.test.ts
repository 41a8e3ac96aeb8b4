// Property test: thousands of random operations from many windows and kiosks; after every one
// the hall's invariants hold (ARCHITECTURE.md invariant 1, plus counts and the starvation bound).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applyAll,
  createState,
  decide,
  hallDay,
  isEligible,
  needsNewDay,
  type Command,
  type HallState,
  type Ticket,
} from '../../../main/queue/index.js';
import { at, countingIds, testHall, type DistributiveOmit } from '../../helpers/queue-harness.js';

const hall = testHall((c) => {
  c.hall.hours = [{ from: '07:00', to: '21:00' }];
  c.hall.stopIssuingMinutesBeforeClose = 0;
  c.hall.kioskRateLimit = { max: 20, perSeconds: 60 };
  c.services[2]!.dailyCap = 60;
  c.windows[0]!.strategy = { normalPerPriority: 2 };
  c.windows[1]!.strategy = { order: 'weighted', weights: [1, 0.3] };
  c.windows[3]!.strategy = { breachFirst: true };
});
const windows = [1, 2, 3, 4, 5];
const staff = ['0101', '0102', '0103', '0104', '0105'];
const services = ['GS-01', 'GS-02', 'DS-01', 'ZJ-01'];
const boundMs = hall.config.hall.starvationMinutes * 60_000;

type Op =
  | DistributiveOmit<Command, 'requestId'>
  | { type: 'advance'; minutes: number }
  | { type: 'pickTicket'; make: 'requeue' | 'resumeTicket' | 'cancel' | 'rate' | 'reprint'; index: number; windowNo: number };

const windowNo = fc.constantFrom(...windows);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('issue' as const), serviceCode: fc.constantFrom(...services), kind: fc.constantFrom('normal' as const, 'normal' as const, 'normal' as const, 'priority' as const, 'green' as const), kioskId: fc.constantFrom('K1', 'K2', 'K3'), authorizedBy: fc.constantFrom('0901', '0901', '0101') }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('signIn' as const), windowNo, staffId: fc.constantFrom(...staff) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('signOut' as const), windowNo }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('pause' as const), windowNo, reason: fc.constant('会议') }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('resumeWindow' as const), windowNo }) },
  { weight: 8, arbitrary: fc.record({ type: fc.constant('callNext' as const), windowNo }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('callNumber' as const), windowNo, number: fc.constantFrom('A001', 'A003', 'B002', 'C001') }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('recall' as const), windowNo }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('start' as const), windowNo }) },
  { weight: 5, arbitrary: fc.record({ type: fc.constant('finish' as const), windowNo }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('skip' as const), windowNo }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('transfer' as const), windowNo, to: fc.oneof(fc.record({ serviceCode: fc.constantFrom(...services) }), fc.record({ windowNo, serviceCode: fc.constantFrom(...services) })), position: fc.constantFrom('head' as const, 'tail' as const) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('suspend' as const), windowNo, reason: fc.constant('缺材料') }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('pickTicket' as const), make: fc.constantFrom('requeue' as const, 'resumeTicket' as const, 'cancel' as const, 'rate' as const, 'reprint' as const), index: fc.nat(), windowNo }) },
  { weight: 5, arbitrary: fc.record({ type: fc.constant('advance' as const), minutes: fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 0, max: 12 }) }, { weight: 1, arbitrary: fc.constant(16 * 60) }) }) },
);

function toCommand(op: Op, state: HallState, n: number): Command | undefined {
  if (op.type === 'advance') return undefined;
  if (op.type !== 'pickTicket') return { ...op, requestId: `r${n}` };
  const tickets = [...state.tickets.values()];
  const t = tickets[op.index % Math.max(1, tickets.length)];
  if (!t) return undefined;
  switch (op.make) {
    case 'resumeTicket':
      return { type: 'resumeTicket', ticketId: t.id, windowNo: t.windowNo ?? op.windowNo, requestId: `r${n}` };
    case 'rate':
      return { type: 'rate', ticketId: t.id, level: 4, requestId: `r${n}` };
    default:
      return { type: op.make, ticketId: t.id, requestId: `r${n}` };
  }
}

const fingerprint = (s: HallState) =>
  JSON.stringify([s.day, [...s.tickets.values()], [...s.windows.values()], [...s.numberSeqs], [...s.stats.values()]]);

function checkInvariants(state: HallState): void {
  // 1. A ticket is called to at most one window at a time, and a window's current ticket is its own.
  const holders = new Map<string, number>();
  for (const w of state.windows.values()) {
    if (w.currentTicketId === undefined) continue;
    assert.ok(!holders.has(w.currentTicketId), `ticket ${w.currentTicketId} is with two windows`);
    holders.set(w.currentTicketId, w.number);
    const t = state.tickets.get(w.currentTicketId);
    assert.ok(t && (t.status === 'called' || t.status === 'serving'), `window ${w.number} holds a ticket that is ${t?.status}`);
    assert.equal(t.windowNo, w.number);
    assert.ok(w.staffId !== undefined, `window ${w.number} serves without staff`);
  }
  for (const t of state.tickets.values()) {
    if (t.status === 'called' || t.status === 'serving') assert.equal(holders.get(t.id), t.windowNo, `${t.number} is ${t.status} but no window holds it`);
  }
  // 2. A number is unique per prefix per day; 3. legs of a visit share it, and only the last is open.
  const numbers = new Map<string, string>();
  const visits = new Map<string, Ticket[]>();
  for (const t of state.tickets.values()) {
    if (t.day !== state.day) continue;
    const key = `${t.day}|${t.prefix}|${t.seq}`;
    const owner = numbers.get(key);
    assert.ok(owner === undefined || owner === t.visitId, `number ${t.number} issued twice`);
    numbers.set(key, t.visitId);
    assert.ok(t.seq <= (state.numberSeqs.get(t.prefix) ?? 0), 'the counter is behind an issued number');
    visits.set(t.visitId, [...(visits.get(t.visitId) ?? []), t]);
  }
  for (const legs of visits.values()) {
    legs.sort((a, b) => a.leg - b.leg);
    legs.forEach((leg, i) => {
      assert.equal(leg.leg, i + 1, 'legs are numbered 1..n');
      assert.equal(leg.number, legs[0]!.number);
      if (i < legs.length - 1) assert.equal(leg.status, 'transferred');
    });
  }
}

test('random operations from many windows and kiosks never break the hall invariants (10,000+ operations)', () => {
  let total = 0;
  let accepted = 0;
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 400, maxLength: 400 }), (ops) => {
      let now = at('07:00');
      const ids = countingIds();
      const state = createState(hall, hallDay(hall, now));
      ops.forEach((op, n) => {
        total++;
        if (op.type === 'advance') {
          now += op.minutes * 60_000;
          return;
        }
        const ctx = { now, ids, actor: { role: 'staff' as const, id: 'prop' } };
        if (needsNewDay(state, now)) {
          const d = decide(state, { type: 'openDay', requestId: `day${n}` }, ctx);
          assert.ok(d.ok);
          applyAll(state, d.events);
        }
        const cmd = toCommand(op, state, n);
        if (!cmd) return;
        const before = fingerprint(state);
        const waitingBefore = cmd.type === 'callNext' ? [...state.tickets.values()] : [];
        const d = decide(state, cmd, ctx);
        assert.equal(fingerprint(state), before, `decide(${cmd.type}) mutated the state`);
        if (!d.ok) {
          assert.match(d.message, /[\u4e00-\u9fff]/, `refusal ${d.code} has a Chinese message`);
          return;
        }
        accepted++;
        if (cmd.type === 'callNext') {
          const win = hall.windows.get(cmd.windowNo)!;
          const chosen = d.reply.ticket!;
          const starved = waitingBefore.filter(
            (t) => t.status === 'waiting' && t.day === state.day && t.lane !== 'appointment' && isEligible(win, t) && now - t.queuedAt >= boundMs,
          );
          if (starved.length > 0) {
            const rule = chosen.callReason!.rule;
            assert.ok(['green', 'appointment-due', 'starved'].includes(rule), `a ticket waited past the bound but ${rule} won`);
            if (rule === 'starved') assert.equal(now - chosen.queuedAt, Math.max(...starved.map((t) => now - t.queuedAt)));
          }
        }
        applyAll(state, d.events);
        checkInvariants(state);
      });
    }),
    { numRuns: 25, seed: Number(process.env.HALLQ_SEED ?? 20261128) },
  );
  assert.ok(total >= 10_000, `ran ${total} operations`);
  assert.ok(accepted > total / 5, `only ${accepted} of ${total} operations were accepted: the test is not exercising the hall`);
});
