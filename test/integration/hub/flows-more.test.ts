// Hall flows over real sockets beyond the basic take-a-number path: transfers, suspend and resume,
// appointments booked online and checked in at the kiosk, the green channel, keypad ratings
// without a prompt, complaints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import type { HallEventView, HallFrame, KioskClientEvents, KioskServerEvents, SnapshotView, TicketView } from '../../../main/protocol/index.js';
import { connect, PASSWORD, received, rid, startTestHub, waitFor, type TestHub } from '../../helpers/hub.js';
import { at } from '../../helpers/queue-harness.js';
import { sql } from '../../helpers/sql.js';

type Kiosk = Socket<KioskServerEvents, KioskClientEvents>;
type Counter = Awaited<ReturnType<TestHub['counter']>>;

const zh = /[\u4e00-\u9fff]/;

async function issue(kiosk: Kiosk, serviceCode: string, kind: 'normal' | 'priority' = 'normal'): Promise<TicketView> {
  const r = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode, kind });
  assert.ok(r.ok, JSON.stringify(r));
  return r.ticket!;
}

async function callNext(counter: Counter): Promise<TicketView> {
  const r = await counter.emitWithAck('window:callNext', { requestId: rid() });
  assert.ok(r.ok, JSON.stringify(r));
  return r.ticket!;
}

async function finish(counter: Counter): Promise<void> {
  const r = await counter.emitWithAck('window:finish', { requestId: rid() });
  assert.ok(r.ok, JSON.stringify(r));
}

test('transfers keep the number on a new leg: to a service, to a window at the head and at the tail', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const w1 = await h.counter('0101', 1); // GS-01, GS-02
  const w2 = await h.counter('0102', 2); // GS-02, then GS-01
  const w3 = await h.counter('0103', 3); // DS-01

  // To a service, at the head: the tax window serves it before the B ticket already waiting.
  const a1 = await issue(kiosk, 'GS-01');
  const b1 = await issue(kiosk, 'DS-01');
  assert.equal((await callNext(w1)).id, a1.id);
  assert.ok((await w1.emitWithAck('window:start', { requestId: rid() })).ok);
  const toService = await w1.emitWithAck('window:transfer', { requestId: rid(), to: { serviceCode: 'DS-01' }, position: 'head', note: '还需领发票' });
  assert.ok(toService.ok, JSON.stringify(toService));
  const leg2 = toService.ticket!;
  assert.equal(leg2.number, 'A001');
  assert.equal(leg2.leg, 2);
  assert.equal(leg2.visitId, a1.visitId);
  assert.notEqual(leg2.id, a1.id);
  assert.equal(leg2.serviceCode, 'DS-01');
  assert.equal(leg2.status, 'waiting');
  assert.equal(toService.window?.currentTicketId, undefined, 'the transferring window is free again');
  const atTax = await callNext(w3);
  assert.equal(atTax.id, leg2.id);
  assert.equal(atTax.callReason?.rule, 'transfer');
  await finish(w3);
  assert.equal((await callNext(w3)).id, b1.id);
  const first = sql(h).prepare('SELECT status FROM tickets WHERE id = ?').get(a1.id) as { status: string };
  assert.equal(first.status, 'transferred');

  // To a window, at the head: only that window may call it, and it calls it before its own queue.
  const a2 = await issue(kiosk, 'GS-01');
  const a3 = await issue(kiosk, 'GS-02');
  const a4 = await issue(kiosk, 'GS-02');
  assert.equal((await callNext(w1)).id, a2.id);
  const toWindow = await w1.emitWithAck('window:transfer', { requestId: rid(), to: { windowNo: 2 }, position: 'head' });
  assert.ok(toWindow.ok, JSON.stringify(toWindow));
  assert.equal(toWindow.ticket?.number, 'A002');
  assert.equal(toWindow.ticket?.targetWindow, 2);
  assert.equal((await callNext(w1)).id, a3.id, 'window 1 may not take a ticket sent to window 2');
  const atW2 = await callNext(w2);
  assert.equal(atW2.number, 'A002');
  assert.equal(atW2.leg, 2);
  assert.equal(atW2.callReason?.rule, 'transfer');
  await finish(w2);

  // To a window, at the tail: it waits behind the tickets that window already has.
  const a5 = await issue(kiosk, 'GS-02');
  const tail = await w1.emitWithAck('window:transfer', { requestId: rid(), to: { windowNo: 2 }, position: 'tail' });
  assert.ok(tail.ok, JSON.stringify(tail));
  assert.equal(tail.ticket?.number, 'A003');
  assert.equal(tail.ticket?.leg, 2);
  assert.equal((await callNext(w2)).id, a4.id);
  await finish(w2);
  assert.equal((await callNext(w2)).id, a5.id);
  await finish(w2);
  const last = await callNext(w2);
  assert.equal(last.id, tail.ticket?.id);
  assert.equal(last.number, 'A003');

  // A transfer to where it already is makes no sense and is refused in Chinese.
  const same = await w2.emitWithAck('window:transfer', { requestId: rid(), to: { serviceCode: 'GS-02' }, position: 'head' });
  assert.ok(!same.ok && same.code === 'transfer-same' && zh.test(same.message));
});

test('a suspended ticket waits in the window\'s suspended list and, resumed, comes back to the same window first', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const w1 = await h.counter('0101', 1);
  const a1 = await issue(kiosk, 'GS-01');
  const a2 = await issue(kiosk, 'GS-01');
  assert.equal((await callNext(w1)).id, a1.id);
  const suspended = await w1.emitWithAck('window:suspend', { requestId: rid(), reason: '缺少营业执照复印件' });
  assert.ok(suspended.ok, JSON.stringify(suspended));
  assert.equal(suspended.ticket?.status, 'suspended');

  // The list the counter screen shows comes from the hall state every client follows.
  const display = await h.display();
  const snapshot = await waitFor<SnapshotView>(display, 'hall:snapshot');
  const list = snapshot.tickets.filter((x) => x.status === 'suspended' && x.windowNo === 1);
  assert.deepEqual(list.map((x) => [x.number, x.note]), [['A001', '缺少营业执照复印件']]);

  // Meanwhile the window serves others.
  assert.equal((await callNext(w1)).id, a2.id);
  await finish(w1);
  const a3 = await issue(kiosk, 'GS-01');

  const resumed = await w1.emitWithAck('window:resumeTicket', { requestId: rid(), ticketId: a1.id });
  assert.ok(resumed.ok, JSON.stringify(resumed));
  assert.equal(resumed.ticket?.status, 'waiting');
  assert.equal(resumed.ticket?.targetWindow, 1);
  const back = await callNext(w1);
  assert.equal(back.id, a1.id, 'the resumed ticket is called before A003, which waited meanwhile');
  assert.equal(back.number, 'A001');
  await finish(w1);
  assert.equal((await callNext(w1)).id, a3.id);

  // Resuming it again: it is no longer suspended.
  const again = await w1.emitWithAck('window:resumeTicket', { requestId: rid(), ticketId: a1.id });
  assert.ok(!again.ok && again.code === 'ticket-not-suspended' && zh.test(again.message));
});

test('an appointment booked on the public page is checked in at the kiosk by code or ID number and called first at the comprehensive window', async (t) => {
  let now = at('09:50');
  const h = await startTestHub({ clock: () => now });
  t.after(() => h.close());
  const web = await h.publicClient();
  const slots = await web.emitWithAck('appointment:slots', { serviceCode: 'ZJ-01', date: '2026-12-01' });
  assert.ok(slots.ok, JSON.stringify(slots));
  const ten = slots.slots.find((s) => s.slotStart === at('10:00'));
  assert.deepEqual(ten, { slotStart: at('10:00'), capacity: 2, booked: 0 });
  assert.ok(slots.slots.every((s) => s.slotStart > now), 'past slots are not offered');

  const book = (name: string, phone: string, idNumber: string) =>
    web.emitWithAck('appointment:book', { requestId: rid(), serviceCode: 'ZJ-01', slotStart: at('10:00'), name, phone, idNumber });
  const first = await book('张三丰', '13800138000', '110101199003071234');
  const second = await book('李四', '13900139000', '11010119850101002X');
  assert.ok(first.ok && second.ok, JSON.stringify([first, second]));
  assert.match(first.appointment!.code, /^\d{6}$/);
  assert.equal(first.appointment!.nameMasked, '张**');
  assert.equal((first.appointment as unknown as Record<string, unknown>).idHash, undefined, 'the ID hash never travels');
  const full = await book('王五', '13700137000', '110101197001010011');
  assert.ok(!full.ok && full.code === 'slot-full' && zh.test(full.message));
  const after = await web.emitWithAck('appointment:slots', { serviceCode: 'ZJ-01', date: '2026-12-01' });
  assert.equal(after.ok && after.slots.find((s) => s.slotStart === at('10:00'))?.booked, 2);

  const kiosk = await h.kiosk();
  const walkIn = await issue(kiosk, 'GS-01');
  const byCode = await kiosk.emitWithAck('appointment:checkIn', { requestId: rid(), code: first.appointment!.code });
  assert.ok(byCode.ok, JSON.stringify(byCode));
  assert.equal(byCode.ticket?.kind, 'appointment');
  assert.equal(byCode.appointment?.status, 'checked-in');
  assert.match(byCode.statusUrl ?? '', /\/t\//);
  const byId = await kiosk.emitWithAck('appointment:checkIn', { requestId: rid(), idNumber: '11010119850101002x' });
  assert.ok(byId.ok, JSON.stringify(byId));
  assert.equal(byId.appointment?.id, second.appointment?.id, 'the lower-case x finds the same booking');
  const twice = await kiosk.emitWithAck('appointment:checkIn', { requestId: rid(), code: first.appointment!.code });
  assert.ok(!twice.ok && twice.code === 'appointment-not-booked' && zh.test(twice.message));

  now = at('10:00');
  const w4 = await h.counter('0104', 4); // comprehensive: ZJ-01, then GS-01
  const c1 = await callNext(w4);
  assert.equal(c1.id, byCode.ticket?.id);
  assert.equal(c1.callReason?.rule, 'appointment-due');
  await finish(w4);
  assert.equal((await callNext(w4)).id, byId.ticket?.id);
  await finish(w4);
  assert.equal((await callNext(w4)).id, walkIn.id, 'the walk-in comes after the due appointments');
});

test('green channel: refused without a chief\'s authorization or with an ordinary staff password, issued with a chief\'s and called first', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const normal = await issue(kiosk, 'GS-01');
  const green = (authorization?: { staffId: string; password: string }) =>
    kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'green', ...(authorization && { authorization }) });

  const none = await green();
  assert.ok(!none.ok && none.code === 'green-needs-authorization' && zh.test(none.message), JSON.stringify(none));
  const ordinary = await green({ staffId: '0101', password: PASSWORD });
  assert.ok(!ordinary.ok && ordinary.code === 'not-authorized' && zh.test(ordinary.message), JSON.stringify(ordinary));
  const wrong = await green({ staffId: '0901', password: 'not-the-password' });
  assert.ok(!wrong.ok && wrong.code === 'bad-credentials' && zh.test(wrong.message), JSON.stringify(wrong));

  const granted = await green({ staffId: '0901', password: PASSWORD });
  assert.ok(granted.ok, JSON.stringify(granted));
  assert.equal(granted.ticket?.kind, 'green');
  const row = sql(h).prepare('SELECT authorized_by FROM tickets WHERE id = ?').get(granted.ticket.id) as { authorized_by: string };
  assert.equal(row.authorized_by, '0901');
  const count = sql(h).prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number };
  assert.equal(count.n, 2, 'no refused attempt left a ticket behind');

  const w1 = await h.counter('0101', 1);
  const called = await callNext(w1);
  assert.equal(called.id, granted.ticket?.id);
  assert.equal(called.callReason?.rule, 'green');
  await finish(w1);
  assert.equal((await callNext(w1)).id, normal.id);

  // From the counter: a chief may issue one for a service of their department; an ordinary staff
  // member may not, and a chief may not for another department's service.
  const chief = await h.counter('0901', 5);
  const fromCounter = await chief.emitWithAck('ticket:issueGreen', { requestId: rid(), serviceCode: 'GS-02' });
  assert.ok(fromCounter.ok, JSON.stringify(fromCounter));
  assert.equal(fromCounter.ticket?.kind, 'green');
  assert.equal(fromCounter.ticket?.number, 'A003');
  const otherDepartment = await chief.emitWithAck('ticket:issueGreen', { requestId: rid(), serviceCode: 'DS-01' });
  assert.deepEqual(otherDepartment, { ok: false, code: 'not-authorized-department', message: '0901是市场监管局的首席代表，不能授权“发票领用”的绿色通道' });
  const w2 = await h.counter('0102', 2);
  const refused = await w2.emitWithAck('ticket:issueGreen', { requestId: rid(), serviceCode: 'DS-01' });
  assert.deepEqual(refused, { ok: false, code: 'not-authorized', message: '0102无权授权绿色通道' });
});

test('a keypad press without a prompt rates the window\'s last finished ticket once; other windows\' keypads are not this agent\'s', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const agent = await h.agent();
  agent.on('job:run', (_job, ack) => ack({ ok: true }));
  assert.ok((await agent.emitWithAck('agent:devices', { devices: [{ deviceId: 'pad-1', kind: 'keypad', windowNo: 1 }] })).ok);
  const kiosk = await h.kiosk();
  const a1 = await issue(kiosk, 'GS-01');
  const w1 = await h.counter('0101', 1);
  await callNext(w1);
  await finish(w1);

  const rated = await agent.emitWithAck('keypad:rate', { requestId: rid(), windowNo: 1, level: 4 });
  assert.ok(rated.ok, JSON.stringify(rated));
  assert.equal(rated.ticket?.id, a1.id);
  assert.equal(rated.ticket?.rating?.level, 4);
  const second = await agent.emitWithAck('keypad:rate', { requestId: rid(), windowNo: 1, level: 1 });
  assert.ok(!second.ok && second.code === 'not-rateable' && zh.test(second.message), JSON.stringify(second));
  const named = await agent.emitWithAck('keypad:rate', { requestId: rid(), windowNo: 1, level: 1, ticketId: a1.id });
  assert.ok(!named.ok && named.code === 'already-rated');
  const elsewhere = await agent.emitWithAck('keypad:rate', { requestId: rid(), windowNo: 2, level: 5 });
  assert.ok(!elsewhere.ok && elsewhere.code === 'forbidden' && zh.test(elsewhere.message));
  const rows = sql(h).prepare('SELECT level, staff_id FROM ratings').all();
  assert.deepEqual(rows, [{ level: 4, staff_id: '0101' }]);
});

test('a supervisor files a complaint; the phone number is kept masked, the recorder noted, and only supervisors receive it', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const sup = await h.supervise('0902');
  const chief = await h.supervise('0901');
  const display = await h.display();
  const counter = await h.counter('0101', 1);
  const filed = await sup.emitWithAck('complaint:file', {
    requestId: rid(),
    text: '  1号窗口工作人员态度生硬，材料一次没讲清楚  ',
    windowNo: 1,
    staffId: '0101',
    contact: '13812345678',
  });
  assert.ok(filed.ok, JSON.stringify(filed));
  assert.equal(filed.complaint?.text, '1号窗口工作人员态度生硬，材料一次没讲清楚');
  const row = sql(h).prepare('SELECT text, window_no, staff_id, contact_masked, recorded_by FROM complaints').get() as Record<string, unknown>;
  assert.equal(row.recorded_by, '0902');
  assert.equal(row.staff_id, '0101');
  assert.ok(!String(row.contact_masked).includes('13812345678'));
  assert.match(String(row.contact_masked), /5678$/);
  // The complaint travels to supervisors only: other screens are not even sent the event (their
  // next frame covers its seq, so they miss nothing).
  const toChief = await waitFor<HallEventView>(chief, 'hall:event', (e) => e.type === 'complaint.filed');
  assert.equal(toChief.changes.complaints?.[0]?.text, '1号窗口工作人员态度生硬，材料一次没讲清楚');
  // A call after it reaches both (a display follows calls, the counter its window).
  await issue(await h.kiosk(), 'GS-01');
  await callNext(counter);
  for (const s of [display, counter]) {
    await waitFor<HallFrame>(s, 'hall:events', (f) => f.seq > toChief.seq);
    assert.ok(!JSON.stringify(received(s)).includes('态度生硬'));
    assert.ok(!received(s).some((r) => r.event === 'hall:event' && (r.payload as HallEventView).type === 'complaint.filed'));
  }
  // Also when replayed to a display that reconnects: its catch-up covers the seq, without the complaint.
  const back = await h.display(toChief.seq - 1);
  const replayed = await waitFor<HallFrame>(back, 'hall:events');
  assert.ok(replayed.seq >= toChief.seq && replayed.after === toChief.seq - 1);
  assert.ok(!JSON.stringify(replayed).includes('态度生硬'));
  const supBack = await connect<Socket>(h.url, '/supervise', { token: (await h.login('0902')).token, lastSeq: toChief.seq - 1 });
  const toSupervisor = await waitFor<HallEventView>(supBack, 'hall:event', (x) => x.seq === toChief.seq);
  assert.equal(toSupervisor.changes.complaints?.[0]?.staffId, '0101');
  const unknown = await sup.emitWithAck('complaint:file', { requestId: rid(), text: '无此窗口', windowNo: 77 });
  assert.ok(!unknown.ok && unknown.code === 'unknown-window' && zh.test(unknown.message));
});
