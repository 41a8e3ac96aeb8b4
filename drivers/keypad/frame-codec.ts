/**
 * A configurable address + key-code + checksum frame codec for RS-485 keypads.
 *
 * No public 评价器/呼叫器 protocol exists: every vendor ships its own simple framing. This codec
 * describes the common shape in config, and we ship one concrete spec, the **HallQ reference
 * framing** (DEFAULT_KEYPAD_FRAME_SPEC), which our simulator speaks and which a vendor can be asked
 * to implement. Every frame, in both directions:
 *
 *   header · address · command · length · data[length] · checksum · trailer
 *
 * The checksum covers address … data. Host → device: poll, welcome, prompt, thanks, showNumber.
 * Device → host: report (the answer to a poll) and ack (the answer to a display command, data =
 * the acknowledged command byte). A report's data is [counter?, keyCode, ...ASCII digits]: the
 * counter (when `report.counter`) changes once per press so a press read by two polls is one press.
 */
import iconv from 'iconv-lite';
import { z } from 'zod';
import { parseConfig } from './config-error.js';
import { KeypadError, type KeyPress, type KeypadCommand, type KeyReport, CALLER_KEYS } from './types.js';

// A byte is a number (YAML reads 0xA5 as hex, but a bare 55 as decimal) or a hex string: 'A5', '0x55'.
const byte = z.union([
  z.int().min(0, 'expected a byte 0..255').max(255, 'expected a byte 0..255'),
  z
    .string()
    .regex(/^(0x)?[0-9a-fA-F]{1,2}$/i, "expected a byte 0..255 or hex like 'A5'")
    .transform((s) => parseInt(s.replace(/^0x/i, ''), 16)),
]);

const keyCodeSchema = z.union([
  z.strictObject({ code: byte, rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]) }),
  z.strictObject({ code: byte, key: z.enum(CALLER_KEYS) }),
]);

export const CHECKSUMS = ['none', 'sum8', 'xor8', 'crc16-modbus'] as const;
export type ChecksumKind = (typeof CHECKSUMS)[number];

const COMMAND_NAMES = ['poll', 'report', 'ack', 'welcome', 'prompt', 'thanks', 'showNumber'] as const;
export type FrameCommandName = (typeof COMMAND_NAMES)[number];

export const keypadFrameSpecSchema = z
  .strictObject({
    /** Shown in logs: "HallQ reference framing", "某厂评价器 V2". */
    name: z.string().min(1).default('custom keypad framing'),
    header: z.array(byte).min(1, 'needs at least one header byte (the parser resyncs on it)').max(4),
    addressWidth: z.union([z.literal(1), z.literal(2)]).default(1),
    trailer: z.array(byte).max(4).default([]),
    checksum: z.enum(CHECKSUMS).default('sum8'),
    /** Longest data field accepted; a longer length byte is garbage (keeps resync quick). */
    maxDataLength: z.int().min(1).max(255).default(64),
    textEncoding: z.enum(['gb2312', 'ascii']).default('gb2312'),
    commands: z.strictObject({
      poll: byte,
      report: byte,
      ack: byte.nullable().default(null),
      welcome: byte,
      prompt: byte,
      thanks: byte,
      showNumber: byte,
    }),
    report: z.strictObject({ counter: z.boolean().default(true) }).default({ counter: true }),
    /** Key code a device reports when it holds no press. */
    idleCode: byte.default(0),
    keyCodes: z.array(keyCodeSchema).min(1, 'needs at least one key code'),
  })
  .superRefine((spec, ctx) => {
    const seen = new Map<number, string>();
    for (const name of COMMAND_NAMES) {
      const value = spec.commands[name];
      if (value === null) continue;
      const other = seen.get(value);
      if (other) ctx.addIssue({ code: 'custom', path: ['commands', name], message: `same byte as commands.${other}` });
      seen.set(value, name);
    }
    const codes = new Map<number, number>();
    spec.keyCodes.forEach((entry, i) => {
      if (entry.code === spec.idleCode) {
        ctx.addIssue({ code: 'custom', path: ['keyCodes', i, 'code'], message: 'is the idleCode' });
      }
      const j = codes.get(entry.code);
      if (j !== undefined) ctx.addIssue({ code: 'custom', path: ['keyCodes', i, 'code'], message: `same code as keyCodes[${j}]` });
      codes.set(entry.code, i);
    });
  });

export type KeypadFrameSpecInput = z.input<typeof keypadFrameSpecSchema>;
export type KeypadFrameSpec = z.output<typeof keypadFrameSpecSchema>;

/** Parse a spec from config; throws ConfigError naming every bad field. */
export function parseKeypadFrameSpec(input: unknown, source = 'frameSpec'): KeypadFrameSpec {
  return parseConfig(keypadFrameSpecSchema, input, source);
}

/** The HallQ reference framing (no public standard exists; this is ours). See the table in the report/README. */
export const DEFAULT_KEYPAD_FRAME_SPEC: KeypadFrameSpec = parseKeypadFrameSpec({
  name: 'HallQ reference framing',
  header: [0xa5],
  addressWidth: 1,
  trailer: [0x5a],
  checksum: 'sum8',
  maxDataLength: 64,
  textEncoding: 'gb2312',
  commands: { poll: 0x50, report: 0x4b, ack: 0x41, welcome: 0x57, prompt: 0x45, thanks: 0x54, showNumber: 0x4e },
  report: { counter: true },
  idleCode: 0x00,
  keyCodes: [
    { code: 0x31, rating: 1 },
    { code: 0x32, rating: 2 },
    { code: 0x33, rating: 3 },
    { code: 0x34, rating: 4 },
    { code: 0x35, rating: 5 },
    { code: 0x11, key: 'next' },
    { code: 0x12, key: 'recall' },
    { code: 0x13, key: 'skip' },
    { code: 0x14, key: 'transfer' },
    { code: 0x15, key: 'pause' },
    { code: 0x16, key: 'finish' },
    { code: 0x17, key: 'digits' },
  ],
});

// ---- checksums --------------------------------------------------------------------------------

export function checksumLength(kind: ChecksumKind): number {
  switch (kind) {
    case 'none':
      return 0;
    case 'sum8':
    case 'xor8':
      return 1;
    case 'crc16-modbus':
      return 2;
    default: {
      const never: never = kind;
      throw new Error(`unknown checksum ${String(never)}`);
    }
  }
}

/** CRC-16/MODBUS: reflected poly 0xA001, init 0xFFFF; sent low byte first. */
export function crc16Modbus(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

export function computeChecksum(kind: ChecksumKind, bytes: Uint8Array): Buffer {
  switch (kind) {
    case 'none':
      return Buffer.alloc(0);
    case 'sum8':
      return Buffer.from([bytes.reduce((a, b) => (a + b) & 0xff, 0)]);
    case 'xor8':
      return Buffer.from([bytes.reduce((a, b) => a ^ b, 0)]);
    case 'crc16-modbus': {
      const crc = crc16Modbus(bytes);
      return Buffer.from([crc & 0xff, crc >>> 8]);
    }
    default: {
      const never: never = kind;
      throw new Error(`unknown checksum ${String(never)}`);
    }
  }
}

// ---- frames -----------------------------------------------------------------------------------

export interface KeypadFrame {
  address: number;
  command: number;
  data: Buffer;
}

/** Bytes before the data: header, address, command, length. */
export function frameHeadLength(spec: KeypadFrameSpec): number {
  return spec.header.length + spec.addressWidth + 2;
}

export function encodeFrame(spec: KeypadFrameSpec, frame: KeypadFrame): Buffer {
  const maxAddress = spec.addressWidth === 1 ? 0xff : 0xffff;
  if (!Number.isInteger(frame.address) || frame.address < 0 || frame.address > maxAddress) {
    throw new KeypadError(spec.name, `address must be 0..${maxAddress} (got ${frame.address})`);
  }
  if (frame.data.length > spec.maxDataLength) {
    throw new KeypadError(spec.name, `data is ${frame.data.length} bytes, longer than maxDataLength ${spec.maxDataLength}`, frame.address);
  }
  const address =
    spec.addressWidth === 1 ? Buffer.from([frame.address]) : Buffer.from([frame.address >>> 8, frame.address & 0xff]);
  const body = Buffer.concat([address, Buffer.from([frame.command, frame.data.length]), frame.data]);
  return Buffer.concat([
    Buffer.from(spec.header),
    body,
    computeChecksum(spec.checksum, body),
    Buffer.from(spec.trailer),
  ]);
}

/** Text for a keypad screen in the spec's encoding; refuses characters the device cannot show. */
export function encodeText(spec: KeypadFrameSpec, text: string): Buffer {
  if (spec.textEncoding === 'ascii') {
    const bad = [...text].find((c) => c.charCodeAt(0) > 0x7e || c.charCodeAt(0) < 0x20);
    if (bad !== undefined) throw new KeypadError(spec.name, `text '${text}': '${bad}' is not printable ASCII (textEncoding is ascii)`);
    return Buffer.from(text, 'latin1');
  }
  // iconv-lite's gb2312 is really GBK: check each character lands in the GB2312 rows (A1–F7 × A1–FE).
  for (const c of text) {
    const bytes = iconv.encode(c, 'gb2312');
    const ok =
      (bytes.length === 1 && c.codePointAt(0) === bytes[0] && bytes[0]! >= 0x20 && bytes[0]! <= 0x7e) ||
      (bytes.length === 2 && bytes[0]! >= 0xa1 && bytes[0]! <= 0xf7 && bytes[1]! >= 0xa1 && bytes[1]! <= 0xfe);
    if (!ok) throw new KeypadError(spec.name, `text '${text}': '${c}' is not in GB2312; the keypad cannot show it`);
  }
  return iconv.encode(text, 'gb2312');
}

export function decodeText(spec: KeypadFrameSpec, bytes: Buffer): string {
  return spec.textEncoding === 'ascii' ? bytes.toString('latin1') : iconv.decode(bytes, 'gb2312');
}

export function pollFrame(spec: KeypadFrameSpec, address: number): Buffer {
  return encodeFrame(spec, { address, command: spec.commands.poll, data: Buffer.alloc(0) });
}

export function commandFrame(spec: KeypadFrameSpec, address: number, command: KeypadCommand): Buffer {
  switch (command.kind) {
    case 'welcome':
    case 'prompt':
    case 'thanks':
      return encodeFrame(spec, { address, command: spec.commands[command.kind], data: encodeText(spec, command.text) });
    case 'showNumber': {
      if (!/^[\x20-\x7e]*$/.test(command.number)) {
        throw new KeypadError(spec.name, `number '${command.number}' must be printable ASCII (e.g. A001)`, address);
      }
      return encodeFrame(spec, { address, command: spec.commands.showNumber, data: Buffer.from(command.number, 'latin1') });
    }
    default: {
      const never: never = command;
      throw new Error(`unknown keypad command ${JSON.stringify(never)}`);
    }
  }
}

/** Which command a host → device frame is, for the simulator. */
export function commandName(spec: KeypadFrameSpec, command: number): FrameCommandName | undefined {
  return COMMAND_NAMES.find((name) => spec.commands[name] === command);
}

export function keyPressForCode(spec: KeypadFrameSpec, code: number, digits?: string): KeyPress | null | undefined {
  if (code === spec.idleCode) return null;
  const entry = spec.keyCodes.find((k) => k.code === code);
  if (!entry) return undefined;
  if ('rating' in entry) return { kind: 'rating', level: entry.rating };
  return entry.key === 'digits' ? { kind: 'key', key: 'digits', digits: digits ?? '' } : { kind: 'key', key: entry.key };
}

export function codeForKeyPress(spec: KeypadFrameSpec, press: KeyPress): number {
  const entry = spec.keyCodes.find((k) =>
    press.kind === 'rating' ? 'rating' in k && k.rating === press.level : 'key' in k && k.key === press.key,
  );
  if (!entry) throw new KeypadError(spec.name, `no key code for ${JSON.stringify(press)} in keyCodes`);
  return entry.code;
}

/** Decode a report frame's data; throws KeypadError on an unknown key code or a short report. */
export function decodeReport(spec: KeypadFrameSpec, frame: KeypadFrame): KeyReport {
  const data = frame.data;
  const offset = spec.report.counter ? 1 : 0;
  if (data.length < offset + 1) {
    throw new KeypadError(spec.name, `report has ${data.length} data bytes, expected at least ${offset + 1}`, frame.address);
  }
  const code = data[offset]!;
  const digits = data.subarray(offset + 1).toString('latin1');
  if (digits && !/^[0-9]+$/.test(digits)) {
    throw new KeypadError(spec.name, `report digits '${digits}' are not ASCII 0-9`, frame.address);
  }
  const press = keyPressForCode(spec, code, digits);
  if (press === undefined) {
    throw new KeypadError(spec.name, `unknown key code 0x${code.toString(16).padStart(2, '0')}`, frame.address);
  }
  return spec.report.counter ? { press, counter: data[0]! } : { press };
}

/** A report frame as a device sends it (for the simulator and golden tests). */
export function reportFrame(spec: KeypadFrameSpec, address: number, press: KeyPress | null, counter = 0): Buffer {
  const code = press ? codeForKeyPress(spec, press) : spec.idleCode;
  const digits = press?.kind === 'key' && press.key === 'digits' ? Buffer.from(press.digits ?? '', 'latin1') : Buffer.alloc(0);
  const head = spec.report.counter ? [counter & 0xff, code] : [code];
  return encodeFrame(spec, { address, command: spec.commands.report, data: Buffer.concat([Buffer.from(head), digits]) });
}

export function ackFrame(spec: KeypadFrameSpec, address: number, command: number): Buffer {
  if (spec.commands.ack === null) throw new KeypadError(spec.name, 'this framing has no ack command', address);
  return encodeFrame(spec, { address, command: spec.commands.ack, data: Buffer.from([command]) });
}
