/**
 * The SAM serial frame spoken by 居民身份证 readers (华视, 神思, 精伦, 中控 …) over USB CDC serial or
 * RS-232. Both directions:
 *
 *   AA AA AA 96 69 · length (2 B, big-endian: the bytes after it, checksum included) · payload · checksum
 *
 * The checksum is the XOR of every byte after the preamble up to it (length and payload). A host
 * command's payload is command · parameter · [data]; a reader's reply is SW1 · SW2 · SW3 · [data].
 */

export const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);

/** Longest frame we accept (a read with fingerprint is 2 KiB + change); a longer length is noise. */
export const MAX_FRAME_LENGTH = 4096;

/** Bytes before the payload: preamble and length. */
export const HEAD_LENGTH = PREAMBLE.length + 2;

export function xor8(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

/** A whole frame around `payload`. */
export function encodeFrame(payload: Uint8Array): Buffer {
  const length = payload.length + 1;
  if (length > MAX_FRAME_LENGTH) throw new RangeError(`SAM frame payload of ${payload.length} bytes is longer than ${MAX_FRAME_LENGTH - 1}`);
  const body = Buffer.concat([Buffer.from([length >>> 8, length & 0xff]), payload]);
  return Buffer.concat([PREAMBLE, body, Buffer.from([xor8(body)])]);
}

// ---- host → reader ----------------------------------------------------------------------------

export const COMMANDS = {
  samStatus: [0x11, 0xff],
  find: [0x20, 0x01],
  select: [0x20, 0x02],
  read: [0x30, 0x01],
} as const;
export type SamCommandName = keyof typeof COMMANDS;

export function commandFrame(name: SamCommandName): Buffer {
  return encodeFrame(Buffer.from(COMMANDS[name]));
}

/** Which command a payload is (for the simulator); undefined for one we do not speak. */
export function commandName(payload: Buffer): SamCommandName | undefined {
  if (payload.length !== 2) return undefined;
  return (Object.keys(COMMANDS) as SamCommandName[]).find((n) => COMMANDS[n][0] === payload[0] && COMMANDS[n][1] === payload[1]);
}

// ---- reader → host ----------------------------------------------------------------------------

/** SW3 values the readers use. */
export const SW3 = {
  done: 0x90,
  cardFound: 0x9f,
  noCard: 0x80,
  selectFailed: 0x81,
  readFailed: 0x41,
} as const;

export interface SamReply {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Buffer;
}

/** A reply's payload as SW1–SW3 and data; undefined when it is too short to be a reply. */
export function decodeReply(payload: Buffer): SamReply | undefined {
  if (payload.length < 3) return undefined;
  return { sw1: payload[0]!, sw2: payload[1]!, sw3: payload[2]!, data: payload.subarray(3) };
}

export function replyFrame(sw3: number, data: Uint8Array = Buffer.alloc(0), sw1 = 0x00, sw2 = 0x00): Buffer {
  return encodeFrame(Buffer.concat([Buffer.from([sw1, sw2, sw3]), data]));
}
