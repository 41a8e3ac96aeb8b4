import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { ReconnectingTransport } from '../../../drivers/transport/reconnecting.js';
import { TransportError, type TransportState } from '../../../drivers/transport/types.js';

/** The smallest transport: `up` says whether the device is there; counts connect attempts. */
class Toy extends ReconnectingTransport {
  readonly name = 'toy 1';
  readonly canRead = true;
  up = true;
  attempts = 0;
  written: string[] = [];
  hangWrites = false;
  connectMs = 0;
  connecting = 0;
  mostAtOnce = 0;
  constructor(maxBackoffMs?: number) {
    super(maxBackoffMs === undefined ? {} : { maxBackoffMs }, pino({ level: 'silent' }));
  }
  protected async connect(): Promise<void> {
    this.attempts++;
    this.mostAtOnce = Math.max(this.mostAtOnce, ++this.connecting);
    if (this.connectMs) await new Promise((r) => setTimeout(r, this.connectMs));
    this.connecting--;
    if (!this.up) throw new TransportError(this.name, 'not there', 'not-found');
  }
  protected async disconnect(): Promise<void> {}
  protected writeRaw(bytes: Uint8Array): Promise<void> {
    if (this.hangWrites) return new Promise(() => undefined);
    this.written.push(Buffer.from(bytes).toString());
    return Promise.resolve();
  }
  pull(): void {
    this.up = false;
    this.lost('unplugged');
  }
  blip(): void {
    this.lost('blip');
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

test('reconnect attempts back off 250, 500, 1000, 2000, 2000 ms, then open again', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const toy = new Toy();
  await toy.open();
  const states: TransportState[] = [];
  toy.on('state', (s) => states.push(s));
  toy.pull();
  await flush();
  const attemptsAfter = async (ms: number): Promise<number> => {
    t.mock.timers.tick(ms);
    await flush();
    return toy.attempts;
  };
  assert.equal(toy.attempts, 1);
  assert.equal(await attemptsAfter(249), 1);
  assert.equal(await attemptsAfter(1), 2);
  assert.equal(await attemptsAfter(499), 2);
  assert.equal(await attemptsAfter(1), 3);
  assert.equal(await attemptsAfter(1000), 4);
  assert.equal(await attemptsAfter(1999), 4);
  assert.equal(await attemptsAfter(1), 5);
  assert.equal(await attemptsAfter(2000), 6);
  toy.up = true;
  assert.equal(await attemptsAfter(2000), 7);
  assert.equal(toy.state, 'open');
  assert.deepEqual(states, ['reconnecting', 'open']);
  // After a good connection the backoff starts again at 250 ms.
  toy.pull();
  toy.up = true;
  await flush();
  assert.equal(await attemptsAfter(250), 8);
  assert.equal(toy.state, 'open');
  await toy.close();
});

test('maxBackoffMs caps the wait', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const toy = new Toy(500);
  await toy.open();
  toy.pull();
  await flush();
  for (const wait of [250, 500, 500, 500]) {
    const before = toy.attempts;
    t.mock.timers.tick(wait);
    await flush();
    assert.equal(toy.attempts, before + 1, `an attempt after ${wait} ms`);
  }
  await toy.close();
  assert.throws(() => new Toy(10), /maxBackoffMs must be a number ≥ 250/);
});

test('a state listener that throws does not break the reconnect loop', async () => {
  const toy = new Toy();
  await toy.open();
  toy.on('state', () => {
    throw new Error('listener bug');
  });
  toy.up = true;
  toy.pull();
  toy.up = true;
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(toy.state, 'open');
  await toy.close();
});

test('write before open, after close: rejected as not-open, naming the device', async () => {
  const toy = new Toy();
  await assert.rejects(toy.write(Buffer.from('x')), { name: 'TransportError', code: 'not-open', message: 'toy 1: not open (closed)' });
  await toy.open();
  await toy.write(Buffer.from('ok'));
  await toy.close();
  await assert.rejects(toy.write(Buffer.from('x')), { code: 'not-open' });
  assert.deepEqual(toy.written, ['ok']);
});

test('a write stuck in a dead driver settles when the device is lost', async () => {
  const toy = new Toy();
  await toy.open();
  toy.hangWrites = true;
  const stuck = toy.write(Buffer.from('x'));
  const queued = toy.write(Buffer.from('y'));
  await flush(); // 'x' is now inside writeRaw, 'y' waits behind it
  toy.pull();
  await assert.rejects(stuck, { code: 'io', message: 'toy 1: connection lost (unplugged)' });
  await assert.rejects(queued, { code: 'not-open' });
  await toy.close();
});

test('close while opening: open rejects and nothing stays connected', async () => {
  const toy = new Toy();
  const opening = toy.open();
  assert.equal(toy.state, 'opening');
  await toy.close();
  await assert.rejects(opening, { code: 'not-open' });
  assert.equal(toy.state, 'closed');
});

test('close and open again during a slow reconnect attempt: connects never overlap', async () => {
  const toy = new Toy();
  await toy.open();
  toy.connectMs = 100;
  toy.up = true;
  toy.blip();
  await new Promise((r) => setTimeout(r, 300)); // the first attempt (after 250 ms) is now under way
  assert.equal(toy.connecting, 1);
  await toy.close();
  assert.equal(toy.connecting, 0, 'close() waits for the attempt under way');
  await toy.open();
  assert.equal(toy.state, 'open');
  assert.equal(toy.mostAtOnce, 1);
  await toy.close();
});

test('open twice at once connects once; close twice is fine', async () => {
  const toy = new Toy();
  await Promise.all([toy.open(), toy.open()]);
  assert.equal(toy.attempts, 1);
  await toy.close();
  await toy.close();
  assert.equal(toy.state, 'closed');
  mock.reset();
});
