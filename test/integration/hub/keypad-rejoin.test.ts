// An evaluation keypad that (re)joins — its agent or pad reconnects, or the hub restarted — is told
// what to show now: the visitor at the window is welcomed, a visitor who just finished and has not
// rated is asked again (the press then goes to that visit), an unstaffed window sends nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceJob } from '../../../main/protocol/index.js';
import { rid, startTestHub } from '../../helpers/hub.js';

test('a keypad joining is welcomed for the visitor at the window, or asked for the rating still owed', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const issued = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(issued.ok && issued.ticket);
  const counter = await h.counter('0101', 1);
  assert.ok((await counter.emitWithAck('window:callNext', { requestId: rid() })).ok);

  /** A fresh agent connection announcing a keypad at window 1 (and one at unstaffed window 2): the jobs it is sent. */
  const join = async (): Promise<DeviceJob[]> => {
    const agent = await h.agent();
    const jobs: DeviceJob[] = [];
    const first = new Promise<void>((resolve) =>
      agent.on('job:run', (job, ack) => {
        jobs.push(job);
        ack({ ok: true });
        resolve();
      }),
    );
    const devices = [
      { deviceId: 'kp-1', kind: 'keypad' as const, windowNo: 1 },
      { deviceId: 'kp-2', kind: 'keypad' as const, windowNo: 2 },
    ];
    assert.ok((await agent.emitWithAck('agent:devices', { devices })).ok);
    await first;
    await new Promise((resolve) => setTimeout(resolve, 300)); // anything else it would be sent
    agent.close();
    return jobs;
  };

  const serving = await join();
  assert.deepEqual(
    serving.map((j) => j.kind === 'keypad' && [j.deviceId, j.prompt, j.ticketId, j.staffId]),
    [['kp-1', 'welcome', issued.ticket.id, '0101']],
    'welcomed for the visitor being served; window 2 has nobody',
  );

  assert.ok((await counter.emitWithAck('window:start', { requestId: rid() })).ok);
  assert.ok((await counter.emitWithAck('window:finish', { requestId: rid() })).ok);
  const owed = await join();
  assert.deepEqual(
    owed.map((j) => j.kind === 'keypad' && [j.deviceId, j.prompt, j.ticketId]),
    [['kp-1', 'rate', issued.ticket.id]],
    'asked again for the rating still owed',
  );
});
