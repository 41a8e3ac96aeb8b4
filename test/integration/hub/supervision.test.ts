// The supervision console's alarms and 差评整改 items through a real hub: real SQLite, real
// Socket.IO clients, the hub's clock moved by the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import type { AlarmView, FollowUpView, SuperviseClientEvents, SuperviseServerEvents, TicketView } from '../../../main/protocol/index.js';
import { followUpDue } from '../../../main/queue/index.js';
import { hubHall, received, rid, startTestHub, waitFor, type TestHub } from '../../helpers/hub.js';
import { at } from '../../helpers/queue-harness.js';
import { sql } from '../../helpers/sql.js';

type Overseer = Socket<SuperviseServerEvents, SuperviseClientEvents>;

/** The test hall with a chief for 税务局 (DS) too. */
const hall = (edit: Parameters<typeof hubHall>[0] = () => {}) =>
  hubHall((c) => {
    c.staff = [...(c.staff ?? []), { id: '0903', name: '孙丽', role: 'chief', department: 'DS' }];
    edit(c);
  });

async function issue(h: TestHub, serviceCode: string): Promise<TicketView> {
  const kiosk = await h.kiosk();
  const r = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode, kind: 'normal' });
  assert.ok(r.ok && r.ticket, JSON.stringify(r));
  return r.ticket;
}

/** Window 1 signed in by 李明 with a keypad: `serve` issues, calls and finishes one GS-01 visitor. */
async function keypadWindow(h: TestHub) {
  const agent = await h.agent();
  agent.on('job:run', (_job, ack) => ack({ ok: true }));
  assert.ok((await agent.emitWithAck('agent:devices', { devices: [{ deviceId: 'pad-1', kind: 'keypad', windowNo: 1 }] })).ok);
  const w1 = await h.counter('0101', 1);
  const serve = async () => {
    const ticket = await issue(h, 'GS-01');
    assert.ok((await w1.emitWithAck('window:callNext', { requestId: rid() })).ok);
    assert.ok((await w1.emitWithAck('window:finish', { requestId: rid() })).ok);
    return ticket;
  };
  return { agent, serve };
}

const alarmOf = (s: Overseer, key: string, done: (a: AlarmView) => boolean = () => true) =>
  waitFor<AlarmView>(s, 'alarm:changed', (a) => a.key === key && done(a), 5000);
const pushed = (s: Overseer, event: string) => received(s).filter((r) => r.event === event).map((r) => r.payload as { key?: string; id?: string });

test('a breach raises an alarm with a suggestion, pushed to the hall and its department; acknowledged by whom; resolved when the line empties', async (t) => {
  let now = at('10:00');
  const h = await startTestHub({ hall: hall(), clock: () => now, alarmCheckMs: 25, dayCheckMs: 3_600_000 });
  t.after(() => h.close());
  const sup = await h.supervise('0902');
  const gs = await h.supervise('0901');
  const ds = await h.supervise('0903');
  assert.deepEqual(await waitFor(sup, 'alarm:list'), []);

  const a1 = await issue(h, 'GS-01');
  now += 31 * 60_000; // GS-01's target wait is 30 minutes
  const key = 'wait-breach:service:GS-01';
  const raised = await alarmOf(sup, key);
  assert.equal(raised.severity, 'amber');
  assert.equal(raised.department, 'GS');
  assert.match(raised.text, /企业设立登记（市场监管局）：1人等候超过目标30分钟，最长A001已等31分钟/);
  assert.ok(raised.suggestion, 'a breach says which window could open');
  // Windows holding GS-01 in their first tier first (1 and the green channel 5), then 2 and 4.
  assert.deepEqual(raised.suggestion.windowNos, [1, 5, 2, 4]);
  assert.match(raised.suggestion.text, /^可开启 1号窗口（无人签到，可安排李明、王芳/);
  assert.equal(raised.raisedAt, now);
  assert.equal((await alarmOf(gs, key)).key, key, "the department's chief sees it");

  const stored = sql(h).prepare('SELECT kind, severity, department, raised_at, acknowledged_by, resolved_at FROM alarms WHERE key = ?').all(key);
  assert.deepEqual(stored, [{ kind: 'wait-breach', severity: 'amber', department: 'GS', raised_at: now, acknowledged_by: null, resolved_at: null }]);

  // A chief of another department neither sees it nor may acknowledge it.
  assert.deepEqual(pushed(ds, 'alarm:changed'), []);
  const foreign = await ds.emitWithAck('alarm:acknowledge', { requestId: rid(), key });
  assert.deepEqual(foreign, { ok: false, code: 'forbidden', message: '只能处理本部门（税务局）的事项' });
  // A supervisor connecting now gets the active alarms at once.
  const late = await h.supervise('0902');
  assert.deepEqual((await waitFor<AlarmView[]>(late, 'alarm:list')).map((a) => a.key), [key]);

  now += 60_000;
  const ack = await sup.emitWithAck('alarm:acknowledge', { requestId: rid(), key });
  assert.ok(ack.ok, JSON.stringify(ack));
  assert.deepEqual(ack.alarm?.acknowledged, { by: '0902', at: now });
  assert.deepEqual((await alarmOf(gs, key, (a) => a.acknowledged !== undefined)).acknowledged, { by: '0902', at: now });
  const again = await gs.emitWithAck('alarm:acknowledge', { requestId: rid(), key });
  assert.deepEqual(again, { ok: false, code: 'alarm-acknowledged', message: '该告警已由吴敏确认' });
  const unknown = await sup.emitWithAck('alarm:acknowledge', { requestId: rid(), key: 'wait-breach:service:DS-01' });
  assert.deepEqual(unknown, { ok: false, code: 'unknown-alarm', message: '该告警不存在或已解除' });

  // Window 1 calls the only waiter: the line is empty, the alarm resolves.
  const w1 = await h.counter('0101', 1);
  const called = await w1.emitWithAck('window:callNext', { requestId: rid() });
  assert.equal(called.ok && called.ticket?.id, a1.id);
  const resolved = await alarmOf(sup, key, (a) => a.resolvedAt !== undefined);
  assert.equal(resolved.since, raised.since, 'it keeps when the condition began');
  const row = sql(h).prepare('SELECT acknowledged_by, acknowledged_at, resolved_at FROM alarms WHERE key = ?').get(key);
  assert.deepEqual(row, { acknowledged_by: '0902', acknowledged_at: at('10:32'), resolved_at: resolved.resolvedAt });

  // Every transition is in the audit chain: raised and resolved by the monitor, acknowledged by the supervisor.
  const audit = sql(h)
    .prepare("SELECT actor_role, actor_id, json_extract(command, '$.what') AS what FROM audit_log WHERE command LIKE '%alarm.%' ORDER BY id")
    .all();
  assert.deepEqual(audit, [
    { actor_role: 'system', actor_id: 'alarm-monitor', what: 'alarm.raised' },
    { actor_role: 'supervisor', actor_id: '0902', what: 'alarm.acknowledged' },
    { actor_role: 'system', actor_id: 'alarm-monitor', what: 'alarm.resolved' },
  ]);
  assert.ok(h.hub.core.store.verifyAuditChain().ok);

  // Searchable afterwards, by department and time, over the reports' read-only handle.
  const repo = h.hub.core.store.supervision;
  assert.deepEqual(repo.searchAlarms({ department: 'GS', from: at('10:00') }).map((a) => [a.key, a.acknowledged?.by, a.resolvedAt !== undefined]), [[key, '0902', true]]);
  assert.deepEqual(repo.searchAlarms({ department: 'DS' }), []);
  assert.deepEqual(repo.searchAlarms({ kind: 'wait-breach', to: at('10:00') }), []);
});

test('a 非常不满意 rating opens one item owned by the department chief, due 15 working days on; other departments are refused; overdue alarms; a supervisor closes it', async (t) => {
  let now = at('10:00'); // Tuesday 2026-12-01
  // Weekends off and a holiday on 2026-12-10: 15 working days from 12-01 end on 12-23.
  const h = await startTestHub({ hall: hall((c) => (c.calendar = { holidays: ['2026-12-10'], workdays: [] })), clock: () => now, alarmCheckMs: 25, dayCheckMs: 3_600_000 });
  t.after(() => h.close());
  const sup = await h.supervise('0902');
  const gs = await h.supervise('0901');
  const ds = await h.supervise('0903');
  const { agent, serve } = await keypadWindow(h);
  const a1 = await serve();
  const rateId = rid();
  const rated = await agent.emitWithAck('keypad:rate', { requestId: rateId, windowNo: 1, level: 1 });
  assert.ok(rated.ok, JSON.stringify(rated));
  const item = await waitFor<FollowUpView>(gs, 'followUp:changed', (f) => f.ticketId === a1.id);
  assert.equal(item.ownerId, '0901');
  assert.equal(item.department, 'GS');
  assert.equal(item.level, 1);
  assert.equal(item.dueDay, '2026-12-23');
  assert.equal(item.dueDay, followUpDue(h.hub.core.state.hall, now));
  assert.equal((await waitFor<FollowUpView>(sup, 'followUp:changed', (f) => f.id === item.id)).ownerId, '0901');
  // The bad rating itself alarms, for 市场监管局.
  assert.equal((await alarmOf(gs, `bad-rating:ticket:${a1.id}`)).severity, 'red');

  // The same press resent (a lost answer) opens nothing more.
  assert.ok((await agent.emitWithAck('keypad:rate', { requestId: rateId, windowNo: 1, level: 1 })).ok);
  assert.deepEqual(sql(h).prepare('SELECT count(*) AS n FROM follow_ups').get(), { n: 1 });

  // 税务局's chief neither receives it nor may act on it.
  assert.deepEqual(pushed(ds, 'followUp:changed'), []);
  const foreign = await ds.emitWithAck('followUp:callback', { requestId: rid(), id: item.id, reached: true, note: '已回访' });
  assert.deepEqual(foreign, { ok: false, code: 'forbidden', message: '只能处理本部门（税务局）的事项' });
  const foreignAppeal = await ds.emitWithAck('rating:appeal', { requestId: rid(), ticketId: a1.id, reason: '误评' });
  assert.equal(foreignAppeal.ok || foreignAppeal.code, 'forbidden');
  // The chief cannot approve closing; a supervisor cannot before the call-back and rectification.
  const selfClose = await gs.emitWithAck('followUp:close', { requestId: rid(), id: item.id });
  assert.deepEqual(selfClose, { ok: false, code: 'forbidden', message: '须由效能监察人员审批' });
  const early = await sup.emitWithAck('followUp:close', { requestId: rid(), id: item.id });
  assert.deepEqual(early, { ok: false, code: 'follow-up-not-ready', message: '请先登记回访和整改情况，再审批办结' });

  // Past the due day, the item alarms (the day after 12-23 is a working Thursday).
  now = Date.parse('2026-12-24T09:00:00+08:00');
  const overdueKey = `follow-up-overdue:follow-up:${item.id}`;
  const overdue = await alarmOf(gs, overdueKey);
  assert.equal(overdue.severity, 'red');
  assert.match(overdue.text, /市场监管局差评整改逾期：A001应于2026-12-23前整改完毕，责任人周建国/);
  assert.equal((await alarmOf(sup, overdueKey)).key, overdueKey);
  assert.ok(!pushed(ds, 'alarm:changed').some((a) => a.key === overdueKey));

  const callback = await gs.emitWithAck('followUp:callback', { requestId: rid(), id: item.id, reached: true, note: '群众反映等候时间长，已致歉' });
  assert.ok(callback.ok, JSON.stringify(callback));
  assert.deepEqual(callback.followUp?.callback, { reached: true, note: '群众反映等候时间长，已致歉', at: now, by: '0901' });
  const rectified = await gs.emitWithAck('followUp:rectify', { requestId: rid(), id: item.id, note: '高峰时段增开2号窗口' });
  assert.ok(rectified.ok && rectified.followUp?.rectification?.by === '0901');
  const closed = await sup.emitWithAck('followUp:close', { requestId: rid(), id: item.id });
  assert.ok(closed.ok, JSON.stringify(closed));
  assert.deepEqual(closed.followUp?.closed, { at: now, by: '0902' });
  assert.ok((await alarmOf(sup, overdueKey, (a) => a.resolvedAt !== undefined)).resolvedAt);
  const twice = await sup.emitWithAck('followUp:close', { requestId: rid(), id: item.id });
  assert.deepEqual(twice, { ok: false, code: 'follow-up-closed', message: '该差评整改事项已办结' });

  const audit = sql(h).prepare("SELECT actor_id, json_extract(command, '$.what') AS what FROM audit_log WHERE command LIKE '%followUp.%' ORDER BY id").all();
  assert.deepEqual(audit, [
    { actor_id: 'follow-ups', what: 'followUp.opened' },
    { actor_id: '0901', what: 'followUp.callback' },
    { actor_id: '0901', what: 'followUp.rectified' },
    { actor_id: '0902', what: 'followUp.closed' },
  ]);
  assert.ok(h.hub.core.store.verifyAuditChain().ok);
});

test('a chief appeals a 不满意 rating as mistaken; a supervisor upholds it and the decision is kept with the item', async (t) => {
  const now = at('10:00');
  const h = await startTestHub({ hall: hall(), clock: () => now, alarmCheckMs: 25, dayCheckMs: 3_600_000 });
  t.after(() => h.close());
  const sup = await h.supervise('0902');
  const gs = await h.supervise('0901');
  const { agent, serve } = await keypadWindow(h);
  const a1 = await serve();
  assert.ok((await agent.emitWithAck('keypad:rate', { requestId: rid(), windowNo: 1, level: 2 })).ok);
  await waitFor<FollowUpView>(gs, 'followUp:changed', (f) => f.ticketId === a1.id && f.level === 2);

  const noAppeal = await sup.emitWithAck('rating:decideAppeal', { requestId: rid(), ticketId: a1.id, upheld: true, note: '核实' });
  assert.deepEqual(noAppeal, { ok: false, code: 'no-appeal', message: '该差评尚未申诉' });
  const notOwn = await sup.emitWithAck('rating:appeal', { requestId: rid(), ticketId: a1.id, reason: '误评' });
  assert.equal(notOwn.ok || notOwn.code, 'forbidden', 'the supervisor who decides does not appeal');
  const appealed = await gs.emitWithAck('rating:appeal', { requestId: rid(), ticketId: a1.id, reason: '群众误按评价器，当场已表示满意' });
  assert.ok(appealed.ok, JSON.stringify(appealed));
  const twice = await gs.emitWithAck('rating:appeal', { requestId: rid(), ticketId: a1.id, reason: '再次申诉' });
  assert.deepEqual(twice, { ok: false, code: 'appeal-exists', message: '该差评已提出申诉，等待效能监察处理' });
  const byChief = await gs.emitWithAck('rating:decideAppeal', { requestId: rid(), ticketId: a1.id, upheld: true, note: '同意' });
  assert.equal(byChief.ok || byChief.code, 'forbidden');
  const decided = await sup.emitWithAck('rating:decideAppeal', { requestId: rid(), ticketId: a1.id, upheld: true, note: '经查看监控，属误评' });
  assert.ok(decided.ok, JSON.stringify(decided));
  assert.deepEqual(decided.followUp?.appeal?.decision, { upheld: true, note: '经查看监控，属误评', by: '0902', at: now });
  assert.deepEqual(decided.followUp?.closed, { at: now, by: '0902' });
  const good = await gs.emitWithAck('rating:appeal', { requestId: rid(), ticketId: 'no-such-ticket', reason: '误评' });
  assert.deepEqual(good, { ok: false, code: 'not-appealable', message: '该号票没有待整改的差评，无需申诉' });
  const row = sql(h).prepare('SELECT appeal_upheld, appeal_decided_by, closed_by FROM follow_ups WHERE ticket_id = ?').get(a1.id);
  assert.deepEqual(row, { appeal_upheld: 1, appeal_decided_by: '0902', closed_by: '0902' });
});

test('a complaint filed and repeated wrong passwords alarm the supervisors; the chief sees only the complaint about their department', async (t) => {
  const now = at('10:00');
  const h = await startTestHub({ hall: hall(), clock: () => now, alarmCheckMs: 25, dayCheckMs: 3_600_000 });
  t.after(() => h.close());
  const sup = await h.supervise('0902');
  const gs = await h.supervise('0901');
  const filed = await sup.emitWithAck('complaint:file', { requestId: rid(), text: '1号窗口工作人员态度生硬', windowNo: 1 });
  assert.ok(filed.ok && filed.complaint, JSON.stringify(filed));
  const complaintKey = `complaint-filed:complaint:${filed.complaint.id}`;
  assert.match((await alarmOf(gs, complaintKey)).text, /^收到投诉（1号窗口）：1号窗口工作人员态度生硬/);

  for (let i = 0; i < 5; i++) {
    const res = await fetch(`${h.url}/api/login`, { method: 'POST', body: JSON.stringify({ staffId: '0103', password: `wrong-${i}` }), headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 401);
  }
  const login = await alarmOf(sup, 'login-failures:staff:0103');
  assert.equal(login.text, '工号0103（赵强）10分钟内登录失败5次，请核实是否有人冒用');
  assert.equal(login.department, 'DS');
  assert.ok(!pushed(gs, 'alarm:changed').some((a) => a.key === 'login-failures:staff:0103'), "not the GS chief's");
});

test('a breach escalates amber → red once; after a hub restart the stored alarm stands, keeping when it was raised', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-sup-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const dbPath = join(dir, 'hall.db');
  let now = at('10:00');
  const options = { hall: hall(), dbPath, clock: () => now, alarmCheckMs: 25, dayCheckMs: 3_600_000 };
  const h = await startTestHub(options);
  const sup = await h.supervise('0902');
  await issue(h, 'GS-01');
  const key = 'wait-breach:service:GS-01';
  now += 31 * 60_000;
  const raised = await alarmOf(sup, key);
  now += 30 * 60_000; // twice the 30-minute target
  const red = await alarmOf(sup, key, (a) => a.severity === 'red');
  assert.equal(red.escalatedAt, now);
  assert.equal(red.raisedAt, raised.raisedAt);
  assert.match(red.text, /最长A001已等61分钟/);
  await h.close();

  const again = await startTestHub(options);
  t.after(() => again.close());
  const late = await again.supervise('0902');
  const [stored] = await waitFor<AlarmView[]>(late, 'alarm:list');
  assert.deepEqual([stored?.key, stored?.severity, stored?.raisedAt], [key, 'red', raised.raisedAt]);
  // The monitor has run on the reopened file without raising it a second time.
  await new Promise((r) => setTimeout(r, 100));
  const rows = sql(again).prepare("SELECT json_extract(command, '$.what') AS what FROM audit_log WHERE command LIKE '%alarm.%' ORDER BY id").all();
  assert.deepEqual(rows, [{ what: 'alarm.raised' }, { what: 'alarm.escalated' }]);
});
