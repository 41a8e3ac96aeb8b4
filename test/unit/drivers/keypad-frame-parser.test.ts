import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_KEYPAD_FRAME_SPEC as spec,
  commandFrame,
  pollFrame,
  reportFrame,
  type KeypadFrame,
  type KeypadFrameSpec,
} from '../../../drivers/keypad/frame-codec.js';
import { KeypadFrameParser, type ParserWarning } from '../../../drivers/keypad/frame-parser.js';

/** Feed `chunks` through a fresh parser; collect frames and warnings synchronously. */
function parse(chunks: Buffer[], s: KeypadFrameSpec = spec): { frames: KeypadFrame[]; warnings: ParserWarning[] } {
  const warnings: ParserWarning[] = [];
  const parser = new KeypadFrameParser(s, { onWarning: (w) => warnings.push(w) });
  const frames: KeypadFrame[] = [];
  parser.on('data', (f: KeypadFrame) => frames.push(f));
  for (const c of chunks) parser.write(c);
  return { frames, warnings };
}

/** Every way to cut `bytes` into two pieces, and into three. */
function* splits(bytes: Buffer): Generator<Buffer[]> {
  yield [bytes];
  for (let i = 1; i < bytes.length; i++) yield [bytes.subarray(0, i), bytes.subarray(i)];
  for (let i = 1; i < bytes.length; i++) {
    for (let j = i + 1; j < bytes.length; j++) yield [bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)];
  }
}

const frames = [
  reportFrame(spec, 1, { kind: 'rating', level: 5 }, 1),
  pollFrame(spec, 2),
  reportFrame(spec, 2, { kind: 'key', key: 'digits', digits: '0123' }, 9),
  commandFrame(spec, 3, { kind: 'prompt', text: '请您对本次服务评价' }),
];
const expected: KeypadFrame[] = [
  { address: 1, command: 0x4b, data: Buffer.from([0x01, 0x35]) },
  { address: 2, command: 0x50, data: Buffer.alloc(0) },
  { address: 2, command: 0x4b, data: Buffer.from([0x09, 0x17, 0x30, 0x31, 0x32, 0x33]) },
  { address: 3, command: 0x45, data: commandFrame(spec, 3, { kind: 'prompt', text: '请您对本次服务评价' }).subarray(4, -2) },
];

describe('keypad frame parser', () => {
  test('four frames back to back come out the same whatever the chunking (every 1-, 2- and 3-piece split)', () => {
    const stream = Buffer.concat(frames);
    let cases = 0;
    for (const chunks of splits(stream)) {
      const { frames: got, warnings } = parse(chunks);
      assert.deepEqual(got, expected, `split at ${chunks.map((c) => c.length).join('+')}`);
      assert.deepEqual(warnings, []);
      cases++;
    }
    assert.ok(cases > 1000);
  });

  test('byte by byte works too', () => {
    const stream = Buffer.concat(frames);
    assert.deepEqual(parse([...stream].map((b) => Buffer.from([b]))).frames, expected);
  });

  test('garbage before, between and after frames is dropped with a warning, at every split', () => {
    const garbage = Buffer.from([0x00, 0xff, 0x13, 0x5a, 0xa5, 0x37]); // includes a lone header byte
    const stream = Buffer.concat([garbage, frames[0]!, garbage, frames[1]!, garbage]);
    for (const chunks of splits(stream)) {
      const { frames: got, warnings } = parse(chunks);
      assert.deepEqual(got, expected.slice(0, 2), `split at ${chunks.map((c) => c.length).join('+')}`);
      assert.ok(warnings.length > 0);
    }
  });

  test('a frame with a bad checksum is dropped and the next one still parsed', () => {
    const bad = Buffer.from(frames[0]!);
    bad[bad.length - 2]! ^= 0xff;
    for (const chunks of splits(Buffer.concat([bad, frames[1]!]))) {
      const { frames: got, warnings } = parse(chunks);
      assert.deepEqual(got, [expected[1]]);
      assert.ok(warnings.some((w) => w.reason === 'bad-checksum'));
    }
  });

  test('a frame with a wrong trailer is dropped', () => {
    const bad = Buffer.from(frames[0]!);
    bad[bad.length - 1] = 0x00;
    const { frames: got, warnings } = parse([bad, frames[1]!]);
    assert.deepEqual(got, [expected[1]]);
    assert.ok(warnings.some((w) => w.reason === 'bad-trailer'));
  });

  test('a half frame followed by a whole one: the half is dropped, the whole one parsed, at every split', () => {
    const half = frames[3]!.subarray(0, 9); // claims 18 data bytes, has 5
    for (const chunks of splits(Buffer.concat([half, frames[0]!, frames[1]!]))) {
      const { frames: got, warnings } = parse(chunks);
      assert.deepEqual(got, expected.slice(0, 2), `split at ${chunks.map((c) => c.length).join('+')}`);
      assert.ok(warnings.length > 0);
    }
  });

  test('a half frame at the end waits, and reset() drops it with a warning', () => {
    const warnings: ParserWarning[] = [];
    const parser = new KeypadFrameParser(spec, { onWarning: (w) => warnings.push(w) });
    const got: KeypadFrame[] = [];
    parser.on('data', (f: KeypadFrame) => got.push(f));
    parser.write(frames[0]!.subarray(0, 5));
    assert.deepEqual(got, []);
    parser.reset();
    assert.deepEqual(warnings.map((w) => w.reason), ['half-frame']);
    parser.write(frames[1]!);
    assert.deepEqual(got, [expected[1]]);
  });

  test('an unknown command byte or an impossible length is garbage', () => {
    const unknown = Buffer.from([0xa5, 0x01, 0x99, 0x00, 0x9a, 0x5a]);
    const tooLong = Buffer.from([0xa5, 0x01, 0x4b, 0xf0]);
    const { frames: got, warnings } = parse([unknown, tooLong, frames[1]!]);
    assert.deepEqual(got, [expected[1]]);
    assert.ok(warnings.some((w) => w.reason === 'unknown-command'));
    assert.ok(warnings.some((w) => w.reason === 'bad-length'));
  });

  test('random bytes never throw, and a frame after them is still found', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >>> 16) & 0xff;
    for (let round = 0; round < 200; round++) {
      const noise = Buffer.from(Array.from({ length: 1 + (round % 97) }, rand));
      // A long enough run of idle bytes ends any half frame the noise may have started.
      const { frames: got } = parse([noise, Buffer.alloc(spec.maxDataLength + 8), frames[1]!]);
      assert.deepEqual(got.at(-1), expected[1]);
    }
  });

  test('a two-byte header split across chunks, crc16 and two-byte addresses', () => {
    const s: KeypadFrameSpec = { ...spec, header: [0xaa, 0x55], addressWidth: 2, checksum: 'crc16-modbus', trailer: [] };
    const stream = Buffer.concat([Buffer.from([0xaa, 0x00, 0xaa]), pollFrame(s, 0x0102), reportFrame(s, 300, { kind: 'key', key: 'next' }, 3)]);
    for (const chunks of splits(stream)) {
      const { frames: got } = parse(chunks, s);
      assert.deepEqual(got, [
        { address: 0x0102, command: 0x50, data: Buffer.alloc(0) },
        { address: 300, command: 0x4b, data: Buffer.from([3, 0x11]) },
      ]);
    }
  });
});
