import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SerialPort } from 'serialport';
import { createPtyPair } from '../../helpers/pty.js';

test('a socat pty pair carries bytes both ways like a serial cable', async () => {
  const pair = await createPtyPair('smoke');
  const open = (path: string) =>
    new Promise<SerialPort>((resolve, reject) => {
      const port = new SerialPort({ path, baudRate: 9600 }, (err) => (err ? reject(err) : resolve(port)));
    });
  const host = await open(pair.host);
  const device = await open(pair.device);
  const received = new Promise<Buffer>((resolve) => device.once('data', resolve));
  host.write(Buffer.from([0x10, 0x04, 0x01]));
  assert.deepEqual([...(await received)], [0x10, 0x04, 0x01]);
  await new Promise((r) => host.close(r));
  await new Promise((r) => device.close(r));
  await pair.close();
});
