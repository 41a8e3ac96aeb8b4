// Shared set-up for keypad integration tests: a socat pty, a simulator on the device end, a
// SerialTransport + LineQueue on the host end. (Not a test file: no .test.ts suffix.)
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventEmitter } from 'node:events';
import { createPtyPair, type PtyPair } from '../../helpers/pty.js';
import { SerialTransport } from '../../../drivers/transport/serial.js';
import { LineQueue } from '../../../drivers/transport/line-queue.js';

export interface Rig<S> {
  pty: PtyPair;
  sim: S;
  transport: SerialTransport;
  queue: LineQueue;
  done(): Promise<void>;
}

export async function rig<S extends { open(): Promise<void>; close(): Promise<void> }>(
  name: string,
  makeSim: (devicePath: string) => S,
): Promise<Rig<S>> {
  const pty = await createPtyPair(name);
  const sim = makeSim(pty.device);
  await sim.open();
  const transport = new SerialTransport({ path: pty.host, baudRate: 9600, maxBackoffMs: 250 });
  await transport.open();
  const queue = new LineQueue(transport);
  // serialport starts reading just after open; let both ends settle (see transport-serial.test.ts).
  await sleep(50);
  return {
    pty,
    sim,
    transport,
    queue,
    async done() {
      queue.close();
      await transport.close();
      await sim.close();
      await pty.close();
    },
  };
}

/** Resolve with the next `event` payload matching `match`, or fail naming what was awaited. */
export function next<T>(emitter: EventEmitter, event: string, match: (value: T) => boolean = () => true, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, on);
      reject(new Error(`no matching '${event}' within ${timeoutMs} ms`));
    }, timeoutMs);
    function on(value: T): void {
      if (!match(value)) return;
      clearTimeout(timer);
      emitter.off(event, on);
      resolve(value);
    }
    emitter.on(event, on);
  });
}

export async function until(check: () => boolean, what: string | (() => string), timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await sleep(10);
  }
}
