import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueHarness, at, testHall } from '../../helpers/queue-harness.js';
import { availability, maskName } from '../../../main/queue/index.js';

const book = (hall: QueueHarness, slot: string, idHash = 'id-hash-1') =>
  hall.run({ type: 'book', serviceCode: 'ZJ-01', slotStart: at(slot, '2026-12-02'), name: '张三丰', phone: '13912345678', idHash });

test('a visitor books a slot for tomorrow and gets a check-in code; names and phones are masked', () => {
  const hall = new QueueHarness();
  const d = book(hall, '10:00');
  assert.ok(d.ok);
  const a = d.reply.appointment!;
  assert.match(a.code, /^\d{6}$/);
  assert.equal(a.nameMasked, '张**');
  assert.equal(a.phoneMasked, '139****5678');
  assert.equal(a.status, 'booked');
  const slots = availability(hall.state, 'ZJ-01', '2026-12-02', hall.now);
  assert.equal(slots.length, 13); // 09:00–12:00 and 13:30–17:00 in 30-minute slots: 6 + 7
  assert.deepEqual(slots.find((s) => s.slotStart === at('10:00', '2026-12-02')), { slotStart: at('10:00', '2026-12-02'), capacity: 2, booked: 1 });
});

test('a full slot, a past slot, a slot off the grid and a service without booking are refused', () => {
  const hall = new QueueHarness();
  assert.ok(book(hall, '10:00', 'a').ok);
  assert.ok(book(hall, '10:00', 'b').ok);
  const full = book(hall, '10:00', 'c');
  assert.ok(!full.ok && full.code === 'slot-full');
  const off = book(hall, '10:10', 'c');
  assert.ok(!off.ok && off.code === 'slot-invalid');
  const lunch = book(hall, '12:30', 'c');
  assert.ok(!lunch.ok && lunch.code === 'slot-invalid');
  const past = hall.run({ type: 'book', serviceCode: 'ZJ-01', slotStart: at('08:30'), name: '李四', phone: '13900000000' });
  assert.ok(!past.ok && past.code === 'slot-past');
  const twice = book(hall, '14:00', 'a');
  assert.ok(!twice.ok && twice.code === 'already-booked');
  const none = hall.run({ type: 'book', serviceCode: 'GS-01', slotStart: at('10:00', '2026-12-02'), name: '李四', phone: '13900000000' });
  assert.ok(!none.ok && none.code === 'not-appointable');
});

test('check-in: too early is refused, within the window it becomes a ticket that is due at its slot', () => {
  const hall = new QueueHarness(testHall(), at('09:00', '2026-12-01'));
  const d = book(hall, '10:00');
  assert.ok(d.ok);
  const code = d.reply.appointment!.code;
  hall.now = at('09:10', '2026-12-02');
  const early = hall.run({ type: 'checkIn', code });
  assert.ok(!early.ok && early.code === 'checkin-too-early' && early.message === '预约时段10:00，请于09:30后签到');
  hall.now = at('09:40', '2026-12-02');
  const ok = hall.ok({ type: 'checkIn', code });
  assert.equal(ok.ticket?.kind, 'appointment');
  assert.equal(ok.ticket?.number, 'C001');
  assert.equal(ok.appointment?.status, 'checked-in');
  const again = hall.run({ type: 'checkIn', code });
  assert.ok(!again.ok && again.code === 'appointment-not-booked');
});

test('a due appointment is called first at the comprehensive window; before its slot it waits', () => {
  const hall = new QueueHarness(testHall(), at('09:00', '2026-12-01'));
  const code = (book(hall, '10:00') as { reply: { appointment: { code: string } } }).reply.appointment.code;
  hall.now = at('09:40', '2026-12-02');
  hall.signInAll();
  const appt = hall.ok({ type: 'checkIn', code }).ticket!;
  const walkIn = hall.issue('ZJ-01');
  assert.equal(hall.callNext(4).id, walkIn.id, 'not due yet: the walk-in goes first');
  hall.ok({ type: 'finish', windowNo: 4 });
  hall.issue('ZJ-01');
  hall.now = at('10:00', '2026-12-02');
  const called = hall.callNext(4);
  assert.equal(called.id, appt.id);
  assert.equal(called.callReason?.rule, 'appointment-due');
});

test('a late check-in is refused; check-in by ID number works', () => {
  const hall = new QueueHarness(testHall(), at('09:00', '2026-12-01'));
  book(hall, '10:00', 'hash-late');
  book(hall, '14:00', 'hash-id');
  hall.now = at('10:16', '2026-12-02');
  const late = hall.run({ type: 'checkIn', idHash: 'hash-late' });
  assert.ok(!late.ok && late.code === 'checkin-too-late');
  hall.now = at('13:45', '2026-12-02');
  assert.equal(hall.ok({ type: 'checkIn', idHash: 'hash-id' }).ticket?.kind, 'appointment');
  const unknown = hall.run({ type: 'checkIn', code: '000000' });
  assert.ok(!unknown.ok && unknown.message === '预约码无效，请核对后重试');
});

test('a cancelled booking frees its place', () => {
  const hall = new QueueHarness();
  const a = book(hall, '10:00', 'a');
  book(hall, '10:00', 'b');
  assert.ok(a.ok);
  hall.ok({ type: 'cancelAppointment', code: a.reply.appointment!.code });
  assert.ok(book(hall, '10:00', 'c').ok);
});

test('masked names keep the surname', () => {
  assert.equal(maskName('张三'), '张*');
  assert.equal(maskName('欧阳娜娜'), '欧***');
});
