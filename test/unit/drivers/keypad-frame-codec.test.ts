import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_KEYPAD_FRAME_SPEC as spec,
  ackFrame,
  commandFrame,
  crc16Modbus,
  decodeReport,
  decodeText,
  encodeFrame,
  parseKeypadFrameSpec,
  pollFrame,
  reportFrame,
  type KeypadFrameSpec,
} from '../../../drivers/keypad/frame-codec.js';
import { ConfigError } from '../../../main/rules/config-problem.js';
import { KeypadError, welcomeText, type CallerKey, type RatingLevel } from '../../../drivers/keypad/types.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const frameOf = (s: string) => {
  const b = hex(s);
  return { address: b[1]!, command: b[2]!, data: b.subarray(4, 4 + b[3]!) };
};

describe('HallQ reference framing: golden frames', () => {
  test('the host polls address 1', () => {
    assert.deepEqual(pollFrame(spec, 1), hex('A5 01 50 00 51 5A'));
  });

  const ratings: [RatingLevel, string][] = [
    [1, 'A5 01 4B 02 01 31 80 5A'],
    [2, 'A5 01 4B 02 01 32 81 5A'],
    [3, 'A5 01 4B 02 01 33 82 5A'],
    [4, 'A5 01 4B 02 01 34 83 5A'],
    [5, 'A5 01 4B 02 01 35 84 5A'],
  ];
  for (const [level, bytes] of ratings) {
    test(`a visitor's rating ${level} is reported as ${bytes}`, () => {
      assert.deepEqual(reportFrame(spec, 1, { kind: 'rating', level }, 1), hex(bytes));
      assert.deepEqual(decodeReport(spec, frameOf(bytes)), { press: { kind: 'rating', level }, counter: 1 });
    });
  }

  const keys: [CallerKey, string][] = [
    ['next', 'A5 02 4B 02 07 11 67 5A'],
    ['recall', 'A5 02 4B 02 07 12 68 5A'],
    ['skip', 'A5 02 4B 02 07 13 69 5A'],
    ['transfer', 'A5 02 4B 02 07 14 6A 5A'],
    ['pause', 'A5 02 4B 02 07 15 6B 5A'],
    ['finish', 'A5 02 4B 02 07 16 6C 5A'],
  ];
  for (const [key, bytes] of keys) {
    test(`the staff key ${key} is reported as ${bytes}`, () => {
      assert.deepEqual(reportFrame(spec, 2, { kind: 'key', key }, 7), hex(bytes));
      assert.deepEqual(decodeReport(spec, frameOf(bytes)), { press: { kind: 'key', key }, counter: 7 });
    });
  }

  test('a number typed on the caller keypad comes with its digits', () => {
    const bytes = 'A5 02 4B 06 08 17 30 31 32 33 38 5A';
    assert.deepEqual(reportFrame(spec, 2, { kind: 'key', key: 'digits', digits: '0123' }, 8), hex(bytes));
    assert.deepEqual(decodeReport(spec, frameOf(bytes)), { press: { kind: 'key', key: 'digits', digits: '0123' }, counter: 8 });
  });

  test('an idle keypad reports code 00', () => {
    assert.deepEqual(reportFrame(spec, 1, null, 0), hex('A5 01 4B 02 00 00 4E 5A'));
    assert.deepEqual(decodeReport(spec, frameOf('A5 01 4B 02 00 00 4E 5A')), { press: null, counter: 0 });
  });

  test('welcome text goes out in GB2312', () => {
    const text = welcomeText({ window: 3, staffNo: '0123' });
    assert.equal(text, '欢迎光临 3号窗口 工号0123');
    assert.deepEqual(
      commandFrame(spec, 1, { kind: 'welcome', text }),
      hex('A5 01 57 19 BB B6 D3 AD B9 E2 C1 D9 20 33 BA C5 B4 B0 BF DA 20 B9 A4 BA C5 30 31 32 33 28 5A'),
    );
  });

  test('prompt and thanks go out in GB2312', () => {
    const prompt = commandFrame(spec, 1, { kind: 'prompt', text: '请您对本次服务评价' });
    assert.deepEqual(prompt, hex('A5 01 45 12 C7 EB C4 FA B6 D4 B1 BE B4 CE B7 FE CE F1 C6 C0 BC DB D4 5A'));
    assert.equal(decodeText(spec, prompt.subarray(4, 4 + 0x12)), '请您对本次服务评价');
    assert.deepEqual(commandFrame(spec, 1, { kind: 'thanks', text: '感谢您的评价' }), hex('A5 01 54 0C B8 D0 D0 BB C4 FA B5 C4 C6 C0 BC DB C8 5A'));
  });

  test('the number now served goes out in ASCII', () => {
    assert.deepEqual(commandFrame(spec, 2, { kind: 'showNumber', number: 'A001' }), hex('A5 02 4E 04 41 30 30 31 26 5A'));
  });

  test('a device acknowledges a prompt with the command byte', () => {
    assert.deepEqual(ackFrame(spec, 1, 0x45), hex('A5 01 41 01 45 88 5A'));
  });
});

describe('checksum variants', () => {
  const rating5 = (s: KeypadFrameSpec) => reportFrame(s, 1, { kind: 'rating', level: 5 }, 1);
  test('sum8 adds address … data modulo 256', () => assert.deepEqual(rating5(spec), hex('A5 01 4B 02 01 35 84 5A')));
  test('xor8 xors address … data', () => assert.deepEqual(rating5({ ...spec, checksum: 'xor8' }), hex('A5 01 4B 02 01 35 7C 5A')));
  test('none sends no checksum byte', () => assert.deepEqual(rating5({ ...spec, checksum: 'none' }), hex('A5 01 4B 02 01 35 5A')));
  test('crc16-modbus is the standard check value and goes low byte first', () => {
    assert.equal(crc16Modbus(Buffer.from('123456789')), 0x4b37);
    assert.deepEqual(pollFrame({ ...spec, checksum: 'crc16-modbus' }, 1), hex('A5 01 50 00 1C 00 5A'));
  });
  test('two-byte addresses are big-endian, with a two-byte header and no trailer', () => {
    const s: KeypadFrameSpec = { ...spec, addressWidth: 2, checksum: 'crc16-modbus', header: [0xaa, 0x55], trailer: [] };
    assert.deepEqual(pollFrame(s, 0x0102), hex('AA 55 01 02 50 00 9C 18'));
  });
});

describe('refusals that say what is wrong', () => {
  test('a character outside GB2312 is refused, naming it', () => {
    assert.throws(() => commandFrame(spec, 1, { kind: 'welcome', text: '欢迎 😀' }), (e: Error) => e instanceof KeypadError && /'😀' is not in GB2312/.test(e.message));
  });
  test('Chinese text on an ASCII keypad is refused', () => {
    assert.throws(() => commandFrame({ ...spec, textEncoding: 'ascii' }, 1, { kind: 'thanks', text: '感谢' }), /not printable ASCII/);
  });
  test('an address wider than the spec allows is refused', () => {
    assert.throws(() => pollFrame(spec, 256), /address must be 0..255 \(got 256\)/);
  });
  test('text longer than maxDataLength is refused', () => {
    assert.throws(() => encodeFrame(spec, { address: 1, command: 0x57, data: Buffer.alloc(65) }), /65 bytes, longer than maxDataLength 64/);
  });
  test('an unknown key code in a report is an error naming the code', () => {
    assert.throws(() => decodeReport(spec, frameOf('A5 01 4B 02 01 99 00 5A')), /unknown key code 0x99/);
  });
});

describe('spec config errors name the field', () => {
  const base = () => structuredClone(DEFAULT_INPUT);
  const expectError = (input: unknown, pattern: RegExp) =>
    assert.throws(
      () => parseKeypadFrameSpec(input, 'hall.yml: keypads.frameSpec'),
      (e: Error) => e instanceof ConfigError && pattern.test(e.message),
      `expected ${pattern}`,
    );

  test('the default spec parses back to itself', () => {
    assert.deepEqual(parseKeypadFrameSpec(base()), spec);
  });
  test('hex strings are accepted for bytes', () => {
    assert.deepEqual(parseKeypadFrameSpec({ ...base(), header: ['AA', '0x55'] }).header, [0xaa, 0x55]);
  });
  test('an unknown checksum names checksum', () => {
    expectError({ ...base(), checksum: 'crc8' }, /^hall\.yml: keypads\.frameSpec\.checksum: .*\(got "crc8"\)/);
  });
  test('a byte out of range names header[0]', () => expectError({ ...base(), header: [300] }, /header\[0\]: .*\(got 300\)/));
  test('an empty header is refused', () => expectError({ ...base(), header: [] }, /header: needs at least one header byte/));
  test('an address width of 3 names addressWidth', () => expectError({ ...base(), addressWidth: 3 }, /addressWidth:/));
  test('a missing command names commands.poll', () => {
    const input = base();
    delete (input.commands as Record<string, unknown>).poll;
    expectError(input, /commands\.poll:/);
  });
  test('two commands on one byte are refused', () => {
    expectError({ ...base(), commands: { ...base().commands, prompt: 0x50 } }, /commands\.prompt: same byte as commands\.poll/);
  });
  test('a duplicate key code names the entry', () => {
    const input = base();
    input.keyCodes.push({ code: 0x31, key: 'next' });
    expectError(input, /keyCodes\[12\]\.code: same code as keyCodes\[0\]/);
  });
  test('an unknown caller key names the entry', () => {
    const input = base();
    input.keyCodes[5] = { code: 0x11, key: 'call' as CallerKey };
    expectError(input, /keyCodes\[5\]/);
  });
  test('a key code equal to idleCode is refused', () => {
    expectError({ ...base(), idleCode: 0x31 }, /keyCodes\[0\]\.code: is the idleCode/);
  });
});

const DEFAULT_INPUT = {
  name: 'HallQ reference framing',
  header: [0xa5] as (number | string)[],
  addressWidth: 1,
  trailer: [0x5a],
  checksum: 'sum8',
  maxDataLength: 64,
  textEncoding: 'gb2312',
  commands: { poll: 0x50, report: 0x4b, ack: 0x41, welcome: 0x57, prompt: 0x45, thanks: 0x54, showNumber: 0x4e },
  report: { counter: true },
  idleCode: 0x00,
  keyCodes: [
    { code: 0x31, rating: 1 },
    { code: 0x32, rating: 2 },
    { code: 0x33, rating: 3 },
    { code: 0x34, rating: 4 },
    { code: 0x35, rating: 5 },
    { code: 0x11, key: 'next' },
    { code: 0x12, key: 'recall' },
    { code: 0x13, key: 'skip' },
    { code: 0x14, key: 'transfer' },
    { code: 0x15, key: 'pause' },
    { code: 0x16, key: 'finish' },
    { code: 0x17, key: 'digits' },
  ] as ({ code: number; rating: number } | { code: number; key: CallerKey })[],
};
