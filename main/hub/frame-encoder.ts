// Socket.IO's encoder, except for hall frames: a frame is built from its events' JSON, and each
// event part is encoded once however many audiences it goes to (feed.ts shares equal parts between
// audiences — every counter that follows a busy line gets the same part). The text on the wire is
// exactly what JSON.stringify would give, so the screens decode it with the stock parser.
import * as parser from 'socket.io-parser';
import type { FollowedEvent, HallFrame } from '../protocol/index.js';

const encoded = new WeakMap<FollowedEvent, string>();

function json(e: FollowedEvent): string {
  let text = encoded.get(e);
  if (text === undefined) {
    text = JSON.stringify(e);
    encoded.set(e, text);
  }
  return text;
}

const isFrame = (data: unknown): data is ['hall:events', HallFrame] =>
  Array.isArray(data) && data.length === 2 && data[0] === 'hall:events';

class FrameEncoder extends parser.Encoder {
  override encode(obj: parser.Packet): (string | Buffer)[] {
    if (obj.type !== parser.PacketType.EVENT || obj.id !== undefined || !isFrame(obj.data)) return super.encode(obj) as (string | Buffer)[];
    const { after, seq, events } = obj.data[1];
    // A frame holds numbers and plain JSON views only: never binary, so never a binary packet.
    const nsp = obj.nsp && obj.nsp !== '/' ? `${obj.nsp},` : '';
    return [`${obj.type}${nsp}["hall:events",{"after":${JSON.stringify(after)},"seq":${JSON.stringify(seq)},"events":[${events.map(json).join(',')}]}]`];
  }
}

/** The hub's Socket.IO parser: the stock one with the frame encoder. */
export const hubParser = { ...parser, Encoder: FrameEncoder };
