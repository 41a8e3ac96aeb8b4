import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { LineQueue } from '../../../drivers/transport/line-queue.js';
import { TransportError, type Transport, type TransportState } from '../../../drivers/transport/types.js';
import { LedDisplay } from '../../../drivers/display/led-display.js';
import { createLedDisplay } from '../../../drivers/display/config.js';
import { framedCodec, onbonCodec } from '../../../drivers/display/codecs.js';
import { decode, EXAMPLE_AA55_XOR, parseFramedCodecSpec } from '../../../drivers/display/framed.js';
import { ackData, decodeOnbonFrame, encodeOnbonFrame } from '../../../drivers/display/onbon.js';
import type { DisplayLayout } from '../../../drivers/display/content.js';
import { DisplayTextError } from '../../../drivers/display/text-encoding.js';
import { DisplaySimulator, type SimDisplayState } from '../../../drivers/sim/display-sim.js';

/** A transport that records writes and can drop and come back, like a cable pulled and replugged. */
class FakeTransport extends EventEmitter implements Transport {
  readonly name = 'fake line';
  readonly canRead: boolean;
  state: TransportState = 'open';
  writes: Uint8Array[] = [];
  constructor(canRead = false) {
    super();
    this.canRead = canRead;
  }
  async open(): Promise<void> {}
  async write(bytes: Uint8Array): Promise<void> {
    if (this.state !== 'open') throw new TransportError(this.name, 'not open', 'not-open');
    this.writes.push(bytes);
  }
  async close(): Promise<void> {
    this.set('closed');
  }
  set(state: TransportState): void {
    this.state = state;
    this.emit('state', state);
  }
}

const geometry = { lines: 1, charsPerLine: 10 } as const;
const spec = parseFramedCodecSpec(EXAMPLE_AA55_XOR);

test('content with a character outside the font is refused and the display keeps its last content', async () => {
  const transport = new FakeTransport();
  const display = new LedDisplay({ codec: onbonCodec(), address: 1, line: new LineQueue(transport), geometry });
  await display.show({ kind: 'idle', windowNo: 1, windowName: '社保' });
  await assert.rejects(display.show({ kind: 'text', lines: ['欢迎𠀀'] }), DisplayTextError);
  assert.equal(transport.writes.length, 1, 'nothing written for the refused content');
  assert.deepEqual(display.status().content, { kind: 'idle', windowNo: 1, windowName: '社保' });
  await assert.rejects(display.show({ kind: 'calling', ticketNumber: '', windowNo: 1 }), /invalid display content/);
});

test('a display that never answers is reported as no-reply, and show() still resolves', async () => {
  const transport = new FakeTransport(true);
  const display = new LedDisplay({ codec: onbonCodec(), address: 4, line: new LineQueue(transport), geometry, replyTimeoutMs: 30 });
  await display.show({ kind: 'maintenance' });
  assert.equal(display.status().state, 'no-reply');
  assert.match(display.status().detail ?? '', /无应答/);
});

test('writes from several displays on one line go out in call order', async () => {
  const transport = new FakeTransport();
  const line = new LineQueue(transport);
  const displays = [1, 2, 3].map((address) => new LedDisplay({ codec: framedCodec(spec), address, line, geometry }));
  await Promise.all([1, 2, 3, 4].flatMap((n) => displays.map((d) => d.show({ kind: 'text', lines: [`${d.address}-${n}`] }))));
  const order = transport.writes.map((w) => decode(spec, w).lines[0]);
  assert.deepEqual(order, [1, 2, 3, 4].flatMap((n) => [1, 2, 3].map((a) => `${a}-${n}`)));
});

test('when the line comes back the display redraws its brightness and last content by itself', async () => {
  const transport = new FakeTransport();
  const display = new LedDisplay({ codec: onbonCodec(), address: 2, line: new LineQueue(transport), geometry });
  await display.setBrightness(3);
  await display.show({ kind: 'calling', ticketNumber: 'A001', windowNo: 2 });
  transport.set('reconnecting');
  assert.equal(display.status().state, 'offline');
  await assert.rejects(display.show({ kind: 'paused', windowNo: 2 }), /not open/);
  transport.writes = [];
  transport.set('open');
  await new Promise((resolve) => setTimeout(resolve, 20));
  const commands = transport.writes.map((w) => decodeOnbonFrame(w).command);
  assert.deepEqual(commands[0], { kind: 'brightness', level: 3 });
  assert.equal(commands[1]?.kind === 'text' && commands[1].area.text, '2号窗口 暂停服务');
  assert.equal(display.status().state, 'ok');
});

test('the simulator decodes both codecs, ignores other addresses and survives garbage', () => {
  const sim = new DisplaySimulator({ path: '/dev/null', protocols: ['onbon', EXAMPLE_AA55_XOR], addresses: [1, 2] });
  const changes: SimDisplayState[] = [];
  sim.on('change', (s) => changes.push(s));
  sim.on('warning', () => {});
  const onbon = onbonCodec();
  const framed = framedCodec(spec);
  const idle: DisplayLayout = { lines: ['1号窗口'], effect: 'static', colour: 'green', kind: 'idle' };
  sim.feed(onbon.encodeLayout(1, idle, geometry));
  sim.feed(framed.encodeLayout(2, { ...idle, lines: ['请A003号到2号窗口'], kind: 'calling' }, geometry));
  sim.feed(onbon.encodeLayout(7, idle, geometry)); // not on this line
  sim.feed(Buffer.from('\xa5\xa5\x00garbage\x5a\xaa\x01\x02', 'latin1'));
  assert.deepEqual(
    changes.map((c) => [c.address, c.lines.join('/'), c.effect, c.protocol]),
    [
      [1, '1号窗口', 'static', 'onbon'],
      [2, '请A003号到2号窗口', 'flash', 'AA-55 XOR window screen'],
    ],
  );
  assert.equal(sim.state(7), undefined);
  assert.equal(sim.state(1)?.colour, 'green');
  assert.match(sim.renderSvg(1), /1号窗口/);
  assert.match(sim.renderSvg(5), /<svg/); // a display nothing was sent to is black
});

test('a display from hall configuration: errors name the field, a good config shows content', async () => {
  const transport = new FakeTransport();
  const line = new LineQueue(transport);
  assert.throws(
    () => createLedDisplay({ codec: 'onbon', address: -1, lines: 3, onbon: { effects: { flash: 300 } } }, line, 'hall.yml: windows[2].display'),
    (e: Error) =>
      /hall\.yml: windows\[2\]\.display\.address: /.test(e.message) &&
      /windows\[2\]\.display\.lines: /.test(e.message) &&
      /windows\[2\]\.display\.onbon\.effects\.flash: /.test(e.message),
  );
  assert.throws(
    () => createLedDisplay({ codec: { framed: { ...EXAMPLE_AA55_XOR, checksum: { type: 'crc32' } } }, address: 1 }, line, 'display'),
    /display\.codec\.framed\.checksum\.type: /,
  );
  const display = createLedDisplay({ codec: { framed: EXAMPLE_AA55_XOR }, address: 5, lines: 2, charsPerLine: 8 }, line);
  await display.show({ kind: 'calling', ticketNumber: 'A012', windowNo: 3 });
  assert.deepEqual(decode(spec, transport.writes.at(-1)!), { address: 5, kind: 'calling', command: Uint8Array.of(2), lines: ['请A012号', '到3号窗口'] });
});

test("the Onbon codec takes the manual's ACK (from 0xFFFE) and one from the display's own address as the answer, not another's", () => {
  const codec = onbonCodec();
  const ack = (source: number) => encodeOnbonFrame({ address: 0x8000, source, data: ackData() });
  assert.equal(codec.isReply!(3, ack(0xfffe)), true);
  assert.equal(codec.isReply!(3, ack(3)), true);
  assert.equal(codec.isReply!(3, ack(4)), false);
  assert.equal(codec.isReply!(3, Buffer.concat([Buffer.from([0x00, 0x11]), ack(3).subarray(0, 10)])), false, 'half an ACK is not yet an answer');
});
