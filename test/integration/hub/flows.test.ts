import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HallEventView, SnapshotView } from '../../../main/protocol/index.js';
import { rid, startTestHub, waitFor } from '../../helpers/hub.js';
import { sql } from '../../helpers/sql.js';

test('a visitor takes a number, staff call, serve and finish it, and the keypad rating is stored against them', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const display = await h.display();
  const snapshot = await waitFor<SnapshotView>(display, 'hall:snapshot');
  assert.equal(snapshot.seq, 0);
  const agent = await h.agent();
  const jobs: unknown[] = [];
  agent.on('job:run', (job, ack) => {
    jobs.push(job);
    ack({ ok: true });
  });
  assert.deepEqual(await agent.emitWithAck('agent:devices', { devices: [{ deviceId: 'pad-1', kind: 'keypad', windowNo: 1 }] }), { ok: true });

  const kiosk = await h.kiosk();
  const issued = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(issued.ok, JSON.stringify(issued));
  assert.equal(issued.ticket?.number, 'A001');
  assert.equal(issued.peopleAhead, 0);
  assert.match(issued.statusUrl ?? '', /\/t\/.+\?k=.+/);
  assert.equal((issued.ticket as unknown as Record<string, unknown>).token, undefined, 'the status token never travels in views');

  const counter = await h.counter('0101', 1);
  const shown = waitFor<HallEventView>(display, 'hall:event', (e) => e.type === 'ticket.called');
  const called = await counter.emitWithAck('window:callNext', { requestId: rid() });
  assert.ok(called.ok);
  assert.equal(called.ticket?.number, 'A001');
  assert.equal(called.ticket?.callReason?.rule, 'tier');
  const onDisplay = await shown;
  assert.equal(onDisplay.windowNo, 1);
  assert.equal(onDisplay.changes.tickets?.[0]?.number, 'A001');
  assert.equal(onDisplay.seq, called.seq);

  assert.ok((await counter.emitWithAck('window:start', { requestId: rid() })).ok);
  const prompt = waitFor<{ kind: string; prompt?: string; ticketId?: string }>(agent, 'job:run', (j) => j.kind === 'keypad' && j.prompt === 'rate');
  assert.ok((await counter.emitWithAck('window:finish', { requestId: rid() })).ok);
  const rateJob = await prompt;
  assert.equal(rateJob.ticketId, issued.ticket?.id);

  const rated = await agent.emitWithAck('keypad:rate', { requestId: rid(), windowNo: 1, level: 5, ticketId: rateJob.ticketId });
  assert.ok(rated.ok, JSON.stringify(rated));
  const row = sql(h).prepare('SELECT level, staff_id, window_no FROM ratings WHERE ticket_id = ?').get(issued.ticket.id);
  assert.deepEqual(row, { level: 5, staff_id: '0101', window_no: 1 });
  const again = await agent.emitWithAck('keypad:rate', { requestId: rid(), windowNo: 1, level: 1, ticketId: rateJob.ticketId });
  assert.ok(!again.ok && again.code === 'already-rated');
});

test('a repeated requestId is applied once and answered the same', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const requestId = rid();
  const first = await kiosk.emitWithAck('ticket:issue', { requestId, serviceCode: 'GS-01', kind: 'normal' });
  const second = await kiosk.emitWithAck('ticket:issue', { requestId, serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(first.ok && second.ok);
  assert.equal(second.ticket?.id, first.ticket?.id);
  assert.equal(second.ticket?.number, 'A001');
  const count = sql(h).prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number };
  assert.equal(count.n, 1);
});
