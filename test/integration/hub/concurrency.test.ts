// Fifty windows press "next" at the same moment on a queue of thirty: each ticket goes to exactly
// one window, the rest are told the queue is empty, and the event log stays gapless.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HallCountsView, HallEventView, SnapshotView } from '../../../main/protocol/index.js';
import { hubHall, rid, startTestHub, waitFor } from '../../helpers/hub.js';
import { sql } from '../../helpers/sql.js';

const WINDOWS = 50;
const TICKETS = 30;
const staffId = (n: number) => String(1000 + n);

test('50 counters call next at once on 30 waiting tickets: 30 calls, each ticket at one window, 20 clear refusals, gapless events', async (t) => {
  const h = await startTestHub({
    hall: hubHall((c) => {
      c.hall.kioskRateLimit = { max: 1000, perSeconds: 1 };
      c.services = c.services.filter((s) => s.code === 'GS-01');
      c.windows = Array.from({ length: WINDOWS }, (_, i) => ({
        number: i + 1,
        name: `${i + 1}号窗口`,
        kind: 'department' as const,
        department: 'GS',
        services: [['GS-01']],
      }));
      c.staff = Array.from({ length: WINDOWS }, (_, i) => ({ id: staffId(i + 1), name: `员工${i + 1}`, role: 'staff' as const, department: 'GS' }));
    }),
  });
  t.after(() => h.close());

  const kiosk = await h.kiosk();
  for (let i = 0; i < TICKETS; i++) {
    const r = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
    assert.ok(r.ok, JSON.stringify(r));
  }
  const counters = [];
  for (let n = 1; n <= WINDOWS; n++) counters.push(await h.counter(staffId(n), n));
  const display = await h.display();
  const start = await waitFor<SnapshotView>(display, 'hall:snapshot');
  // What the hall display shows of the line: its count.
  const counts = await waitFor<HallCountsView>(display, 'hall:counts');
  assert.equal(counts.services.find((x) => x.serviceCode === 'GS-01')?.waiting, TICKETS);

  const replies = await Promise.all(counters.map((c) => c.emitWithAck('window:callNext', { requestId: rid() })));

  const called = replies.filter((r) => r.ok);
  const refused = replies.filter((r) => !r.ok);
  assert.equal(called.length, TICKETS);
  assert.equal(refused.length, WINDOWS - TICKETS);
  for (const r of refused) {
    assert.ok(!r.ok);
    assert.equal(r.code, 'queue-empty');
    assert.match(r.message, /[\u4e00-\u9fff]/);
  }
  const ids = called.map((r) => r.ticket!.id);
  assert.equal(new Set(ids).size, TICKETS, 'no ticket called twice');
  const windows = called.map((r) => r.ticket!.windowNo);
  assert.equal(new Set(windows).size, TICKETS, 'no window got two tickets');

  // The store agrees: every ticket called once, at the window its reply named.
  const rows = sql(h).prepare("SELECT id, window_no, status FROM tickets ORDER BY id").all() as { id: string; window_no: number; status: string }[];
  assert.equal(rows.length, TICKETS);
  for (const r of called) {
    const row = rows.find((x) => x.id === r.ticket!.id);
    assert.deepEqual(row && { status: row.status, window: row.window_no }, { status: 'called', window: r.ticket!.windowNo });
  }
  const calledEvents = sql(h).prepare("SELECT COUNT(*) AS n FROM event_log WHERE type = 'ticket.called'").get() as { n: number };
  assert.equal(calledEvents.n, TICKETS);

  // Gapless: the log holds 1..lastSeq, the audit chain accounts for it, and the display saw every one.
  const seqs = (sql(h).prepare('SELECT seq FROM event_log ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
  assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1));
  assert.equal(seqs.at(-1), h.hub.core.store.lastSeq);
  const check = h.hub.core.store.verifyAuditChain();
  assert.ok(check.ok, JSON.stringify(check));
  const seen: number[] = [];
  for (let i = 0; i < TICKETS; i++) seen.push((await waitFor<HallEventView>(display, 'hall:event', (e) => e.type === 'ticket.called', 10_000)).seq);
  assert.deepEqual(seen, Array.from({ length: TICKETS }, (_, i) => start.seq + 1 + i));
});
