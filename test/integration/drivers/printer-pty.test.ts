// The ticket printer driver over a real serial line (a socat pty pair) with the simulated printer on
// the far end: what the kiosk prints is what comes out, and paper-out, cover-open, a silent printer
// and a pulled cable are each reported within a second and recovered from.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SerialTransport } from '../../../drivers/transport/serial.js';
import { EscposPrinter } from '../../../drivers/printer/escpos-printer.js';
import type { PrinterStatusReport } from '../../../drivers/printer/types.js';
import { PrinterSimulator } from '../../../drivers/sim/printer-sim.js';
import { receiptToPng } from '../../../drivers/sim/printer-render.js';
import { createPtyPair, type PtyPair } from '../../helpers/pty.js';
import { sampleTicket, waitForStatus } from '../../helpers/printer-fixtures.js';

const ready = (r: PrinterStatusReport) => r.known && r.canPrint;

describe('ticket printer over a serial line', () => {
  let pair: PtyPair;
  let sim: PrinterSimulator;
  let printer: EscposPrinter;

  before(async () => {
    pair = await createPtyPair('printer');
    sim = await PrinterSimulator.attachSerial(pair.device);
    printer = new EscposPrinter(new SerialTransport({ path: pair.host, baudRate: 115200 }), { pollIntervalMs: 300 });
    await printer.open();
    await waitForStatus(printer, ready, 2000);
  });

  after(async () => {
    await printer.close();
    await sim.close();
    await pair.close();
  });

  test('a printed ticket comes out with its number, Chinese text and QR payload', async () => {
    const ticket = sampleTicket({ kindLabel: '优先' });
    const receiptComing = sim.nextReceipt();
    const result = await printer.print({ kind: 'ticket', ticket });
    assert.deepEqual(result, { ok: true, statusChecked: true });
    const receipt = await receiptComing;
    const number = receipt.lines.find((l) => l.text === ticket.ticketNumber);
    assert.ok(number, 'the number line');
    assert.ok(number.size.w >= 3 && number.size.h >= 3, `number size ${JSON.stringify(number.size)}`);
    const texts = receipt.lines.map((l) => l.text);
    for (const expected of [ticket.hallName, ticket.departmentName, ticket.serviceName, ticket.notice, '【优先】']) {
      assert.ok(texts.includes(expected), expected);
    }
    assert.deepEqual(receipt.qrCodes, [ticket.statusUrl]);
    assert.equal(receipt.cuts, 1);
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/printer-ticket-58.png', receiptToPng(receipt, { widthDots: 384 }));
  });

  test('paper out is reported within 1 s and a print is refused with 缺纸', async () => {
    sim.setState({ paper: 'out' });
    const { report, ms } = await waitForStatus(printer, (r) => r.known && r.status.paper === 'out', 1000);
    assert.ok(ms < 1000, `${ms} ms`);
    assert.equal(report.known && report.canPrint, false);
    assert.equal(report.text, '缺纸');
    const before = sim.receipts.length;
    const result = await printer.print({ kind: 'ticket', ticket: sampleTicket() });
    assert.deepEqual(result, { ok: false, code: 'paper-out', message: '缺纸' });
    await sleep(100);
    assert.equal(sim.receipts.length, before, 'nothing was sent to print');
    sim.setState({ paper: 'ok' });
    await waitForStatus(printer, ready, 1000);
  });

  test('paper near end is reported but tickets still print', async () => {
    sim.setState({ paper: 'near-end' });
    const { report } = await waitForStatus(printer, (r) => r.known && r.status.paper === 'near-end', 1000);
    assert.equal(report.text, '纸将尽');
    assert.equal((await printer.print({ kind: 'ticket', ticket: sampleTicket() })).ok, true);
    sim.setState({ paper: 'ok' });
    await waitForStatus(printer, (r) => r.known && r.status.paper === 'ok', 1000);
  });

  test('an open cover is reported within 1 s and refuses a print', async () => {
    sim.setState({ coverOpen: true });
    const { ms } = await waitForStatus(printer, (r) => r.known && r.status.coverOpen, 1000);
    assert.ok(ms < 1000);
    const result = await printer.print({ kind: 'ticket', ticket: sampleTicket() });
    assert.deepEqual(result, { ok: false, code: 'cover-open', message: '打印机盖未关' });
    sim.setState({ coverOpen: false });
    await waitForStatus(printer, ready, 1000);
  });

  test('a cutter error is found through DLE EOT 3 and refuses a print', async () => {
    sim.setState({ cutterError: true });
    await waitForStatus(printer, (r) => r.known && r.status.cutterError, 1000);
    const result = await printer.print({ kind: 'ticket', ticket: sampleTicket() });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.code, 'cutter-error');
    assert.equal(!result.ok && result.message, '切刀故障');
    sim.setState({ cutterError: false });
    await waitForStatus(printer, ready, 1000);
  });

  test('a printer that stops answering is reported offline within 1 s', async () => {
    sim.setState({ offline: true });
    const { report, ms } = await waitForStatus(printer, (r) => r.known && !r.status.responding, 1000);
    assert.ok(ms < 1000, `${ms} ms`);
    assert.match(report.text, /^脱机/);
    const result = await printer.print({ kind: 'ticket', ticket: sampleTicket() });
    assert.equal(!result.ok && result.code, 'no-reply');
    sim.setState({ offline: false });
    await waitForStatus(printer, ready, 1500);
  });

  test('a pulled cable is reported at once; when it is back the printer recovers and prints', async () => {
    await pair.cut();
    const { report, ms } = await waitForStatus(printer, (r) => !r.known || !r.canPrint, 1000);
    assert.ok(ms < 1000, `${ms} ms`);
    // Which comes first depends on timing: our status query going unanswered, or the port's EIO.
    assert.ok(report.known ? !report.status.responding : report.reason === 'not-connected', JSON.stringify(report));
    const refused = await printer.print({ kind: 'ticket', ticket: sampleTicket() });
    assert.equal(refused.ok, false);
    await pair.restore();
    await waitForStatus(printer, ready, 5000);
    const receiptComing = sim.nextReceipt();
    assert.deepEqual(await printer.print({ kind: 'ticket', ticket: sampleTicket({ ticketNumber: 'A013' }) }), {
      ok: true,
      statusChecked: true,
    });
    assert.ok((await receiptComing).lines.some((l) => l.text === 'A013'));
  });

  test('random bytes at the simulator and at the driver: nothing crashes, both recover', async () => {
    const raw = randomBytes(4096);
    const result = await printer.print({ kind: 'raw', bytes: raw, description: 'noise' });
    assert.equal(result.ok, true);
    for (let i = 0; i < 20; i++) {
      sim.sendRaw(randomBytes(64));
      await sleep(10);
    }
    // Garbage may leave the simulated printer inside some long command; switch it off and on.
    sim.powerCycle();
    await sleep(400);
    await waitForStatus(printer, ready, 1500);
    const receiptComing = sim.nextReceipt();
    assert.equal((await printer.print({ kind: 'ticket', ticket: sampleTicket({ ticketNumber: 'C001' }) })).ok, true);
    assert.ok((await receiptComing).lines.some((l) => l.text === 'C001'));
  });
});
