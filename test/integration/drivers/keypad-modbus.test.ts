import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ModbusKeypadLink, parseModbusKeypadMap } from '../../../drivers/keypad/modbus.js';
import { EvaluationKeypadDriver } from '../../../drivers/keypad/evaluation-keypad.js';
import { CallerKeypadDriver } from '../../../drivers/keypad/caller-keypad.js';
import { ModbusKeypadSim } from '../../../drivers/sim/keypad-sim.js';
import type { KeyEvent, RatingEvent, RatingLevel } from '../../../drivers/keypad/types.js';
import { next, rig, until } from './keypad-harness.js';

describe('Modbus RTU keypads on a pty (modbus-serial over our transport)', () => {
  test('round trip: five ratings once each, caller keys with digits, and every display command', async () => {
    const r = await rig('kp-modbus', (path) =>
      new ModbusKeypadSim({ path, devices: [{ address: 1, kind: 'evaluation' }, { address: 2, kind: 'caller' }] }),
    );
    const link = new ModbusKeypadLink({ queue: r.queue });
    const evaluation = new EvaluationKeypadDriver({ link, addresses: [1], pollIntervalMs: 10 });
    const caller = new CallerKeypadDriver({ link, addresses: [2], pollIntervalMs: 10 });
    const ratings: RatingEvent[] = [];
    const keys: KeyEvent[] = [];
    evaluation.on('rating', (e) => ratings.push(e));
    caller.on('key', (e) => keys.push(e));
    try {
      await evaluation.start();
      await caller.start();
      await until(() => evaluation.status(1) === 'online' && caller.status(2) === 'online', 'online');

      await evaluation.welcome(1, { window: 12, staffNo: '0456' });
      assert.deepEqual(r.sim.device(1).screen, { mode: 'welcome', text: '欢迎光临 12号窗口 工号0456' });
      await evaluation.prompt(1);
      assert.deepEqual(r.sim.device(1).screen, { mode: 'prompt', text: '请您对本次服务评价' });

      for (const level of [1, 2, 3, 4, 5] as RatingLevel[]) {
        r.sim.press(1, level);
        await until(() => ratings.length === level, `rating ${level}`);
        const polls = r.sim.device(1).polls;
        await until(() => r.sim.device(1).polls >= polls + 3, 'more polls');
      }
      assert.deepEqual(ratings.map((e) => [e.level, e.address]), [[1, 1], [2, 1], [3, 1], [4, 1], [5, 1]]);

      await evaluation.thanks(1);
      assert.deepEqual(r.sim.device(1).screen, { mode: 'thanks', text: '感谢您的评价' });

      for (const [key, digits] of [['next'], ['digits', '012345'], ['finish']] as [KeyEvent['key'], string?][]) {
        const got = next<KeyEvent>(caller, 'key');
        r.sim.press(2, key, digits);
        const e = await got;
        assert.deepEqual([e.address, e.key, e.digits], [2, key, digits]);
      }
      await caller.showNumber(2, 'B012');
      assert.equal(r.sim.device(2).number, 'B012');
      await sleep(50);
      assert.equal(keys.length, 3);
    } finally {
      await evaluation.stop();
      await caller.stop();
      await r.done();
    }
  });

  test('a map that prompts with a coil and has no text registers', async () => {
    const map = parseModbusKeypadMap({
      name: '线圈评价器',
      text: null,
      commands: { welcome: { type: 'coil', address: 0 }, prompt: { type: 'coil', address: 1 }, thanks: { type: 'coil', address: 2 }, showNumber: null },
    });
    const r = await rig('kp-modbus-coil', (path) => new ModbusKeypadSim({ path, map, devices: [{ address: 9, kind: 'evaluation' }] }));
    const pad = new EvaluationKeypadDriver({ link: new ModbusKeypadLink({ queue: r.queue, map }), addresses: [9] });
    try {
      await pad.prompt(9);
      assert.deepEqual(r.sim.device(9).screen, { mode: 'prompt', text: '' });
      await pad.thanks(9);
      assert.equal(r.sim.device(9).screen.mode, 'thanks');
    } finally {
      await r.done();
    }
  });

  test('cut and restored: offline, then back online by itself, presses resume; noise does no harm', async () => {
    const r = await rig('kp-modbus-cut', (path) => new ModbusKeypadSim({ path, devices: [{ address: 3, kind: 'caller' }] }));
    const pad = new CallerKeypadDriver({
      link: new ModbusKeypadLink({ queue: r.queue, replyTimeoutMs: 80 }),
      addresses: [3],
      pollIntervalMs: 20,
    });
    try {
      await pad.start();
      await until(() => pad.status(3) === 'online', 'online');
      for (let i = 0; i < 30; i++) {
        await r.sim.inject(randomBytes(1 + (i % 19)));
        if (i % 2) await r.transport.write(randomBytes(1 + (i % 13))).catch(() => undefined);
        await sleep(5);
      }
      let got = next<KeyEvent>(pad, 'key', () => true, 5000);
      r.sim.press(3, 'recall');
      assert.equal((await got).key, 'recall');

      await r.pty.cut();
      await until(() => pad.status(3) === 'offline', 'offline', 5000);
      await r.pty.restore();
      await until(() => pad.status(3) === 'online', () => `online again (transport ${r.transport.state}, sim open ${r.sim.isOpen}, ${r.sim.reopenInfo}, polls seen ${r.sim.device(3).polls})`, 8000);
      got = next<KeyEvent>(pad, 'key');
      r.sim.press(3, 'skip');
      assert.equal((await got).key, 'skip');
    } finally {
      await pad.stop();
      await r.done();
    }
  });
});
