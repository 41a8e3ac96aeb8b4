import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_KEYPAD_FRAME_SPEC } from '../../../drivers/keypad/frame-codec.js';
import { FrameKeypadLink } from '../../../drivers/keypad/frame-link.js';
import { EvaluationKeypadDriver } from '../../../drivers/keypad/evaluation-keypad.js';
import { CallerKeypadDriver } from '../../../drivers/keypad/caller-keypad.js';
import { FrameKeypadSim } from '../../../drivers/sim/keypad-sim.js';
import type { KeyEvent, KeypadStatusEvent, RatingEvent, RatingLevel } from '../../../drivers/keypad/types.js';
import { next, rig, until } from './keypad-harness.js';

const spec = DEFAULT_KEYPAD_FRAME_SPEC;

describe('keypads on a pty, HallQ reference framing', () => {
  test('each of the five rating keys pressed is received as that rating, exactly once', async () => {
    const r = await rig('kp-ratings', (path) => new FrameKeypadSim({ path, devices: [{ address: 1, kind: 'evaluation' }] }));
    const pad = new EvaluationKeypadDriver({ link: new FrameKeypadLink({ queue: r.queue, spec }), addresses: [1], pollIntervalMs: 10 });
    const ratings: RatingEvent[] = [];
    pad.on('rating', (e) => ratings.push(e));
    try {
      await pad.start();
      await until(() => pad.status(1) === 'online', 'keypad online');
      for (const level of [5, 4, 3, 2, 1] as RatingLevel[]) {
        r.sim.press(1, level);
        await until(() => ratings.length === 6 - level, `rating ${level}`);
        // Let several more polls read the same report: still one event.
        const polls = r.sim.device(1).polls;
        await until(() => r.sim.device(1).polls >= polls + 3, 'more polls');
      }
      assert.deepEqual(ratings.map((e) => [e.level, e.address]), [[5, 1], [4, 1], [3, 1], [2, 1], [1, 1]]);
      assert.ok(ratings.every((e) => e.at instanceof Date));
    } finally {
      await pad.stop();
      await r.done();
    }
  });

  test('caller keypads at addresses 1 and 2 on one bus: every key arrives tagged with its address', async () => {
    const r = await rig('kp-callers', (path) =>
      new FrameKeypadSim({ path, devices: [{ address: 1, kind: 'caller' }, { address: 2, kind: 'caller' }] }),
    );
    const pads = new CallerKeypadDriver({ link: new FrameKeypadLink({ queue: r.queue, spec }), addresses: [1, 2], pollIntervalMs: 10 });
    const keys: KeyEvent[] = [];
    pads.on('key', (e) => keys.push(e));
    try {
      await pads.start();
      await until(() => pads.status(1) === 'online' && pads.status(2) === 'online', 'both online');
      const presses: [number, KeyEvent['key'], string?][] = [
        [1, 'next'],
        [2, 'next'],
        [2, 'recall'],
        [1, 'skip'],
        [1, 'transfer'],
        [2, 'pause'],
        [2, 'finish'],
        [1, 'digits', '0123'],
      ];
      for (const [address, key, digits] of presses) {
        const got = next<KeyEvent>(pads, 'key');
        r.sim.press(address, key, digits);
        await got;
      }
      await sleep(60);
      assert.deepEqual(
        keys.map((k) => (k.digits === undefined ? [k.address, k.key] : [k.address, k.key, k.digits])),
        presses,
      );
    } finally {
      await pads.stop();
      await r.done();
    }
  });

  test('welcome, prompt, thanks and show-number reach the keypads', async () => {
    const r = await rig('kp-commands', (path) =>
      new FrameKeypadSim({ path, devices: [{ address: 1, kind: 'evaluation' }, { address: 2, kind: 'caller' }] }),
    );
    const link = new FrameKeypadLink({ queue: r.queue, spec });
    const evaluation = new EvaluationKeypadDriver({ link, addresses: [1], pollIntervalMs: 10 });
    const caller = new CallerKeypadDriver({ link, addresses: [2], pollIntervalMs: 10 });
    try {
      // Polls of both drivers and the commands share one line.
      await evaluation.start();
      await caller.start();
      await evaluation.welcome(1, { window: 3, staffNo: '0123' });
      assert.deepEqual(r.sim.device(1).screen, { mode: 'welcome', text: '欢迎光临 3号窗口 工号0123' });
      await evaluation.prompt(1);
      assert.deepEqual(r.sim.device(1).screen, { mode: 'prompt', text: '请您对本次服务评价' });
      const svg = r.sim.svg(1);
      assert.match(svg, /请您对本次服务评价/);
      assert.match(svg, /非常满意[\s\S]*非常不满意/);
      await evaluation.thanks(1);
      assert.deepEqual(r.sim.device(1).screen, { mode: 'thanks', text: '感谢您的评价' });
      await caller.showNumber(2, 'A001');
      assert.equal(r.sim.device(2).number, 'A001');
      assert.match(r.sim.svg(2), /A001/);
      assert.deepEqual(r.sim.device(1).received.map((c) => c.kind), ['welcome', 'prompt', 'thanks']);
    } finally {
      await evaluation.stop();
      await caller.stop();
      await r.done();
    }
  });

  test('a command to a keypad that does not answer is rejected, naming it', async () => {
    const r = await rig('kp-dead', (path) => new FrameKeypadSim({ path, devices: [{ address: 1, kind: 'evaluation' }] }));
    const pad = new EvaluationKeypadDriver({ link: new FrameKeypadLink({ queue: r.queue, spec, replyTimeoutMs: 80 }), addresses: [1] });
    try {
      r.sim.setOnline(1, false);
      await assert.rejects(pad.prompt(1), /评价器 .* address 1: no reply within 80 ms/);
    } finally {
      await r.done();
    }
  });

  test('the line is cut and restored: the keypad goes offline, comes back by itself, and presses arrive again', async () => {
    const r = await rig('kp-cut', (path) => new FrameKeypadSim({ path, devices: [{ address: 1, kind: 'evaluation' }] }));
    const pad = new EvaluationKeypadDriver({
      link: new FrameKeypadLink({ queue: r.queue, spec, replyTimeoutMs: 80 }),
      addresses: [1],
      pollIntervalMs: 20,
      offlineAfterMisses: 3,
    });
    const status: KeypadStatusEvent[] = [];
    pad.on('status', (s) => status.push(s));
    try {
      await pad.start();
      await until(() => pad.status(1) === 'online', 'online');
      await r.pty.cut();
      await until(() => pad.status(1) === 'offline', 'offline after the cut', 5000);
      await r.pty.restore();
      await until(() => pad.status(1) === 'online', () => `online after restore (transport ${r.transport.state}, sim open ${r.sim.isOpen}, ${r.sim.reopenInfo}, polls seen ${r.sim.device(1).polls})`, 8000);
      const rating = next<RatingEvent>(pad, 'rating');
      r.sim.press(1, 5);
      assert.equal((await rating).level, 5);
      assert.deepEqual(status.map((s) => s.online), [true, false, true]);
      assert.ok(status[1]!.reason);
    } finally {
      await pad.stop();
      await r.done();
    }
  });

  test('random bytes on the line from both ends: nothing crashes and keys still arrive', async () => {
    const r = await rig('kp-noise', (path) =>
      new FrameKeypadSim({ path, devices: [{ address: 1, kind: 'caller' }, { address: 2, kind: 'caller' }] }),
    );
    const pads = new CallerKeypadDriver({ link: new FrameKeypadLink({ queue: r.queue, spec, replyTimeoutMs: 80 }), addresses: [1, 2], pollIntervalMs: 5 });
    const keys: KeyEvent[] = [];
    pads.on('key', (k) => keys.push(k));
    try {
      await pads.start();
      await until(() => pads.status(1) === 'online' && pads.status(2) === 'online', 'online');
      for (let i = 0; i < 40; i++) {
        await r.sim.inject(randomBytes(1 + (i % 23)));
        if (i % 2) await r.transport.write(randomBytes(1 + (i % 17))).catch(() => undefined);
        await sleep(5);
      }
      // After the noise, a press on each keypad is still delivered once.
      r.sim.press(1, 'finish');
      r.sim.press(2, 'next');
      await until(() => keys.length >= 2, 'keys after noise', 5000);
      await sleep(100);
      assert.deepEqual(keys.map((k) => [k.address, k.key]).sort(), [[1, 'finish'], [2, 'next']]);
    } finally {
      await pads.stop();
      await r.done();
    }
  });
});
