// The first command after the reset time opens the new hall day on its way (before the hub's own
// timer does): the day's events are published like any other — in order, with no gap for the
// screens to resync over — and the devices hear of that day's sign-outs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceJob, HallEventView, SnapshotView } from '../../../main/protocol/index.js';
import { received, rid, startTestHub, until, waitFor } from '../../helpers/hub.js';
import { at } from '../../helpers/queue-harness.js';

test('a new day opened inside a command is published before the command, gapless, and its sign-outs reach the window display', async (t) => {
  let now = at('16:30', '2026-12-01');
  // The hub's own day timer checks only once an hour here: the command must open the day.
  const h = await startTestHub({ clock: () => now, dayCheckMs: 3_600_000 });
  t.after(() => h.close());
  const w1 = await h.counter('0101', 1);
  const agent = await h.agent();
  agent.on('job:run', (_job: DeviceJob, ack: (r: { ok: true }) => void) => ack({ ok: true }));
  assert.ok((await agent.emitWithAck('agent:devices', { devices: [{ deviceId: 'led-1', kind: 'led', windowNo: 1 }] })).ok);
  // The supervisors' console follows the whole hall: every event.
  const display = await h.supervise('0902');
  const evening = await waitFor<SnapshotView>(display, 'hall:snapshot');
  assert.equal(evening.day, '2026-12-01');
  const seqBefore = h.hub.core.store.lastSeq;
  w1.close();

  now = at('09:00', '2026-12-02');
  const kiosk = await h.kiosk();
  const issued = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(issued.ok && issued.ticket?.day === '2026-12-02', JSON.stringify(issued));

  await until(display, (list) => list.some((e) => e.event === 'hall:event' && (e.payload as HallEventView).type === 'ticket.issued'));
  const events = received(display).filter((e) => e.event === 'hall:event').map((e) => e.payload as HallEventView);
  assert.deepEqual(
    events.map((e) => [e.seq, e.type]),
    [
      [seqBefore + 1, 'day.opened'],
      [seqBefore + 2, 'ticket.issued'],
    ],
    'the day first, then the ticket, no gap',
  );
  assert.equal(received(display).filter((e) => e.event === 'hall:snapshot').length, 1, 'no resync was needed');
  // Window 1 was signed out by the new day: its LED display is told to show it as not serving.
  const job = await waitFor<DeviceJob>(agent, 'job:run', (j) => j.kind === 'display' && j.content.kind === 'paused', 5000);
  assert.equal(job.deviceId, 'led-1');
});
