import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_KEYPAD_FRAME_SPEC as spec, ackFrame, pollFrame, reportFrame } from '../../../drivers/keypad/frame-codec.js';
import { FrameKeypadLink } from '../../../drivers/keypad/frame-link.js';
import { TransportError } from '../../../drivers/transport/types.js';
import type { LineQueue, RequestOptions } from '../../../drivers/transport/line-queue.js';

/** A LineQueue stand-in: `answer` returns the bytes the line carries after the request, fed byte by byte. */
function fakeQueue(answer: (request: Buffer) => Buffer) {
  const requests: Buffer[] = [];
  const queue = {
    transport: { name: 'fake line', state: 'open' },
    async request<T>(frame: Uint8Array, options: RequestOptions<T>): Promise<T> {
      requests.push(Buffer.from(frame));
      const stream = answer(Buffer.from(frame));
      for (let n = 1; n <= stream.length; n++) {
        const value = options.replyParser!(stream.subarray(0, n));
        if (value !== undefined) return value;
      }
      throw new TransportError('fake line', 'no reply', 'timeout');
    },
    async send(frame: Uint8Array): Promise<void> {
      requests.push(Buffer.from(frame));
    },
  };
  return { queue: queue as unknown as LineQueue, requests };
}

describe('frame keypad link', () => {
  test('a poll skips an echo of itself, another address and noise, and decodes its own report', async () => {
    const { queue, requests } = fakeQueue((req) =>
      Buffer.concat([req, Buffer.from([0x13, 0x37]), reportFrame(spec, 2, null, 0), reportFrame(spec, 1, { kind: 'key', key: 'pause' }, 3)]),
    );
    const report = await new FrameKeypadLink({ queue, spec }).poll(1);
    assert.deepEqual(requests, [pollFrame(spec, 1)]);
    assert.deepEqual(report, { press: { kind: 'key', key: 'pause' }, counter: 3 });
  });

  test('a late ack of an earlier command is not taken for the ack of this one', async () => {
    const { queue } = fakeQueue(() => Buffer.concat([ackFrame(spec, 1, spec.commands.welcome), ackFrame(spec, 1, spec.commands.prompt)]));
    await new FrameKeypadLink({ queue, spec }).command(1, { kind: 'prompt', text: '请您对本次服务评价' });
    const { queue: stale } = fakeQueue(() => ackFrame(spec, 1, spec.commands.welcome));
    await assert.rejects(new FrameKeypadLink({ queue: stale, spec, replyTimeoutMs: 99 }).command(1, { kind: 'prompt', text: '请' }), /address 1: no reply within 99 ms/);
  });

  test('without an ack in the framing, a command is sent and resolves once written', async () => {
    const { queue, requests } = fakeQueue(() => Buffer.alloc(0));
    await new FrameKeypadLink({ queue, spec: { ...spec, commands: { ...spec.commands, ack: null } } }).command(2, { kind: 'showNumber', number: 'A001' });
    assert.equal(requests.length, 1);
  });
});
