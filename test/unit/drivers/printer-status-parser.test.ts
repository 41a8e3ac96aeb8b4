import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StatusFrameSplitter, StatusParser, type StatusFrame } from '../../../drivers/printer/status-parser.js';
import { isAsbFirstByte, isAsbFollowByte, isRealtimeReply } from '../../../drivers/printer/status.js';

/** Three replies, an ASB push, a reply: the stream a printer with ASB left on might send. */
const STREAM = [0x12, 0x1a, 0x72, 0x10, 0x00, 0x0c, 0x00, 0x16];
const FRAMES: StatusFrame[] = [
  { type: 'realtime', byte: 0x12 },
  { type: 'realtime', byte: 0x1a },
  { type: 'realtime', byte: 0x72 },
  { type: 'asb', bytes: [0x10, 0x00, 0x0c, 0x00] },
  { type: 'realtime', byte: 0x16 },
];

async function parse(chunks: number[][], warnings: string[] = []): Promise<StatusFrame[]> {
  const parser = new StatusParser({ onWarning: (m) => warnings.push(m) });
  const frames: StatusFrame[] = [];
  parser.on('data', (f: StatusFrame) => frames.push(f));
  for (const c of chunks) parser.write(Buffer.from(c));
  parser.end();
  await new Promise((resolve) => parser.on('end', resolve));
  return frames;
}

describe('status parser', () => {
  test('whole stream in one chunk', async () => {
    assert.deepEqual(await parse([STREAM]), FRAMES);
  });

  test('the same frames with the input split at every chunk boundary', async () => {
    for (let i = 1; i < STREAM.length; i++) {
      assert.deepEqual(await parse([STREAM.slice(0, i), STREAM.slice(i)]), FRAMES, `split at ${i}`);
    }
  });

  test('split at every pair of boundaries, and byte by byte', async () => {
    for (let i = 1; i < STREAM.length; i++) {
      for (let j = i + 1; j < STREAM.length; j++) {
        const chunks = [STREAM.slice(0, i), STREAM.slice(i, j), STREAM.slice(j)];
        assert.deepEqual(await parse(chunks), FRAMES, `split at ${i}, ${j}`);
      }
    }
    assert.deepEqual(await parse(STREAM.map((b) => [b])), FRAMES);
  });

  test('unknown bytes are dropped with a warning and parsing goes on', async () => {
    const warnings: string[] = [];
    const frames = await parse([[0x00, 0x12, 0xff, 0x41, 0x16]], warnings);
    assert.deepEqual(frames, [
      { type: 'realtime', byte: 0x12 },
      { type: 'realtime', byte: 0x16 },
    ]);
    assert.equal(warnings.length, 3);
    assert.match(warnings[0]!, /dropped 0x00/);
  });

  test('a broken ASB message is dropped and the byte that broke it is read afresh', async () => {
    const warnings: string[] = [];
    // ASB start, one follow byte, then a DLE EOT reply arrives.
    const frames = await parse([[0x10, 0x00], [0x12]], warnings);
    assert.deepEqual(frames, [{ type: 'realtime', byte: 0x12 }]);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /incomplete automatic status/);
  });

  test('an ASB message cut short by the end of the stream emits nothing', async () => {
    assert.deepEqual(await parse([[0x10, 0x00, 0x00]]), []);
  });

  test('random bytes in random chunks: never throws, every frame it emits is valid', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 20 }), (chunks) => {
        const splitter = new StatusFrameSplitter(() => {});
        for (const chunk of chunks) {
          for (const frame of splitter.push(chunk)) {
            if (frame.type === 'realtime') assert.ok(isRealtimeReply(frame.byte));
            else {
              assert.ok(isAsbFirstByte(frame.bytes[0]));
              assert.ok(frame.bytes.slice(1).every(isAsbFollowByte));
            }
          }
          assert.ok(splitter.buffered < 4);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('chunking never changes the frames (random streams, random splits)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.array(fc.nat(60), { maxLength: 6 }), (bytes, cuts) => {
        const whole = new StatusFrameSplitter().push(bytes);
        const splitter = new StatusFrameSplitter();
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        const pieces: StatusFrame[] = [];
        for (const p of [...points, bytes.length]) {
          pieces.push(...splitter.push(bytes.subarray(from, p)));
          from = p;
        }
        assert.deepEqual(pieces, whole);
      }),
      { numRuns: 500 },
    );
  });
});
