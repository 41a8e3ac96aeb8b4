// The proof of issue 16, end to end: a real hub, `runAgent` with a 居民身份证 reader played by the
// simulator over a socat pty and a ticket printer over TCP, and the kiosk page's socket. A card laid
// on the reader takes a number that is printed; 一人一号 refuses a second; a 68-year-old is given
// priority; a booking checks in by card; noise and a card pulled mid-read give nothing and break
// nothing; and no digit of the ID number is anywhere in clear: database file, WAL, agent outbox,
// hub and agent logs, the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { parseAgentConfig, runAgent } from '../../../main/agent/index.js';
import type { KioskIdentity, KioskState, PrintResult } from '../../../main/protocol/index.js';
import { PrinterSimulator } from '../../../drivers/sim/printer-sim.js';
import { IdCardSim } from '../../../drivers/sim/idcard-sim.js';
import { SAMPLE_CARDS } from '../../../drivers/sim/idcard-cards.js';
import { createPtyPair } from '../../helpers/pty.js';
import { hubHall, received, rid, startTestHub, waitFor } from '../../helpers/hub.js';
import { at } from '../../helpers/queue-harness.js';
import { until } from './harness.js';

const capture = (lines: string[]) => pino({ level: 'trace' }, new Writable({ write: (c: Buffer, _e, done) => (lines.push(c.toString('utf8')), done()) }));

test('swipe to take a number, 一人一号, priority at 68, check-in by card; noise and a pulled card give nothing; no ID digits anywhere', async (t) => {
  const hubLogs: string[] = [];
  const agentLogs: string[] = [];
  const h = await startTestHub({
    clock: () => at('10:00', '2026-12-01'),
    hall: hubHall((c) => void (c.identity = { dailyLimitPerPerson: 1 })),
    log: capture(hubLogs),
  });
  const dir = mkdtempSync(join(tmpdir(), 'hallq-agent-idcard-'));
  const printer = await PrinterSimulator.listenTcp(0, '127.0.0.1');
  const line = await createPtyPair('idcard-e2e');
  const reader = new IdCardSim({ path: line.device });
  await reader.open();
  const config = parseAgentConfig(`hub:
  url: ${h.url}
  token: ${h.tokens.agent}
outbox: outbox.db
devices:
  - id: printer-k2
    kind: printer
    kioskId: K2
    transport: { kind: tcp, host: 127.0.0.1, port: ${printer.port} }
  - id: idcard-k2
    kind: idcard
    kioskId: K2
    transport: { kind: serial, path: ${line.host}, baudRate: 115200 }
    pollIntervalMs: 100
`);
  const agent = await runAgent(config, { log: capture(agentLogs), configDir: dir });
  t.after(async () => {
    await agent.close();
    await reader.close();
    await line.close();
    await printer.close();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const kiosk = await h.kiosk(h.tokens.kioskWithPrinter);
  await waitFor<KioskState>(kiosk, 'kiosk:state', (s) => s.canIssue, 15_000);
  await until('the reader online', () => agent.status().devices.find((d) => d.id === 'idcard-k2')?.online);

  /** Lay a card on the reader; the page is told; lift it once it has been read. */
  const swipe = async (card: keyof typeof SAMPLE_CARDS): Promise<KioskIdentity> => {
    const told = waitFor<KioskIdentity>(kiosk, 'kiosk:identity', () => true, 10_000);
    reader.place(card);
    const identity = await told;
    reader.remove();
    // The agent sees the card gone before the next one is laid.
    const finds = reader.counts.find;
    await until('a poll with no card', () => reader.counts.find >= finds + 2);
    return identity;
  };
  const issueAndPrint = async (identity: KioskIdentity) => {
    const receipt = printer.nextReceipt(15_000);
    const issued = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal', identityRef: identity.ref });
    assert.ok(issued.ok && issued.ticket, JSON.stringify(issued));
    const printed = await receipt;
    assert.ok(printed.lines.some((l) => l.text === issued.ticket!.number), `receipt shows ${issued.ticket.number}`);
    const result = await waitFor<PrintResult>(kiosk, 'ticket:printed', (r) => r.ticketId === issued.ticket!.id, 15_000);
    assert.equal(result.ok, true);
    return issued.ticket;
  };

  // Swipe → a ticket printed for that person, the page showing only 张*.
  const adult = await swipe('adult');
  assert.equal(adult.maskedName, '张*');
  const first = await issueAndPrint(adult);
  assert.deepEqual([first.number, first.kind], ['A001', 'normal']);

  // The same card again, the same service, the same day: 一人一号.
  const again = await swipe('adult');
  const refused = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal', identityRef: again.ref });
  assert.deepEqual(refused.ok ? null : [refused.code, refused.message], ['one-per-person', '您今日已取A001号']);

  // A 68-year-old: a priority ticket, printed.
  const senior = await swipe('senior');
  assert.deepEqual([senior.maskedName, senior.priority], ['李**', true]);
  assert.equal((await issueAndPrint(senior)).kind, 'priority');

  // A booking made with the ID number checks in by card.
  const page = await h.publicClient();
  const expired = SAMPLE_CARDS.expired.text;
  const booked = await page.emitWithAck('appointment:book', {
    requestId: rid(),
    serviceCode: 'ZJ-01',
    slotStart: at('10:30', '2026-12-01'),
    name: expired.name,
    phone: '13800138000',
    idNumber: expired.idNumber,
  });
  assert.ok(booked.ok, JSON.stringify(booked));
  const booker = await swipe('expired');
  assert.deepEqual([booker.hasAppointment, booker.expired], [true, true]);
  const checkedIn = await kiosk.emitWithAck('appointment:checkIn', { requestId: rid(), identityRef: booker.ref });
  assert.ok(checkedIn.ok && checkedIn.ticket?.kind === 'appointment', JSON.stringify(checkedIn));

  // Random bytes on the line and a card snatched away mid-read: no identity, no ticket, no crash.
  const tickets = h.hub.core.state.tickets.size;
  const identities = () => received(kiosk).filter((r) => r.event === 'kiosk:identity').length;
  const told = identities();
  for (let i = 0; i < 10; i++) await reader.inject(randomBytes(300));
  reader.pullNextRead();
  reader.place('adult');
  await until('the read cut off', () => !reader.hasCard);
  const finds = reader.counts.find;
  await until('the reader polling on', () => reader.counts.find >= finds + 5);
  assert.equal(identities(), told, 'no card reached the page');
  assert.equal(h.hub.core.state.tickets.size, tickets);
  assert.equal(agent.status().devices.find((d) => d.id === 'idcard-k2')?.online, true);
  // … and the next swipe works.
  const after = await swipe('adult');
  assert.equal(after.maskedName, '张*');

  // Nothing of any card in clear: database file and WAL, the agent's outbox and logs, the hub's logs, the page.
  await agent.close();
  await h.hub.close();
  const files = [h.dbPath, `${h.dbPath}-wal`, ...readdirSync(dir).map((f) => join(dir, f))].flatMap((f) => {
    try {
      return [[f, readFileSync(f)] as const];
    } catch {
      return [];
    }
  });
  assert.ok(files.some(([f]) => f === h.dbPath));
  const texts = [['hub log', hubLogs.join('')], ['agent log', agentLogs.join('')], ['kiosk page', JSON.stringify(received(kiosk))]] as const;
  assert.ok(hubLogs.length > 0 && agentLogs.length > 0);
  for (const { text } of Object.values(SAMPLE_CARDS)) {
    for (const secret of [text.idNumber, text.idNumber.slice(0, 17), text.idNumber.slice(6, 14), text.name]) {
      for (const [f, bytes] of files) {
        assert.equal(bytes.includes(Buffer.from(secret, 'utf8')), false, `${f} holds card data in clear (${secret.length} chars)`);
        assert.equal(bytes.includes(Buffer.from(secret, 'utf16le')), false, `${f} holds card data as UTF-16`);
      }
      for (const [where, text] of texts) assert.equal(text.includes(secret), false, `${where} holds card data (${secret.length} chars)`);
    }
  }
});

test('a serial code scanner at the kiosk: the booking code it reads reaches that kiosk page, which checks it in; noise reaches nobody', async (t) => {
  const h = await startTestHub({ clock: () => at('10:00', '2026-12-01') });
  const dir = mkdtempSync(join(tmpdir(), 'hallq-agent-scanner-'));
  const line = await createPtyPair('scanner-e2e');
  const { SerialPort } = await import('serialport');
  const gun = new SerialPort({ path: line.device, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => gun.open((e) => (e ? reject(e) : resolve())));
  const config = parseAgentConfig(`hub:
  url: ${h.url}
  token: ${h.tokens.agent}
outbox: outbox.db
devices:
  - id: scanner-k1
    kind: scanner
    kioskId: K1
    transport: { kind: serial, path: ${line.host}, baudRate: 9600 }
`);
  const agent = await runAgent(config, { log: pino({ level: 'silent' }), configDir: dir });
  t.after(async () => {
    await agent.close();
    await new Promise<void>((resolve) => gun.close(() => resolve()));
    await line.close();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const page = await h.publicClient();
  const booked = await page.emitWithAck('appointment:book', { requestId: rid(), serviceCode: 'ZJ-01', slotStart: at('10:30', '2026-12-01'), name: '赵六', phone: '13612345678' });
  assert.ok(booked.ok && booked.appointment, JSON.stringify(booked));
  const k1 = await h.kiosk();
  const k2 = await h.kiosk(h.tokens.kioskWithPrinter);
  await until('the scanner online', () => agent.status().devices.find((d) => d.id === 'scanner-k1')?.online);
  await until('announced', () => h.hub.core.devices.list().some((d) => d.deviceId === 'scanner-k1'));
  const scans = () => received(k1).filter((r) => r.event === 'kiosk:scan');
  gun.write(Buffer.concat([Buffer.from([0x01, 0x02, 0xff, 0x0d]), Buffer.from(`${booked.appointment.code}\r\n`)]));
  const scan = await waitFor<{ text: string }>(k1, 'kiosk:scan', () => true, 10_000);
  assert.deepEqual(scan, { text: booked.appointment.code });
  const checkedIn = await k1.emitWithAck('appointment:checkIn', { requestId: rid(), code: scan.text });
  assert.ok(checkedIn.ok && checkedIn.ticket?.kind === 'appointment', JSON.stringify(checkedIn));
  assert.equal(scans().length, 1, 'the noise was not a scan');
  assert.equal(received(k2).some((r) => r.event === 'kiosk:scan'), false, 'another kiosk is not told');
});
