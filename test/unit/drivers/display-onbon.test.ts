import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layout } from '../../../drivers/display/content.js';
import {
  ackData,
  brightnessData,
  clearScreenData,
  crc16Arc,
  decodeOnbonFrame,
  dynamicTextData,
  encodeOnbonFrame,
  escapeOnbon,
  layoutTextData,
  ONBON_EFFECT,
  OnbonDecodeError,
  pingData,
  unescapeOnbon,
} from '../../../drivers/display/onbon.js';
import { DisplayTextError, encodeDisplayText } from '../../../drivers/display/text-encoding.js';

const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/).map((b) => parseInt(b, 16)));
const show = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1 ');
const PREAMBLE = 'A5 A5 A5 A5 A5 A5 A5 A5';

test('CRC-16/ARC gives the standard check value for "123456789"', () => {
  assert.equal(crc16Arc(Buffer.from('123456789', 'ascii')), 0xbb3d);
});

test('ping to display 1 is the checked golden vector byte for byte', () => {
  const frame = encodeOnbonFrame({ address: 1, data: pingData() });
  assert.equal(show(frame), show(hex(`${PREAMBLE} 01 00 00 80 00 00 00 00 00 00 FE 02 05 00 A2 00 01 00 00 68 F8 5A`)));
});

test('clear screen to display 1 is the checked golden vector byte for byte', () => {
  const frame = encodeOnbonFrame({ address: 1, data: clearScreenData() });
  assert.equal(show(frame), show(hex(`${PREAMBLE} 01 00 00 80 00 00 00 00 00 00 FE 02 05 00 A3 10 01 00 00 51 F8 5A`)));
});

test("the controller's ACK from the manual (CRC 14 AC) is what we encode and what we decode as ack", () => {
  const published = hex(`${PREAMBLE} 00 80 FE FF 00 00 00 00 00 00 FE 02 05 00 A0 00 00 00 00 14 AC 5A`);
  assert.equal(show(encodeOnbonFrame({ address: 0x8000, source: 0xfffe, data: ackData() })), show(published));
  const frame = decodeOnbonFrame(published);
  assert.deepEqual(frame.command, { kind: 'ack', status: 0 });
  assert.equal(frame.address, 0x8000);
  assert.equal(frame.source, 0xfffe);
});

test('a call "请A012号到3号窗口" on a one-line 10-character display is our A3 06 golden frame', () => {
  const l = layout({ kind: 'calling', ticketNumber: 'A012', windowNo: 3 }, { lines: 1, charsPerLine: 10 });
  const frame = encodeOnbonFrame({ address: 1, data: layoutTextData(l, { lines: 1, charsPerLine: 10 }) });
  const expected = hex(
    `${PREAMBLE} 01 00 00 80 00 00 00 00 00 00 FE 02 38 00` +
      ' A3 06 01 00 00 00 01 2F 00' + // command, reply, process mode, reserved, delete 0, 1 area, area length 47
      ' 00 00 80 00 00 A0 80 10 00' + // text area at 0,0 (pixel units), 160 × 16 px
      ' 00 00 00 00 00 00 00' + // area 0, spacing 0, run mode 0, timeout 0, no voice, no extension
      ' 0A 01 01 07 00 04 05' + // centred, single line, no wrap, flash, exit 0, speed 4, hold 5
      ' 14 00 00 00 5C 43 31 C7 EB 41 30 31 32 BA C5 B5 BD 33 BA C5 B4 B0 BF DA' + // \C1 请A012号到3号窗口
      ' F3 A6 02 5A', // CRC F3 A5 — its A5 escaped as A6 02
  );
  assert.equal(show(frame), show(expected));
  const decoded = decodeOnbonFrame(frame);
  assert.equal(decoded.text, '请A012号到3号窗口');
  assert.equal(decoded.command.kind, 'text');
  if (decoded.command.kind !== 'text') return;
  assert.equal(decoded.command.area.effect, ONBON_EFFECT.flash);
  assert.equal(decoded.command.area.colour, 'red');
  assert.equal(decoded.command.area.widthPx, 160);
});

test('the manual\'s A3 06 example (128×32, "012345QRSTTV\'B") decodes field by field once its CRC is recomputed', () => {
  // deanled.cn prints CRC A8 7D, which does not match these bytes; the layout is what we check.
  const body = hex(
    '01 00 00 80 00 00 00 00 00 00 FE 02 32 00 A3 06 01 2D 00 00 01 29 00 00 00 00 00 00 80 00 20 00 00 00' +
      " 00 02 00 00 00 00 02 02 03 00 04 05 0E 00 00 00 30 31 32 33 34 35 51 52 53 54 54 56 27 42",
  );
  const crc = crc16Arc(body);
  assert.equal(crc, 0x6fbd);
  const frame = Uint8Array.from([...hex(PREAMBLE), ...escapeOnbon(Uint8Array.from([...body, crc & 0xff, crc >> 8])), 0x5a]);
  const decoded = decodeOnbonFrame(frame, { fontPx: 16 });
  assert.equal(decoded.command.kind, 'text');
  if (decoded.command.kind !== 'text') return;
  const area = decoded.command.area;
  assert.equal(area.text, "012345QRSTTV'B");
  assert.equal(area.widthPx, 128 * 8); // width 0x0080 without the pixel bit: units of 8 px
  assert.equal(area.heightPx, 32);
  assert.equal(area.effect, ONBON_EFFECT.moveLeft);
  assert.equal(area.speed, 4);
  assert.equal(area.holdTime, 5);
  assert.equal(area.multiLine, true);
});

test('escaping round-trips every special byte, alone and in runs', () => {
  const specials = [0xa5, 0xa6, 0x5a, 0x5b];
  const body = Uint8Array.from([...specials, 0x00, ...specials.reverse(), 0xa6, 0x02, 0x5b, 0x01, 0xff]);
  const escaped = escapeOnbon(body);
  assert.ok(!escaped.includes(0xa5) && !escaped.includes(0x5a), 'no bare A5 or 5A after escaping');
  assert.deepEqual([...unescapeOnbon(escaped)], [...body]);
  assert.equal(show(escapeOnbon(hex('A5 A6 5A 5B'))), 'A6 02 A6 01 5B 02 5B 01');
  for (let b = 0; b < 256; b++) assert.deepEqual([...unescapeOnbon(escapeOnbon(Uint8Array.of(b, b)))], [b, b]);
});

test('a frame whose data holds every special byte survives encode → decode', () => {
  const text = Buffer.from([0x41, 0xa5, 0xa6, 0x5a, 0x5b]); // not real GB2312, raw bytes through the codec
  const frame = encodeOnbonFrame({ address: 0x5a5b, data: dynamicTextData(text) });
  const decoded = decodeOnbonFrame(frame);
  assert.equal(decoded.address, 0x5a5b);
  assert.equal(decoded.command.kind, 'text');
});

test('the decoder refuses a wrong CRC, a wrong length and a bad escape, saying which', () => {
  const good = encodeOnbonFrame({ address: 1, data: pingData() });
  const badCrc = Uint8Array.from(good);
  badCrc[badCrc.length - 2] = badCrc[badCrc.length - 2]! ^ 0x01;
  assert.throws(() => decodeOnbonFrame(badCrc), (e: Error) => e instanceof OnbonDecodeError && /CRC mismatch/.test(e.message));
  const short = Uint8Array.from([...good.subarray(0, 24), ...good.subarray(25)]);
  assert.throws(() => decodeOnbonFrame(short), OnbonDecodeError);
  assert.throws(() => decodeOnbonFrame(hex('A5 01 A6 07 5A')), /bad escape/);
  assert.throws(() => decodeOnbonFrame(hex('01 02 5A')), /does not start with A5/);
});

test('brightness 0–15 maps to Onbon 1–16 in level and all 48 slots, and decodes back', () => {
  const data = brightnessData(9);
  assert.equal(show(data.subarray(0, 7)), 'A3 02 01 00 00 01 0A');
  assert.equal(data.length, 7 + 48);
  assert.ok(data.subarray(7).every((b) => b === 10));
  const decoded = decodeOnbonFrame(encodeOnbonFrame({ address: 2, data }));
  assert.deepEqual(decoded.command, { kind: 'brightness', level: 9 });
  assert.throws(() => brightnessData(16), /0–15/);
});

test('two lines are padded to the line width so the controller wraps between them, and come back as two lines', () => {
  const l = layout({ kind: 'idle', windowNo: 12, windowName: '不动产登记' }, { lines: 2, charsPerLine: 8 });
  assert.deepEqual(l.lines, ['12号窗口', '不动产登记']);
  const decoded = decodeOnbonFrame(encodeOnbonFrame({ address: 3, data: layoutTextData(l, { lines: 2, charsPerLine: 8 }) }));
  assert.equal(decoded.command.kind, 'text');
  if (decoded.command.kind !== 'text') return;
  assert.deepEqual(decoded.command.area.lines, ['12号窗口', '不动产登记']);
  assert.equal(decoded.command.area.colour, 'green');
  assert.equal(decoded.command.area.heightPx, 32);
});

test('a character outside GB2312 is refused with an error naming it, not sent as garbage', () => {
  assert.throws(
    () => encodeDisplayText('请A012号到𠀀号窗口', 'gb2312'),
    (e: Error) => e instanceof DisplayTextError && e.character === '𠀀' && /U\+20000/.test(e.message) && /GB2312/.test(e.message),
  );
  // iconv-lite's "gb2312" is really GBK: 镕 (GBK only) and € must still be refused.
  assert.throws(() => encodeDisplayText('朱镕基', 'gb2312'), (e: Error) => e instanceof DisplayTextError && e.character === '镕');
  assert.throws(() => encodeDisplayText('€', 'gb2312'), DisplayTextError);
  assert.throws(() => encodeDisplayText('a\u0007', 'gb2312'), /控制字符/);
  const l = layout({ kind: 'text', lines: ['喆'] }, { lines: 1, charsPerLine: 8 });
  assert.throws(() => layoutTextData(l, { lines: 1, charsPerLine: 8 }), DisplayTextError);
  assert.deepEqual([...encodeDisplayText('号￥', 'gb2312')], [0xba, 0xc5, 0xa3, 0xa4]);
});
