import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checksum,
  decode,
  encode,
  EXAMPLE_AA55_XOR,
  EXAMPLE_STX_ETX_MODBUS,
  parseFramedCodecSpec,
} from '../../../drivers/display/framed.js';
import { FramedParser, type FramedChunk } from '../../../drivers/display/framed-parser.js';
import { DisplayTextError } from '../../../drivers/display/text-encoding.js';
import { ConfigError } from '../../../main/rules/config-problem.js';

const show = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1 ');
const aa55 = parseFramedCodecSpec(EXAMPLE_AA55_XOR);
const stx = parseFramedCodecSpec(EXAMPLE_STX_ETX_MODBUS);

test('CRC-16/MODBUS and CRC-16/ARC give their standard check values', () => {
  const digits = Buffer.from('123456789', 'ascii');
  assert.equal(checksum('crc16-modbus', digits), 0x4b37);
  assert.equal(checksum('crc16-arc', digits), 0xbb3d);
  assert.equal(checksum('sum8', Uint8Array.of(0xff, 0x02)), 0x01);
  assert.equal(checksum('xor8', Uint8Array.of(0x0f, 0xf0)), 0xff);
});

test('AA-55 XOR example: a call to window 3 on display 3 is the golden frame', () => {
  const frame = encode(aa55, 3, ['请A012号', '到3号窗口'], 'calling');
  // AA · addr 03 · cmd 02 (calling) · len 18 · GBK 请A012号 CR 到3号窗口 · XOR 1A · 55
  assert.equal(show(frame), 'AA 03 02 12 C7 EB 41 30 31 32 BA C5 0D B5 BD 33 BA C5 B4 B0 BF DA 1A 55');
  assert.deepEqual(decode(aa55, frame), { address: 3, kind: 'calling', command: Uint8Array.of(0x02), lines: ['请A012号', '到3号窗口'] });
});

test('STX-ETX Modbus example: idle text on display 3 is the golden frame with an ASCII address', () => {
  const frame = encode(stx, 3, ['3号窗口', '企业登记'], 'idle');
  // STX · "03" · 'T' · GB2312 3号窗口 | 企业登记 · CRC-16/MODBUS B7 80 (LE) · ETX
  assert.equal(show(frame), '02 30 33 54 33 BA C5 B4 B0 BF DA 7C C6 F3 D2 B5 B5 C7 BC C7 B7 80 03');
  const decoded = decode(stx, frame);
  assert.equal(decoded.address, 3);
  assert.equal(decoded.kind, 'text'); // one text command for every kind
  assert.deepEqual(decoded.lines, ['3号窗口', '企业登记']);
});

test('a damaged framed frame is refused with the reason', () => {
  const frame = encode(aa55, 1, ['暂停服务']);
  const bad = Uint8Array.from(frame);
  bad[5] = bad[5]! ^ 0x40;
  assert.throws(() => decode(aa55, bad), /xor8 mismatch/);
  assert.throws(() => decode(aa55, frame.subarray(1)), /header AA/);
  assert.throws(() => decode(stx, encode(aa55, 1, ['x'])), /header 02/);
});

test('config errors name every bad field', () => {
  const bad = {
    ...EXAMPLE_AA55_XOR,
    header: 'AZ',
    address: { bytes: 7, encoding: 'bcd' },
    commands: { calling: '02' },
    checksum: { type: 'md5' },
    trailer: 'GG',
    extra: true,
  };
  try {
    parseFramedCodecSpec(bad, 'hall.yml: displays[2].framed');
    assert.fail('should throw');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    const message = error.message;
    assert.ok(message.split('\n').every((l) => l.startsWith('hall.yml: displays[2].framed.')), message);
    for (const field of ['header:', 'address.bytes:', 'address.encoding:', 'commands:', 'checksum.type:', 'trailer:']) {
      assert.ok(message.includes(field), `${field} named in: ${message}`);
    }
    assert.match(message, /commands\.text is required/);
    assert.match(message, /extra/);
  }
});

test('an address that does not fit the spec and text outside the encoding are refused', () => {
  assert.throws(() => encode(stx, 100, ['x']), /address must be an integer 0–99/);
  assert.throws(() => encode(aa55, 256, ['x']), /0–255/);
  assert.throws(() => encode(stx, 1, ['镕']), DisplayTextError);
});

test('the framed parser finds frames at every chunk boundary, with garbage and an ETX inside the CRC', () => {
  const frames = [encode(aa55, 1, ['1号窗口']), encode(aa55, 2, ['请A001号', '到2号窗口'], 'calling'), encode(aa55, 3, ['暂停服务'])];
  const stream = Buffer.concat([Buffer.from([0x00, 0x55]), ...frames.map((f) => Buffer.from(f)), Buffer.from([0xaa])]);
  for (let cut = 0; cut <= stream.length; cut++) {
    const parser = new FramedParser(aa55);
    const got: FramedChunk[] = [];
    parser.on('data', (c: FramedChunk) => got.push(c));
    parser.write(stream.subarray(0, cut));
    parser.write(stream.subarray(cut));
    assert.deepEqual(got.map((c) => c.frame.address), [1, 2, 3], `cut at ${cut}`);
  }
});
