// The hub's store on a real file (main/hub/store.ts over db/'s repositories): commands land in the
// tables in one transaction with their events, audit and idempotency rows; repeats are answered the
// same; refusals are audited and change nothing; the audit chain catches tampering; a reopened file
// gives back the same hall.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WritableDB } from '../../../db/connection.js';
import type { CommandOutcome } from '../../../main/hub/commands.js';
import type { HubStore } from '../../../main/hub/core.js';
import { openHubStore } from '../../../main/hub/store.js';
import { sqlForWriting } from '../../helpers/sql.js';
import type { Actor, Command, HallState, Ticket } from '../../../main/queue/index.js';
import { at, countingIds, smallHall } from '../../helpers/small-hall.js';

const kiosk: Actor = { role: 'kiosk', id: 'K1' };
const staff = (id: string): Actor => ({ role: 'staff', id });
const hall = smallHall();

function tempStore(t: { after: (fn: () => void) => void }, ids = countingIds('a')) {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-store-'));
  const path = join(dir, 'hall.db');
  const opened: HubStore[] = [];
  const open = (idSource = ids, now = at('08:00')) => {
    const s = openHubStore({ path, hall, ids: idSource, now });
    opened.push(s);
    files.set(s, path);
    return s;
  };
  t.after(() => {
    for (const s of opened) s.close();
    for (const s of opened) handles.get(s)?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { path, open };
}

// The store's file through a second connection: to read what landed, and to tamper with it.
const files = new WeakMap<HubStore, string>();
const handles = new WeakMap<HubStore, WritableDB>();
function file(store: HubStore): WritableDB {
  let db = handles.get(store);
  if (!db) handles.set(store, (db = sqlForWriting(files.get(store)!)));
  return db;
}

let request = 0;
const rid = () => `req-${++request}`;
type Cmd = Command extends infer C ? (C extends unknown ? Omit<C, 'requestId'> : never) : never;

function ok(result: CommandOutcome): Extract<CommandOutcome, { ok: true }> {
  if (!result.ok) assert.fail(`refused: ${result.code} ${result.message}`);
  return result;
}

function run(store: HubStore, cmd: Cmd, actor: Actor, now: number, requestId = rid()): CommandOutcome {
  return store.execute({ ...cmd, requestId }, actor, now);
}

const count = (store: HubStore, table: string) => file(store).prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

test('issue, call, start, finish and rate land in the tables with their events and audit rows', (t) => {
  const store = tempStore(t).open();
  ok(run(store, { type: 'signIn', windowNo: 1, staffId: '0101' }, staff('0101'), at('09:00')));
  const issued = ok(run(store, { type: 'issue', serviceCode: 'GS-01', kind: 'normal', kioskId: 'K1' }, kiosk, at('09:01')));
  const ticket = issued.reply.ticket as Ticket;
  assert.equal(ticket.number, 'A001');
  assert.equal(issued.events[0]?.seq, 2);
  ok(run(store, { type: 'callNext', windowNo: 1 }, staff('0101'), at('09:02')));
  ok(run(store, { type: 'start', windowNo: 1 }, staff('0101'), at('09:03')));
  ok(run(store, { type: 'finish', windowNo: 1 }, staff('0101'), at('09:13')));
  ok(run(store, { type: 'rate', ticketId: ticket.id, level: 5, comment: '很满意' }, { role: 'agent', id: 'pad-1' }, at('09:14')));

  const row = file(store).prepare('SELECT * FROM tickets WHERE id = ?').get(ticket.id) as Record<string, unknown>;
  assert.equal(row.status, 'done');
  assert.equal(row.number, 'A001');
  assert.equal(row.window_no, 1);
  assert.equal(row.staff_id, '0101');
  assert.equal(row.started_at, at('09:03'));
  assert.equal(row.ended_at, at('09:13'));
  assert.equal(row.rating_level, 5);
  assert.equal((JSON.parse(row.call_reason as string) as { rule: string }).rule, 'tier');
  assert.deepEqual(file(store).prepare('SELECT ticket_id, level, staff_id, window_no, service_code, at, comment FROM ratings').all(), [
    { ticket_id: ticket.id, level: 5, staff_id: '0101', window_no: 1, service_code: 'GS-01', at: at('09:14'), comment: '很满意' },
  ]);
  assert.deepEqual(file(store).prepare('SELECT number, staff_id, current_ticket_id FROM window_state WHERE number = 1').get(), {
    number: 1,
    staff_id: '0101',
    current_ticket_id: null,
  });
  assert.deepEqual(file(store).prepare('SELECT service_code, avg_service_ms, samples FROM service_stats').all(), [
    { service_code: 'GS-01', avg_service_ms: 10 * 60_000, samples: 1 },
  ]);
  assert.deepEqual(file(store).prepare('SELECT type FROM event_log ORDER BY seq').pluck().all(), [
    'window.signed-in',
    'ticket.issued',
    'ticket.called',
    'ticket.started',
    'ticket.finished',
    'ticket.rated',
  ]);
  assert.deepEqual(file(store).prepare('SELECT outcome FROM audit_log ORDER BY id').pluck().all(), Array(6).fill('ok'));
  assert.equal(count(store, 'commands'), 6);
  assert.equal(store.state.tickets.get(ticket.id)?.rating?.level, 5);
});

test('a repeated requestId is applied once and answered the same', (t) => {
  const store = tempStore(t).open();
  const first = ok(run(store, { type: 'issue', serviceCode: 'DS-01', kind: 'normal', kioskId: 'K1' }, kiosk, at('09:00'), 'kiosk-K1-1'));
  const again = ok(run(store, { type: 'issue', serviceCode: 'DS-01', kind: 'normal', kioskId: 'K1' }, kiosk, at('09:05'), 'kiosk-K1-1'));
  assert.deepEqual({ ...again, replayed: false }, JSON.parse(JSON.stringify(first)));
  assert.equal(again.replayed, true);
  assert.equal(count(store, 'tickets'), 1);
  assert.equal(store.lastSeq, 1);
  assert.equal(store.state.numberSeqs.get('B'), 1);

  const otherType = run(store, { type: 'cancel', ticketId: 'x' }, kiosk, at('09:06'), 'kiosk-K1-1');
  assert.equal(otherType.ok, false);
  assert.equal(!otherType.ok && otherType.code, 'request-id-reused');
  const otherActor = run(store, { type: 'issue', serviceCode: 'DS-01', kind: 'normal' }, { role: 'kiosk', id: 'K2' }, at('09:06'), 'kiosk-K1-1');
  assert.equal(!otherActor.ok && otherActor.code, 'request-id-reused');
  assert.equal(count(store, 'tickets'), 1);
});

test('a refusal is audited, remembered for its requestId and changes nothing', (t) => {
  const store = tempStore(t).open();
  ok(run(store, { type: 'issue', serviceCode: 'DS-01', kind: 'normal' }, kiosk, at('09:00')));
  const before = { tickets: file(store).prepare('SELECT * FROM tickets').all(), windows: file(store).prepare('SELECT * FROM window_state').all() };
  const refused = run(store, { type: 'callNext', windowNo: 2 }, staff('0102'), at('09:01'), 'counter-2-1');
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.code, 'window-signed-out');
  assert.equal(!refused.ok && refused.message, '2号窗口尚未签到');
  assert.deepEqual({ tickets: file(store).prepare('SELECT * FROM tickets').all(), windows: file(store).prepare('SELECT * FROM window_state').all() }, before);
  assert.equal(store.lastSeq, 1);
  assert.deepEqual(file(store).prepare('SELECT actor_role, actor_id, request_id, outcome, first_seq, last_seq FROM audit_log ORDER BY id DESC LIMIT 1').get(), {
    actor_role: 'staff',
    actor_id: '0102',
    request_id: 'counter-2-1',
    outcome: 'window-signed-out',
    first_seq: null,
    last_seq: null,
  });
  assert.deepEqual(run(store, { type: 'callNext', windowNo: 2 }, staff('0102'), at('09:02'), 'counter-2-1'), refused);
  assert.equal(store.verifyAuditChain().ok, true);
});

test('a failed transaction leaves the hall as it was, and the chain goes on from the last commit', (t) => {
  const store = tempStore(t).open();
  ok(run(store, { type: 'issue', serviceCode: 'GS-01', kind: 'normal' }, kiosk, at('09:00')));
  const tickets = new Map(store.state.tickets);
  file(store).exec("CREATE TRIGGER fail_commands BEFORE INSERT ON commands BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
  assert.throws(() => run(store, { type: 'issue', serviceCode: 'GS-01', kind: 'normal' }, kiosk, at('09:01')), /disk on fire/);
  assert.deepEqual(new Map(store.state.tickets), tickets);
  assert.equal(store.state.numberSeqs.get('A'), 1);
  assert.equal(store.lastSeq, 1);
  assert.equal(count(store, 'event_log'), 1);
  assert.equal(count(store, 'audit_log'), 1);
  file(store).exec('DROP TRIGGER fail_commands');
  const next = ok(run(store, { type: 'issue', serviceCode: 'GS-01', kind: 'normal' }, kiosk, at('09:02')));
  assert.equal(next.reply.ticket?.number, 'A002');
  assert.equal(next.events[0]?.seq, 2);
  assert.deepEqual(store.verifyAuditChain(), { ok: true, rows: 2 });
});

test('the audit chain verifies, and a changed audit row or event is caught', (t) => {
  const store = tempStore(t).open();
  ok(run(store, { type: 'signIn', windowNo: 2, staffId: '0102' }, staff('0102'), at('09:00')));
  for (let i = 0; i < 3; i++) ok(run(store, { type: 'issue', serviceCode: 'DS-01', kind: 'normal' }, kiosk, at('09:01', undefined, i)));
  run(store, { type: 'callNext', windowNo: 1 }, staff('0101'), at('09:02'));
  ok(run(store, { type: 'callNext', windowNo: 2 }, staff('0102'), at('09:03')));
  assert.deepEqual(store.verifyAuditChain(), { ok: true, rows: 6 });

  file(store).exec('DROP TRIGGER audit_log_append_only_u');
  file(store).prepare("UPDATE audit_log SET outcome = 'ok' WHERE id = 5").run();
  assert.deepEqual(store.verifyAuditChain(), { ok: false, brokenAt: 5, reason: 'row content does not match its hash' });
  file(store).prepare("UPDATE audit_log SET outcome = 'window-signed-out' WHERE id = 5").run();
  assert.equal(store.verifyAuditChain().ok, true);

  file(store).exec('DROP TRIGGER event_log_append_only_u');
  const changes = file(store).prepare('SELECT changes FROM event_log WHERE seq = 3').pluck().get() as string;
  file(store).prepare('UPDATE event_log SET changes = ? WHERE seq = 3').run(changes.replace('"B002"', '"B099"'));
  const broken = store.verifyAuditChain();
  assert.equal(broken.ok, false);
  assert.equal(!broken.ok && broken.brokenAt, 3);
  assert.match(!broken.ok ? broken.reason : '', /do not match the hash/);
});

test('a deleted event is caught by the audit chain', (t) => {
  const store = tempStore(t).open();
  for (let i = 0; i < 3; i++) ok(run(store, { type: 'issue', serviceCode: 'GS-02', kind: 'normal' }, kiosk, at('09:00', undefined, i)));
  file(store).exec('DROP TRIGGER event_log_append_only_d');
  file(store).prepare('DELETE FROM event_log WHERE seq = 2').run();
  const broken = store.verifyAuditChain();
  assert.equal(!broken.ok && broken.brokenAt, 2);
});

test('personal data is masked in the audit log', (t) => {
  const store = tempStore(t).open();
  ok(run(store, { type: 'complain', text: '等候太久', windowNo: 1, contact: '13812345678' }, { role: 'visitor', id: 'web' }, at('09:00')));
  const command = file(store).prepare('SELECT command FROM audit_log').pluck().get() as string;
  assert.doesNotMatch(command, /13812345678/);
  assert.equal(file(store).prepare('SELECT contact_masked FROM complaints').pluck().get(), '138****5678');
});

function snapshot(s: HallState) {
  return { day: s.day, tickets: s.tickets, windows: s.windows, appointments: s.appointments, stats: s.stats, numberSeqs: s.numberSeqs };
}

test('reopening the file gives back the same hall, across a day change too', (t) => {
  const { open } = tempStore(t);
  const store = open(countingIds('first'));
  const s = (id: string) => staff(id);
  ok(run(store, { type: 'signIn', windowNo: 1, staffId: '0101' }, s('0101'), at('09:00')));
  ok(run(store, { type: 'signIn', windowNo: 3, staffId: '0103' }, s('0103'), at('09:00')));
  for (let i = 0; i < 4; i++) {
    ok(run(store, { type: 'issue', serviceCode: (['GS-01', 'GS-02', 'DS-01'] as const)[i % 3] as string, kind: i === 3 ? 'priority' : 'normal' }, kiosk, at('09:01', undefined, i)));
  }
  ok(run(store, { type: 'callNext', windowNo: 1 }, s('0101'), at('09:05')));
  ok(run(store, { type: 'transfer', windowNo: 1, to: { serviceCode: 'DS-01' }, position: 'head', note: '补税' }, s('0101'), at('09:06')));
  ok(run(store, { type: 'callNext', windowNo: 3 }, s('0103'), at('09:07')));
  ok(run(store, { type: 'skip', windowNo: 3 }, s('0103'), at('09:08')));
  ok(run(store, { type: 'callNext', windowNo: 1 }, s('0101'), at('09:09')));
  ok(run(store, { type: 'finish', windowNo: 1 }, s('0101'), at('09:19')));
  ok(run(store, { type: 'pause', windowNo: 3, reason: '会议' }, s('0103'), at('09:20')));
  const before = snapshot(store.state);
  const seq = store.lastSeq;
  store.close();

  const reopened = open(countingIds('second'));
  assert.deepStrictEqual(snapshot(reopened.state), before);
  assert.equal(reopened.lastSeq, seq);

  // Next day: openDay runs first, numbers restart, and a reopen agrees again.
  const next = ok(run(reopened, { type: 'issue', serviceCode: 'GS-01', kind: 'normal' }, kiosk, at('09:00', '2026-12-02')));
  assert.equal(next.reply.ticket?.number, 'A001');
  assert.equal(reopened.state.day, '2026-12-02');
  assert.equal(file(reopened).prepare("SELECT COUNT(*) FROM event_log WHERE type = 'day.opened'").pluck().get(), 1);
  const afterDay = snapshot(reopened.state);
  reopened.close();
  const third = open(countingIds('third'), at('10:00', '2026-12-02'));
  assert.deepStrictEqual(snapshot(third.state), afterDay);
  assert.deepEqual(third.verifyAuditChain(), { ok: true, rows: 15 });
});

test('a day that saw only sign-ins still ends: reopened the next day, staff sign in afresh', (t) => {
  const { open } = tempStore(t);
  const store = open(countingIds('first'), at('08:00'));
  ok(run(store, { type: 'signIn', windowNo: 1, staffId: '0101' }, staff('0101'), at('09:00')));
  store.close();
  const next = open(countingIds('second'), at('08:00', '2026-12-02'));
  assert.equal(next.state.day, '2026-12-01');
  const refused = run(next, { type: 'callNext', windowNo: 1 }, staff('0101'), at('09:00', '2026-12-02'));
  assert.equal(!refused.ok && refused.code, 'window-signed-out');
  assert.equal(next.state.day, '2026-12-02');
  assert.deepEqual(file(next).prepare('SELECT actor_role, outcome FROM audit_log ORDER BY id').all(), [
    { actor_role: 'staff', outcome: 'ok' },
    { actor_role: 'system', outcome: 'ok' },
    { actor_role: 'staff', outcome: 'window-signed-out' },
  ]);
});

test('the database itself keeps a window to one called ticket (invariant 1)', (t) => {
  const store = tempStore(t).open();
  ok(run(store, { type: 'signIn', windowNo: 1, staffId: '0101' }, staff('0101'), at('09:00')));
  ok(run(store, { type: 'issue', serviceCode: 'GS-01', kind: 'normal' }, kiosk, at('09:01')));
  const second = ok(run(store, { type: 'issue', serviceCode: 'GS-01', kind: 'normal' }, kiosk, at('09:02'))).reply.ticket as Ticket;
  ok(run(store, { type: 'callNext', windowNo: 1 }, staff('0101'), at('09:03')));
  assert.throws(
    () => file(store).prepare("UPDATE tickets SET status = 'called', window_no = 1 WHERE id = ?").run(second.id),
    /UNIQUE constraint failed: tickets.window_no/,
  );
  assert.throws(
    () => file(store).prepare('UPDATE window_state SET current_ticket_id = (SELECT current_ticket_id FROM window_state WHERE number = 1) WHERE number = 2').run(),
    /UNIQUE constraint failed: window_state.current_ticket_id/,
  );
});

test('the event log is gapless and replays from any seq', (t) => {
  const store = tempStore(t).open();
  ok(run(store, { type: 'signIn', windowNo: 2, staffId: '0102' }, staff('0102'), at('09:00')));
  for (let i = 0; i < 5; i++) {
    ok(run(store, { type: 'issue', serviceCode: 'DS-01', kind: 'normal' }, kiosk, at('09:01', undefined, i)));
    run(store, { type: 'callNext', windowNo: 1 }, staff('0101'), at('09:02', undefined, i)); // refused: no events
  }
  ok(run(store, { type: 'callNext', windowNo: 2 }, staff('0102'), at('09:03')));
  const seqs = file(store).prepare('SELECT seq FROM event_log ORDER BY seq').pluck().all() as number[];
  assert.deepEqual(seqs, Array.from({ length: 7 }, (_, i) => i + 1));
  assert.equal(store.lastSeq, 7);
  assert.deepEqual(store.eventsSince(3, 2).map((e) => e.seq), [4, 5]);
  const all = store.eventsSince(0, 100);
  assert.equal(all.length, 7);
  assert.equal(all[6]?.type, 'ticket.called');
  assert.equal(all[6]?.windowNo, 2);
});

test('一人一号 holds across a restart: the swiped ticket keeps its ID hash in the file, and only the hash', (t) => {
  const temp = tempStore(t);
  const hallWithLimit = { ...hall, config: { ...hall.config, identity: { dailyLimitPerPerson: 1, priorityAge: 60 } } };
  const open = () => {
    const s = openHubStore({ path: temp.path, hall: hallWithLimit, ids: countingIds('b'), now: at('08:00') });
    files.set(s, temp.path);
    t.after(() => handles.get(s)?.close());
    return s;
  };
  const identity = { idHash: 'ab'.repeat(32), birthDate: '1990-03-15', validTo: null };
  const first = open();
  ok(run(first, { type: 'issue', serviceCode: 'GS-01', kind: 'normal', kioskId: 'K1', identity }, kiosk, at('09:01')));
  first.close();
  const again = open();
  t.after(() => again.close());
  const refused = run(again, { type: 'issue', serviceCode: 'GS-01', kind: 'normal', kioskId: 'K1', identity }, kiosk, at('09:05'));
  assert.deepEqual(refused.ok ? null : [refused.code, refused.message], ['one-per-person', '您今日已取A001号']);
  assert.equal(file(again).prepare('SELECT id_hash FROM tickets').pluck().get(), identity.idHash);
});
