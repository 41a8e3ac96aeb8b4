// The hall day turns over at the reset time by the hub's own timer — no command needed — and every
// screen and kiosk hears of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HallEventView, SnapshotView } from '../../../main/protocol/index.js';
import { rid, startTestHub, waitFor } from '../../helpers/hub.js';
import { at } from '../../helpers/queue-harness.js';
import { sql } from '../../helpers/sql.js';

test('at the reset time the hub opens the new day by itself: displays and kiosks get it, numbers restart, yesterday\'s waiting tickets expire', async (t) => {
  let now = at('16:30', '2026-12-01');
  const h = await startTestHub({ clock: () => now, dayCheckMs: 25 });
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  for (let i = 0; i < 3; i++) assert.ok((await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' })).ok);
  const w1 = await h.counter('0101', 1);
  assert.ok((await w1.emitWithAck('window:callNext', { requestId: rid() })).ok);
  assert.ok((await w1.emitWithAck('window:finish', { requestId: rid() })).ok);
  const display = await h.display();
  const supervisor = await h.supervise('0902');
  const evening = await waitFor<SnapshotView>(supervisor, 'hall:snapshot');
  assert.equal(evening.day, '2026-12-01');
  const seqBefore = h.hub.core.store.lastSeq;

  // Past midnight, still before the 04:00 reset: the same hall day.
  now = at('03:59', '2026-12-02');
  const tickets = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.equal(tickets.ok && tickets.ticket?.number, 'A004');
  assert.equal(h.hub.core.state.day, '2026-12-01');

  now = at('04:00', '2026-12-02');
  const opened = await waitFor<HallEventView>(supervisor, 'hall:event', (e) => e.type === 'day.opened', 10_000);
  // Every screen hears of the new day, whatever it follows.
  const atDisplay = await waitFor<HallEventView>(display, 'hall:event', (e) => e.type === 'day.opened', 10_000);
  const atKiosk = await waitFor<HallEventView>(kiosk, 'hall:event', (e) => e.type === 'day.opened', 10_000);
  assert.equal(opened.changes.day, '2026-12-02');
  assert.equal(atKiosk.seq, opened.seq);
  assert.equal(atDisplay.seq, opened.seq);
  assert.equal(atKiosk.changes.day, '2026-12-02');
  assert.equal(opened.seq, seqBefore + 2);
  assert.ok(opened.at >= at('04:00', '2026-12-02'));
  const expired = (opened.changes.tickets ?? []).filter((x) => x.status === 'expired').map((x) => x.number).sort();
  assert.deepEqual(expired, ['A002', 'A003', 'A004']);
  assert.ok((opened.changes.windows ?? []).some((w) => w.number === 1 && w.staffId === undefined), 'windows start the day signed out');
  const audit = sql(h).prepare("SELECT actor_role, actor_id FROM audit_log WHERE command LIKE '%openDay%'").all();
  assert.deepEqual(audit, [{ actor_role: 'system', actor_id: 'clock' }]);

  // A screen that connects now sees the fresh, empty day; the first number is A001 again.
  const fresh = await h.supervise('0902');
  const morning = await waitFor<SnapshotView>(fresh, 'hall:snapshot');
  assert.equal(morning.day, '2026-12-02');
  assert.deepEqual(morning.tickets, []);
  const first = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(first.ok);
  assert.equal(first.ticket?.number, 'A001');
  assert.equal(first.ticket?.day, '2026-12-02');
  // Opened once: the timer keeps ticking but finds the day current.
  const opens = sql(h).prepare("SELECT COUNT(*) AS n FROM event_log WHERE type = 'day.opened'").get() as { n: number };
  assert.equal(opens.n, 1);
  assert.ok(h.hub.core.store.verifyAuditChain().ok);
});
