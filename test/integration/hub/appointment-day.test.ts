// A booking belongs to the hall day its slot falls in: a slot before the day-reset time (01:00 in a
// hall that resets at 04:00) is checked in during the hall day that is still running then.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rid, startTestHub } from '../../helpers/hub.js';
import { at } from '../../helpers/queue-harness.js';

test('a slot at 01:00, before the 04:00 reset, is booked on that hall day and checks in at 00:50', async (t) => {
  let now = at('22:00', '2026-12-01');
  const h = await startTestHub({ clock: () => now, dayCheckMs: 3_600_000 });
  t.after(() => h.close());
  const page = await h.publicClient();
  const slotStart = at('01:00', '2026-12-02');
  const slots = await page.emitWithAck('appointment:slots', { serviceCode: 'ZJ-01', date: '2026-12-02' });
  assert.ok(slots.ok && slots.slots.some((s) => s.slotStart === slotStart), 'the 01:00 slot is offered');
  const booked = await page.emitWithAck('appointment:book', { requestId: rid(), serviceCode: 'ZJ-01', slotStart, name: '张三', phone: '13800138000' });
  assert.ok(booked.ok && booked.appointment, JSON.stringify(booked));
  assert.equal(booked.appointment.day, '2026-12-01', 'the hall day of the slot');

  now = at('00:50', '2026-12-02');
  const kiosk = await h.kiosk();
  const checkedIn = await kiosk.emitWithAck('appointment:checkIn', { requestId: rid(), code: booked.appointment.code });
  assert.ok(checkedIn.ok && checkedIn.ticket, JSON.stringify(checkedIn));
  assert.equal(checkedIn.ticket.kind, 'appointment');
  assert.equal(h.hub.core.state.day, '2026-12-01');
});
