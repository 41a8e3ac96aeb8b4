// One queue order and one eligibility rule for the hub's engine and the screens (main/rules): the
// counter screen lists what the engine would let that window call, in the order the engine calls it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inLine, mayCall } from '../../../main/rules/index.js';
import { waitingFor as engineWaitingFor } from '../../../main/queue/index.js';
import { ticketView, windowView } from '../../../main/hub/views.js';
import { fromSnapshot, waitingFor } from '../../../renderer/src/lib/hall-state.js';
import { waitingHere } from '../../../renderer/src/counter/tickets.js';
import { QueueHarness, at, testHall } from '../../helpers/queue-harness.js';
import type { HallState as EngineState } from '../../../main/queue/index.js';

/** The hall as a screen holds it, from the engine's state (what the hub's snapshot carries). */
const screenOf = (state: EngineState) =>
  fromSnapshot({
    seq: 1,
    day: state.day,
    timeZone: state.hall.config.hall.timezone,
    tickets: [...state.tickets.values()].map(ticketView),
    windows: [...state.windows.values()].map((w) => windowView(state, w)),
  });

test('two bookings of one slot: the screen lists them in the order the hub calls them (by number, not by check-in time)', () => {
  // Two services that take bookings, with their own prefixes, both served at window 4.
  const hall = new QueueHarness(
    testHall((c) => {
      c.services.find((s) => s.code === 'GS-01')!.appointment = { slotMinutes: 30, capacity: 2 };
    }),
    at('09:00'),
  );
  for (let i = 0; i < 3; i++) hall.issue('GS-01');
  const code = (serviceCode: string, idHash: string) =>
    hall.ok({ type: 'book', serviceCode, slotStart: at('10:00'), name: '张三丰', phone: '13912345678', idHash }).appointment!.code;
  const gs = code('GS-01', 'id-a');
  const zj = code('ZJ-01', 'id-b');
  hall.advance(50);
  const first = hall.ok({ type: 'checkIn', code: gs }).ticket!; // 09:50, A004
  hall.advance(1);
  const second = hall.ok({ type: 'checkIn', code: zj }).ticket!; // 09:51, C001
  assert.deepEqual([first.number, second.number, first.rank === second.rank], ['A004', 'C001', true], 'one slot, one rank');

  // The rule both use: equal ranks go by the number's sequence, so C001 before A004.
  assert.ok(inLine(second, first) < 0);
  // The screen (it once broke the tie by check-in time and showed A004 first).
  const screen = screenOf(hall.state);
  assert.deepEqual(waitingHere(screen, 4, ['ZJ-01', 'GS-01']).slice(0, 2).map((t) => t.number), ['C001', 'A004']);
  assert.deepEqual(waitingFor(screen).slice(0, 2).map((t) => t.number), ['C001', 'A004']);
  // The hub calls in that order.
  hall.advance(9);
  hall.ok({ type: 'signIn', windowNo: 4, staffId: '0104' });
  assert.equal(hall.callNext(4).number, 'C001');
  hall.ok({ type: 'finish', windowNo: 4 });
  assert.equal(hall.callNext(4).number, 'A004');
});

test('each window lists exactly the tickets the hub lets it call: targets win over services', () => {
  const hall = new QueueHarness().signInAll();
  for (const s of ['GS-01', 'GS-02', 'DS-01', 'ZJ-01', 'GS-01', 'GS-02']) hall.issue(s);
  hall.callNext(1);
  hall.ok({ type: 'transfer', windowNo: 1, to: { windowNo: 2, serviceCode: 'GS-02' }, position: 'tail' }); // only window 2
  hall.callNext(3);
  hall.ok({ type: 'transfer', windowNo: 3, to: { serviceCode: 'GS-01' }, position: 'head' }); // any GS-01 window
  hall.callNext(4);
  hall.ok({ type: 'suspend', windowNo: 4, reason: '补交材料' });
  const suspended = [...hall.state.tickets.values()].find((t) => t.status === 'suspended')!;
  hall.ok({ type: 'resumeTicket', windowNo: 4, ticketId: suspended.id }); // back to window 4 only

  const screen = screenOf(hall.state);
  for (const [windowNo, win] of hall.state.hall.windows) {
    const services = win.services.flat();
    const hub = engineWaitingFor(hall.state, win).sort(inLine).map((t) => t.id);
    assert.deepEqual(waitingHere(screen, windowNo, services).map((t) => t.id), hub, `window ${windowNo}`);
    for (const t of hall.state.tickets.values()) assert.equal(mayCall(windowNo, new Set(services), t), mayCall(windowNo, win.tierOf, t));
  }
  assert.ok(engineWaitingFor(hall.state, hall.state.hall.windows.get(2)!).some((t) => t.targetWindow === 2), 'the case is there');
});
