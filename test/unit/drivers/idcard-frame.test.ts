import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  SW3,
  commandFrame,
  commandName,
  decodeReply,
  encodeFrame,
  replyFrame,
} from '../../../drivers/idcard/frame-codec.js';
import { SamFrameParser, type SamFrame, type SamParserWarning } from '../../../drivers/idcard/frame-parser.js';
import { encodeCardText, encodeReadData } from '../../../drivers/idcard/card-text.js';
import { SAMPLE_CARDS } from '../../../drivers/sim/idcard-cards.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function parse(chunks: Buffer[]): { frames: SamFrame[]; warnings: SamParserWarning[] } {
  const warnings: SamParserWarning[] = [];
  const parser = new SamFrameParser({ onWarning: (w) => warnings.push(w) });
  const frames: SamFrame[] = [];
  parser.on('data', (f: SamFrame) => frames.push(f));
  for (const c of chunks) parser.write(c);
  return { frames, warnings };
}

/** Every way to cut `bytes` in two, and (when short enough) in three. */
function* splits(bytes: Buffer, three = true): Generator<Buffer[]> {
  yield [bytes];
  for (let i = 1; i < bytes.length; i++) yield [bytes.subarray(0, i), bytes.subarray(i)];
  if (!three) return;
  for (let i = 1; i < bytes.length; i++) {
    for (let j = i + 1; j < bytes.length; j++) yield [bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)];
  }
}

const readData = encodeReadData(encodeCardText(SAMPLE_CARDS.adult.text));

describe('SAM frame codec', () => {
  test('the four host commands are byte for byte the published frames', () => {
    assert.deepEqual(commandFrame('samStatus'), hex('AA AA AA 96 69 00 03 11 FF ED'));
    assert.deepEqual(commandFrame('find'), hex('AA AA AA 96 69 00 03 20 01 22'));
    assert.deepEqual(commandFrame('select'), hex('AA AA AA 96 69 00 03 20 02 21'));
    assert.deepEqual(commandFrame('read'), hex('AA AA AA 96 69 00 03 30 01 32'));
  });

  test('replies: card found, no card, done with data; the length is big-endian and counts the checksum', () => {
    // SW 00 00 9F + 4 bytes of data (the card serial some readers return): length 3 + 4 + 1 = 8.
    assert.deepEqual(replyFrame(SW3.cardFound, hex('00 00 00 00')), hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'));
    assert.deepEqual(replyFrame(SW3.noCard), hex('AA AA AA 96 69 00 04 00 00 80 84'));
    const read = replyFrame(SW3.done, readData);
    assert.equal(read.length, 5 + 2 + 3 + 4 + 256 + 1024 + 1);
    assert.equal(read.readUInt16BE(5), 0x0508);
    assert.deepEqual(decodeReply(read.subarray(7, -1)), { sw1: 0, sw2: 0, sw3: 0x90, data: readData });
  });

  test('a payload is told apart as one of our commands or not', () => {
    assert.equal(commandName(hex('20 01')), 'find');
    assert.equal(commandName(hex('30 01')), 'read');
    assert.equal(commandName(hex('30 10')), undefined);
    assert.equal(decodeReply(hex('00 00')), undefined);
  });
});

describe('SAM frame parser', () => {
  const short = [commandFrame('find'), replyFrame(SW3.cardFound, hex('01 02 03 04')), replyFrame(SW3.noCard)];
  const expected = [{ payload: hex('20 01') }, { payload: hex('00 00 9F 01 02 03 04') }, { payload: hex('00 00 80') }];

  test('three frames back to back come out the same at every 1-, 2- and 3-piece split', () => {
    let cases = 0;
    for (const chunks of splits(Buffer.concat(short))) {
      const { frames, warnings } = parse(chunks);
      assert.deepEqual(frames, expected, `split at ${chunks.map((c) => c.length).join('+')}`);
      assert.deepEqual(warnings, []);
      cases++;
    }
    assert.ok(cases > 500);
  });

  test('a whole read reply (1295 bytes) comes out once at every 2-piece split and byte by byte', () => {
    const read = replyFrame(SW3.done, readData);
    for (const chunks of splits(read, false)) {
      const { frames, warnings } = parse(chunks);
      assert.equal(frames.length, 1, `split at ${chunks[0]!.length}`);
      assert.deepEqual(frames[0]!.payload, Buffer.concat([hex('00 00 90'), readData]));
      assert.deepEqual(warnings, []);
    }
    assert.equal(parse([...read].map((b) => Buffer.from([b]))).frames.length, 1);
  });

  test('garbage (with a lone preamble start) around frames is dropped with a warning, at every split', () => {
    const garbage = hex('00 FF AA AA 96 13 AA');
    const stream = Buffer.concat([garbage, short[0]!, garbage, short[1]!, garbage]);
    for (const chunks of splits(stream)) {
      const { frames, warnings } = parse(chunks);
      assert.deepEqual(frames, expected.slice(0, 2), `split at ${chunks.map((c) => c.length).join('+')}`);
      assert.ok(warnings.some((w) => w.reason === 'garbage'));
    }
  });

  test('a wrong checksum is dropped and the next frame still read', () => {
    const bad = Buffer.from(short[1]!);
    bad[bad.length - 1]! ^= 0x01;
    for (const chunks of splits(Buffer.concat([bad, short[2]!]))) {
      const { frames, warnings } = parse(chunks);
      assert.deepEqual(frames, [expected[2]]);
      assert.ok(warnings.some((w) => w.reason === 'bad-checksum'));
    }
  });

  test('a flipped byte inside a read reply is a bad checksum, never a reading', () => {
    const read = replyFrame(SW3.done, readData);
    for (const at of [7, 20, 100, 300, 1000, read.length - 2]) {
      const bad = Buffer.from(read);
      bad[at]! ^= 0x10;
      const { frames, warnings } = parse([bad]);
      assert.deepEqual(frames, [], `flipped byte ${at}`);
      assert.ok(warnings.length > 0);
    }
  });

  test('a card pulled mid-read: the half reply is dropped when the next frame arrives, or on reset', () => {
    const read = replyFrame(SW3.done, readData);
    const half = read.subarray(0, 700);
    for (const cut of [8, 100, 700, read.length - 1]) {
      const { frames, warnings } = parse([read.subarray(0, cut), short[2]!]);
      assert.deepEqual(frames, [expected[2]], `cut at ${cut}`);
      // One byte short, the next frame completes the length: a bad checksum instead.
      assert.ok(warnings.some((w) => w.reason === (cut === read.length - 1 ? 'bad-checksum' : 'half-frame')));
    }
    const warnings: SamParserWarning[] = [];
    const parser = new SamFrameParser({ onWarning: (w) => warnings.push(w) });
    const frames: SamFrame[] = [];
    parser.on('data', (f: SamFrame) => frames.push(f));
    parser.write(half);
    parser.reset();
    parser.write(short[2]!);
    assert.deepEqual(frames, [expected[2]]);
    assert.deepEqual(warnings, [{ reason: 'half-frame', length: 700 }]);
  });

  test('an impossible length (0, or past 4 KiB) is noise; warnings never carry the bytes', () => {
    const zero = hex('AA AA AA 96 69 00 00 00');
    const huge = hex('AA AA AA 96 69 FF FF 00 00 90');
    const { frames, warnings } = parse([zero, huge, short[0]!]);
    assert.deepEqual(frames, [expected[0]]);
    assert.ok(warnings.some((w) => w.reason === 'bad-length'));
    assert.ok(warnings.every((w) => Object.keys(w).sort().join() === 'length,reason'));
  });

  test('random bytes produce no frame and never throw', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >>> 16) & 0xff;
    for (let round = 0; round < 50; round++) {
      const noise = Buffer.from(Array.from({ length: 2000 }, rnd));
      // Sprinkle preambles so the parser has to judge candidates, not just skip.
      for (let i = 0; i < 10; i++) Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]).copy(noise, rnd() * 7);
      assert.deepEqual(parse([noise]).frames, []);
    }
  });

  test('encodeFrame refuses a payload too long for the length word', () => {
    assert.throws(() => encodeFrame(Buffer.alloc(5000)), /longer than/);
  });
});
