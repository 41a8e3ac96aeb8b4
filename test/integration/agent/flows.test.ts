// The device agent end to end, without Electron: a real hub, `runAgent` with its devices played by
// the simulators (printer over TCP, LED display and keypads over socat ptys). What the visitor
// and the staff would see: the printed ticket, the lit window display, the stored rating.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAgent } from '../../../main/agent/index.js';
import { AgentDevices } from '../../../main/agent/devices.js';
import { JobRunner } from '../../../main/agent/jobs.js';
import type { DeviceJob, KioskState, PrintResult } from '../../../main/protocol/index.js';
import { rid, startTestHub, waitFor } from '../../helpers/hub.js';
import { agentLog, hallDevices, until } from './harness.js';
import { sql } from '../../helpers/sql.js';

test('a kiosk ticket is printed, the call lights the window display, and a keypad rating is stored against ticket and staff', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const dev = await hallDevices('flows');
  t.after(() => dev.close());
  const agent = await runAgent(dev.config(h.url, h.tokens.agent), { log: agentLog(), configDir: dev.dir });
  t.after(() => agent.close());

  const kiosk = await h.kiosk(h.tokens.kioskWithPrinter);
  await waitFor<KioskState>(kiosk, 'kiosk:state', (s) => s.canIssue, 15_000);
  assert.equal(agent.status().hub, 'online');

  // Issue → print: the printer simulator reads the same number and the status page QR back.
  const receipt = dev.printer.nextReceipt(15_000);
  const issued = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(issued.ok, JSON.stringify(issued));
  const printed = await receipt;
  assert.ok(printed.lines.some((l) => l.text === issued.ticket!.number), `receipt shows ${issued.ticket!.number}`);
  assert.ok(printed.lines.some((l) => l.text.includes('企业设立登记') || l.text.includes(h.hub.core.state.hall.services.get('GS-01')!.name)));
  assert.deepEqual(printed.qrCodes, [issued.statusUrl]);
  const result = await waitFor<PrintResult>(kiosk, 'ticket:printed', (r) => r.ticketId === issued.ticket!.id, 15_000);
  assert.equal(result.ok, true);

  // Call at window 1 → LED display 1 shows the number; the evaluation keypad welcomes the visitor.
  const counter = await h.counter('0101', 1);
  const called = await counter.emitWithAck('window:callNext', { requestId: rid() });
  assert.ok(called.ok && called.ticket?.number === issued.ticket!.number, JSON.stringify(called));
  const lit = await until('LED 1 to show the call', () => dev.display.state(1)?.lines.join('').includes(issued.ticket!.number) && dev.display.state(1));
  assert.match(lit.lines.join(''), /1号窗口/);
  assert.equal(dev.display.state(2)?.lines.join('').includes(issued.ticket!.number) ?? false, false, 'window 2 does not show it');
  await until('the keypad welcome', () => dev.keypads.device(1).screen.mode === 'welcome');
  assert.match(dev.keypads.device(1).screen.text, /1号窗口/);

  // Serve, finish → the keypad asks for a rating; the visitor presses 5 (非常满意).
  assert.ok((await counter.emitWithAck('window:start', { requestId: rid() })).ok);
  assert.ok((await counter.emitWithAck('window:finish', { requestId: rid() })).ok);
  await until('the rating prompt', () => dev.keypads.device(1).screen.mode === 'prompt');
  dev.keypads.press(1, 5);
  const db = sql(h);
  const row = await until('the rating row', () => db.prepare('SELECT level, staff_id, window_no FROM ratings WHERE ticket_id = ?').get(issued.ticket!.id));
  assert.deepEqual(row, { level: 5, staff_id: '0101', window_no: 1 });
  await until('the thanks screen', () => dev.keypads.device(1).screen.mode === 'thanks');
  await until('the outbox to empty', () => agent.status().outboxPending === 0);

  // A caller key at window 1 calls the next visitor, as the counter screen's button would.
  const kiosk2 = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(kiosk2.ok);
  dev.keypads.press(11, 'next');
  await until('the caller key to call the next ticket', () => h.hub.core.state.windows.get(1)?.currentTicketId === kiosk2.ticket!.id);
  await until('LED 1 to show it', () => dev.display.state(1)?.lines.join('').includes(kiosk2.ticket!.number));
  // The call is the window's staff member's, through this agent's caller keypad 11 — and the audit says so.
  assert.deepEqual(
    { ...(db.prepare("SELECT actor_role, actor_id FROM audit_log WHERE command LIKE '%callNext%' ORDER BY id DESC LIMIT 1").get() as object) },
    { actor_role: 'staff', actor_id: '0101 via agent PC1/pads:11' },
  );

  const devices = agent.status().devices;
  assert.deepEqual(
    devices.map((d) => `${d.id}:${d.kind}`).slice(0, 3),
    ['printer-k2:printer', 'led-1:led', 'led-2:led'],
  );
  await until('every device online', () => agent.status().devices.every((d) => d.online));
});

test('paper out at the printer stops the kiosk issuing, with the reason; paper back resumes it', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const dev = await hallDevices('paper');
  t.after(() => dev.close());
  const agent = await runAgent(dev.config(h.url, h.tokens.agent), { log: agentLog(), configDir: dev.dir });
  t.after(() => agent.close());
  const kiosk = await h.kiosk(h.tokens.kioskWithPrinter);
  await waitFor<KioskState>(kiosk, 'kiosk:state', (s) => s.canIssue, 15_000);

  dev.printer.setState({ paper: 'out' });
  // (Earlier states, from before the agent announced its printer, are skipped by the predicate.)
  const stopped = await waitFor<KioskState>(kiosk, 'kiosk:state', (s) => !s.canIssue && /缺纸/.test(s.message ?? ''), 15_000);
  assert.equal(stopped.message, '缺纸，暂停取号，请联系工作人员');
  const refused = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.equal(refused.ok, false);
  const printer = agent.status().devices.find((d) => d.id === 'printer-k2');
  assert.match(printer?.message ?? '', /缺纸/);

  dev.printer.setState({ paper: 'ok' });
  await waitFor<KioskState>(kiosk, 'kiosk:state', (s) => s.canIssue, 15_000);
});

test('a print job the hub repeats (its answer was lost) prints one ticket and gets the same answer', async (t) => {
  const dev = await hallDevices('dedupe');
  t.after(() => dev.close());
  const config = dev.config('http://127.0.0.1:9', '0123456789abcdef0123');
  const devices = new AgentDevices(config, agentLog());
  t.after(() => devices.close());
  devices.start();
  await until('the printer ready', () => devices.healthAll().find((d) => d.deviceId === 'printer-k2')?.canPrint);
  const jobs = new JobRunner(devices, agentLog());
  const job: DeviceJob = {
    id: 'j7',
    deviceId: 'printer-k2',
    kind: 'print',
    kioskId: 'K2',
    ticket: { id: 't1', visitId: 'v1', leg: 1, day: '2026-11-30', number: 'A007', serviceCode: 'GS-01', kind: 'priority', status: 'waiting', lane: 'priority', issuedAt: Date.UTC(2026, 10, 30, 1, 30), queuedAt: 0, rank: 0, recalls: 0, reprints: 0 },
    serviceName: '企业设立登记',
    departmentName: '市场监督管理局',
    hallName: '测试政务服务中心',
    timeZone: 'Asia/Shanghai',
    peopleAhead: 2,
    estimatedWaitMinutes: 10,
    statusUrl: 'http://127.0.0.1/t/v1?k=x',
    reprint: false,
  };
  const receipt = dev.printer.nextReceipt(15_000);
  // The first run and a retry while it is still printing, then a retry after it finished.
  const [a, b] = await Promise.all([jobs.run(job), jobs.run(job)]);
  const c = await jobs.run({ ...job });
  assert.deepEqual([a, b, c], [{ ok: true }, { ok: true }, { ok: true }]);
  const printed = await receipt;
  assert.ok(printed.lines.some((l) => l.text === 'A007'));
  assert.ok(printed.lines.some((l) => l.text.includes('优先')), 'the priority mark is printed');
  // A different job that reuses the id (the hub restarted and counts from j1 again) does print.
  const again = dev.printer.nextReceipt(15_000);
  assert.deepEqual(await jobs.run({ ...job, ticket: { ...job.ticket, id: 't2', number: 'A008' } }), { ok: true });
  assert.ok((await again).lines.some((l) => l.text === 'A008'));
  assert.equal(dev.printer.receipts.length, 2, 'two tickets in all, not four');
});

test('an agent with a token the hub does not know says it was refused, and why', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const dev = await hallDevices('refused');
  t.after(() => dev.close());
  const agent = await runAgent(dev.config(h.url, 'not-a-paired-token-0000'), { log: agentLog(), configDir: dev.dir });
  t.after(() => agent.close());
  const seen: string[] = [];
  const off = agent.onStatus((s) => seen.push(s.hub));
  const status = await until('the refusal', () => agent.status().hub === 'refused' && agent.status());
  assert.equal(status.hubMessage, '设备未配对或令牌无效，请在管理后台重新配对');
  assert.equal(status.outboxPending, 0);
  assert.ok(seen.includes('refused'), 'listeners heard the refusal');
  off();
});

test('an agent not bound to its printer\'s kiosk is refused in the hub\'s words, and taken as soon as an administrator binds it', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const dev = await hallDevices('unbound');
  t.after(() => dev.close());
  // A hall PC paired for windows 1–4 only: its printer for kiosk K2 is not its to run.
  const token = h.hub.core.access.pairDevice({ id: 'PC2', role: 'agent', name: '2号工控机', hasPrinter: false, binding: { windows: [1, 2, 3, 4], kiosks: [] } });
  const agent = await runAgent(dev.config(h.url, token), { log: agentLog(), configDir: dev.dir, refusedRetryMs: 200 });
  t.after(() => agent.close());
  const status = await until('the refusal', () => agent.status().hub === 'refused' && agent.status());
  assert.equal(status.hubMessage, '2号工控机（PC2）未绑定取号机K2，不能接入取号机K2打印机（printer-k2），请联系管理员绑定');
  assert.deepEqual(h.hub.core.devices.devicesOf('PC2'), []);

  h.hub.core.access.bindAgent('PC2', { windows: [1, 2, 3, 4], kiosks: ['K2'] });
  await until('the agent online with its devices', () => agent.status().hub === 'online');
  assert.equal(agent.status().hubMessage, undefined);
  const kiosk = await h.kiosk(h.tokens.kioskWithPrinter);
  await waitFor<KioskState>(kiosk, 'kiosk:state', (s) => s.canIssue, 15_000);
  assert.equal(h.hub.core.devices.devicesOf('PC2').length, agent.status().devices.length);
});
