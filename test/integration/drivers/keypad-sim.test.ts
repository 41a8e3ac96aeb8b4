import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DEFAULT_KEYPAD_FRAME_SPEC as spec,
  parseKeypadFrameSpec,
  pollFrame,
  reportFrame,
} from '../../../drivers/keypad/frame-codec.js';
import { FrameKeypadLink } from '../../../drivers/keypad/frame-link.js';
import { CallerKeypadDriver } from '../../../drivers/keypad/caller-keypad.js';
import { EvaluationKeypadDriver } from '../../../drivers/keypad/evaluation-keypad.js';
import { modbusCrc } from '../../../drivers/keypad/modbus.js';
import { FrameKeypadSim, ModbusKeypadSim } from '../../../drivers/sim/keypad-sim.js';
import type { KeyEvent, RatingEvent } from '../../../drivers/keypad/types.js';
import type { SerialTransport } from '../../../drivers/transport/serial.js';
import { rig, until } from './keypad-harness.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const withCrc = (b: Buffer): Buffer => {
  const crc = modbusCrc(b);
  return Buffer.concat([b, Buffer.from([crc & 0xff, crc >>> 8])]);
};

/**
 * Write `bytes` from the host end and return what the line answers: when an answer is `expected`,
 * everything up to its length (waiting up to 3 s, so a loaded machine does not fail the test);
 * otherwise what arrives within 150 ms (silence is the answer).
 */
async function exchange(transport: SerialTransport, bytes: Buffer, expected?: Uint8Array): Promise<Buffer> {
  const got: Buffer[] = [];
  const on = (c: Buffer): void => void got.push(c);
  transport.on('data', on);
  await transport.write(bytes);
  const end = Date.now() + (expected ? 3000 : 150);
  while (Date.now() < end && (!expected || Buffer.concat(got).length < expected.length)) await sleep(10);
  transport.off('data', on);
  return Buffer.concat(got);
}

/** The line answers `bytes` with exactly `want`. */
async function answers(transport: SerialTransport, bytes: Buffer, want: Buffer): Promise<void> {
  assert.deepEqual(await exchange(transport, bytes, want), want);
}

describe('keypad simulators answer like multi-drop devices', () => {
  test('frame sim: answers its own addresses only, and ignores garbage and bad checksums', async () => {
    const r = await rig('kp-sim-frame', (path) =>
      new FrameKeypadSim({ path, devices: [{ address: 1, kind: 'evaluation' }, { address: 2, kind: 'caller' }] }),
    );
    try {
      await answers(r.transport, pollFrame(spec, 1), reportFrame(spec, 1, null, 0));
      await answers(r.transport, pollFrame(spec, 2), reportFrame(spec, 2, null, 0));
      assert.equal((await exchange(r.transport, pollFrame(spec, 3))).length, 0, 'address 3 is nobody');
      const bad = pollFrame(spec, 1);
      bad[4]! ^= 0x01;
      assert.equal((await exchange(r.transport, bad)).length, 0, 'bad checksum');
      assert.equal((await exchange(r.transport, hex('00 A5 FF 13 37 5A A5 01'))).length, 0, 'garbage');
      // After all that noise the device still answers, with garbage glued in front of the poll.
      r.sim.press(1, 4);
      await answers(r.transport, Buffer.concat([hex('5A 00'), pollFrame(spec, 1)]), reportFrame(spec, 1, { kind: 'rating', level: 4 }, 1));
      assert.throws(() => r.sim.press(1, 'next'), /address 1 is an evaluation keypad; press a rating 1..5/);
      assert.throws(() => r.sim.press(2, 'digits'), /needs the digits/);
    } finally {
      await r.done();
    }
  });

  test('Modbus sim: answers its own unit ids only, and ignores garbage and bad CRCs', async () => {
    const r = await rig('kp-sim-modbus', (path) => new ModbusKeypadSim({ path, devices: [{ address: 5, kind: 'caller' }] }));
    try {
      const poll = withCrc(hex('05 03 00 00 00 05'));
      await answers(r.transport, poll, withCrc(hex('05 03 0A 0000 0000 0000 0000 0000')));
      assert.equal((await exchange(r.transport, withCrc(hex('06 03 00 00 00 05')))).length, 0, 'unit 6 is nobody');
      const bad = Buffer.from(poll);
      bad[7]! ^= 0xff;
      assert.equal((await exchange(r.transport, bad)).length, 0, 'bad CRC');
      r.sim.press(5, 'digits', '42');
      await answers(r.transport, Buffer.concat([hex('FF 13 05'), poll]), withCrc(hex('05 03 0A 0001 0017 3432 0000 0000')));
    } finally {
      await r.done();
    }
  });

  test('a vendor framing without a press counter, crc16, two-byte addresses and no ack: held is one, twice is two', async () => {
    const vendor = parseKeypadFrameSpec({
      name: '某厂呼叫器',
      header: [0xaa, 0x55],
      addressWidth: 2,
      checksum: 'crc16-modbus',
      commands: { poll: 0x01, report: 0x81, welcome: 0x02, prompt: 0x03, thanks: 0x04, showNumber: 0x05 },
      report: { counter: false },
      keyCodes: [
        { code: 0x01, key: 'next' },
        { code: 0x02, key: 'recall' },
        { code: 0x10, rating: 5 },
      ],
    });
    const r = await rig('kp-sim-vendor', (path) =>
      new FrameKeypadSim({ path, spec: vendor, holdPolls: 4, devices: [{ address: 0x0101, kind: 'caller' }, { address: 0x0202, kind: 'evaluation' }] }),
    );
    const link = new FrameKeypadLink({ queue: r.queue, spec: vendor });
    const caller = new CallerKeypadDriver({ link, addresses: [0x0101], pollIntervalMs: 10 });
    const evaluation = new EvaluationKeypadDriver({ link, addresses: [0x0202], pollIntervalMs: 10 });
    const keys: KeyEvent[] = [];
    const ratings: RatingEvent[] = [];
    caller.on('key', (k) => keys.push(k));
    evaluation.on('rating', (e) => ratings.push(e));
    try {
      await caller.start();
      await evaluation.start();
      await until(() => caller.status(0x0101) === 'online' && evaluation.status(0x0202) === 'online', 'online');
      for (const key of ['next', 'next', 'recall'] as const) {
        r.sim.press(0x0101, key);
        // Wait until the key reads as released again before the next press.
        await until(() => r.sim.device(0x0101).held === 0, 'key released');
        const polls = r.sim.device(0x0101).polls;
        await until(() => r.sim.device(0x0101).polls > polls + 1, 'an idle poll');
      }
      r.sim.press(0x0202, 5);
      await until(() => ratings.length === 1, 'rating');
      await evaluation.thanks(0x0202); // no ack in this framing: resolves once written
      await until(() => r.sim.device(0x0202).screen.mode === 'thanks', 'thanks shown');
      assert.deepEqual(keys.map((k) => [k.address, k.key]), [[0x0101, 'next'], [0x0101, 'next'], [0x0101, 'recall']]);
      assert.deepEqual(ratings.map((e) => [e.address, e.level]), [[0x0202, 5]]);
    } finally {
      await caller.stop();
      await evaluation.stop();
      await r.done();
    }
  });
});
