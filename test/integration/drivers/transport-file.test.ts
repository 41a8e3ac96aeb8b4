import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { constants, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect, waitForState } from '../../helpers/transport.js';
import { FileTransport } from '../../../drivers/transport/file.js';
import { TransportError } from '../../../drivers/transport/types.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'hallq-file-'));
}

async function until(check: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('a printer device file gets our bytes in call order and never reports data', async () => {
  const dir = tempDir();
  const path = join(dir, 'lp0');
  writeFileSync(path, '');
  const t = new FileTransport({ path });
  let data = 0;
  t.on('data', () => data++);
  try {
    await t.open();
    assert.equal(t.name, `file ${path}`);
    assert.equal(t.canRead, false);
    const frames = Array.from({ length: 300 }, (_, i) => Buffer.from(`${i},`));
    await Promise.all(frames.map((f) => t.write(f)));
    assert.equal(readFileSync(path, 'latin1'), Buffer.concat(frames).toString('latin1'));
    assert.equal(data, 0);
  } finally {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the device file disappears (unplugged) and comes back: reconnecting, then open again', async () => {
  const dir = tempDir();
  const path = join(dir, 'lp0');
  writeFileSync(path, '');
  const t = new FileTransport({ path, watchIntervalMs: 50 });
  try {
    await t.open();
    const reconnecting = waitForState(t, 'reconnecting');
    rmSync(path);
    await reconnecting;
    await assert.rejects(t.write(Buffer.from('lost')), (e: unknown) => e instanceof TransportError && e.code === 'not-open');
    writeFileSync(path, '');
    await waitForState(t, 'open', 3000);
    await t.write(Buffer.from('back'));
    assert.equal(readFileSync(path, 'latin1'), 'back');
  } finally {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing device file rejects open with what to check', async () => {
  const t = new FileTransport({ path: '/dev/usb/lp9-hallq-missing' });
  await assert.rejects(t.open(), (e: unknown) => {
    assert.ok(e instanceof TransportError);
    assert.equal(e.code, 'not-found');
    assert.equal(e.message, 'file /dev/usb/lp9-hallq-missing: no such device file; is the printer plugged in and switched on?');
    return true;
  });
  await t.close();
});

test('a write-only FIFO carries bytes to the reader on the other side', async () => {
  const dir = tempDir();
  const fifo = join(dir, 'fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo failed');
  // The far side: a non-blocking reader, so our blocking write-only open finds it there.
  const reader = new Socket({ fd: openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false });
  const chunks: Buffer[] = [];
  reader.on('data', (c: Buffer) => chunks.push(c));
  const t = new FileTransport({ path: fifo });
  try {
    await t.open();
    await t.write(Buffer.from([0x1b, 0x40, 0xba, 0xc5]));
    await until(() => Buffer.concat(chunks).length >= 4, 'the FIFO reader');
    assert.deepEqual([...Buffer.concat(chunks)], [0x1b, 0x40, 0xba, 0xc5]);
  } finally {
    await t.close();
    reader.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a readable device file reports what the device sends back', async () => {
  const dir = tempDir();
  const fifo = join(dir, 'lp0');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo failed');
  const t = new FileTransport({ path: fifo, readable: true, readIntervalMs: 5 });
  try {
    await t.open();
    assert.equal(t.canRead, true);
    const got = collect(t);
    // The "printer" answers a status query (a FIFO opened read-write is its own far side).
    writeFileSync(fifo, Buffer.from([0x12]));
    assert.deepEqual([...(await got.take(1))], [0x12]);
    await t.write(Buffer.from([0x10, 0x04, 0x01]));
    assert.deepEqual([...(await got.take(3))], [0x10, 0x04, 0x01]);
  } finally {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
