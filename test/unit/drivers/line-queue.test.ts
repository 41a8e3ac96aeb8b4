import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { LineQueue, type ReplyParser } from '../../../drivers/transport/line-queue.js';
import { TransportError, type Transport, type TransportEvents, type TransportState } from '../../../drivers/transport/types.js';

/** An in-memory line: records writes; `device` decides what (if anything) comes back. */
class FakeLine extends EventEmitter implements Transport {
  readonly name = 'fake line';
  readonly canRead = true;
  state: TransportState = 'open';
  writes: Buffer[] = [];
  log: string[] = [];
  device: ((frame: Buffer) => void) | undefined;
  async open(): Promise<void> {}
  async close(): Promise<void> {}
  async write(bytes: Uint8Array): Promise<void> {
    if (this.state !== 'open') throw new TransportError(this.name, 'not open', 'not-open');
    const frame = Buffer.from(bytes);
    this.writes.push(frame);
    this.log.push(`> ${frame.toString('hex')}`);
    setImmediate(() => this.device?.(frame));
  }
  reply(bytes: number[]): void {
    this.log.push(`< ${Buffer.from(bytes).toString('hex')}`);
    this.emit('data', Buffer.from(bytes));
  }
  setState(state: TransportState): void {
    this.state = state;
    this.emit('state', state);
  }
  override on<E extends keyof TransportEvents>(e: E, l: TransportEvents[E]): this {
    return super.on(e, l);
  }
  override off<E extends keyof TransportEvents>(e: E, l: TransportEvents[E]): this {
    return super.off(e, l);
  }
  override once<E extends keyof TransportEvents>(e: E, l: TransportEvents[E]): this {
    return super.once(e, l);
  }
}

/** Replies are `06 addr value`; this parser takes the one for `addr` and skips anything else. */
const replyFrom =
  (addr: number): ReplyParser<number> =>
  (buf) => {
    for (let i = 0; i + 2 < buf.length; i++) if (buf[i] === 0x06 && buf[i + 1] === addr) return buf[i + 2];
    return undefined;
  };

test('requests go out one at a time: the next frame waits for the previous reply', async () => {
  const line = new FakeLine();
  line.device = (f) => setTimeout(() => line.reply([0x06, f[0]!, f[0]! * 10]), 5);
  const q = new LineQueue(line);
  const results = await Promise.all([1, 2, 3].map((a) => q.request(Buffer.from([a]), { replyParser: replyFrom(a), timeoutMs: 500 })));
  assert.deepEqual(results, [10, 20, 30]);
  assert.deepEqual(line.log, ['> 01', '< 06010a', '> 02', '< 060214', '> 03', '< 06031e']);
  assert.equal(q.pending, 0);
});

test('a reply split into single bytes is put back together', async () => {
  const line = new FakeLine();
  line.device = () => [0x06, 0x07, 0x2a].forEach((b, i) => setTimeout(() => line.reply([b]), i * 3));
  const q = new LineQueue(line);
  assert.equal(await q.request(Buffer.from([7]), { replyParser: replyFrom(7), timeoutMs: 500 }), 42);
});

test('no reply: the request times out with code timeout and the line is free for the next', async () => {
  const line = new FakeLine();
  line.device = (f) => {
    if (f[0] !== 9) line.reply([0x06, f[0]!, 1]);
  };
  const q = new LineQueue(line);
  const dead = q.request(Buffer.from([9]), { replyParser: replyFrom(9), timeoutMs: 50 });
  const alive = q.request(Buffer.from([1]), { replyParser: replyFrom(1), timeoutMs: 500 });
  await assert.rejects(dead, (e: unknown) => {
    assert.ok(e instanceof TransportError);
    assert.equal(e.code, 'timeout');
    assert.equal(e.message, 'fake line: no reply within 50 ms to 09');
    return true;
  });
  assert.equal(await alive, 1);
});

test('send() and request() keep call order', async () => {
  const line = new FakeLine();
  line.device = (f) => {
    if (f[0] === 1) setTimeout(() => line.reply([0x06, 1, 0]), 10);
  };
  const q = new LineQueue(line);
  await Promise.all([q.send(Buffer.from([0xa0])), q.request(Buffer.from([1]), { replyParser: replyFrom(1), timeoutMs: 500 }), q.send(Buffer.from([0xa1]))]);
  assert.deepEqual(line.log, ['> a0', '> 01', '< 060100', '> a1']);
});

test('bytes nobody waits for are reported as unsolicited, not fed to the next request', async () => {
  const line = new FakeLine();
  const q = new LineQueue(line);
  const stray: Buffer[] = [];
  q.on('unsolicited', (c) => stray.push(c));
  line.reply([0x06, 0x05, 0x63]);
  line.device = (f) => line.reply([0x06, f[0]!, 7]);
  assert.equal(await q.request(Buffer.from([5]), { replyParser: replyFrom(5), timeoutMs: 200 }), 7);
  assert.deepEqual(stray, [Buffer.from([0x06, 0x05, 0x63])]);
});

test('the line going down while waiting fails that request at once as not-open', async () => {
  const line = new FakeLine();
  const q = new LineQueue(line);
  line.device = () => line.setState('reconnecting');
  const started = Date.now();
  await assert.rejects(q.request(Buffer.from([1]), { replyParser: replyFrom(1), timeoutMs: 5000 }), (e: unknown) => e instanceof TransportError && e.code === 'not-open');
  assert.ok(Date.now() - started < 1000);
  await assert.rejects(q.send(Buffer.from([2])), (e: unknown) => e instanceof TransportError && e.code === 'not-open');
});

test('a parser that throws fails only its own request', async () => {
  const line = new FakeLine();
  line.device = (f) => line.reply([0x06, f[0]!, 0xff]);
  const q = new LineQueue(line);
  const bad = q.request(Buffer.from([1]), {
    replyParser: () => {
      throw new Error('checksum mismatch');
    },
    timeoutMs: 200,
  });
  const good = q.request(Buffer.from([2]), { replyParser: replyFrom(2), timeoutMs: 200 });
  await assert.rejects(bad, /checksum mismatch/);
  assert.equal(await good, 0xff);
});

test('gapMs keeps the line quiet between exchanges', async () => {
  const line = new FakeLine();
  const at: number[] = [];
  line.device = () => at.push(Date.now());
  const q = new LineQueue(line, { gapMs: 30 });
  await Promise.all([q.send(Buffer.from([1])), q.send(Buffer.from([2])), q.send(Buffer.from([3]))]);
  await new Promise((r) => setImmediate(r));
  assert.equal(at.length, 3);
  assert.ok(at[1]! - at[0]! >= 25 && at[2]! - at[1]! >= 25, `gaps were ${at[1]! - at[0]!} and ${at[2]! - at[1]!} ms`);
});

test('close() rejects what is still queued and refuses new work', async () => {
  const line = new FakeLine();
  const q = new LineQueue(line);
  const first = q.request(Buffer.from([1]), { replyParser: replyFrom(1), timeoutMs: 5000 });
  const second = q.send(Buffer.from([2]));
  q.close();
  await assert.rejects(first, (e: unknown) => e instanceof TransportError && e.code === 'not-open');
  await assert.rejects(second, /line queue closed/);
  await assert.rejects(q.send(Buffer.from([3])), /line queue closed/);
  assert.equal(line.listenerCount('data'), 0);
});

test('a timeout must be positive', async () => {
  const q = new LineQueue(new FakeLine());
  await assert.rejects(q.request(Buffer.from([1]), { timeoutMs: 0 }), RangeError);
});
