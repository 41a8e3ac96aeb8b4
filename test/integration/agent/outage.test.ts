// The hub goes away for 30 s (as the issue asks) while visitors rate and staff press caller keys.
// The window display keeps the last call, then says the system is under maintenance; when the
// hub is back on the same database every press is stored exactly once, in the order pressed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { MAINTENANCE_TEXT, runAgent } from '../../../main/agent/index.js';
import { startHub, type Hub } from '../../../main/hub/server.js';
import { rid, startTestHub } from '../../helpers/hub.js';
import { agentLog, hallDevices, until } from './harness.js';
import { sql } from '../../helpers/sql.js';

const OUTAGE_MS = 30_000;

test('hub away for 30 s: displays keep the call then show maintenance; every press is delivered once, in order', { timeout: 180_000 }, async (t) => {
  const h = await startTestHub();
  const dev = await hallDevices('outage');
  const restarted: { hub?: Hub } = {};
  const config = dev.config(h.url, h.tokens.agent, 'maintenanceAfterSeconds: 3');
  const agent = await runAgent(config, { log: agentLog(), configDir: dev.dir });
  t.after(async () => {
    await agent.close();
    await restarted.hub?.close();
    await h.close();
    await dev.close();
  });
  await until('the agent online', () => agent.status().hub === 'online');

  // Three visitors; window 1 serves the first and calls the second, window 2 is signed in.
  const kiosk = await h.kiosk();
  const tickets = [];
  for (let i = 0; i < 3; i++) {
    const r = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
    assert.ok(r.ok, JSON.stringify(r));
    tickets.push(r.ticket!);
  }
  const [first, second, third] = tickets as [(typeof tickets)[number], (typeof tickets)[number], (typeof tickets)[number]];
  const counter1 = await h.counter('0101', 1);
  await h.counter('0102', 2);
  for (const cmd of ['window:callNext', 'window:start', 'window:finish'] as const) {
    const r = await counter1.emitWithAck(cmd, { requestId: rid() });
    assert.ok(r.ok, `${cmd}: ${JSON.stringify(r)}`);
  }
  await until('the rating prompt for the first visitor', () => dev.keypads.device(1).screen.mode === 'prompt');
  assert.ok((await counter1.emitWithAck('window:callNext', { requestId: rid() })).ok);
  await until('LED 1 to show the second call', () => dev.display.state(1)?.lines.join('').includes(second.number));
  const seqBefore = sql(h).prepare('SELECT MAX(seq) AS s FROM event_log').get() as { s: number };

  // The hub goes away.
  await h.hub.close();
  const awaySince = Date.now();
  await until('the agent to see the hub gone', () => agent.status().hub === 'offline');
  assert.ok(dev.display.state(1)?.lines.join('').includes(second.number), 'the window display keeps the last call');

  // The first visitor rates 4 at the keypad (prompted before the outage); staff at window 1 recall
  // their visitor twice, staff at window 2 call the next one. Each press waits on disk.
  const presses: [number, () => void][] = [
    [1, () => dev.keypads.press(1, 4)],
    [2, () => dev.keypads.press(11, 'recall')],
    [3, () => dev.keypads.press(11, 'recall')],
    [4, () => dev.keypads.press(12, 'next')],
  ];
  for (const [n, press] of presses) {
    press();
    await until(`press ${n} in the outbox`, () => agent.status().outboxPending === n);
  }
  const shown = await until('LED 1 to show the maintenance line', () => dev.display.state(1)?.lines.join('') === MAINTENANCE_TEXT && dev.display.state(1));
  assert.equal(shown.colour, 'red');

  await sleep(Math.max(0, OUTAGE_MS - (Date.now() - awaySince)));
  assert.equal(agent.status().outboxPending, 4, 'nothing was lost or sent while away');
  const hub2 = (restarted.hub = await startHub({
    hall: h.hub.core.state.hall,
    dbPath: h.dbPath,
    port: h.hub.port,
    log: pino({ level: process.env.HALLQ_LOG ?? 'silent' }),
    delivery: { timeoutMs: 500, retries: 2, backoffMs: 50 },
  }));
  await until('the outbox to empty after the hub is back', () => agent.status().hub === 'online' && agent.status().outboxPending === 0, 30_000);

  const db = sql(hub2);
  const events = db
    .prepare('SELECT type, window_no AS windowNo FROM event_log WHERE seq > ? ORDER BY seq')
    .all(seqBefore.s)
    .filter((e) => (e as { type: string }).type !== 'day.opened');
  assert.deepEqual(events, [
    { type: 'ticket.rated', windowNo: 1 },
    { type: 'ticket.recalled', windowNo: 1 },
    { type: 'ticket.recalled', windowNo: 1 },
    { type: 'ticket.called', windowNo: 2 },
  ]);
  assert.deepEqual(db.prepare('SELECT level, staff_id, window_no FROM ratings WHERE ticket_id = ?').get(first.id), { level: 4, staff_id: '0101', window_no: 1 });
  assert.deepEqual(db.prepare('SELECT COUNT(*) AS n FROM ratings').get(), { n: 1 });
  assert.equal(hub2.core.state.tickets.get(second.id)?.recalls, 2);
  assert.equal(hub2.core.state.windows.get(2)?.currentTicketId, third.id);

  // Back: the hub's display jobs replace the maintenance line with the current call.
  await until('LED 1 to show the call again', () => dev.display.state(1)?.lines.join('').includes(second.number));
  await until('LED 2 to show its call', () => dev.display.state(2)?.lines.join('').includes(third.number));
});
