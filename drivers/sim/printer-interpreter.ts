// The simulated printer's brain: a small ESC/POS tokenizer for exactly the commands HallQ sends
// (our own and receiptline's), turning a byte stream into structured receipts. No npm package decodes
// ESC/POS back to text (HARDWARE.md), hence this. Pure: no I/O, no timers; bytes may arrive in any
// chunking. Unknown commands are skipped with a warning, never thrown.
import iconv from 'iconv-lite';
import { decodeCode128, decodeQrFromBits } from './printed-codes.js';
import type { Align, RasterImage, Receipt, ReceiptLine, TextSegment } from './receipt.js';

export type InterpreterEvent =
  | { type: 'receipt'; receipt: Receipt }
  | { type: 'status-query'; n: number }
  | { type: 'asb'; mask: number }
  | { type: 'warning'; message: string };

/** A graphic larger than this (bytes) is refused: a printer would not have the memory either. */
const MAX_GRAPHIC_BYTES = 1 << 20;
const ASCII_DOTS = 12;
// jsqr is CommonJS with an ES-style `export default` in its types: under NodeNext the default
// import is module.exports, which is the function itself and also carries `.default`.

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

interface Mode {
  chinese: boolean;
  gsSize: { w: number; h: number };
  escMode: number;
  fsMode: number;
  align: Align;
  bold: boolean;
  left: number;
  x: number;
}

function initialMode(): Mode {
  // Chinese clone printers boot in Chinese mode with a GB18030/GBK font (HARDWARE.md).
  return { chinese: true, gsSize: { w: 1, h: 1 }, escMode: 0, fsMode: 0, align: 'left', bold: false, left: 0, x: 0 };
}

const hex = (b: number) => b.toString(16).padStart(2, '0');

export class EscposInterpreter {
  private buffer: Buffer = Buffer.alloc(0);
  private mode: Mode = initialMode();
  private lines: ReceiptLine[] = [];
  private segments: TextSegment[] = [];
  private qrCodes: string[] = [];
  private barcodes: string[] = [];
  private rawLength = 0;
  private qrStore = { payload: '', moduleSize: 3, level: 'L' };
  private graphic: RasterImage | undefined;
  private events: InterpreterEvent[] = [];
  /** Progress through DLE EOT across chunks: 0 none, 1 after DLE, 2 after DLE EOT. */
  private realtimeState: 0 | 1 | 2 = 0;
  /** Where the last text segment ended (dots), to join runs split by chunking. */
  private runEnd = -1;

  /** Feed bytes; returns what happened (receipts completed, status queries, warnings). */
  feed(chunk: Uint8Array): InterpreterEvent[] {
    this.events = [];
    this.scanRealtime(chunk);
    this.rawLength += chunk.length;
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    let i = 0;
    while (i < this.buffer.length) {
      const used = this.step(this.buffer, i);
      if (used === 0) break; // incomplete command: wait for more bytes
      i += used;
    }
    this.buffer = this.buffer.subarray(i);
    return this.events;
  }

  /**
   * DLE EOT n is a real-time command: a printer answers it on arrival, even when its command parser
   * is in the middle of another command's data (a half-received graphic, or garbage claiming a long
   * length). So it is found here in the raw bytes, before and apart from the tokenizer. The flip side
   * is real too: graphic data that happens to hold 10 04 01 gets an answer (Epson warns about it).
   */
  private scanRealtime(chunk: Uint8Array): void {
    for (const b of chunk) {
      if (this.realtimeState === 2) {
        if (b >= 1 && b <= 4) this.events.push({ type: 'status-query', n: b });
        this.realtimeState = b === DLE ? 1 : 0;
      } else if (this.realtimeState === 1 && b === 0x04) this.realtimeState = 2;
      else this.realtimeState = b === DLE ? 1 : 0;
    }
  }

  /** Bytes waiting for the rest of a command. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  /** Returns bytes consumed at `i`, or 0 when the command there is not complete yet. */
  private step(buf: Buffer, i: number): number {
    const b = buf[i]!;
    if (b >= 0x20 && b !== 0x7f) return this.textRun(buf, i);
    switch (b) {
      case 0x0a:
        this.endLine();
        return 1;
      case 0x0d:
      case 0x00:
        return 1;
      case 0x09:
        this.mode.x += ASCII_DOTS * 4;
        return 1;
      case DLE:
        return this.dle(buf, i);
      case ESC:
        return this.esc(buf, i);
      case FS:
        return this.fs(buf, i);
      case GS:
        return this.gs(buf, i);
      default:
        this.warn(`unknown control byte 0x${hex(b)} skipped`);
        return 1;
    }
  }

  private textRun(buf: Buffer, i: number): number {
    let end = i;
    while (end < buf.length && buf[end]! >= 0x20 && buf[end] !== 0x7f) end++;
    if (this.mode.chinese) {
      // Do not split a GB18030 character across chunks: hold back a trailing lead byte.
      const cut = this.completeGb18030Prefix(buf, i, end);
      if (cut < end && end === buf.length) end = cut;
      if (end === i) return 0;
    }
    const bytes = buf.subarray(i, end);
    const text = this.mode.chinese
      ? iconv.decode(bytes, 'gb18030')
      : [...bytes].map((c) => (c < 0x80 ? String.fromCharCode(c) : '?')).join('');
    this.addText(text);
    return end - i;
  }

  /** The end of the last whole GB18030 character in buf[i, end). */
  private completeGb18030Prefix(buf: Buffer, i: number, end: number): number {
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

  private addText(text: string): void {
    const m = this.mode;
    const escW = m.escMode & 0x20 ? 2 : 1;
    const escH = m.escMode & 0x10 ? 2 : 1;
    const fsW = m.fsMode & 0x04 ? 2 : 1;
    const fsH = m.fsMode & 0x08 ? 2 : 1;
    const wide = [...text].some((c) => c.codePointAt(0)! >= 0x80);
    const size = {
      w: Math.max(m.gsSize.w, escW, wide ? fsW : 1),
      h: Math.max(m.gsSize.h, escH, wide ? fsH : 1),
    };
    const bold = m.bold || (m.escMode & 0x08) !== 0;
    const start = m.x;
    for (const c of text) m.x += (c.codePointAt(0)! >= 0x80 ? 2 * ASCII_DOTS : ASCII_DOTS) * size.w;
    // Text that continues the previous run in the same style is one segment, however it was chunked.
    const last = this.segments.at(-1);
    if (last && last.bold === bold && last.size.w === size.w && last.size.h === size.h && this.runEnd === start) {
      last.text += text;
    } else {
      this.segments.push({ x: start, text, size, bold });
    }
    this.runEnd = m.x;
  }

  private endLine(extra: Partial<ReceiptLine> = {}): void {
    const segs = this.segments;
    const printed = segs.filter((s) => s.text.trim().length > 0);
    const sized = printed.length > 0 ? printed : segs;
    this.lines.push({
      text: segs.map((s) => s.text).join('').trim(),
      size: {
        w: sized.reduce((a, s) => Math.max(a, s.size.w), 1),
        h: sized.reduce((a, s) => Math.max(a, s.size.h), 1),
      },
      align: this.mode.align,
      bold: printed.length > 0 && printed.every((s) => s.bold),
      left: this.mode.left,
      segments: segs,
      ...extra,
    });
    this.segments = [];
    this.mode.x = 0;
  }

  private dle(buf: Buffer, i: number): number {
    if (i + 1 >= buf.length) return 0;
    const c = buf[i + 1]!;
    if (c === 0x04 || c === 0x05 || c === 0x14) {
      if (i + 2 >= buf.length) return 0;
      // DLE EOT was answered on arrival (scanRealtime); here it only needs skipping.
      if (c === 0x14) return i + 4 < buf.length ? 5 : 0; // DLE DC4 fn m t: pulse, power-off…
      return 3;
    }
    this.warn(`unknown DLE 0x${hex(c)} skipped`);
    return 2;
  }

  private esc(buf: Buffer, i: number): number {
    if (i + 1 >= buf.length) return 0;
    const c = buf[i + 1]!;
    const params = ESC_FIXED[c];
    if (params === undefined) {
      this.warn(`unknown command ESC 0x${hex(c)} skipped`);
      return 2;
    }
    if (i + 1 + params >= buf.length) return 0;
    const p1 = buf[i + 2] ?? 0;
    const p2 = buf[i + 3] ?? 0;
    const m = this.mode;
    switch (c) {
      case 0x40: {
        // ESC @ clears the line buffer and modes; what was printed stays printed.
        const chinese = m.chinese;
        this.segments = [];
        this.mode = { ...initialMode(), chinese };
        break;
      }
      case 0x21:
        m.escMode = p1;
        break;
      case 0x24:
        m.x = p1 + 256 * p2;
        break;
      case 0x5c:
        m.x += ((p1 + 256 * p2) << 16) >> 16; // signed 16-bit
        break;
      case 0x45:
        m.bold = (p1 & 1) === 1;
        break;
      case 0x61:
        // n is 0–2 or '0'–'2'
        m.align = (['left', 'center', 'right'] as const)[p1 >= 0x30 ? p1 - 0x30 : p1] ?? 'left';
        break;
      case 0x64:
        if (this.segments.length > 0) this.endLine();
        for (let k = 0; k < p1; k++) this.endLine();
        break;
      default:
        break;
    }
    return 2 + params;
  }

  private fs(buf: Buffer, i: number): number {
    if (i + 1 >= buf.length) return 0;
    const c = buf[i + 1]!;
    if (c === 0x28) {
      // FS ( x pL pH …: a function with a length field (e.g. FS ( A kanji font): skip it whole.
      return this.skipWithLength(buf, i, 'FS (');
    }
    const params = FS_FIXED[c];
    if (params === undefined) {
      this.warn(`unknown command FS 0x${hex(c)} skipped`);
      return 2;
    }
    if (i + 1 + params >= buf.length) return 0;
    if (c === 0x26) this.mode.chinese = true;
    if (c === 0x2e) this.mode.chinese = false;
    if (c === 0x21) this.mode.fsMode = buf[i + 2]!;
    return 2 + params;
  }

  private gs(buf: Buffer, i: number): number {
    if (i + 1 >= buf.length) return 0;
    const c = buf[i + 1]!;
    switch (c) {
      case 0x28:
        return this.gsParen(buf, i);
      case 0x38:
        return this.gs8L(buf, i);
      case 0x56:
        return this.cut(buf, i);
      case 0x6b:
        return this.barcode(buf, i);
      case 0x76:
        return this.rasterV0(buf, i);
      default:
        break;
    }
    const params = GS_FIXED[c];
    if (params === undefined) {
      this.warn(`unknown command GS 0x${hex(c)} skipped`);
      return 2;
    }
    if (i + 1 + params >= buf.length) return 0;
    const p1 = buf[i + 2] ?? 0;
    const p2 = buf[i + 3] ?? 0;
    switch (c) {
      case 0x21:
        this.mode.gsSize = { w: ((p1 >> 4) & 0x07) + 1, h: (p1 & 0x07) + 1 };
        break;
      case 0x4c:
        this.mode.left = p1 + 256 * p2;
        break;
      case 0x61:
        this.events.push({ type: 'asb', mask: p1 });
        break;
      default:
        break;
    }
    return 2 + params;
  }

  private skipWithLength(buf: Buffer, i: number, name: string): number {
    if (i + 4 >= buf.length) return 0;
    const len = buf[i + 3]! + 256 * buf[i + 4]!;
    if (i + 5 + len > buf.length) return 0;
    this.warn(`${name} 0x${hex(buf[i + 2]!)} (${len} bytes) skipped`);
    return 5 + len;
  }

  /** GS ( k: 2D codes (QR only); GS ( L: graphics print; anything else with a length: skipped. */
  private gsParen(buf: Buffer, i: number): number {
    if (i + 4 >= buf.length) return 0;
    const fnClass = buf[i + 2]!;
    const len = buf[i + 3]! + 256 * buf[i + 4]!;
    if (i + 5 + len > buf.length) return 0;
    const body = buf.subarray(i + 5, i + 5 + len);
    if (fnClass === 0x6b && body[0] === 0x31) {
      this.qrFunction(body);
    } else if (fnClass === 0x4c && (body[1] === 0x32 || body[1] === 0x02)) {
      this.printGraphic();
    } else if (fnClass === 0x4c) {
      // other graphics functions (density etc.): nothing to show
    } else {
      this.warn(`GS ( 0x${hex(fnClass)} (${len} bytes) skipped`);
    }
    return 5 + len;
  }

  private qrFunction(body: Buffer): void {
    const fn = body[1];
    switch (fn) {
      case 0x41: // model
        break;
      case 0x43:
        this.qrStore.moduleSize = body[2] ?? 3;
        break;
      case 0x45:
        this.qrStore.level = ['L', 'M', 'Q', 'H'][(body[2] ?? 0x30) - 0x30] ?? 'L';
        break;
      case 0x50:
        // body: cn fn m(0x30) data — the payload is UTF-8 by our convention (HARDWARE.md).
        this.qrStore.payload = body.subarray(3).toString('utf8');
        break;
      case 0x51:
        if (this.segments.length > 0) this.endLine();
        this.qrCodes.push(this.qrStore.payload);
        this.lines.push(this.blankLine({ qr: { ...this.qrStore } }));
        break;
      default:
        this.warn(`QR function 0x${hex(fn ?? 0)} skipped`);
    }
  }

  private blankLine(extra: Partial<ReceiptLine>): ReceiptLine {
    return {
      text: '',
      size: { w: 1, h: 1 },
      align: this.mode.align,
      bold: false,
      left: this.mode.left,
      segments: [],
      ...extra,
    };
  }

  /** GS 8 L p1 p2 p3 p4 m fn …: graphics with a 32-bit length; fn 112 stores a raster graphic. */
  private gs8L(buf: Buffer, i: number): number {
    if (i + 2 >= buf.length) return 0;
    if (buf[i + 2] !== 0x4c) {
      this.warn(`unknown command GS 8 0x${hex(buf[i + 2]!)} skipped`);
      return 3;
    }
    if (i + 6 >= buf.length) return 0;
    const len = buf.readUInt32LE(i + 3);
    if (len > MAX_GRAPHIC_BYTES) {
      this.warn(`GS 8 L graphic of ${len} bytes refused (limit ${MAX_GRAPHIC_BYTES}); header skipped`);
      return 7;
    }
    if (i + 7 + len > buf.length) return 0;
    const body = buf.subarray(i + 7, i + 7 + len);
    // m=0x30 fn=0x70: a tone, bx, by, c, xL xH yL yH, data
    if (body[1] === 0x70 && body.length >= 10) {
      const width = body[6]! + 256 * body[7]!;
      const height = body[8]! + 256 * body[9]!;
      const bits = body.subarray(10);
      if (bits.length >= Math.ceil(width / 8) * height) this.graphic = { width, height, bits: Uint8Array.from(bits) };
      else this.warn(`GS 8 L graphic ${width}×${height} has too few data bytes`);
    } else {
      this.warn(`GS 8 L function 0x${hex(body[1] ?? 0)} skipped`);
    }
    return 7 + len;
  }

  /** GS v 0 m xL xH yL yH data: print a raster image at once. */
  private rasterV0(buf: Buffer, i: number): number {
    if (i + 7 >= buf.length) return 0;
    if (buf[i + 2] !== 0x30) {
      this.warn(`unknown command GS v 0x${hex(buf[i + 2]!)} skipped`);
      return 3;
    }
    const widthBytes = buf[i + 4]! + 256 * buf[i + 5]!;
    const height = buf[i + 6]! + 256 * buf[i + 7]!;
    const len = widthBytes * height;
    if (len > MAX_GRAPHIC_BYTES) {
      this.warn(`GS v 0 image of ${len} bytes refused; header skipped`);
      return 8;
    }
    if (i + 8 + len > buf.length) return 0;
    this.graphic = { width: widthBytes * 8, height, bits: Uint8Array.from(buf.subarray(i + 8, i + 8 + len)) };
    this.printGraphic();
    return 8 + len;
  }

  private printGraphic(): void {
    const g = this.graphic;
    this.graphic = undefined;
    if (!g) {
      this.warn('graphic print without a stored graphic');
      return;
    }
    if (this.segments.length > 0) this.endLine();
    const qrPayload = decodeQrFromBits(g);
    if (qrPayload !== undefined) this.qrCodes.push(qrPayload);
    this.lines.push(this.blankLine({ image: qrPayload === undefined ? g : { ...g, qrPayload } }));
  }

  /** GS k: m 0–6 NUL-terminated; m 65–73 with a length byte. */
  private barcode(buf: Buffer, i: number): number {
    if (i + 2 >= buf.length) return 0;
    const m = buf[i + 2]!;
    let data: Buffer;
    let used: number;
    if (m <= 6) {
      const nul = buf.indexOf(0x00, i + 3);
      if (nul < 0) return buf.length - i > 256 ? this.badBarcode() : 0;
      data = buf.subarray(i + 3, nul);
      used = nul + 1 - i;
    } else if (m >= 65 && m <= 79) {
      if (i + 3 >= buf.length) return 0;
      const n = buf[i + 3]!;
      if (i + 4 + n > buf.length) return 0;
      data = buf.subarray(i + 4, i + 4 + n);
      used = 4 + n;
    } else {
      this.warn(`unknown barcode type ${m} skipped`);
      return 3;
    }
    // CODE128 data carries code-set selectors "{A" "{B" "{C"; the text is what follows them.
    const text = m === 73 ? decodeCode128(data) : data.toString('latin1');
    if (this.segments.length > 0) this.endLine();
    this.barcodes.push(text);
    this.lines.push(this.blankLine({ barcode: { type: m, data: text } }));
    return used;
  }

  private badBarcode(): number {
    this.warn('barcode data without its NUL end: command skipped');
    return 3;
  }

  /** GS V m [n]: every form cuts; a cut ends the receipt. */
  private cut(buf: Buffer, i: number): number {
    if (i + 2 >= buf.length) return 0;
    const m = buf[i + 2]!;
    const withFeed = m === 0x41 || m === 0x42 || (m >= 0x61 && m <= 0x68);
    if (withFeed && i + 3 >= buf.length) return 0;
    if (this.segments.length > 0) this.endLine();
    const used = withFeed ? 4 : 3;
    const receipt: Receipt = {
      lines: this.lines,
      qrCodes: this.qrCodes,
      barcodes: this.barcodes,
      cuts: 1,
      // Count up to the end of this command: later bytes belong to the next receipt.
      rawLength: this.rawLength - (this.buffer.length - i - used),
    };
    this.events.push({ type: 'receipt', receipt });
    this.lines = [];
    this.qrCodes = [];
    this.barcodes = [];
    this.rawLength = this.buffer.length - i - used;
    return used;
  }

  private warn(message: string): void {
    this.events.push({ type: 'warning', message });
  }
}
