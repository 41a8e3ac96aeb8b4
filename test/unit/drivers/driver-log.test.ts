// Drivers log where they are told to: into the runner's logger (the agent's, the app's file), tagged
// with their area; on their own, at the level HALLQ_LOG says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { driverLogger } from '../../../drivers/log.js';
import { createTicketPrinter } from '../../../drivers/factory.js';
import { MockTransport } from '../../../drivers/transport/mock.js';

function collectingLogger(): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ name: 'agent', level: 'info' }, sink), lines };
}

test('a printer from the factory writes its lines into the logger it was handed, tagged as escpos', async () => {
  const { log, lines } = collectingLogger();
  const printer = createTicketPrinter(new MockTransport({ name: 'mock COM1', canRead: false }), { paperWidth: 80, qr: 'native' }, log.child({ device: 'P1' }));
  await printer.open();
  await printer.close();
  await new Promise((r) => setImmediate(r));
  const mine = lines.filter((l) => l.driver === 'escpos');
  assert.ok(mine.length > 0, `no driver lines in ${JSON.stringify(lines)}`);
  assert.ok(mine.every((l) => l.name === 'agent' && l.device === 'P1' && l.printer === 'ESC/POS mock COM1'));
});

test('a driver on its own is named after its area and takes its level from HALLQ_LOG', () => {
  const before = process.env.HALLQ_LOG;
  try {
    process.env.HALLQ_LOG = 'debug';
    assert.equal(driverLogger('serial').level, 'debug');
    delete process.env.HALLQ_LOG;
    assert.equal(driverLogger('serial').level, 'silent', 'silent under node --test unless HALLQ_LOG is set');
  } finally {
    if (before === undefined) delete process.env.HALLQ_LOG;
    else process.env.HALLQ_LOG = before;
  }
});
