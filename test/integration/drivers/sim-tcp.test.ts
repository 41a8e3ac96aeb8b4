// Simulators on a TCP line (a networked LED controller, an RS-485-to-Ethernet converter on the keypad
// bus): the same drivers over TcpTransport see the same devices as over a serial line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TcpTransport } from '../../../drivers/transport/tcp.js';
import { LineQueue } from '../../../drivers/transport/line-queue.js';
import { LedDisplay } from '../../../drivers/display/led-display.js';
import { onbonCodec } from '../../../drivers/display/codecs.js';
import { DisplaySimulator } from '../../../drivers/sim/display-sim.js';
import { FrameKeypadSim } from '../../../drivers/sim/keypad-sim.js';
import { DEFAULT_KEYPAD_FRAME_SPEC } from '../../../drivers/keypad/frame-codec.js';
import { FrameKeypadLink } from '../../../drivers/keypad/frame-link.js';
import { EvaluationKeypadDriver } from '../../../drivers/keypad/evaluation-keypad.js';
import type { RatingEvent } from '../../../drivers/keypad/types.js';
import { next, until } from './keypad-harness.js';

test('an LED display simulator listening on TCP shows the call the driver sends and acknowledges it', async () => {
  const sim = new DisplaySimulator({ addresses: [3] });
  const port = await sim.listenTcp();
  const transport = new TcpTransport({ host: '127.0.0.1', port });
  await transport.open();
  const line = new LineQueue(transport);
  const display = new LedDisplay({ codec: onbonCodec(), address: 3, line, geometry: { lines: 1, charsPerLine: 10 }, replyTimeoutMs: 2000 });
  try {
    await display.show({ kind: 'calling', ticketNumber: 'A012', windowNo: 3 });
    await until(() => sim.state(3)?.lines.join('').includes('A012') ?? false, 'display 3 shows A012', 5000);
    assert.equal(sim.state(3)?.effect, 'flash');
    assert.equal(display.status().state, 'ok', 'the ACK came back over TCP');
  } finally {
    await display.close();
    line.close();
    await transport.close();
    await sim.stop();
  }
});

test('a keypad simulator on TCP: a press is read by the driver as one rating', async () => {
  const sim = new FrameKeypadSim({ devices: [{ address: 1, kind: 'evaluation' }] });
  const port = await sim.listenTcp();
  const transport = new TcpTransport({ host: '127.0.0.1', port });
  await transport.open();
  const queue = new LineQueue(transport);
  const pad = new EvaluationKeypadDriver({ link: new FrameKeypadLink({ queue, spec: DEFAULT_KEYPAD_FRAME_SPEC }), addresses: [1], pollIntervalMs: 20 });
  try {
    await pad.start();
    await until(() => pad.status(1) === 'online', 'keypad online', 5000);
    const rating = next<RatingEvent>(pad, 'rating', () => true, 5000);
    sim.press(1, 4);
    assert.equal((await rating).level, 4);
    assert.ok(sim.isOpen);
  } finally {
    await pad.stop();
    queue.close();
    await transport.close();
    await sim.close();
  }
});
