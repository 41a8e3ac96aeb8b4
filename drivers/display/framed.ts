// A framed-text codec described in configuration, so a vendor's simple window screen is added by
// writing a spec, not code. Frame, in this order:
//   header · [length if position 'before-address'] · address · command · [length] · text ·
//   [checksum] · trailer
// Most window-screen vendors use exactly this shape with their own bytes (HARDWARE.md).
import { z } from 'zod';
import { ConfigError, zodProblems } from '../../main/rules/config-problem.js';
import type { DisplayContentKind } from './content.js';
import { decodeDisplayText, encodeDisplayText } from './text-encoding.js';

const hexString = (what: string) =>
  z
    .string({ error: `${what} must be a hex string such as "AA 55"` })
    .transform((s) => s.replace(/[\s:,]|0x/gi, ''))
    .refine((s) => /^([0-9a-fA-F]{2})*$/.test(s), { message: `${what} must be hex byte pairs such as "AA 55"` });

const kinds = ['idle', 'calling', 'paused', 'text', 'maintenance'] as const;

export const framedCodecSpecSchema = z
  .object({
    name: z.string().min(1).max(60),
    header: hexString('header').refine((s) => s.length > 0, { message: 'header must have at least one byte' }),
    address: z
      .object({
        bytes: z.number().int().min(1, { message: 'address.bytes must be 1–4' }).max(4, { message: 'address.bytes must be 1–4' }),
        encoding: z.enum(['binary', 'ascii-decimal']),
        endian: z.enum(['big', 'little']).default('big'),
      })
      .strict(),
    /** One command for all text, or one per content kind (`text` is the fallback). */
    commands: z
      .object(Object.fromEntries(kinds.map((k) => [k, hexString(`commands.${k}`).optional()])) as Record<
        (typeof kinds)[number],
        z.ZodOptional<ReturnType<typeof hexString>>
      >)
      .strict()
      .refine((c) => c.text !== undefined && c.text.length > 0, {
        message: 'commands.text is required (the command used for any kind without its own)',
      }),
    encoding: z.enum(['gb2312', 'gbk', 'gb18030', 'ascii']),
    /** Bytes between the two lines of a two-line display. */
    lineSeparator: hexString('lineSeparator').default('0D'),
    length: z
      .object({
        bytes: z.number().int().min(1, { message: 'length.bytes must be 1 or 2' }).max(2, { message: 'length.bytes must be 1 or 2' }),
        endian: z.enum(['big', 'little']).default('big'),
        position: z.enum(['before-address', 'before-text']).default('before-text'),
        /** What the value counts: the text only, or every byte after the length field up to the checksum. */
        covers: z.enum(['text', 'rest']).default('text'),
      })
      .strict()
      .optional(),
    checksum: z
      .object({
        type: z.enum(['none', 'sum8', 'xor8', 'crc16-modbus', 'crc16-arc']),
        /** 'all' = header … text; 'after-header' = everything after the header … text. */
        range: z.enum(['all', 'after-header']).default('after-header'),
        endian: z.enum(['big', 'little']).default('little'),
      })
      .strict()
      .default({ type: 'none', range: 'after-header', endian: 'little' }),
    trailer: hexString('trailer').default(''),
  })
  .strict();

export type FramedCodecSpecInput = z.input<typeof framedCodecSpecSchema>;
export type FramedCodecSpec = z.output<typeof framedCodecSpecSchema>;

/** Validate a spec from configuration; throws ConfigError naming each field under `where` ("….framed.checksum.type: …"). */
export function parseFramedCodecSpec(input: unknown, where = 'framed'): FramedCodecSpec {
  const result = framedCodecSpecSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(zodProblems(result.error, { at: [where] }));
}

export class FramedDecodeError extends Error {
  constructor(spec: string, message: string) {
    super(`${spec} frame: ${message}`);
    this.name = 'FramedDecodeError';
  }
}

const fromHex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));

export function checksum(type: FramedCodecSpec['checksum']['type'], bytes: Uint8Array): number {
  switch (type) {
    case 'none':
      return 0;
    case 'sum8':
      return bytes.reduce((a, b) => (a + b) & 0xff, 0);
    case 'xor8':
      return bytes.reduce((a, b) => a ^ b, 0);
    case 'crc16-modbus':
    case 'crc16-arc': {
      let crc = type === 'crc16-modbus' ? 0xffff : 0;
      for (const b of bytes) {
        crc ^= b;
        for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
      }
      return crc;
    }
    default: {
      const never: never = type;
      throw new Error(`unknown checksum ${String(never)}`);
    }
  }
}

const checksumBytes = (type: FramedCodecSpec['checksum']['type']) =>
  type === 'none' ? 0 : type === 'sum8' || type === 'xor8' ? 1 : 2;

function putInt(value: number, bytes: number, endian: 'big' | 'little'): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes; i++) out.push((value >>> (8 * i)) & 0xff);
  return endian === 'big' ? out.reverse() : out;
}

function getInt(bytes: Uint8Array, endian: 'big' | 'little'): number {
  const ordered = endian === 'big' ? [...bytes] : [...bytes].reverse();
  return ordered.reduce((a, b) => a * 256 + b, 0);
}

function addressBytes(spec: FramedCodecSpec, address: number): number[] {
  const { bytes, encoding, endian } = spec.address;
  const max = encoding === 'binary' ? 2 ** (8 * bytes) - 1 : 10 ** bytes - 1;
  if (!Number.isInteger(address) || address < 0 || address > max) {
    throw new RangeError(`${spec.name}: address must be an integer 0–${max} (got ${address})`);
  }
  if (encoding === 'ascii-decimal') return [...Buffer.from(String(address).padStart(bytes, '0'), 'ascii')];
  return putInt(address, bytes, endian);
}

function commandFor(spec: FramedCodecSpec, kind: DisplayContentKind): Uint8Array {
  return fromHex(spec.commands[kind] ?? spec.commands.text!);
}

/** Encode lines for the display at `address`; `kind` picks a per-kind command if the spec has one. */
export function encode(
  spec: FramedCodecSpec,
  address: number,
  lines: readonly string[],
  kind: DisplayContentKind = 'text',
): Uint8Array {
  const separator = fromHex(spec.lineSeparator);
  const text: number[] = [];
  lines.forEach((line, i) => {
    if (i > 0) text.push(...separator);
    text.push(...encodeDisplayText(line, spec.encoding));
  });
  const header = [...fromHex(spec.header)];
  const addr = addressBytes(spec, address);
  const cmd = [...commandFor(spec, kind)];
  const lengthSpec = spec.length;
  const sumLength = checksumBytes(spec.checksum.type);
  let lengthField: number[] = [];
  if (lengthSpec) {
    let value = text.length;
    if (lengthSpec.covers === 'rest') {
      value = lengthSpec.position === 'before-address' ? addr.length + cmd.length + text.length : text.length;
    }
    if (value >= 2 ** (8 * lengthSpec.bytes)) {
      throw new RangeError(`${spec.name}: text too long for a ${lengthSpec.bytes}-byte length field (${value} bytes)`);
    }
    lengthField = putInt(value, lengthSpec.bytes, lengthSpec.endian);
  }
  const body =
    lengthSpec?.position === 'before-address'
      ? [...header, ...lengthField, ...addr, ...cmd, ...text]
      : [...header, ...addr, ...cmd, ...lengthField, ...text];
  const covered = spec.checksum.range === 'all' ? body : body.slice(header.length);
  const sum = sumLength === 0 ? [] : putInt(checksum(spec.checksum.type, Uint8Array.from(covered)), sumLength, spec.checksum.endian);
  return Uint8Array.from([...body, ...sum, ...fromHex(spec.trailer)]);
}

export interface FramedFrame {
  address: number;
  /** The content kind whose command the frame carries ('text' when only the text command matches). */
  kind: DisplayContentKind;
  command: Uint8Array;
  lines: string[];
}

const startsWith = (bytes: Uint8Array, at: number, prefix: Uint8Array) =>
  prefix.every((b, i) => bytes[at + i] === b);

/** Decode one whole frame (exactly, no extra bytes). Throws FramedDecodeError saying what is wrong. */
export function decode(spec: FramedCodecSpec, bytes: Uint8Array): FramedFrame {
  const fail = (message: string): never => {
    throw new FramedDecodeError(spec.name, message);
  };
  const header = fromHex(spec.header);
  const trailer = fromHex(spec.trailer);
  const sumLength = checksumBytes(spec.checksum.type);
  if (!startsWith(bytes, 0, header)) fail(`does not start with header ${spec.header.toUpperCase()}`);
  if (bytes.length < header.length + trailer.length + sumLength + spec.address.bytes) fail('too short');
  if (!startsWith(bytes, bytes.length - trailer.length, trailer)) fail(`does not end with trailer ${spec.trailer.toUpperCase()}`);
  const sumAt = bytes.length - trailer.length - sumLength;
  if (sumLength > 0) {
    const covered = spec.checksum.range === 'all' ? bytes.subarray(0, sumAt) : bytes.subarray(header.length, sumAt);
    const expected = checksum(spec.checksum.type, covered);
    const got = getInt(bytes.subarray(sumAt, sumAt + sumLength), spec.checksum.endian);
    if (expected !== got) fail(`${spec.checksum.type} mismatch: frame has ${got.toString(16)}, computed ${expected.toString(16)}`);
  }
  let o = header.length;
  const lengthSpec = spec.length;
  let declared: number | undefined;
  if (lengthSpec?.position === 'before-address') {
    declared = getInt(bytes.subarray(o, o + lengthSpec.bytes), lengthSpec.endian);
    o += lengthSpec.bytes;
  }
  const addr = bytes.subarray(o, o + spec.address.bytes);
  o += spec.address.bytes;
  let address: number;
  if (spec.address.encoding === 'ascii-decimal') {
    const digits = Buffer.from(addr).toString('latin1');
    if (!/^[0-9]+$/.test(digits)) fail(`address "${digits}" is not decimal digits`);
    address = Number(digits);
  } else {
    address = getInt(addr, spec.address.endian);
  }
  // The longest matching command wins, so "01" and "01 02" can coexist.
  let kind: DisplayContentKind | undefined;
  let command: Uint8Array = new Uint8Array();
  for (const k of kinds) {
    const c = spec.commands[k];
    if (c === undefined) continue;
    const bytesOf = fromHex(c);
    if (startsWith(bytes, o, bytesOf) && (kind === undefined || bytesOf.length > command.length)) {
      kind = k;
      command = bytesOf;
    }
  }
  if (kind === undefined) return fail(`unknown command at offset ${o}`);
  // Prefer 'text' when several kinds share the text command's bytes.
  if (spec.commands.text && Buffer.from(fromHex(spec.commands.text)).equals(Buffer.from(command))) kind = 'text';
  o += command.length;
  if (lengthSpec?.position === 'before-text') {
    declared = getInt(bytes.subarray(o, o + lengthSpec.bytes), lengthSpec.endian);
    o += lengthSpec.bytes;
  }
  const text = bytes.subarray(o, sumAt);
  if (declared !== undefined && lengthSpec) {
    const actual = lengthSpec.covers === 'rest' && lengthSpec.position === 'before-address' ? sumAt - header.length - lengthSpec.bytes : text.length;
    if (declared !== actual) fail(`length field says ${declared} but the frame carries ${actual}`);
  }
  const separator = fromHex(spec.lineSeparator);
  const parts: Uint8Array[] = [];
  if (separator.length === 0) parts.push(text);
  else {
    let from = 0;
    for (let i = 0; i + separator.length <= text.length; i++) {
      if (startsWith(text, i, separator)) {
        parts.push(text.subarray(from, i));
        from = i + separator.length;
        i += separator.length - 1;
      }
    }
    parts.push(text.subarray(from));
  }
  return { address, kind, command, lines: parts.map((p) => decodeDisplayText(p, spec.encoding)) };
}

/** The bytes a frame of this spec starts with, for stream parsing. */
export const framedHeader = (spec: FramedCodecSpec): Uint8Array => fromHex(spec.header);
export const framedTrailer = (spec: FramedCodecSpec): Uint8Array => fromHex(spec.trailer);

// ---- example specs (golden vectors in test/unit/drivers/display-framed.test.ts) ------------------

/** A typical serial window screen: AA · address · command · length · GBK text · XOR · 55. */
export const EXAMPLE_AA55_XOR: FramedCodecSpecInput = {
  name: 'AA-55 XOR window screen',
  header: 'AA',
  address: { bytes: 1, encoding: 'binary' },
  commands: { text: '01', calling: '02', idle: '01' },
  encoding: 'gbk',
  lineSeparator: '0D',
  length: { bytes: 1, covers: 'text' },
  checksum: { type: 'xor8', range: 'after-header' },
  trailer: '55',
};

/** An ASCII-addressed screen: STX · "03" · 'T' · GB2312 text · CRC-16/MODBUS (LE) · ETX. */
export const EXAMPLE_STX_ETX_MODBUS: FramedCodecSpecInput = {
  name: 'STX-ETX Modbus-CRC window screen',
  header: '02',
  address: { bytes: 2, encoding: 'ascii-decimal' },
  commands: { text: '54' },
  encoding: 'gb2312',
  lineSeparator: '7C',
  checksum: { type: 'crc16-modbus', range: 'after-header', endian: 'little' },
  trailer: '03',
};
