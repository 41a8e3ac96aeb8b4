import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Resvg } from '@resvg/resvg-js';
import { createPtyPair, type PtyPair } from '../../helpers/pty.js';
import { SerialTransport } from '../../../drivers/transport/serial.js';
import { LineQueue } from '../../../drivers/transport/line-queue.js';
import { LedDisplay } from '../../../drivers/display/led-display.js';
import { createLedDisplay } from '../../../drivers/display/config.js';
import { framedCodec, onbonCodec } from '../../../drivers/display/codecs.js';
import { EXAMPLE_AA55_XOR } from '../../../drivers/display/framed.js';
import type { DisplayCodec } from '../../../drivers/display/types.js';
import { DisplaySimulator, type SimDisplayState } from '../../../drivers/sim/display-sim.js';

interface Hall {
  pair: PtyPair;
  sim: DisplaySimulator;
  transport: SerialTransport;
  line: LineQueue;
  displays: LedDisplay[];
  close(): Promise<void>;
}

async function hall(name: string, codec: DisplayCodec = onbonCodec(), protocols?: ConstructorParameters<typeof DisplaySimulator>[0]['protocols']): Promise<Hall> {
  const pair = await createPtyPair(name);
  const sim = new DisplaySimulator({ path: pair.device, addresses: [1, 2, 3], ...(protocols ? { protocols } : {}) });
  await sim.start();
  const transport = new SerialTransport({ path: pair.host, baudRate: 9600 });
  await transport.open();
  const line = new LineQueue(transport);
  const displays = [1, 2, 3].map(
    (address) => new LedDisplay({ codec, address, line, geometry: { lines: 1, charsPerLine: 10 }, replyTimeoutMs: 400 }),
  );
  return {
    pair,
    sim,
    transport,
    line,
    displays,
    async close() {
      for (const d of displays) await d.close();
      line.close();
      await transport.close();
      await sim.stop();
      await pair.close();
    },
  };
}

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

test('a call shown on display 2 appears on display 2 only, and the controller acknowledges it', async () => {
  const h = await hall('disp-call');
  try {
    await h.displays[1]!.show({ kind: 'calling', ticketNumber: 'A012', windowNo: 3 });
    const state = h.sim.state(2);
    assert.deepEqual(state?.lines, ['请A012号到3号窗口']);
    assert.equal(state?.effect, 'flash');
    assert.equal(state?.colour, 'red');
    assert.equal(h.sim.state(1), undefined);
    assert.equal(h.sim.state(3), undefined);
    assert.equal(h.displays[1]!.status().state, 'ok', 'the ACK came back');
    await h.displays[0]!.setBrightness(6);
    assert.equal(h.sim.state(1)?.brightness, 6);
    const svg = h.sim.renderSvg(2);
    assert.match(svg, /<text[^>]*>请A012号到3号窗口<\/text>/);
    assert.match(svg, /<animate attributeName="opacity"/, 'a flashing call blinks in the SVG');
    const png = new Resvg(svg).render().asPng(); // well-formed enough for a real renderer
    assert.ok(png.length > 100);
  } finally {
    await h.close();
  }
});

test('rapid updates to all three displays arrive in order, one frame at a time', async () => {
  const h = await hall('disp-rapid');
  try {
    const seen = new Map<number, string[]>();
    h.sim.on('change', (s: SimDisplayState) => seen.set(s.address, [...(seen.get(s.address) ?? []), s.lines.join('/')]));
    const shows: Promise<void>[] = [];
    for (let i = 1; i <= 8; i++) {
      for (const d of h.displays) shows.push(d.show({ kind: 'calling', ticketNumber: `A${String(i).padStart(3, '0')}`, windowNo: d.address }));
    }
    await Promise.all(shows);
    for (const d of h.displays) {
      const expected = Array.from({ length: 8 }, (_, k) => `请A${String(k + 1).padStart(3, '0')}号到${d.address}号窗口`);
      assert.deepEqual(seen.get(d.address), expected, `display ${d.address}`);
      assert.equal(d.status().state, 'ok');
    }
  } finally {
    await h.close();
  }
});

test('after the line is cut and restored the driver reconnects within 3 s and redraws the last content', async () => {
  const h = await hall('disp-cut');
  try {
    await h.displays[0]!.show({ kind: 'idle', windowNo: 1, windowName: '企业登记' });
    await h.displays[2]!.show({ kind: 'calling', ticketNumber: 'B007', windowNo: 3 });
    const framesBefore = h.sim.state(3)!.frames;

    await h.pair.cut();
    // Asked while the line is down: refused now (an idle port may only learn of the cut from
    // this write's EIO), drawn when the line is back.
    await assert.rejects(h.displays[0]!.show({ kind: 'paused', windowNo: 1 }));
    await until('the transport to notice the cut', () => h.transport.state === 'reconnecting');
    assert.equal(h.displays[0]!.status().state, 'offline');

    await sleep(300);
    const restoredAt = Date.now();
    await h.pair.restore();
    await until('the transport to reopen', () => h.transport.state === 'open', 3000);
    const one = await until('display 1 to be redrawn with the content asked for during the cut', () => {
      const s = h.sim.state(1);
      return s?.lines[0] === '1号窗口 暂停服务' && s;
    });
    const three = await until('display 3 to be redrawn', () => {
      const s = h.sim.state(3);
      return s && s.frames > framesBefore && s;
    });
    assert.ok(Date.now() - restoredAt < 3000 + 500, `redrawn ${Date.now() - restoredAt} ms after restore`);
    assert.equal(one.effect, 'static');
    assert.deepEqual(three.lines, ['请B007号到3号窗口']);
    assert.equal(three.effect, 'flash');
    await until('display 1 status ok again', () => h.displays[0]!.status().state === 'ok');
  } finally {
    await h.close();
  }
});

test('random bytes on the line crash nothing: the simulator warns, and the next frame still works', async () => {
  const h = await hall('disp-noise');
  try {
    const warnings: string[] = [];
    h.sim.on('warning', (w) => warnings.push(w));
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed & 0xff);
    for (let i = 0; i < 20; i++) {
      const noise = Uint8Array.from({ length: 50 }, () => (rnd() % 6 === 0 ? [0xa5, 0x5a, 0xa6, 0x5b][rnd() % 4]! : rnd()));
      await h.line.send(noise);
    }
    // A half frame: preamble and header, then the cable "glitches".
    await h.line.send(Uint8Array.from([0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0x02, 0x00, 0x00, 0x80]));
    await h.displays[1]!.show({ kind: 'maintenance' });
    assert.deepEqual(h.sim.state(2)?.lines, ['系统维护中']);
    assert.ok(warnings.length > 0, 'garbage was reported');
    assert.ok(h.sim.isOpen);
  } finally {
    await h.close();
  }
});

test('a frame for a display that is not on this line is ignored', async () => {
  const h = await hall('disp-other');
  try {
    const other = new LedDisplay({ codec: onbonCodec(), address: 9, line: h.line, geometry: { lines: 1, charsPerLine: 10 }, replyTimeoutMs: 200 });
    await other.show({ kind: 'maintenance' });
    assert.equal(other.status().state, 'no-reply');
    assert.deepEqual(h.sim.states(), []);
    await other.close();
  } finally {
    await h.close();
  }
});

test('a config-described framed screen works over the same line (write-only, no answers)', async () => {
  const h = await hall('disp-framed', framedCodec(EXAMPLE_AA55_XOR), [EXAMPLE_AA55_XOR]);
  try {
    await h.displays[0]!.show({ kind: 'idle', windowNo: 1, windowName: '社保' });
    await h.displays[2]!.show({ kind: 'calling', ticketNumber: 'C010', windowNo: 3 });
    const one = await until('display 1', () => h.sim.state(1));
    const three = await until('display 3', () => h.sim.state(3));
    assert.deepEqual(one.lines, ['1号窗口 社保']);
    assert.deepEqual(three.lines, ['请C010号到3号窗口']);
    assert.equal(three.effect, 'flash');
    assert.equal(h.sim.state(2), undefined);
  } finally {
    await h.close();
  }
});

test('the brightness of the display config is sent when the line first opens, not only after a reconnect', async () => {
  const pair = await createPtyPair('disp-bright');
  const sim = new DisplaySimulator({ path: pair.device, addresses: [1] });
  await sim.start();
  // As the agent builds it: the display from its config first, the line opened afterwards.
  const transport = new SerialTransport({ path: pair.host, baudRate: 9600 });
  const line = new LineQueue(transport);
  const display = createLedDisplay({ codec: 'onbon', address: 1, brightness: 4, replyTimeoutMs: 400 }, line);
  try {
    await transport.open();
    const state = await until('the controller to receive the configured brightness', () => sim.state(1));
    assert.equal(state.brightness, 4);
    assert.equal(display.status().brightness, 4);
  } finally {
    await display.close();
    line.close();
    await transport.close();
    await sim.stop();
    await pair.close();
  }
});
