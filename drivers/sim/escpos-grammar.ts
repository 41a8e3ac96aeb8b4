// The ESC/POS grammar the simulated printer understands: exactly the commands HallQ sends (our own
// and receiptline's), each parsed from a byte buffer into one command with its parameters, and the
// real-time DLE EOT scan. Pure and stateless but for the one flag the grammar depends on (Chinese
// mode decides what a text byte is); what a command does to the paper is receipt.ts's business.
import iconv from 'iconv-lite';
import type { Align, RasterImage } from './receipt.js';

/** A graphic larger than this (bytes) is refused: a printer would not have the memory either. */
export const MAX_GRAPHIC_BYTES = 1 << 20;

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

/** Commands that take a fixed number of parameter bytes and only need skipping (or a tiny effect). */
const ESC_FIXED: Record<number, number> = {
  0x20: 1, // ESC SP n: right-side character spacing
  0x21: 1, // ESC ! n: print mode (handled)
  0x24: 2, // ESC $ nL nH: absolute position (handled)
  0x2d: 1, // ESC - n: underline
  0x32: 0, // ESC 2: default line spacing
  0x33: 1, // ESC 3 n: line spacing
  0x40: 0, // ESC @ (handled)
  0x45: 1, // ESC E n: bold (handled)
  0x47: 1, // ESC G n: double strike
  0x4a: 1, // ESC J n: feed n dots
  0x4d: 1, // ESC M n: font
  0x52: 1, // ESC R n: international character set
  0x5c: 2, // ESC \ nL nH: relative position (handled)
  0x61: 1, // ESC a n: alignment (handled)
  0x64: 1, // ESC d n: feed n lines (handled)
  0x74: 1, // ESC t n: code page
  0x7b: 1, // ESC { n: upside down
};
const FS_FIXED: Record<number, number> = {
  0x21: 1, // FS ! n: Chinese character mode (handled)
  0x26: 0, // FS & (handled)
  0x2d: 1, // FS - n: Chinese underline
  0x2e: 0, // FS . (handled)
  0x43: 1, // FS C n: character code system
  0x53: 2, // FS S n1 n2: Chinese character spacing
  0x57: 1, // FS W n: Chinese quadruple size
};
const GS_FIXED: Record<number, number> = {
  0x21: 1, // GS ! n: character size (handled)
  0x42: 1, // GS B n: reverse
  0x48: 1, // GS H n: HRI position
  0x4c: 2, // GS L nL nH: left margin (handled)
  0x57: 2, // GS W nL nH: print area width (handled)
  0x61: 1, // GS a n: automatic status back (handled)
  0x66: 1, // GS f n: HRI font
  0x68: 1, // GS h n: barcode height
  0x72: 1, // GS r n: transmit status (not answered: we never send it)
  0x77: 1, // GS w n: barcode module width
};

/** One command as parsed; `none` is a command that has no effect on the receipt (or was skipped). */
export type EscposCommand =
  | { type: 'none' }
  | { type: 'warning'; message: string }
  | { type: 'text'; text: string }
  | { type: 'newline' }
  | { type: 'tab' }
  /** ESC @ */
  | { type: 'reset' }
  /** ESC ! n */
  | { type: 'print-mode'; mode: number }
  /** ESC $ (absolute) and ESC \ (relative, signed) horizontal position, in dots. */
  | { type: 'position'; dots: number; relative: boolean }
  | { type: 'bold'; on: boolean }
  | { type: 'align'; align: Align }
  /** ESC d n */
  | { type: 'feed-lines'; lines: number }
  /** FS & (on) and FS . (off) */
  | { type: 'chinese'; on: boolean }
  /** FS ! n */
  | { type: 'chinese-mode'; mode: number }
  /** GS ! n */
  | { type: 'char-size'; w: number; h: number }
  /** GS L */
  | { type: 'left-margin'; dots: number }
  /** GS a n: automatic status back */
  | { type: 'asb'; mask: number }
  | { type: 'qr-module-size'; size: number }
  | { type: 'qr-level'; level: string }
  | { type: 'qr-store'; payload: string }
  | { type: 'qr-print' }
  /** GS 8 L fn 112: a raster graphic kept until a print-graphic command. */
  | { type: 'graphic-store'; graphic: RasterImage }
  /** GS ( L fn 50: print the stored graphic. */
  | { type: 'graphic-print' }
  /** GS v 0: a raster image printed at once. */
  | { type: 'raster-print'; graphic: RasterImage }
  /** GS k: `symbology` m, the data bytes as sent. */
  | { type: 'barcode'; symbology: number; data: Buffer }
  /** GS V: every form cuts. */
  | { type: 'cut' };

export interface Parsed {
  command: EscposCommand;
  /** Bytes the command took. */
  used: number;
}

const hex = (b: number) => b.toString(16).padStart(2, '0');
const NONE = { type: 'none' } as const;
const warning = (message: string, used: number): Parsed => ({ command: { type: 'warning', message }, used });
const parsed = (command: EscposCommand, used: number): Parsed => ({ command, used });

/**
 * The command at `buf[i]`, or undefined when it is not complete yet (wait for more bytes).
 * `chinese`: whether text bytes are GB18030 (FS &) or single-byte ASCII (FS .).
 */
export function parseCommand(buf: Buffer, i: number, chinese: boolean): Parsed | undefined {
  const b = buf[i]!;
  if (b >= 0x20 && b !== 0x7f) return textRun(buf, i, chinese);
  switch (b) {
    case 0x0a:
      return parsed({ type: 'newline' }, 1);
    case 0x0d:
    case 0x00:
      return parsed(NONE, 1);
    case 0x09:
      return parsed({ type: 'tab' }, 1);
    case DLE:
      return dle(buf, i);
    case ESC:
      return esc(buf, i);
    case FS:
      return fs(buf, i);
    case GS:
      return gs(buf, i);
    default:
      return warning(`unknown control byte 0x${hex(b)} skipped`, 1);
  }
}

function textRun(buf: Buffer, i: number, chinese: boolean): Parsed | undefined {
  let end = i;
  while (end < buf.length && buf[end]! >= 0x20 && buf[end] !== 0x7f) end++;
  if (chinese) {
    // Do not split a GB18030 character across chunks: hold back a trailing lead byte.
    const cut = completeGb18030Prefix(buf, i, end);
    if (cut < end && end === buf.length) end = cut;
    if (end === i) return undefined;
  }
  const bytes = buf.subarray(i, end);
  const text = chinese ? iconv.decode(bytes, 'gb18030') : [...bytes].map((c) => (c < 0x80 ? String.fromCharCode(c) : '?')).join('');
  return parsed({ type: 'text', text }, end - i);
}

/** The end of the last whole GB18030 character in buf[i, end). */
function completeGb18030Prefix(buf: Buffer, i: number, end: number): number {
  let p = i;
  while (p < end) {
    const c = buf[p]!;
    if (c < 0x80) p += 1;
    else {
      const c2 = buf[p + 1];
      const len = c2 !== undefined && c2 >= 0x30 && c2 <= 0x39 ? 4 : 2;
      if (p + len > end) return p;
      p += len;
    }
  }
  return p;
}

function dle(buf: Buffer, i: number): Parsed | undefined {
  if (i + 1 >= buf.length) return undefined;
  const c = buf[i + 1]!;
  if (c === 0x04 || c === 0x05 || c === 0x14) {
    if (i + 2 >= buf.length) return undefined;
    // DLE EOT was answered on arrival (RealtimeScanner); here it only needs skipping.
    if (c === 0x14) return i + 4 < buf.length ? parsed(NONE, 5) : undefined; // DLE DC4 fn m t: pulse, power-off…
    return parsed(NONE, 3);
  }
  return warning(`unknown DLE 0x${hex(c)} skipped`, 2);
}

function esc(buf: Buffer, i: number): Parsed | undefined {
  if (i + 1 >= buf.length) return undefined;
  const c = buf[i + 1]!;
  const params = ESC_FIXED[c];
  if (params === undefined) return warning(`unknown command ESC 0x${hex(c)} skipped`, 2);
  if (i + 1 + params >= buf.length) return undefined;
  const p1 = buf[i + 2] ?? 0;
  const p2 = buf[i + 3] ?? 0;
  const used = 2 + params;
  switch (c) {
    case 0x40:
      return parsed({ type: 'reset' }, used);
    case 0x21:
      return parsed({ type: 'print-mode', mode: p1 }, used);
    case 0x24:
      return parsed({ type: 'position', dots: p1 + 256 * p2, relative: false }, used);
    case 0x5c:
      return parsed({ type: 'position', dots: ((p1 + 256 * p2) << 16) >> 16, relative: true }, used); // signed 16-bit
    case 0x45:
      return parsed({ type: 'bold', on: (p1 & 1) === 1 }, used);
    case 0x61:
      // n is 0–2 or '0'–'2'
      return parsed({ type: 'align', align: (['left', 'center', 'right'] as const)[p1 >= 0x30 ? p1 - 0x30 : p1] ?? 'left' }, used);
    case 0x64:
      return parsed({ type: 'feed-lines', lines: p1 }, used);
    default:
      return parsed(NONE, used);
  }
}

function fs(buf: Buffer, i: number): Parsed | undefined {
  if (i + 1 >= buf.length) return undefined;
  const c = buf[i + 1]!;
  // FS ( x pL pH …: a function with a length field (e.g. FS ( A kanji font): skip it whole.
  if (c === 0x28) return skipWithLength(buf, i, 'FS (');
  const params = FS_FIXED[c];
  if (params === undefined) return warning(`unknown command FS 0x${hex(c)} skipped`, 2);
  if (i + 1 + params >= buf.length) return undefined;
  const used = 2 + params;
  if (c === 0x26) return parsed({ type: 'chinese', on: true }, used);
  if (c === 0x2e) return parsed({ type: 'chinese', on: false }, used);
  if (c === 0x21) return parsed({ type: 'chinese-mode', mode: buf[i + 2]! }, used);
  return parsed(NONE, used);
}

function gs(buf: Buffer, i: number): Parsed | undefined {
  if (i + 1 >= buf.length) return undefined;
  const c = buf[i + 1]!;
  switch (c) {
    case 0x28:
      return gsParen(buf, i);
    case 0x38:
      return gs8L(buf, i);
    case 0x56:
      return cut(buf, i);
    case 0x6b:
      return barcode(buf, i);
    case 0x76:
      return rasterV0(buf, i);
    default:
      break;
  }
  const params = GS_FIXED[c];
  if (params === undefined) return warning(`unknown command GS 0x${hex(c)} skipped`, 2);
  if (i + 1 + params >= buf.length) return undefined;
  const p1 = buf[i + 2] ?? 0;
  const p2 = buf[i + 3] ?? 0;
  const used = 2 + params;
  switch (c) {
    case 0x21:
      return parsed({ type: 'char-size', w: ((p1 >> 4) & 0x07) + 1, h: (p1 & 0x07) + 1 }, used);
    case 0x4c:
      return parsed({ type: 'left-margin', dots: p1 + 256 * p2 }, used);
    case 0x61:
      return parsed({ type: 'asb', mask: p1 }, used);
    default:
      return parsed(NONE, used);
  }
}

function skipWithLength(buf: Buffer, i: number, name: string): Parsed | undefined {
  if (i + 4 >= buf.length) return undefined;
  const len = buf[i + 3]! + 256 * buf[i + 4]!;
  if (i + 5 + len > buf.length) return undefined;
  return warning(`${name} 0x${hex(buf[i + 2]!)} (${len} bytes) skipped`, 5 + len);
}

/** GS ( k: 2D codes (QR only); GS ( L: graphics print; anything else with a length: skipped. */
function gsParen(buf: Buffer, i: number): Parsed | undefined {
  if (i + 4 >= buf.length) return undefined;
  const fnClass = buf[i + 2]!;
  const len = buf[i + 3]! + 256 * buf[i + 4]!;
  if (i + 5 + len > buf.length) return undefined;
  const body = buf.subarray(i + 5, i + 5 + len);
  const used = 5 + len;
  if (fnClass === 0x6b && body[0] === 0x31) return parsed(qrFunction(body), used);
  if (fnClass === 0x4c && (body[1] === 0x32 || body[1] === 0x02)) return parsed({ type: 'graphic-print' }, used);
  // other graphics functions (density etc.): nothing to show
  if (fnClass === 0x4c) return parsed(NONE, used);
  return warning(`GS ( 0x${hex(fnClass)} (${len} bytes) skipped`, used);
}

function qrFunction(body: Buffer): EscposCommand {
  const fn = body[1];
  switch (fn) {
    case 0x41: // model
      return NONE;
    case 0x43:
      return { type: 'qr-module-size', size: body[2] ?? 3 };
    case 0x45:
      return { type: 'qr-level', level: ['L', 'M', 'Q', 'H'][(body[2] ?? 0x30) - 0x30] ?? 'L' };
    case 0x50:
      // body: cn fn m(0x30) data — the payload is UTF-8 by our convention (HARDWARE.md).
      return { type: 'qr-store', payload: body.subarray(3).toString('utf8') };
    case 0x51:
      return { type: 'qr-print' };
    default:
      return { type: 'warning', message: `QR function 0x${hex(fn ?? 0)} skipped` };
  }
}

/** GS 8 L p1 p2 p3 p4 m fn …: graphics with a 32-bit length; fn 112 stores a raster graphic. */
function gs8L(buf: Buffer, i: number): Parsed | undefined {
  if (i + 2 >= buf.length) return undefined;
  if (buf[i + 2] !== 0x4c) return warning(`unknown command GS 8 0x${hex(buf[i + 2]!)} skipped`, 3);
  if (i + 6 >= buf.length) return undefined;
  const len = buf.readUInt32LE(i + 3);
  if (len > MAX_GRAPHIC_BYTES) return warning(`GS 8 L graphic of ${len} bytes refused (limit ${MAX_GRAPHIC_BYTES}); header skipped`, 7);
  if (i + 7 + len > buf.length) return undefined;
  const body = buf.subarray(i + 7, i + 7 + len);
  const used = 7 + len;
  // m=0x30 fn=0x70: a tone, bx, by, c, xL xH yL yH, data
  if (body[1] === 0x70 && body.length >= 10) {
    const width = body[6]! + 256 * body[7]!;
    const height = body[8]! + 256 * body[9]!;
    const bits = body.subarray(10);
    if (bits.length >= Math.ceil(width / 8) * height) return parsed({ type: 'graphic-store', graphic: { width, height, bits: Uint8Array.from(bits) } }, used);
    return warning(`GS 8 L graphic ${width}×${height} has too few data bytes`, used);
  }
  return warning(`GS 8 L function 0x${hex(body[1] ?? 0)} skipped`, used);
}

/** GS v 0 m xL xH yL yH data: print a raster image at once. */
function rasterV0(buf: Buffer, i: number): Parsed | undefined {
  if (i + 7 >= buf.length) return undefined;
  if (buf[i + 2] !== 0x30) return warning(`unknown command GS v 0x${hex(buf[i + 2]!)} skipped`, 3);
  const widthBytes = buf[i + 4]! + 256 * buf[i + 5]!;
  const height = buf[i + 6]! + 256 * buf[i + 7]!;
  const len = widthBytes * height;
  if (len > MAX_GRAPHIC_BYTES) return warning(`GS v 0 image of ${len} bytes refused; header skipped`, 8);
  if (i + 8 + len > buf.length) return undefined;
  const graphic = { width: widthBytes * 8, height, bits: Uint8Array.from(buf.subarray(i + 8, i + 8 + len)) };
  return parsed({ type: 'raster-print', graphic }, 8 + len);
}

/** GS k: m 0–6 NUL-terminated; m 65–79 with a length byte. */
function barcode(buf: Buffer, i: number): Parsed | undefined {
  if (i + 2 >= buf.length) return undefined;
  const m = buf[i + 2]!;
  if (m <= 6) {
    const nul = buf.indexOf(0x00, i + 3);
    if (nul < 0) return buf.length - i > 256 ? warning('barcode data without its NUL end: command skipped', 3) : undefined;
    return parsed({ type: 'barcode', symbology: m, data: buf.subarray(i + 3, nul) }, nul + 1 - i);
  }
  if (m >= 65 && m <= 79) {
    if (i + 3 >= buf.length) return undefined;
    const n = buf[i + 3]!;
    if (i + 4 + n > buf.length) return undefined;
    return parsed({ type: 'barcode', symbology: m, data: buf.subarray(i + 4, i + 4 + n) }, 4 + n);
  }
  return warning(`unknown barcode type ${m} skipped`, 3);
}

/** GS V m [n]. */
function cut(buf: Buffer, i: number): Parsed | undefined {
  if (i + 2 >= buf.length) return undefined;
  const m = buf[i + 2]!;
  const withFeed = m === 0x41 || m === 0x42 || (m >= 0x61 && m <= 0x68);
  if (withFeed && i + 3 >= buf.length) return undefined;
  return parsed({ type: 'cut' }, withFeed ? 4 : 3);
}

/**
 * DLE EOT n is a real-time command: a printer answers it on arrival, even when its command parser
 * is in the middle of another command's data (a half-received graphic, or garbage claiming a long
 * length). So it is found in the raw bytes, before and apart from parseCommand. The flip side is
 * real too: graphic data that happens to hold 10 04 01 gets an answer (Epson warns about it).
 */
export class RealtimeScanner {
  /** Progress through DLE EOT across chunks: 0 none, 1 after DLE, 2 after DLE EOT. */
  #state: 0 | 1 | 2 = 0;

  /** The status queries (n = 1…4) in `chunk`, in order. */
  scan(chunk: Uint8Array): number[] {
    const queries: number[] = [];
    for (const b of chunk) {
      if (this.#state === 2) {
        if (b >= 1 && b <= 4) queries.push(b);
        this.#state = b === DLE ? 1 : 0;
      } else if (this.#state === 1 && b === 0x04) this.#state = 2;
      else this.#state = b === DLE ? 1 : 0;
    }
    return queries;
  }
}
