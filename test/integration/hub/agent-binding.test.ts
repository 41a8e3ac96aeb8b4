// Agents are bound to the windows and kiosks they may serve (set when paired, changed by an
// administrator): an agent cannot take over another agent's device id, nor announce or drive a
// device for a window it is not bound to; refusals are audited naming the agent and the device and
// raised as a supervise alarm; the commands its caller keys run name the agent and the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import type { AgentBinding } from '../../../db/access.js';
import type { AgentClientEvents, AgentServerEvents, DeviceAlarm, DeviceJob } from '../../../main/protocol/index.js';
import { connect, received, rid, startTestHub, waitFor, type TestHub } from '../../helpers/hub.js';
import { sql } from '../../helpers/sql.js';

type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;
const zh = /[\u4e00-\u9fff]/;

/** Pair another hall PC and connect it; it acknowledges every job it is sent. */
async function pairedAgent(h: TestHub, id: string, binding?: AgentBinding): Promise<AgentSocket> {
  const token = h.hub.core.access.pairDevice({ id, role: 'agent', name: `${id}工控机`, hasPrinter: false, ...(binding && { binding }) });
  const socket = await connect<AgentSocket>(h.url, '/agent', { token });
  socket.on('job:run', (_job, ack) => ack({ ok: true }));
  return socket;
}

const audits = (h: TestHub, outcome: string) =>
  sql(h).prepare('SELECT actor_role, actor_id, command FROM audit_log WHERE outcome = ? ORDER BY id').all(outcome) as {
    actor_role: string;
    actor_id: string;
    command: string;
  }[];

const jobsOf = (socket: AgentSocket) => received(socket).filter((r) => r.event === 'job:run').map((r) => r.payload as DeviceJob);

test("a second agent announcing the first agent's device id is refused, audited and alarmed; the first keeps its jobs", async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const supervise = await h.supervise('0902');
  const pc1 = await h.agent();
  pc1.on('job:run', (_job, ack) => ack({ ok: true }));
  assert.deepEqual(await pc1.emitWithAck('agent:devices', { devices: [{ deviceId: 'led-1', kind: 'led', windowNo: 1 }] }), { ok: true });

  // PC2 may serve window 1 too: what it may not do is take PC1's device.
  const pc2 = await pairedAgent(h, 'PC2', { windows: [1], kiosks: [] });
  const refused = await pc2.emitWithAck('agent:devices', { devices: [{ deviceId: 'led-1', kind: 'led', windowNo: 1 }] });
  assert.ok(!refused.ok);
  assert.equal(refused.code, 'device-taken');
  assert.ok(zh.test(refused.message) && refused.message.includes('led-1') && refused.message.includes('1号窗口'), refused.message);

  const rows = audits(h, 'device-taken');
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.actor_role, 'agent');
  assert.equal(rows[0]!.actor_id, 'PC2');
  assert.match(rows[0]!.command, /device led-1 is held by agent PC1/);

  const alarm = await waitFor<DeviceAlarm>(supervise, 'device:alarm', (a) => a.deviceId === 'led-1');
  assert.equal(alarm.windowNo, 1);
  assert.equal(alarm.message, refused.message);

  // The hall still runs on PC1's display: a call at window 1 goes to PC1, never to PC2.
  assert.deepEqual(
    h.hub.core.devices.list().map((d) => [d.deviceId, d.agentId]),
    [['led-1', 'PC1']],
  );
  const kiosk = await h.kiosk();
  assert.ok((await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' })).ok);
  const counter = await h.counter('0101', 1);
  const called = await counter.emitWithAck('window:callNext', { requestId: rid() });
  assert.ok(called.ok && called.ticket);
  const shown = await waitFor<DeviceJob>(pc1, 'job:run', (j) => j.kind === 'display' && j.content.kind === 'calling');
  assert.equal(shown.deviceId, 'led-1');
  assert.ok(shown.kind === 'display' && shown.content.kind === 'calling' && shown.content.ticketNumber === called.ticket.number);
  // A round trip on PC2's connection: any job sent to it before would have arrived first.
  await pc2.emitWithAck('device:health', { deviceId: 'led-1', online: true });
  assert.deepEqual(jobsOf(pc2), []);
  assert.equal(h.hub.core.store.verifyAuditChain().ok, true);
});

test('an agent bound to window 1 cannot announce a caller for window 2, nor press its keys; its own keys are audited through it', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  for (let i = 0; i < 2; i++) assert.ok((await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' })).ok);
  await h.counter('0101', 1);
  await h.counter('0102', 2);
  const supervise = await h.supervise('0902');
  const pc2 = await pairedAgent(h, 'PC2', { windows: [1], kiosks: [] });

  const refused = await pc2.emitWithAck('agent:devices', {
    devices: [
      { deviceId: 'caller-1', kind: 'caller', windowNo: 1 },
      { deviceId: 'caller-2', kind: 'caller', windowNo: 2 },
    ],
  });
  assert.ok(!refused.ok);
  assert.equal(refused.code, 'device-not-bound');
  assert.ok(zh.test(refused.message) && refused.message.includes('caller-2') && refused.message.includes('2号窗口'), refused.message);
  assert.match(audits(h, 'device-not-bound')[0]!.command, /agent PC2: device caller-2 \(caller for window 2\)/);
  assert.equal((await waitFor<DeviceAlarm>(supervise, 'device:alarm', (a) => a.deviceId === 'caller-2')).windowNo, 2);
  // Refused whole: not even its window-1 caller was taken.
  assert.deepEqual(h.hub.core.devices.devicesOf('PC2'), []);

  // Its key for window 2 is refused and changes nothing.
  const seq = h.hub.core.store.lastSeq;
  const key = await pc2.emitWithAck('caller:key', { requestId: rid(), windowNo: 2, key: 'next' });
  assert.ok(!key.ok && key.code === 'device-not-bound' && zh.test(key.message), JSON.stringify(key));
  assert.equal(h.hub.core.store.lastSeq, seq);
  assert.equal(h.hub.core.state.windows.get(2)?.currentTicketId, undefined);
  assert.equal([...h.hub.core.state.tickets.values()].filter((tk) => tk.status === 'waiting').length, 2);

  // Its own window's caller is accepted; the call it makes is audited as the window's staff through PC2's key.
  assert.deepEqual(await pc2.emitWithAck('agent:devices', { devices: [{ deviceId: 'caller-1', kind: 'caller', windowNo: 1 }] }), { ok: true });
  const next = await pc2.emitWithAck('caller:key', { requestId: rid(), windowNo: 1, key: 'next' });
  assert.ok(next.ok, JSON.stringify(next));
  const row = sql(h).prepare("SELECT actor_role, actor_id FROM audit_log WHERE command LIKE '%callNext%' ORDER BY id DESC LIMIT 1").get();
  assert.deepEqual({ ...(row as object) }, { actor_role: 'staff', actor_id: '0101 via agent PC2/caller-1' });
});

test('an agent paired without a binding serves nothing', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const pc3 = await pairedAgent(h, 'PC3');
  assert.deepEqual(h.hub.core.access.agentBinding('PC3'), { windows: [], kiosks: [] });
  const refused = await pc3.emitWithAck('agent:devices', { devices: [{ deviceId: 'printer-k1', kind: 'printer', kioskId: 'K1' }] });
  assert.ok(!refused.ok && refused.code === 'device-not-bound' && refused.message.includes('取号机K1'), JSON.stringify(refused));
  assert.deepEqual(h.hub.core.devices.list(), []);
});

test('rebinding with bindAgent: the device list at the next announcement, the keys at once', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  assert.ok((await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' })).ok);
  await h.counter('0102', 2);
  const pc2 = await pairedAgent(h, 'PC2', { windows: [1], kiosks: [] });
  const devices = [{ deviceId: 'caller-2', kind: 'caller' as const, windowNo: 2 }];
  assert.equal((await pc2.emitWithAck('agent:devices', { devices })).ok, false);

  h.hub.core.access.bindAgent('PC2', { windows: [1, 2], kiosks: [] });
  assert.deepEqual(await pc2.emitWithAck('agent:devices', { devices }), { ok: true });
  const next = await pc2.emitWithAck('caller:key', { requestId: rid(), windowNo: 2, key: 'next' });
  assert.ok(next.ok && next.ticket, JSON.stringify(next));

  // Window 2 taken away: its keys stop at once, before PC2 announces again.
  h.hub.core.access.bindAgent('PC2', { windows: [1], kiosks: [] });
  const seq = h.hub.core.store.lastSeq;
  const recall = await pc2.emitWithAck('caller:key', { requestId: rid(), windowNo: 2, key: 'recall' });
  assert.ok(!recall.ok && recall.code === 'device-not-bound', JSON.stringify(recall));
  assert.equal(h.hub.core.store.lastSeq, seq);
  assert.equal(h.hub.core.state.tickets.get(next.ticket.id)?.recalls, 0);
  assert.equal((await pc2.emitWithAck('agent:devices', { devices })).ok, false);

  assert.throws(() => h.hub.core.access.bindAgent('K1', { windows: [1], kiosks: [] }), /K1 is a kiosk, not an agent/);
  assert.throws(() => h.hub.core.access.bindAgent('PC9', { windows: [1], kiosks: [] }), /no paired agent PC9/);
});
