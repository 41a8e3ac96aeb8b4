import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { decodeOnbonFrame, encodeOnbonFrame, clearScreenData, dynamicTextData, pingData } from '../../../drivers/display/onbon.js';
import { OnbonParser, OnbonSplitter, type OnbonDrop } from '../../../drivers/display/onbon-parser.js';
import { encodeDisplayText } from '../../../drivers/display/text-encoding.js';

const frames = [
  encodeOnbonFrame({ address: 1, data: pingData() }),
  // a text whose CRC / data carry escaped bytes
  encodeOnbonFrame({ address: 0x5aa5, data: dynamicTextData(encodeDisplayText('请A012号到3号窗口', 'gb2312')) }),
  encodeOnbonFrame({ address: 3, data: clearScreenData() }),
];
const stream = Buffer.concat(frames.map((f) => Buffer.from(f)));

test('the Onbon splitter finds the same frames however the stream is cut in two', () => {
  for (let cut = 0; cut <= stream.length; cut++) {
    const splitter = new OnbonSplitter();
    const out = [...splitter.push(stream.subarray(0, cut)).frames, ...splitter.push(stream.subarray(cut)).frames];
    assert.deepEqual(out.map((f) => f.toString('hex')), frames.map((f) => Buffer.from(f).toString('hex')), `cut at ${cut}`);
  }
});

test('the Onbon splitter finds the same frames fed one byte at a time and cut in three everywhere', () => {
  const splitter = new OnbonSplitter();
  const out: Buffer[] = [];
  for (const byte of stream) out.push(...splitter.push(Uint8Array.of(byte)).frames);
  assert.equal(out.length, 3);
  const step = 7; // every (i, j) pair would be slow-ish; a prime stride still crosses every field
  for (let i = 0; i <= stream.length; i += step) {
    for (let j = i; j <= stream.length; j += step) {
      const s = new OnbonSplitter();
      const got = [stream.subarray(0, i), stream.subarray(i, j), stream.subarray(j)].flatMap((c) => s.push(c).frames);
      assert.equal(got.length, 3, `cuts at ${i}, ${j}`);
      for (const f of got) decodeOnbonFrame(f);
    }
  }
});

test('garbage before, between and after frames is dropped and reported; a half frame too', () => {
  const splitter = new OnbonSplitter();
  const half = Buffer.from(frames[1]!).subarray(0, 20);
  const input = Buffer.concat([Buffer.from('noise'), Buffer.from(frames[0]!), Buffer.from([0x00, 0xff]), half, Buffer.from(frames[2]!), Buffer.from([1, 2, 3])]);
  const { frames: out, drops } = splitter.push(input);
  assert.equal(out.length, 2);
  assert.deepEqual(drops.map((d) => d.reason).sort(), ['garbage', 'garbage', 'garbage', 'half-frame']);
});

test('the OnbonParser Transform emits frames as objects and drops as events', async () => {
  const parser = new OnbonParser();
  const got: Buffer[] = [];
  const drops: OnbonDrop[] = [];
  parser.on('data', (f: Buffer) => got.push(f));
  parser.on('drop', (d: OnbonDrop) => drops.push(d));
  for (let i = 0; i < stream.length; i += 5) parser.write(stream.subarray(i, i + 5));
  parser.write(Buffer.from([0xa5, 0xa5, 0x01]));
  parser.end();
  await once(parser, 'end');
  assert.equal(got.length, 3);
  assert.deepEqual(drops.map((d) => d.reason), ['half-frame']);
});

test('random bytes never make the splitter or decoder throw anything but a decode error', () => {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed & 0xff);
  const splitter = new OnbonSplitter({ maxFrameBytes: 512 });
  for (let round = 0; round < 200; round++) {
    const chunk = Uint8Array.from({ length: 64 }, () => (rnd() % 5 === 0 ? [0xa5, 0x5a, 0xa6, 0x5b][rnd() % 4]! : rnd()));
    for (const f of splitter.push(chunk).frames) {
      try {
        decodeOnbonFrame(f);
      } catch (error) {
        assert.equal((error as Error).name, 'OnbonDecodeError');
      }
    }
  }
});
