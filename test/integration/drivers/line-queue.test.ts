import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPtyPair } from '../../helpers/pty.js';
import { SerialTransport } from '../../../drivers/transport/serial.js';
import { LineQueue, type ReplyParser } from '../../../drivers/transport/line-queue.js';
import { TransportError } from '../../../drivers/transport/types.js';

// A toy multi-drop protocol: request `02 addr cmd 03`, reply `06 addr cmd value 03`.
const request = (addr: number, cmd: number) => Buffer.from([0x02, addr, cmd, 0x03]);
const replyFrom =
  (addr: number, cmd: number): ReplyParser<number> =>
  (buf) => {
    for (let i = 0; i + 4 < buf.length; i++) {
      if (buf[i] === 0x06 && buf[i + 1] === addr && buf[i + 2] === cmd && buf[i + 4] === 0x03) return buf[i + 3];
    }
    return undefined;
  };

/**
 * The far end of an RS-485 line: every device hears every byte; the one whose address matches
 * answers after a short think. `timeline` records what crossed the line, in order.
 */
function bus(device: SerialTransport, addresses: number[]) {
  const timeline: string[] = [];
  let pending = Buffer.alloc(0);
  let overlaps = 0;
  let answering = 0;
  device.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (let start = pending.indexOf(0x02); start >= 0 && pending.length - start >= 4; start = pending.indexOf(0x02)) {
      const [addr, cmd, end] = [pending[start + 1]!, pending[start + 2]!, pending[start + 3]!];
      pending = pending.subarray(start + 4);
      if (end !== 0x03) continue;
      timeline.push(`req ${addr}`);
      if (answering > 0) overlaps++; // a request while a device is still to answer: the master talked over it
      if (!addresses.includes(addr)) continue;
      answering++;
      setTimeout(() => {
        timeline.push(`rep ${addr}`);
        answering--;
        void device.write(Buffer.from([0x06, addr, cmd, addr * 2 + cmd, 0x03]));
      }, 5 + ((addr * 7) % 11));
    }
  });
  return { timeline, overlaps: () => overlaps };
}

test('two devices on one pty line answer by address, one exchange at a time', async () => {
  const pair = await createPtyPair('rs485');
  const host = new SerialTransport({ path: pair.host, baudRate: 9600 });
  const device = new SerialTransport({ path: pair.device, baudRate: 9600 });
  await host.open();
  await device.open();
  const line = bus(device, [3, 4]);
  const q = new LineQueue(host);
  try {
    const asks = [3, 4, 3, 4, 4, 3].map((addr, i) => q.request(request(addr, i), { replyParser: replyFrom(addr, i), timeoutMs: 1000 }));
    assert.deepEqual(await Promise.all(asks), [6, 9, 8, 11, 12, 11]);
    assert.deepEqual(line.timeline, ['req 3', 'rep 3', 'req 4', 'rep 4', 'req 3', 'rep 3', 'req 4', 'rep 4', 'req 4', 'rep 4', 'req 3', 'rep 3']);
    assert.equal(line.overlaps(), 0);
  } finally {
    q.close();
    await host.close();
    await device.close();
    await pair.close();
  }
});

test('a silent address times out and frees the line for the devices that answer', async () => {
  const pair = await createPtyPair('rs485-dead');
  const host = new SerialTransport({ path: pair.host, baudRate: 9600 });
  const device = new SerialTransport({ path: pair.device, baudRate: 9600 });
  await host.open();
  await device.open();
  const line = bus(device, [3, 4]);
  const q = new LineQueue(host);
  try {
    const started = Date.now();
    const dead = q.request(request(9, 1), { replyParser: replyFrom(9, 1), timeoutMs: 150 });
    const alive = q.request(request(4, 2), { replyParser: replyFrom(4, 2), timeoutMs: 1000 });
    await assert.rejects(dead, (e: unknown) => e instanceof TransportError && e.code === 'timeout' && /no reply within 150 ms to 02 09 01 03/.test(e.message));
    assert.equal(await alive, 10);
    assert.ok(Date.now() - started >= 150);
    assert.deepEqual(line.timeline, ['req 9', 'req 4', 'rep 4']);
    // Fire-and-forget frames share the same queue.
    await q.send(request(3, 0x7f));
    assert.equal(await q.request(request(3, 5), { replyParser: replyFrom(3, 5), timeoutMs: 1000 }), 11);
  } finally {
    q.close();
    await host.close();
    await device.close();
    await pair.close();
  }
});
