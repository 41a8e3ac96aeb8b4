import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { collect, waitForState } from '../../helpers/transport.js';
import { TcpTransport } from '../../../drivers/transport/tcp.js';
import { TransportError } from '../../../drivers/transport/types.js';

/** A stand-in network printer: remembers what it got, answers status queries `10 04 n` with 0x12. */
function fakePrinter(): { server: Server; received: Buffer[]; sockets: Set<Socket>; listen(port?: number): Promise<number>; stop(): Promise<void> } {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      received.push(chunk);
      for (let i = 0; i + 1 < chunk.length; i++) {
        if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) socket.write(Buffer.from([0x12]));
      }
    });
  });
  return {
    server,
    received,
    sockets,
    listen: (port = 0) =>
      new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

test('a network printer gets our bytes and its status reply comes back', async () => {
  const printer = fakePrinter();
  const port = await printer.listen();
  const t = new TcpTransport({ host: '127.0.0.1', port });
  try {
    await t.open();
    assert.equal(t.name, `tcp 127.0.0.1:${port}`);
    const replies = collect(t);
    await t.write(Buffer.from([0x1b, 0x40, 0x10, 0x04, 0x01]));
    assert.deepEqual([...(await replies.take(1))], [0x12]);
    assert.deepEqual([...Buffer.concat(printer.received)], [0x1b, 0x40, 0x10, 0x04, 0x01]);
  } finally {
    await t.close();
    await printer.stop();
  }
});

test('writes reach the printer in call order', async () => {
  const printer = fakePrinter();
  const port = await printer.listen();
  const t = new TcpTransport({ host: '127.0.0.1', port });
  try {
    await t.open();
    const frames = Array.from({ length: 500 }, (_, i) => Buffer.from(`line ${i}\n`));
    await Promise.all(frames.map((f) => t.write(f)));
    const expected = Buffer.concat(frames);
    const deadline = Date.now() + 3000;
    while (Buffer.concat(printer.received).length < expected.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.deepEqual(Buffer.concat(printer.received), expected);
  } finally {
    await t.close();
    await printer.stop();
  }
});

test('a printer restarted: reconnecting, writes refused, then open again on its own', async () => {
  const printer = fakePrinter();
  const port = await printer.listen();
  const t = new TcpTransport({ host: '127.0.0.1', port });
  const again = fakePrinter();
  try {
    await t.open();
    const reconnecting = waitForState(t, 'reconnecting');
    await printer.stop();
    await reconnecting;
    await assert.rejects(t.write(Buffer.from('x')), (e: unknown) => e instanceof TransportError && e.code === 'not-open');
    await new Promise((r) => setTimeout(r, 600));
    await again.listen(port);
    const took = await waitForState(t, 'open', 3000);
    assert.ok(took < 3000);
    await t.write(Buffer.from('after restart'));
    const deadline = Date.now() + 2000;
    while (Buffer.concat(again.received).toString() !== 'after restart' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(Buffer.concat(again.received).toString(), 'after restart');
  } finally {
    await t.close();
    if (again.server.listening) await again.stop();
  }
});

test('nobody listening: open rejects, naming the printer and what to check', async () => {
  const printer = fakePrinter();
  const port = await printer.listen();
  await printer.stop();
  const t = new TcpTransport({ host: '127.0.0.1', port });
  await assert.rejects(t.open(), (e: unknown) => {
    assert.ok(e instanceof TransportError);
    assert.equal(e.code, 'not-found');
    assert.match(e.message, new RegExp(`^tcp 127\\.0\\.0\\.1:${port}: connection refused`));
    return true;
  });
  assert.equal(t.state, 'closed');
});

test('a connect that hangs gives up after connectTimeoutMs', async () => {
  // 192.0.2.0/24 is TEST-NET-1: never routed. Some sandboxes answer "unreachable" at once instead.
  const t = new TcpTransport({ host: '192.0.2.1', port: 9100, connectTimeoutMs: 200 });
  const started = Date.now();
  await assert.rejects(t.open(), (e: unknown) => {
    assert.ok(e instanceof TransportError);
    assert.ok(e.code === 'timeout' || e.code === 'not-found', e.message);
    assert.match(e.message, /^tcp 192\.0\.2\.1:9100: /);
    return true;
  });
  assert.ok(Date.now() - started < 1500);
});

test('the printer closing the connection itself is a reconnect, not a failure', async () => {
  const printer = fakePrinter();
  const port = await printer.listen();
  const t = new TcpTransport({ host: '127.0.0.1', port });
  try {
    await t.open();
    const reconnecting = waitForState(t, 'reconnecting');
    for (const s of printer.sockets) s.end();
    await reconnecting;
    await waitForState(t, 'open', 3000);
    assert.equal(printer.sockets.size, 1);
  } finally {
    await t.close();
    await printer.stop();
  }
});
