import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueHarness, at, testHall } from '../../helpers/queue-harness.js';
import { hallDay } from '../../../main/queue/index.js';

test('the day rolls over at the reset time: numbers restart and yesterday\'s queue expires', () => {
  const hall = new QueueHarness(testHall((c) => (c.hall.dayResetTime = '04:00')), at('16:00'));
  hall.signInAll();
  const old = hall.issue('GS-01');
  hall.issue('GS-01');
  assert.equal(hallDay(hall.state.hall, at('03:59', '2026-12-02')), '2026-12-01');
  assert.equal(hallDay(hall.state.hall, at('04:00', '2026-12-02')), '2026-12-02');
  hall.now = at('09:00', '2026-12-02');
  const fresh = hall.issue('GS-01');
  assert.equal(fresh.number, 'A001');
  assert.equal(fresh.day, '2026-12-02');
  assert.equal(hall.state.day, '2026-12-02');
  const opened = hall.events.find((e) => e.type === 'day.opened');
  assert.equal(opened?.changes.day, '2026-12-02');
  assert.deepEqual(opened?.changes.tickets?.map((t) => [t.number, t.status]), [['A001', 'expired'], ['A002', 'expired']]);
  assert.equal(hall.state.tickets.has(old.id), false, 'finished days leave memory (they stay in the store)');
  assert.equal(hall.state.windows.get(1)?.staffId, undefined, 'staff sign in again each day');
});

test('a booking not checked in by the next day is marked missed', () => {
  const hall = new QueueHarness();
  const d = hall.run({ type: 'book', serviceCode: 'ZJ-01', slotStart: at('10:00', '2026-12-02'), name: '张三', phone: '13900000000' });
  assert.ok(d.ok);
  hall.now = at('09:00', '2026-12-03');
  hall.issue('GS-01');
  assert.equal([...hall.state.appointments.values()].length, 0, 'old bookings leave memory');
});
