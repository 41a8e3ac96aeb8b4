import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineQueue, type ReplyParser } from '../../../drivers/transport/line-queue.js';
import { MockTransport } from '../../../drivers/transport/mock.js';
import { TransportError } from '../../../drivers/transport/types.js';

/** An open in-memory line: records both directions; `device` decides what (if anything) comes back. */
const fakeLine = () => new MockTransport({ name: 'fake line', open: true });

/** Replies are `06 addr value`; this parser takes the one for `addr` and skips anything else. */
const replyFrom =
  (addr: number): ReplyParser<number> =>
  (buf) => {
    for (let i = 0; i + 2 < buf.length; i++) if (buf[i] === 0x06 && buf[i + 1] === addr) return buf[i + 2];
    return undefined;
  };

test('requests go out one at a time: the next frame waits for the previous reply', async () => {
  const line = fakeLine();
  line.device = (f) => setTimeout(() => line.emitData([0x06, f[0]!, f[0]! * 10]), 5);
  const q = new LineQueue(line);
  const results = await Promise.all([1, 2, 3].map((a) => q.request(Buffer.from([a]), { replyParser: replyFrom(a), timeoutMs: 500 })));
  assert.deepEqual(results, [10, 20, 30]);
  assert.deepEqual(line.transcript, ['> 01', '< 06010a', '> 02', '< 060214', '> 03', '< 06031e']);
  assert.equal(q.pending, 0);
});

test('a reply split into single bytes is put back together', async () => {
  const line = fakeLine();
  line.device = () => [0x06, 0x07, 0x2a].forEach((b, i) => setTimeout(() => line.emitData([b]), i * 3));
  const q = new LineQueue(line);
  assert.equal(await q.request(Buffer.from([7]), { replyParser: replyFrom(7), timeoutMs: 500 }), 42);
});

test('no reply: the request times out with code timeout and the line is free for the next', async () => {
  const line = fakeLine();
  line.device = (f) => {
    if (f[0] !== 9) line.emitData([0x06, f[0]!, 1]);
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
  const line = fakeLine();
  line.device = (f) => {
    if (f[0] === 1) setTimeout(() => line.emitData([0x06, 1, 0]), 10);
  };
  const q = new LineQueue(line);
  await Promise.all([q.send(Buffer.from([0xa0])), q.request(Buffer.from([1]), { replyParser: replyFrom(1), timeoutMs: 500 }), q.send(Buffer.from([0xa1]))]);
  assert.deepEqual(line.transcript, ['> a0', '> 01', '< 060100', '> a1']);
});

test('bytes nobody waits for are reported as unsolicited, not fed to the next request', async () => {
  const line = fakeLine();
  const q = new LineQueue(line);
  const stray: Buffer[] = [];
  q.on('unsolicited', (c) => stray.push(c));
  line.emitData([0x06, 0x05, 0x63]);
  line.device = (f) => line.emitData([0x06, f[0]!, 7]);
  assert.equal(await q.request(Buffer.from([5]), { replyParser: replyFrom(5), timeoutMs: 200 }), 7);
  assert.deepEqual(stray, [Buffer.from([0x06, 0x05, 0x63])]);
});

test('the line going down while waiting fails that request at once as not-open', async () => {
  const line = fakeLine();
  const q = new LineQueue(line);
  line.device = () => line.drop('cable pulled');
  const started = Date.now();
  await assert.rejects(q.request(Buffer.from([1]), { replyParser: replyFrom(1), timeoutMs: 5000 }), (e: unknown) => e instanceof TransportError && e.code === 'not-open');
  assert.ok(Date.now() - started < 1000);
  await assert.rejects(q.send(Buffer.from([2])), (e: unknown) => e instanceof TransportError && e.code === 'not-open');
});

test('a parser that throws fails only its own request', async () => {
  const line = fakeLine();
  line.device = (f) => line.emitData([0x06, f[0]!, 0xff]);
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
  const line = fakeLine();
  // Timed as the bytes go onto the line (the device side only sees them a turn later, by which
  // time a busy event loop may have shifted the first one).
  const at: number[] = [];
  const write = line.write.bind(line);
  line.write = (bytes) => {
    at.push(Date.now());
    return write(bytes);
  };
  const q = new LineQueue(line, { gapMs: 30 });
  await Promise.all([q.send(Buffer.from([1])), q.send(Buffer.from([2])), q.send(Buffer.from([3]))]);
  assert.equal(at.length, 3);
  assert.equal(line.writes.length, 3);
  assert.ok(at[1]! - at[0]! >= 25 && at[2]! - at[1]! >= 25, `gaps were ${at[1]! - at[0]!} and ${at[2]! - at[1]!} ms`);
});

test('close() rejects what is still queued and refuses new work', async () => {
  const line = fakeLine();
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
  const q = new LineQueue(fakeLine());
  await assert.rejects(q.request(Buffer.from([1]), { timeoutMs: 0 }), RangeError);
});
