// An agent that (re)connects is brought up to date with one job per announced device — not one per
// device of the window for each announced device (a window with N displays used to get N² frames).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceJob } from '../../../main/protocol/index.js';
import { received, rid, startTestHub } from '../../helpers/hub.js';

test('on connect, two displays and two keypads of one window get one job each', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  assert.ok((await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' })).ok);
  const counter = await h.counter('0101', 1);
  assert.ok((await counter.emitWithAck('window:callNext', { requestId: rid() })).ok);

  const agent = await h.agent();
  agent.on('job:run', (_job, ack) => ack({ ok: true }));
  const devices = [
    { deviceId: 'led-1a', kind: 'led' as const, windowNo: 1 },
    { deviceId: 'led-1b', kind: 'led' as const, windowNo: 1 },
    { deviceId: 'pad-1a', kind: 'keypad' as const, windowNo: 1 },
    { deviceId: 'pad-1b', kind: 'keypad' as const, windowNo: 1 },
  ];
  assert.deepEqual(await agent.emitWithAck('agent:devices', { devices }), { ok: true });
  // The jobs are sent while the announcement is handled, so all of them arrive before its answer;
  // one more round trip makes sure.
  await agent.emitWithAck('device:health', { deviceId: 'led-1a', online: true });

  const jobs = received(agent).filter((r) => r.event === 'job:run').map((r) => r.payload as DeviceJob);
  const perDevice = Object.fromEntries(devices.map((d) => [d.deviceId, jobs.filter((j) => j.deviceId === d.deviceId).map((j) => j.kind)]));
  assert.deepEqual(perDevice, {
    'led-1a': ['display'],
    'led-1b': ['display'],
    'pad-1a': ['keypad'],
    'pad-1b': ['keypad'],
  });
  assert.equal(jobs.length, 4);
});
