import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  HEALTHY_STATUS,
  NO_REPLY_STATUS,
  canPrint,
  combineRealtime,
  decodeAsb,
  decodeRealtimeStatus,
  describe as describeStatus,
  isAsbFirstByte,
  isRealtimeReply,
  mainProblem,
  type PrinterStatus,
} from '../../../drivers/printer/status.js';
import { asbMessage, realtimeReply, READY_STATE } from '../../../drivers/sim/printer-sim.js';

const IDLE = 0x12; // every DLE EOT reply with nothing to report

describe('DLE EOT replies, bit by bit (HARDWARE.md)', () => {
  test('a valid reply has (b & 0x93) == 0x12; anything else is refused', () => {
    assert.ok(isRealtimeReply(0x12));
    assert.ok(isRealtimeReply(0x7e));
    for (const bad of [0x00, 0x10, 0x13, 0x92, 0xff, 0x02]) {
      assert.ok(!isRealtimeReply(bad), `0x${bad.toString(16)}`);
      assert.throws(() => decodeRealtimeStatus(1, bad), /not a DLE EOT reply/);
    }
  });

  test('n=1: bit 3 offline, bit 6 FEED button', () => {
    assert.deepEqual(decodeRealtimeStatus(1, IDLE), { online: true, feedButton: false });
    assert.deepEqual(decodeRealtimeStatus(1, IDLE | 0x08), { online: false, feedButton: false });
    assert.deepEqual(decodeRealtimeStatus(1, IDLE | 0x40), { online: true, feedButton: true });
  });

  test('n=2: bit 2 cover open, bit 3 paper fed by button, bit 5 stopped at paper end', () => {
    assert.deepEqual(decodeRealtimeStatus(2, IDLE), { coverOpen: false, feedButton: false });
    assert.deepEqual(decodeRealtimeStatus(2, IDLE | 0x04), { coverOpen: true, feedButton: false });
    assert.deepEqual(decodeRealtimeStatus(2, IDLE | 0x08), { coverOpen: false, feedButton: true });
    assert.deepEqual(decodeRealtimeStatus(2, IDLE | 0x20), { coverOpen: false, feedButton: false, paper: 'out' });
  });

  test('n=2 bit 6 (an error occurred) alone says nothing yet: n=3 tells which', () => {
    assert.deepEqual(decodeRealtimeStatus(2, IDLE | 0x40), { coverOpen: false, feedButton: false });
  });

  test('n=3: bit 3 cutter error, bit 5 unrecoverable, bit 6 auto-recoverable', () => {
    const none = { cutterError: false, unrecoverableError: false, autoRecoverableError: false };
    assert.deepEqual(decodeRealtimeStatus(3, IDLE), none);
    assert.deepEqual(decodeRealtimeStatus(3, IDLE | 0x08), { ...none, cutterError: true });
    assert.deepEqual(decodeRealtimeStatus(3, IDLE | 0x20), { ...none, unrecoverableError: true });
    assert.deepEqual(decodeRealtimeStatus(3, IDLE | 0x40), { ...none, autoRecoverableError: true });
  });

  test('n=4: 0x0C near end, 0x60 paper end (either bit of each pair counts)', () => {
    assert.deepEqual(decodeRealtimeStatus(4, IDLE), { paper: 'ok' });
    assert.deepEqual(decodeRealtimeStatus(4, IDLE | 0x0c), { paper: 'near-end' });
    assert.deepEqual(decodeRealtimeStatus(4, IDLE | 0x04), { paper: 'near-end' });
    assert.deepEqual(decodeRealtimeStatus(4, IDLE | 0x60), { paper: 'out' });
    assert.deepEqual(decodeRealtimeStatus(4, IDLE | 0x6c), { paper: 'out' });
  });

  test('a round of replies combines into one status; the worse paper reading wins', () => {
    assert.deepEqual(combineRealtime({ 1: IDLE, 2: IDLE, 4: IDLE }), HEALTHY_STATUS);
    const out = combineRealtime({ 1: IDLE | 0x08, 2: IDLE | 0x20 | 0x04, 4: IDLE | 0x0c });
    assert.equal(out.paper, 'out');
    assert.equal(out.coverOpen, true);
    assert.equal(out.online, false);
  });
});

describe('automatic status back (GS a), 4 bytes', () => {
  test('first byte (b & 0x93) == 0x10 tells it apart from DLE EOT replies', () => {
    assert.ok(isAsbFirstByte(0x10));
    assert.ok(!isAsbFirstByte(0x12));
    assert.ok(!isRealtimeReply(0x10));
  });

  test('byte 1: bit 3 offline, bit 5 cover open, bit 6 FEED button', () => {
    assert.deepEqual(decodeAsb([0x10, 0, 0, 0]), HEALTHY_STATUS);
    assert.equal(decodeAsb([0x18, 0, 0, 0]).online, false);
    assert.equal(decodeAsb([0x30, 0, 0, 0]).coverOpen, true);
    assert.equal(decodeAsb([0x50, 0, 0, 0]).feedButton, true);
  });

  test('byte 2: cutter, unrecoverable and auto-recoverable errors', () => {
    assert.equal(decodeAsb([0x10, 0x08, 0, 0]).cutterError, true);
    assert.equal(decodeAsb([0x10, 0x20, 0, 0]).unrecoverableError, true);
    assert.equal(decodeAsb([0x10, 0x40, 0, 0]).autoRecoverableError, true);
  });

  test('byte 3: bits 0–1 near end, bits 2–3 paper end', () => {
    assert.equal(decodeAsb([0x10, 0, 0x01, 0]).paper, 'near-end');
    assert.equal(decodeAsb([0x10, 0, 0x03, 0]).paper, 'near-end');
    assert.equal(decodeAsb([0x10, 0, 0x04, 0]).paper, 'out');
    assert.equal(decodeAsb([0x10, 0, 0x0f, 0]).paper, 'out');
  });

  test('a malformed message is refused', () => {
    assert.throws(() => decodeAsb([0x10, 0, 0]), /4 bytes/);
    assert.throws(() => decodeAsb([0x12, 0, 0, 0]), /not an ASB/);
    assert.throws(() => decodeAsb([0x10, 0x10, 0, 0]), /not an ASB/);
  });
});

describe('canPrint and the Chinese description', () => {
  const cases: Array<[string, Partial<PrinterStatus>, boolean, string]> = [
    ['ready', {}, true, '正常'],
    ['paper near end still prints', { paper: 'near-end' }, true, '纸将尽'],
    ['paper out', { paper: 'out', online: false }, false, '缺纸'],
    ['cover open', { coverOpen: true, online: false }, false, '打印机盖未关'],
    ['cutter error', { cutterError: true, online: false }, false, '切刀故障'],
    ['offline alone', { online: false }, false, '脱机'],
    ['unrecoverable', { unrecoverableError: true }, false, '打印机故障，请重启打印机'],
    ['head too hot', { autoRecoverableError: true }, false, '打印头过热，稍后自动恢复'],
    ['paper out and cover open', { paper: 'out', coverOpen: true, online: false }, false, '缺纸，打印机盖未关'],
  ];
  for (const [name, change, printable, text] of cases) {
    test(`${name}: ${printable ? 'prints' : 'refused'}, "${text}"`, () => {
      const status = { ...HEALTHY_STATUS, ...change };
      assert.equal(canPrint(status), printable);
      assert.equal(describeStatus(status), text);
      assert.equal(mainProblem(status) === undefined, printable);
    });
  }

  test('no reply at all: cannot print, says 脱机 and what to check', () => {
    assert.equal(canPrint(NO_REPLY_STATUS), false);
    assert.equal(mainProblem(NO_REPLY_STATUS), 'no-reply');
    assert.match(describeStatus(NO_REPLY_STATUS), /^脱机/);
  });

  test('paper out is the main problem even though the printer also reports offline', () => {
    assert.equal(mainProblem({ ...HEALTHY_STATUS, paper: 'out', online: false }), 'paper-out');
  });
});

describe('the simulator speaks the same bits the driver reads', () => {
  const states = [
    READY_STATE,
    { ...READY_STATE, paper: 'near-end' as const },
    { ...READY_STATE, paper: 'out' as const },
    { ...READY_STATE, coverOpen: true },
    { ...READY_STATE, cutterError: true },
    { ...READY_STATE, feedButton: true },
  ];
  for (const state of states) {
    test(`DLE EOT and ASB agree for ${JSON.stringify(state)}`, () => {
      const rt = combineRealtime({ 1: realtimeReply(state, 1), 2: realtimeReply(state, 2), 3: realtimeReply(state, 3), 4: realtimeReply(state, 4) });
      const asb = decodeAsb(asbMessage(state));
      assert.deepEqual(asb, rt);
      assert.equal(rt.paper, state.paper);
      assert.equal(rt.coverOpen, state.coverOpen);
      assert.equal(rt.cutterError, state.cutterError);
    });
  }
});
