// Onbon BX-5/BX-6 (仰邦) frames, pure: preamble, escaping, CRC-16/ARC, trailer (the protocol's
// sources are listed in onbon.ts).
// Frame (HARDWARE.md, checked): A5×8 · dest 2 B LE · source 2 B LE · reserved 4 B · checksum mode
// · display mode · device type (FE any) · protocol version (02) · data length 2 B LE · data ·
// CRC-16/ARC 2 B LE over dest … end of data · 5A. Between preamble and trailer A5/A6/5A/5B are
// escaped as A6 02 / A6 01 / 5B 02 / 5B 01.
import type { DisplayColour } from './content.js';


export const ONBON_PREAMBLE = 0xa5;
export const ONBON_TRAILER = 0x5a;
export const ONBON_PREAMBLE_LENGTH = 8;
/** The PC's own address on the bus: controllers answer to it. */
export const ONBON_HOST_ADDRESS = 0x8000;
/** Addresses 0xFFFE/0xFFFF reach every controller on the line (no one should answer). */
export const ONBON_BROADCAST = 0xffff;
export const ONBON_HEADER_LENGTH = 14;

export const ONBON_EFFECT = {
  static: 0x01,
  quickType: 0x02,
  moveLeft: 0x03,
  moveRight: 0x04,
  moveUp: 0x05,
  moveDown: 0x06,
  /** Unverified: no public source lists the flash code. Override with `effects.flash`. */
  flash: 0x07,
} as const;

export const ONBON_COLOUR_CODE: Record<DisplayColour, string> = { red: '\\C1', green: '\\C2', yellow: '\\C3' };

export function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

export class OnbonDecodeError extends Error {
  constructor(message: string) {
    super(`Onbon frame: ${message}`);
    this.name = 'OnbonDecodeError';
  }
}

/** CRC-16/ARC: reflected poly 0xA001, init 0, no final xor. Check value of "123456789" is 0xBB3D. */
export function crc16Arc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    crc ^= bytes[i]!;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

export function escapeOnbon(body: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (const byte of body) {
    if (byte === 0xa5) out.push(0xa6, 0x02);
    else if (byte === 0xa6) out.push(0xa6, 0x01);
    else if (byte === 0x5a) out.push(0x5b, 0x02);
    else if (byte === 0x5b) out.push(0x5b, 0x01);
    else out.push(byte);
  }
  return Uint8Array.from(out);
}

export function unescapeOnbon(escaped: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < escaped.length; i++) {
    const byte = escaped[i]!;
    if (byte === 0xa5 || byte === 0x5a) {
      throw new OnbonDecodeError(`unescaped 0x${hex(byte)} at body offset ${i}`);
    }
    if (byte === 0xa6 || byte === 0x5b) {
      const next = escaped[i + 1];
      if (next !== 0x01 && next !== 0x02) {
        throw new OnbonDecodeError(
          `bad escape 0x${hex(byte)} ${next === undefined ? '(end)' : `0x${hex(next)}`} at body offset ${i}`,
        );
      }
      if (byte === 0xa6) out.push(next === 0x02 ? 0xa5 : 0xa6);
      else out.push(next === 0x02 ? 0x5a : 0x5b);
      i++;
    } else {
      out.push(byte);
    }
  }
  return Uint8Array.from(out);
}

export interface OnbonFrameFields {
  /** Destination: the controller's address (1…), or 0x8000 for the PC. */
  address: number;
  source?: number;
  data: Uint8Array;
  displayMode?: number;
  deviceType?: number;
  protocolVersion?: number;
}

export function u16(value: number, what: string): [number, number] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
    throw new RangeError(`Onbon ${what} must be an integer 0–65535 (got ${value})`);
  }
  return [value & 0xff, value >>> 8];
}

/** One complete frame: preamble, escaped header + data + CRC, trailer. CRC mode 0 (CRC-16) always. */
export function encodeOnbonFrame(fields: OnbonFrameFields): Uint8Array {
  const { address, source = ONBON_HOST_ADDRESS, data, displayMode = 0, deviceType = 0xfe, protocolVersion = 0x02 } =
    fields;
  const body = [
    ...u16(address, 'address'),
    ...u16(source, 'source address'),
    0,
    0,
    0,
    0,
    0x00, // checksum mode: CRC-16
    displayMode,
    deviceType,
    protocolVersion,
    ...u16(data.length, 'data length'),
    ...data,
  ];
  const crc = crc16Arc(Uint8Array.from(body));
  body.push(crc & 0xff, crc >>> 8);
  const escaped = escapeOnbon(Uint8Array.from(body));
  const frame = new Uint8Array(ONBON_PREAMBLE_LENGTH + escaped.length + 1);
  frame.fill(ONBON_PREAMBLE, 0, ONBON_PREAMBLE_LENGTH);
  frame.set(escaped, ONBON_PREAMBLE_LENGTH);
  frame[frame.length - 1] = ONBON_TRAILER;
  return frame;
}
