// A network ticket printer (raw TCP, port 9100 in a hall) played by the simulator on 127.0.0.1,
// and a write-only printer (a device file) whose status the driver must not pretend to know.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { TcpTransport } from '../../../drivers/transport/tcp.js';
import { FileTransport } from '../../../drivers/transport/file.js';
import { EscposPrinter } from '../../../drivers/printer/escpos-printer.js';
import type { PrinterStatusReport } from '../../../drivers/printer/types.js';
import { PrinterSimulator } from '../../../drivers/sim/printer-sim.js';
import { EscposInterpreter } from '../../../drivers/sim/printer-interpreter.js';
import { decodeAsb } from '../../../drivers/printer/status.js';
import { sampleTicket, waitForStatus } from '../../helpers/printer-fixtures.js';

const ready = (r: PrinterStatusReport) => r.known && r.canPrint;

describe('network ticket printer (TCP)', () => {
  test('round trip: a ticket and a test page print, paper out is refused, on 80 mm paper', async () => {
    const sim = await PrinterSimulator.listenTcp(0, '127.0.0.1');
    const printer = new EscposPrinter(new TcpTransport({ host: '127.0.0.1', port: sim.port }), {
      layout: { paperWidth: 80, qr: 'native' },
    });
    try {
      await printer.open();
      await waitForStatus(printer, ready, 2000);
      assert.equal(printer.name, `ESC/POS tcp 127.0.0.1:${sim.port}`);

      const ticket = sampleTicket({ ticketNumber: 'B107', statusUrl: 'https://hall.example.cn/t/B107?名=王' });
      let receiptComing = sim.nextReceipt();
      assert.deepEqual(await printer.print({ kind: 'ticket', ticket }), { ok: true, statusChecked: true });
      const receipt = await receiptComing;
      const number = receipt.lines.find((l) => l.text === 'B107');
      assert.ok(number && number.size.w >= 3);
      assert.ok(receipt.lines.some((l) => l.text === ticket.hallName));
      assert.deepEqual(receipt.qrCodes, [ticket.statusUrl]);

      receiptComing = sim.nextReceipt();
      const info = { hallName: '朝阳区政务服务中心', printerName: '取号机1', qrPayload: 'HallQ 测试' };
      assert.equal((await printer.print({ kind: 'test-page', info })).ok, true);
      const page = await receiptComing;
      assert.ok(page.lines.some((l) => l.text === '打印测试'));
      assert.deepEqual(page.qrCodes, ['HallQ 测试']);

      sim.setState({ paper: 'out' });
      await waitForStatus(printer, (r) => r.known && r.status.paper === 'out', 1000);
      const refused = await printer.print({ kind: 'ticket', ticket });
      assert.deepEqual(refused, { ok: false, code: 'paper-out', message: '缺纸' });
    } finally {
      await printer.close();
      await sim.close();
    }
    assert.deepEqual(printer.status(), { known: false, reason: 'closed', text: '打印机已关闭' });
    assert.equal((await printer.print({ kind: 'ticket', ticket: sampleTicket() })).ok, false);
  });

  test('raster QR mode also reads back through the network', async () => {
    const sim = await PrinterSimulator.listenTcp();
    const printer = new EscposPrinter(new TcpTransport({ host: '127.0.0.1', port: sim.port }), {
      layout: { paperWidth: 58, qr: 'raster' },
    });
    try {
      await printer.open();
      await waitForStatus(printer, ready, 2000);
      const receiptComing = sim.nextReceipt();
      assert.equal((await printer.print({ kind: 'ticket', ticket: sampleTicket() })).ok, true);
      assert.deepEqual((await receiptComing).qrCodes, [sampleTicket().statusUrl]);
    } finally {
      await printer.close();
      await sim.close();
    }
  });
});

describe('simulated printer: automatic status back', () => {
  test('GS a 0F gets the current status at once and a push on every change; GS a 0 stops them', async () => {
    const sim = await PrinterSimulator.listenTcp();
    const socket = connect(sim.port, '127.0.0.1');
    const received: number[] = [];
    socket.on('data', (chunk) => received.push(...chunk));
    const bytesArrived = async (n: number) => {
      for (let i = 0; i < 100 && received.length < n; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(received.length, n);
    };
    try {
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(Buffer.from([0x1d, 0x61, 0x0f]));
      await bytesArrived(4);
      assert.equal(decodeAsb(received.slice(0, 4)).paper, 'ok');
      sim.setState({ paper: 'out' });
      await bytesArrived(8);
      assert.equal(decodeAsb(received.slice(4, 8)).paper, 'out');
      socket.write(Buffer.from([0x1d, 0x61, 0x00, 0x10, 0x04, 0x04]));
      await bytesArrived(9);
      sim.setState({ paper: 'ok', coverOpen: true });
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(received.length, 9, 'no push after GS a 0; only the DLE EOT 4 reply');
      assert.equal(received[8], 0x12 | 0x0c | 0x60);
    } finally {
      socket.destroy();
      await sim.close();
    }
  });
});

describe('write-only printer (device file)', () => {
  test('prints, but says the status is unknown instead of pretending', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallq-lp-'));
    const path = join(dir, 'lp0');
    writeFileSync(path, '');
    const printer = new EscposPrinter(new FileTransport({ path }));
    try {
      await printer.open();
      const report = printer.status();
      assert.equal(report.known, false);
      assert.equal(!report.known && report.reason, 'write-only');
      assert.match(report.text, /无法读取打印机状态/);
      assert.deepEqual(await printer.print({ kind: 'ticket', ticket: sampleTicket() }), { ok: true, statusChecked: false });
      const written = readFileSync(path);
      assert.equal(written.indexOf(Buffer.from([0x10, 0x04])), -1, 'no status queries to a pipe that cannot answer');
      const receipts = new EscposInterpreter().feed(written).filter((e) => e.type === 'receipt');
      assert.equal(receipts.length, 1);
    } finally {
      await printer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
