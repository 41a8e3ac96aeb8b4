import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_MODBUS_KEYPAD_MAP as map,
  ModbusKeypadLink,
  decodeModbusReport,
  modbusCrc,
  modbusReplyParser,
  packAscii,
  packText,
  parseModbusKeypadMap,
  pollBlock,
  unpackText,
} from '../../../drivers/keypad/modbus.js';
import { ConfigError } from '../../../main/rules/config-problem.js';
import type { LineQueue, RequestOptions } from '../../../drivers/transport/line-queue.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const withCrc = (b: Buffer): Buffer => {
  const crc = modbusCrc(b);
  return Buffer.concat([b, Buffer.from([crc & 0xff, crc >>> 8])]);
};

/** A LineQueue stand-in: records each request and answers from `answer`, with noise around it. */
function fakeQueue(answer: (request: Buffer) => Buffer | undefined) {
  const requests: Buffer[] = [];
  const queue = {
    transport: { name: 'fake line', state: 'open' },
    async request<T>(frame: Uint8Array, options: RequestOptions<T>): Promise<T> {
      const request = Buffer.from(frame);
      requests.push(request);
      const reply = answer(request);
      if (!reply) throw Object.assign(new Error('no reply'), { code: 'timeout' });
      // Noise before the reply and the reply in two pieces: the parser must wait, then find it.
      const stream = Buffer.concat([hex('FF 00 13'), reply]);
      const cut = Math.floor(stream.length / 2);
      const first = options.replyParser!(stream.subarray(0, cut));
      assert.equal(first, undefined);
      return options.replyParser!(stream) as T;
    },
  };
  return { queue: queue as unknown as LineQueue, requests };
}

describe('Modbus keypads: HallQ reference register map', () => {
  test('a poll is one FC 03 over registers 0..4', async () => {
    assert.deepEqual(pollBlock(map), { start: 0, count: 5 });
    const { queue, requests } = fakeQueue(() => withCrc(hex('01 03 0A 0007 0035 0000 0000 0000')));
    const report = await new ModbusKeypadLink({ queue }).poll(1);
    assert.deepEqual(requests, [hex('01 03 00 00 00 05 85 C9')]);
    assert.deepEqual(report, { press: { kind: 'rating', level: 5 }, counter: 7 });
  });

  test('prompt writes the GB2312 text (FC 16) and then triggers register 16 = 2 (FC 06)', async () => {
    const { queue, requests } = fakeQueue((req) => withCrc(req.subarray(0, 6)));
    await new ModbusKeypadLink({ queue }).command(1, { kind: 'prompt', text: '请您对本次服务评价' });
    assert.equal(requests.length, 2);
    const text = requests[0]!;
    assert.deepEqual(text.subarray(0, 7), hex('01 10 00 20 00 20 40'));
    assert.equal(unpackText(map, Array.from({ length: 32 }, (_, i) => text.readUInt16BE(7 + 2 * i))), '请您对本次服务评价');
    assert.deepEqual(requests[1], hex('01 06 00 10 00 02 09 CE'));
  });

  test('a coil trigger is FC 05 ON', async () => {
    const coilMap = parseModbusKeypadMap({ text: null, commands: { prompt: { type: 'coil', address: 1 } } });
    const { queue, requests } = fakeQueue((req) => withCrc(req.subarray(0, 6)));
    await new ModbusKeypadLink({ queue, map: coilMap }).command(1, { kind: 'prompt', text: '' });
    assert.deepEqual(requests, [hex('01 05 00 01 FF 00 DD FA')]);
  });

  test('show-number writes ASCII into registers 8..11', async () => {
    const { queue, requests } = fakeQueue((req) => withCrc(req.subarray(0, 6)));
    await new ModbusKeypadLink({ queue }).command(2, { kind: 'showNumber', number: 'A001' });
    assert.deepEqual(requests[0]!.subarray(0, -2), hex('02 10 00 08 00 04 08 4130 3031 0000 0000'));
  });

  test('a Modbus exception reply fails the poll with its meaning', async () => {
    const { queue } = fakeQueue(() => withCrc(hex('01 83 02')));
    await assert.rejects(new ModbusKeypadLink({ queue }).poll(1), /fake line \(Modbus RTU, HallQ reference register map\) address 1: .*[Ii]llegal data address/);
  });

  test('no reply, or a unit id outside 1..247, is a KeypadError naming the address', async () => {
    const { queue } = fakeQueue(() => undefined);
    await assert.rejects(new ModbusKeypadLink({ queue }).poll(4), /address 4: /);
    await assert.rejects(new ModbusKeypadLink({ queue }).poll(0), /address 0: Modbus unit id must be 1..247/);
  });

  test('the reply parser skips noise and other units, and checks the CRC', () => {
    const parse = modbusReplyParser(hex('01 03 00 00 00 05 85 C9'));
    const reply = withCrc(hex('01 03 0A 0001 0011 0000 0000 0000'));
    const otherUnit = withCrc(hex('02 03 0A 0001 0011 0000 0000 0000'));
    const badCrc = Buffer.from(reply);
    badCrc[badCrc.length - 1]! ^= 0xff;
    assert.equal(parse(Buffer.concat([otherUnit, badCrc])), undefined);
    assert.deepEqual(parse(Buffer.concat([hex('01 03'), otherUnit, badCrc, reply])), reply);
  });

  test('digits come back as the string typed, leading zeros kept', () => {
    assert.deepEqual(packAscii('0123', 3), [0x3031, 0x3233, 0]);
    assert.deepEqual(decodeModbusReport(map, 0, [9, 0x17, 0x3031, 0x3233, 0], 2), {
      press: { kind: 'key', key: 'digits', digits: '0123' },
      counter: 9,
    });
    assert.throws(() => decodeModbusReport(map, 0, [9, 0x99, 0, 0, 0], 2), /address 2: unknown key code 0x99 in register 1/);
  });

  test('text too long for the text registers is refused before anything is sent', () => {
    assert.throws(() => packText(map, '欢'.repeat(33)), /66 bytes; text.registers 32 hold 64/);
  });

  test('map config errors name the field', () => {
    const expectError = (input: unknown, pattern: RegExp) =>
      assert.throws(() => parseModbusKeypadMap(input, 'hall.yml: keypads.modbusMap'), (e: Error) => e instanceof ConfigError && pattern.test(e.message));
    expectError({ lastKey: 0 }, /lastKey: is the same register as pressCounter/);
    expectError({ commands: { prompt: { type: 'relay', address: 1 } } }, /commands\.prompt/);
    expectError({ commands: { prompt: { type: 'register', address: 16 } } }, /commands\.prompt\.value/);
    expectError({ pressCounter: 70000 }, /pressCounter: expected a register address 0..65535 \(got 70000\)/);
    expectError({ digits: { address: 200, registers: 3 } }, /digits: .*span 203 registers/);
    expectError({ keyCodes: [{ code: 0, rating: 5 }] }, /keyCodes\[0\]\.code: is the idleCode/);
    expectError({ colour: 'red' }, /colour/);
  });
});
