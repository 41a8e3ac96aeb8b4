// Onbon BX-5/BX-6 (仰邦) font-card protocol, pure: frames, CRC, escaping, the commands we send
// (ping A2 00, clear A3 10, brightness A3 02, dynamic-area text A3 06), the controller's ACK
// (A0 00), and a decoder the simulator and tests use.
//
// Frame (HARDWARE.md, checked): A5×8 · dest 2 B LE · source 2 B LE · reserved 4 B · checksum mode
// · display mode · device type (FE any) · protocol version (02) · data length 2 B LE · data ·
// CRC-16/ARC 2 B LE over dest … end of data · 5A. Between preamble and trailer A5/A6/5A/5B are
// escaped as A6 02 / A6 01 / 5B 02 / 5B 01.
//
// Where each A3 06 field comes from (no Onbon PDF was at hand):
//  [P] a Python "LED通讯" class (package app_tools_zxw, SDK_硬件读写) found by code search: byte order
//      A3 06 · reply 01 · process mode (1 = clear and re-init the area) · 00 · delete-area count ·
//      area count · area data length 2 B LE · area type 00 · X · Y · W · H (2 B LE each) · area id ·
//      line spacing · run mode (0 loop … 5) · timeout 2 B · voice 00 · extension count 00 ·
//      alignment (bits 0–1 left/right/centre, bits 2–3 top/bottom/centre) · single line 01 / multi
//      line 02 · auto wrap 01 no / 02 yes · effect (01 static, 02 quick type, 03 move left, 04 right,
//      05 up, 06 down) · exit mode · speed · hold time · text length 4 B LE · GB2312 text with
//      inline \C1 red \C2 green \C3 yellow; brightness A3 02 01 00 00 · mode · level (1–16) · 48 slots.
//  [C] github.com/strongercjd/Onbon-Protocol-Analysis (a frame analyser by an Onbon engineer):
//      the same area fields, that the delete count is followed by that many ids, that voice 00 and
//      extension count 00 mean no voice/extension bytes follow, and that bit 15 of X and W means
//      "pixels" (else units of 8 px) while Y and H are always pixels.
//  [D] deanled.cn's copy of the Onbon font-card manual: a full A3 06 example (128×32,
//      "012345QRSTTV'B") with the same field order — but its printed CRC (A8 7D) does not match its
//      bytes (we compute BD 6F), so it is a layout reference only; and the controller's ACK frame
//      `A5×8 00 80 FE FF 00 00 00 00 00 00 FE 02 05 00 A0 00 00 00 00 14 AC 5A` (CRC checked), i.e.
//      data A0 00 · status · 2 reserved, sent back to the PC's address 0x8000.
//  Not found anywhere public: the code of a *flash* effect. We default to 0x07 and say so; a hall
//  sets `effects.flash` to what its controller manual lists.
import { decodeDisplayText, encodeDisplayText } from './text-encoding.js';
import type { DisplayColour, DisplayEffect, DisplayLayout } from './content.js';

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

function u16(value: number, what: string): [number, number] {
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

// ---- commands ----------------------------------------------------------------------------------

/** Every host command starts group · code · reply wanted (01) · 2 reserved bytes [C]. */
function command(group: number, code: number, ...rest: number[]): Uint8Array {
  return Uint8Array.from([group, code, 0x01, 0x00, 0x00, ...rest]);
}

export const pingData = (): Uint8Array => command(0xa2, 0x00);
export const clearScreenData = (): Uint8Array => command(0xa3, 0x10);
/** The controller's ACK (status 0 = done) [D]. */
export const ackData = (status = 0): Uint8Array => Uint8Array.from([0xa0, 0x00, status, 0x00, 0x00]);

/**
 * Brightness A3 02 [P]: mode · level (1–16) · 48 half-hour slots. We do not know whether mode 01
 * reads the level or the slots, so we send the level in both: either reading gives the same light.
 * Our 0–15 maps to Onbon's 1–16.
 */
export function brightnessData(level: number): Uint8Array {
  if (!Number.isInteger(level) || level < 0 || level > 15) {
    throw new RangeError(`brightness must be an integer 0–15 (got ${level})`);
  }
  const onbon = level + 1;
  return command(0xa3, 0x02, 0x01, onbon, ...new Array<number>(48).fill(onbon));
}

export type OnbonAlign = 'left' | 'right' | 'center';

export interface OnbonTextArea {
  areaId: number;
  x: number;
  y: number;
  widthPx: number;
  heightPx: number;
  runMode: number;
  timeoutSec: number;
  align: OnbonAlign;
  verticalCenter: boolean;
  multiLine: boolean;
  autoWrap: boolean;
  effect: number;
  exitMode: number;
  speed: number;
  holdTime: number;
  /** Clear and re-initialise the area before showing (process-mode byte) [P]. */
  reinit: boolean;
}

export const DEFAULT_TEXT_AREA: OnbonTextArea = {
  areaId: 0,
  x: 0,
  y: 0,
  widthPx: 128,
  heightPx: 16,
  runMode: 0,
  timeoutSec: 0,
  align: 'center',
  verticalCenter: true,
  multiLine: false,
  autoWrap: false,
  effect: ONBON_EFFECT.static,
  exitMode: 0,
  speed: 4, // the manual example's values [D]
  holdTime: 5,
  reinit: false,
};

const ALIGN_BITS: Record<OnbonAlign, number> = { left: 0b00, right: 0b01, center: 0b10 };
const PIXELS = 0x8000;

function byte(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new RangeError(`Onbon ${what} must be an integer 0–255 (got ${value})`);
  }
  return value;
}

/** A3 06: update one dynamic area with text (already encoded, colour codes included). */
export function dynamicTextData(textBytes: Uint8Array, options: Partial<OnbonTextArea> = {}): Uint8Array {
  const a = { ...DEFAULT_TEXT_AREA, ...options };
  if (a.x > 0x7fff || a.widthPx > 0x7fff) throw new RangeError('Onbon area x/width must be below 32768 px');
  const area = [
    0x00, // area type: text
    ...u16(a.x | PIXELS, 'area x'),
    ...u16(a.y, 'area y'),
    ...u16(a.widthPx | PIXELS, 'area width'),
    ...u16(a.heightPx, 'area height'),
    byte(a.areaId, 'area id'),
    0x00, // line spacing
    byte(a.runMode, 'run mode'),
    ...u16(a.timeoutSec, 'timeout'),
    0x00, // no voice
    0x00, // no extension bytes
    ALIGN_BITS[a.align] | (a.verticalCenter ? 0b1000 : 0),
    a.multiLine ? 0x02 : 0x01,
    a.autoWrap ? 0x02 : 0x01,
    byte(a.effect, 'effect'),
    byte(a.exitMode, 'exit mode'),
    byte(a.speed, 'speed'),
    byte(a.holdTime, 'hold time'),
    textBytes.length & 0xff,
    (textBytes.length >>> 8) & 0xff,
    (textBytes.length >>> 16) & 0xff,
    textBytes.length >>> 24,
    ...textBytes,
  ];
  return Uint8Array.from([
    0xa3,
    0x06,
    0x01, // reply wanted
    a.reinit ? 0x01 : 0x00,
    0x00,
    0x00, // delete no areas
    0x01, // one area follows
    ...u16(area.length, 'area data length'),
    ...area,
  ]);
}

// ---- from a layout -----------------------------------------------------------------------------

export interface OnbonCodecOptions {
  /** Pixel size of the text area; default charsPerLine × 16 by lines × 16. */
  widthPx?: number;
  heightPx?: number;
  /** Font cell in px (16 on nearly every window strip); used to pad lines so they wrap exactly. */
  fontPx?: number;
  /** Single-colour strips: send no colour codes. */
  monochrome?: boolean;
  /** Effect codes; `flash` is unverified (see the header comment). */
  effects?: Partial<Record<DisplayEffect, number>>;
  area?: Partial<Omit<OnbonTextArea, 'effect' | 'multiLine' | 'autoWrap' | 'widthPx' | 'heightPx'>>;
}

/**
 * The A3 06 data for a layout. Two lines go as one string with line 1 padded with spaces to the
 * line width and auto-wrap on: the wrap then falls exactly between the lines, without relying on a
 * newline code we could not verify.
 */
export function layoutTextData(
  layout: DisplayLayout,
  geometry: { lines: 1 | 2; charsPerLine: number },
  options: OnbonCodecOptions = {},
): Uint8Array {
  const fontPx = options.fontPx ?? 16;
  const widthPx = options.widthPx ?? geometry.charsPerLine * fontPx;
  const heightPx = options.heightPx ?? geometry.lines * fontPx;
  const effects = { static: ONBON_EFFECT.static, flash: ONBON_EFFECT.flash, scroll: ONBON_EFFECT.moveLeft, ...options.effects };
  const multiLine = layout.lines.length > 1;
  const cells = Math.floor(widthPx / (fontPx / 2)); // half-width cells per line
  let text = layout.lines[0] ?? '';
  if (multiLine) {
    // Centre each line ourselves with spaces (one GB2312 byte per half-width cell), align left.
    const centred = layout.lines.map((line) => {
      const free = Math.max(0, cells - encodeDisplayText(line, 'gb2312').length);
      return ' '.repeat(Math.floor(free / 2)) + line + ' '.repeat(free - Math.floor(free / 2));
    });
    text = centred.join('').trimEnd();
  }
  const colour = options.monochrome ? '' : ONBON_COLOUR_CODE[layout.colour];
  const bytes = Uint8Array.from([...encodeDisplayText(colour, 'ascii'), ...encodeDisplayText(text, 'gb2312')]);
  return dynamicTextData(bytes, {
    ...options.area,
    widthPx,
    heightPx,
    ...(multiLine ? { align: 'left' as const } : {}),
    multiLine,
    autoWrap: multiLine,
    effect: effects[layout.effect],
  });
}

// ---- decoding ----------------------------------------------------------------------------------

export interface OnbonTextCommand {
  areaId: number;
  x: number;
  y: number;
  widthPx: number;
  heightPx: number;
  runMode: number;
  align: OnbonAlign | 'unknown';
  multiLine: boolean;
  autoWrap: boolean;
  effect: number;
  speed: number;
  holdTime: number;
  reinit: boolean;
  /** Text without colour codes. */
  text: string;
  /** The text split into display lines (by width when multi-line and wrapping). */
  lines: string[];
  /** Colour of the first colour code, or undefined if none. */
  colour?: DisplayColour;
}

export type OnbonCommand =
  | { kind: 'ping' }
  | { kind: 'clear' }
  | { kind: 'brightness'; level: number }
  | { kind: 'text'; area: OnbonTextCommand }
  | { kind: 'ack'; status: number }
  | { kind: 'nack'; status: number }
  | { kind: 'other' };

export interface OnbonFrame {
  address: number;
  source: number;
  displayMode: number;
  deviceType: number;
  protocolVersion: number;
  /** Command group and code, e.g. 0xA3, 0x06. */
  group: number;
  code: number;
  /** Whether the sender asked for an answer (byte 3 of host commands is 01). */
  replyWanted: boolean;
  data: Uint8Array;
  command: OnbonCommand;
  /** Convenience: the text of an A3 06 command. */
  text?: string;
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

const COLOUR_BY_CODE: Record<string, DisplayColour> = { '1': 'red', '2': 'green', '3': 'yellow' };

function splitLines(text: string, cells: number, multiLine: boolean, autoWrap: boolean): string[] {
  if (!multiLine || !autoWrap || cells <= 0) return [text];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const ch of text) {
    const w = ch.codePointAt(0)! < 0x80 ? 1 : 2;
    if (used + w > cells) {
      lines.push(line.trim());
      line = '';
      used = 0;
    }
    line += ch;
    used += w;
  }
  lines.push(line.trim());
  return lines.filter((l, i) => l !== '' || i === 0);
}

function decodeText(data: Uint8Array, fontPx: number): OnbonTextCommand {
  const need = (offset: number, n: number, what: string) => {
    if (offset + n > data.length) throw new OnbonDecodeError(`A3 06 too short: no ${what} at data offset ${offset}`);
  };
  const le16 = (o: number) => data[o]! | (data[o + 1]! << 8);
  need(0, 7, 'header');
  const reinit = data[3] === 0x01;
  let o = 5;
  const deleteCount = data[o++]!;
  if (deleteCount !== 0 && deleteCount !== 0xff) o += deleteCount;
  need(o, 1, 'area count');
  const areaCount = data[o++]!;
  if (areaCount < 1) throw new OnbonDecodeError('A3 06 with no area');
  need(o, 2, 'area length');
  const areaLength = le16(o);
  o += 2;
  need(o, areaLength, `area of ${areaLength} bytes`);
  need(o, 18, 'area fields');
  o += 1; // area type
  const xRaw = le16(o);
  const y = le16(o + 2);
  const wRaw = le16(o + 4);
  const heightPx = le16(o + 6);
  o += 8;
  const x = xRaw & PIXELS ? xRaw & 0x7fff : xRaw * 8;
  const widthPx = wRaw & PIXELS ? wRaw & 0x7fff : wRaw * 8;
  const areaId = data[o++]!;
  o += 1; // line spacing
  const runMode = data[o++]!;
  o += 2; // timeout
  need(o, 1, 'voice flag');
  const voice = data[o++]!;
  if (voice !== 0) {
    // [C]: speaker · volume · speed, and for 02 a 4-byte length and the voice text.
    o += 3;
    if (voice === 2) {
      need(o, 4, 'voice length');
      o += 4 + (data[o]! | (data[o + 1]! << 8) | (data[o + 2]! << 16) | (data[o + 3]! << 24));
    }
  }
  need(o, 1, 'extension count');
  const extensions = data[o++]!;
  o += extensions; // typesetting bytes we do not use
  need(o, 11, 'display fields');
  const alignByte = data[o++]!;
  const align = (['left', 'right', 'center'] as const)[alignByte & 0b11] ?? 'unknown';
  const multiLine = data[o++] === 0x02;
  const autoWrap = data[o++] === 0x02;
  const effect = data[o++]!;
  o += 1; // exit mode
  const speed = data[o++]!;
  const holdTime = data[o++]!;
  const textLength = (data[o]! | (data[o + 1]! << 8) | (data[o + 2]! << 16)) + data[o + 3]! * 0x1000000;
  o += 4;
  need(o, textLength, `text of ${textLength} bytes`);
  const raw = decodeDisplayText(data.subarray(o, o + textLength), 'gb2312');
  let colour: DisplayColour | undefined;
  const text = raw.replace(/\\C([0-9])/g, (_m, code: string) => {
    colour ??= COLOUR_BY_CODE[code];
    return '';
  });
  const lines = splitLines(text, Math.floor(widthPx / (fontPx / 2)), multiLine, autoWrap);
  const result: OnbonTextCommand = {
    areaId,
    x,
    y,
    widthPx,
    heightPx,
    runMode,
    align,
    multiLine,
    autoWrap,
    effect,
    speed,
    holdTime,
    reinit,
    text,
    lines,
  };
  if (colour) result.colour = colour;
  return result;
}

/**
 * Parse one frame: any number (≥ 1) of A5, the escaped body, 5A. Un-escapes, checks lengths and
 * the CRC, and reads the commands we know. Throws OnbonDecodeError saying what is wrong.
 */
export function decodeOnbonFrame(bytes: Uint8Array, options: { fontPx?: number } = {}): OnbonFrame {
  let start = 0;
  while (start < bytes.length && bytes[start] === ONBON_PREAMBLE) start++;
  if (start === 0) throw new OnbonDecodeError(`does not start with A5 (starts 0x${hex(bytes[0] ?? 0)})`);
  if (bytes[bytes.length - 1] !== ONBON_TRAILER) throw new OnbonDecodeError('does not end with 5A');
  const body = unescapeOnbon(bytes.subarray(start, bytes.length - 1));
  if (body.length < ONBON_HEADER_LENGTH + 2) {
    throw new OnbonDecodeError(`too short: ${body.length} bytes after un-escaping, need ≥ ${ONBON_HEADER_LENGTH + 2}`);
  }
  const dataLength = body[12]! | (body[13]! << 8);
  if (body.length !== ONBON_HEADER_LENGTH + dataLength + 2) {
    throw new OnbonDecodeError(
      `length field says ${dataLength} data bytes but the frame carries ${body.length - ONBON_HEADER_LENGTH - 2}`,
    );
  }
  const crcAt = ONBON_HEADER_LENGTH + dataLength;
  const checksumMode = body[8]!;
  if (checksumMode === 0) {
    const expected = crc16Arc(body, 0, crcAt);
    const got = body[crcAt]! | (body[crcAt + 1]! << 8);
    if (expected !== got) {
      throw new OnbonDecodeError(`CRC mismatch: frame has ${hex(got & 0xff)} ${hex(got >>> 8)}, computed ${hex(expected & 0xff)} ${hex(expected >>> 8)}`);
    }
  } else if (checksumMode === 1) {
    let sum = 0;
    for (let i = 0; i < crcAt; i++) sum = (sum + body[i]!) & 0xffff;
    const got = body[crcAt]! | (body[crcAt + 1]! << 8);
    if (sum !== got) throw new OnbonDecodeError(`sum mismatch: frame has ${got}, computed ${sum}`);
  }
  const data = body.slice(ONBON_HEADER_LENGTH, crcAt);
  const group = data[0] ?? 0;
  const code = data[1] ?? 0;
  let cmd: OnbonCommand = { kind: 'other' };
  if (group === 0xa2 && code === 0x00) cmd = { kind: 'ping' };
  else if (group === 0xa3 && code === 0x10) cmd = { kind: 'clear' };
  else if (group === 0xa3 && code === 0x02 && data.length >= 7) cmd = { kind: 'brightness', level: Math.max(0, data[6]! - 1) };
  else if (group === 0xa3 && code === 0x06) cmd = { kind: 'text', area: decodeText(data, options.fontPx ?? 16) };
  else if (group === 0xa0 && (code === 0x00 || code === 0x01)) {
    cmd = { kind: code === 0 ? 'ack' : 'nack', status: data[2] ?? 0 };
  }
  const frame: OnbonFrame = {
    address: body[0]! | (body[1]! << 8),
    source: body[2]! | (body[3]! << 8),
    displayMode: body[9]!,
    deviceType: body[10]!,
    protocolVersion: body[11]!,
    group,
    code,
    replyWanted: group !== 0xa0 && data[2] === 0x01,
    data,
    command: cmd,
  };
  if (cmd.kind === 'text') frame.text = cmd.area.text;
  return frame;
}

/** The effect name for an Onbon effect code, given the codes in use. */
export function effectName(code: number, effects?: Partial<Record<DisplayEffect, number>>): DisplayEffect | 'other' {
  const table = { static: ONBON_EFFECT.static, flash: ONBON_EFFECT.flash, scroll: ONBON_EFFECT.moveLeft, ...effects };
  for (const [name, value] of Object.entries(table)) if (value === code) return name as DisplayEffect;
  return 'other';
}
