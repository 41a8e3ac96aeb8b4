// The ESC/POS driver against the mock transport, whose device side is a function: exact control of
// what is written and answered, no pty needed.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { MockTransport } from '../../../drivers/transport/mock.js';
import { EscposPrinter } from '../../../drivers/printer/escpos-printer.js';
import { realtimeReply, READY_STATE, type SimPrinterState } from '../../../drivers/sim/printer-sim.js';
import { sampleTicket, waitForStatus } from '../../helpers/printer-fixtures.js';

/** A printer that answers DLE EOT n from a state. */
function answering(state: () => SimPrinterState) {
  return (bytes: Buffer): Uint8Array | undefined =>
    bytes.length === 3 && bytes[0] === 0x10 && bytes[1] === 0x04 ? Uint8Array.of(realtimeReply(state(), bytes[2]!)) : undefined;
}

describe('ESC/POS driver (in-memory transport)', () => {
  test('turns ASB off first, then asks DLE EOT 1, 2, 4 one at a time', async () => {
    const transport = new MockTransport({ device: answering(() => READY_STATE) });
    const printer = new EscposPrinter(transport, { pollIntervalMs: 50 });
    await printer.open();
    await waitForStatus(printer, (r) => r.known && r.canPrint, 500);
    assert.deepEqual([...transport.writes[0]!], [0x1d, 0x61, 0x00]);
    const queries = transport.writes.slice(1, 4).map((w) => [...w]);
    assert.deepEqual(queries, [
      [0x10, 0x04, 0x01],
      [0x10, 0x04, 0x02],
      [0x10, 0x04, 0x04],
    ]);
    await printer.close();
  });

  test('checks the status right before printing, not from the last poll', async () => {
    let state: SimPrinterState = { ...READY_STATE };
    const transport = new MockTransport({ device: answering(() => state) });
    const printer = new EscposPrinter(transport, { pollIntervalMs: 10_000 });
    await printer.open();
    await waitForStatus(printer, (r) => r.known && r.canPrint, 500);
    state = { ...state, coverOpen: true }; // the poll has not seen this
    const result = await printer.print({ kind: 'ticket', ticket: sampleTicket() });
    assert.deepEqual(result, { ok: false, code: 'cover-open', message: '打印机盖未关' });
    assert.ok(!transport.writes.some((w) => w.length > 100), 'no ticket bytes sent');
    state = { ...READY_STATE };
    assert.deepEqual(await printer.print({ kind: 'ticket', ticket: sampleTicket() }), { ok: true, statusChecked: true });
    await printer.close();
  });

  test('an ASB push from a printer that had it on by DIP switch is used as the status', async () => {
    const transport = new MockTransport({ device: answering(() => READY_STATE) });
    const printer = new EscposPrinter(transport, { pollIntervalMs: 10_000 });
    await printer.open();
    await waitForStatus(printer, (r) => r.known && r.canPrint, 500);
    transport.emitData([0x18, 0x00, 0x0f, 0x00]);
    const { report } = await waitForStatus(printer, (r) => r.known && r.status.paper === 'out', 200);
    assert.equal(report.text, '缺纸');
    await printer.close();
  });

  test('no reply within the timeout: not responding, and a print is refused', async () => {
    const transport = new MockTransport({ device: () => undefined });
    const printer = new EscposPrinter(transport, { pollIntervalMs: 50, replyTimeoutMs: 100 });
    await printer.open();
    const { report } = await waitForStatus(printer, (r) => r.known && !r.status.responding, 500);
    assert.match(report.text, /^脱机/);
    const result = await printer.print({ kind: 'raw', bytes: Uint8Array.of(0x41, 0x0a), description: 'A' });
    assert.equal(!result.ok && result.code, 'no-reply');
    assert.ok(!transport.writes.some((w) => w[0] === 0x41));
    await printer.close();
  });

  test('a layout error is a refused job with a Chinese message, not an exception', async () => {
    const transport = new MockTransport({ device: answering(() => READY_STATE) });
    const printer = new EscposPrinter(transport, { pollIntervalMs: 10_000 });
    await printer.open();
    const result = await printer.print({ kind: 'ticket', ticket: sampleTicket({ issuedAt: 'yesterday' }) });
    assert.equal(!result.ok && result.code, 'bad-job');
    assert.match(!result.ok ? result.message : '', /^票据内容有误/);
    await printer.close();
  });

  test('write-only: status unknown, no queries, prints with statusChecked false', async () => {
    const transport = new MockTransport({ canRead: false });
    const printer = new EscposPrinter(transport);
    await printer.open();
    await sleep(50);
    assert.equal(printer.status().known, false);
    assert.deepEqual(await printer.print({ kind: 'ticket', ticket: sampleTicket() }), { ok: true, statusChecked: false });
    assert.equal(transport.writes.length, 1, 'only the ticket');
    await printer.close();
  });

  test('a failed open can be retried', async () => {
    const transport = new MockTransport({ device: answering(() => READY_STATE) });
    const realOpen = transport.open.bind(transport);
    let attempts = 0;
    transport.open = async () => {
      if (++attempts === 1) throw new Error('fake: no such device');
      return realOpen();
    };
    const printer = new EscposPrinter(transport, { pollIntervalMs: 10_000 });
    await assert.rejects(printer.open(), /no such device/);
    await printer.open();
    await waitForStatus(printer, (r) => r.known && r.canPrint, 500);
    assert.equal(transport.listenerCount('data'), 1);
    await printer.close();
  });

  test('jobs run one at a time in call order', async () => {
    const transport = new MockTransport({ device: answering(() => READY_STATE) });
    const printer = new EscposPrinter(transport, { pollIntervalMs: 10_000 });
    await printer.open();
    const jobs = ['A', 'B', 'C'].map((c) =>
      printer.print({ kind: 'raw', bytes: Buffer.from(`${c}\n`), description: c }),
    );
    assert.ok((await Promise.all(jobs)).every((r) => r.ok));
    const printed = transport.writes.filter((w) => w[0]! >= 0x41 && w[0]! <= 0x43).map((w) => w.toString('latin1'));
    assert.deepEqual(printed, ['A\n', 'B\n', 'C\n']);
    await printer.close();
  });
});
