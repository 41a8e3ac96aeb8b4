// Decoding Onbon frames and their commands: what the simulator shows and the tests read back.
import { decodeDisplayText } from './text-encoding.js';
import type { DisplayColour, DisplayEffect } from './content.js';
import { ONBON_EFFECT, ONBON_HEADER_LENGTH, ONBON_PREAMBLE, ONBON_TRAILER, OnbonDecodeError, crc16Arc, unescapeOnbon, hex } from './onbon-frame.js';
import { PIXELS, type OnbonAlign, type OnbonTextArea } from './onbon-commands.js';
/** A text area as decoded from the wire: the fields the encoder writes, the alignment possibly unknown. */
export interface OnbonTextCommand
  extends Pick<OnbonTextArea, 'areaId' | 'x' | 'y' | 'widthPx' | 'heightPx' | 'runMode' | 'multiLine' | 'autoWrap' | 'effect' | 'speed' | 'holdTime' | 'reinit'> {
  align: OnbonAlign | 'unknown';
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
