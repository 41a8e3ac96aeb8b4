// The hub's encoder writes hall frames from each event's JSON, encoded once: the text must be the
// stock encoder's to the byte, so the screens' stock decoder reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as parser from 'socket.io-parser';
import { hubParser } from '../../../main/hub/frame-encoder.js';
import type { FollowedEvent } from '../../../main/protocol/index.js';

const event: FollowedEvent = {
  seq: 7, type: 'ticket.called', at: 10, windowNo: 3,
  changes: { tickets: [{ id: 't1', visitId: 'v1', leg: 1, day: '2026-12-02', number: 'A001', serviceCode: 'GS-01', kind: 'normal', status: 'called', lane: 'normal', issuedAt: 1, queuedAt: 1, rank: 1.5, recalls: 0, reprints: 0, note: '引号"与\\反斜杠\n换行' }] },
};

test('a frame is encoded exactly as the stock encoder would, in every namespace, and decodes back', () => {
  const stock = new parser.Encoder();
  const ours = new hubParser.Encoder();
  for (const nsp of ['/', '/counter']) {
    const packet: parser.Packet = { type: parser.PacketType.EVENT, nsp, data: ['hall:events', { after: 6, seq: 9, events: [event, event] }] };
    const text = ours.encode(packet);
    assert.deepEqual(text, stock.encode(packet));
    const decoder = new parser.Decoder();
    let decoded: unknown;
    decoder.on('decoded', (p: parser.Packet) => {
      decoded = p.data as unknown;
    });
    decoder.add(text[0]);
    assert.deepEqual(decoded, packet.data);
  }
  // Everything else goes through the stock encoder untouched (acks, other events, binary).
  const ack: parser.Packet = { type: parser.PacketType.ACK, nsp: '/kiosk', id: 3, data: [{ ok: true }] };
  assert.deepEqual(ours.encode(ack), stock.encode(ack));
  const other: parser.Packet = { type: parser.PacketType.EVENT, nsp: '/kiosk', data: ['kiosk:state', { canIssue: true, hasPrinter: false }] };
  assert.deepEqual(ours.encode(other), stock.encode(other));
});
