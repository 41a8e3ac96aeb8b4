// What the simulated printer printed, as structured receipts: lines of text segments, rasters,
// barcodes and QR codes read back, cuts. The interpreter drives a ReceiptBuilder (the paper and the
// print modes) with the commands it parses; the renderer and tests read the receipts.

export type Align = 'left' | 'center' | 'right';

export interface TextSegment {
  /** Dots from the left edge of the print area. */
  x: number;
  text: string;
  size: { w: number; h: number };
  bold: boolean;
}

export interface RasterImage {
  /** Width and height in dots. */
  width: number;
  height: number;
  /** Row-major, 1 bit per dot, MSB first, `ceil(width / 8)` bytes per row. */
  bits: Uint8Array;
}

export interface ReceiptLine {
  /** The text of the line (segments joined, positions dropped). '' for a QR, image or empty line. */
  text: string;
  /** The largest character scale on the line. */
  size: { w: number; h: number };
  align: Align;
  bold: boolean;
  /** Left margin (GS L) in dots when the line was printed. */
  left: number;
  segments: TextSegment[];
  /** A native QR printed on this line: its payload and module size. */
  qr?: { payload: string; moduleSize: number; level: string };
  /** A raster graphic (GS 8 L / GS v 0); `qrPayload` when jsQR could read a QR code in it. */
  image?: RasterImage & { qrPayload?: string };
  barcode?: { type: number; data: string };
}

export interface Receipt {
  lines: ReceiptLine[];
  /** Every QR payload read, native or from a raster, in print order. */
  qrCodes: string[];
  barcodes: string[];
  cuts: number;
  /** Bytes received for this receipt, status queries included. */
  rawLength: number;
}

/** Dots an ASCII character takes at scale 1 (12×24 font); a Chinese character takes twice that. */
const ASCII_DOTS = 12;

/** The print modes a receipt's text is laid out with. */
export interface PrintMode {
  chinese: boolean;
  /** GS ! */
  gsSize: { w: number; h: number };
  /** ESC ! */
  escMode: number;
  /** FS ! */
  fsMode: number;
  align: Align;
  bold: boolean;
  /** GS L, dots. */
  left: number;
  /** Where the next character goes on the line, dots. */
  x: number;
}

function initialMode(): PrintMode {
  // Chinese clone printers boot in Chinese mode with a GB18030/GBK font (HARDWARE.md).
  return { chinese: true, gsSize: { w: 1, h: 1 }, escMode: 0, fsMode: 0, align: 'left', bold: false, left: 0, x: 0 };
}

/** The receipt being printed: text laid out in the current modes, lines, codes, until a cut. */
export class ReceiptBuilder {
  mode: PrintMode = initialMode();
  #lines: ReceiptLine[] = [];
  #segments: TextSegment[] = [];
  #qrCodes: string[] = [];
  #barcodes: string[] = [];
  /** Where the last text segment ended (dots), to join runs split by chunking. */
  #runEnd = -1;

  /** ESC @ clears the line buffer and modes; what was printed stays printed, and so does the font. */
  reset(): void {
    const chinese = this.mode.chinese;
    this.#segments = [];
    this.mode = { ...initialMode(), chinese };
  }

  text(text: string): void {
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
    const last = this.#segments.at(-1);
    if (last && last.bold === bold && last.size.w === size.w && last.size.h === size.h && this.#runEnd === start) {
      last.text += text;
    } else {
      this.#segments.push({ x: start, text, size, bold });
    }
    this.#runEnd = m.x;
  }

  tab(): void {
    this.mode.x += ASCII_DOTS * 4;
  }

  /** LF: the line is printed. */
  newline(): void {
    const segs = this.#segments;
    const printed = segs.filter((s) => s.text.trim().length > 0);
    const sized = printed.length > 0 ? printed : segs;
    this.#lines.push({
      text: segs.map((s) => s.text).join('').trim(),
      size: {
        w: sized.reduce((a, s) => Math.max(a, s.size.w), 1),
        h: sized.reduce((a, s) => Math.max(a, s.size.h), 1),
      },
      align: this.mode.align,
      bold: printed.length > 0 && printed.every((s) => s.bold),
      left: this.mode.left,
      segments: segs,
    });
    this.#segments = [];
    this.mode.x = 0;
  }

  /** ESC d n: print what is pending, then n empty lines. */
  feedLines(n: number): void {
    this.#flushText();
    for (let k = 0; k < n; k++) this.newline();
  }

  qr(qr: NonNullable<ReceiptLine['qr']>): void {
    this.#flushText();
    this.#qrCodes.push(qr.payload);
    this.#lines.push(this.#blankLine({ qr }));
  }

  /** A raster graphic, with the QR payload read from it when there is one. */
  image(image: RasterImage, qrPayload: string | undefined): void {
    this.#flushText();
    if (qrPayload !== undefined) this.#qrCodes.push(qrPayload);
    this.#lines.push(this.#blankLine({ image: qrPayload === undefined ? image : { ...image, qrPayload } }));
  }

  barcode(type: number, data: string): void {
    this.#flushText();
    this.#barcodes.push(data);
    this.#lines.push(this.#blankLine({ barcode: { type, data } }));
  }

  /** A cut ends the receipt: returns it, and the next one starts empty. */
  cut(rawLength: number): Receipt {
    this.#flushText();
    const receipt: Receipt = { lines: this.#lines, qrCodes: this.#qrCodes, barcodes: this.#barcodes, cuts: 1, rawLength };
    this.#lines = [];
    this.#qrCodes = [];
    this.#barcodes = [];
    return receipt;
  }

  /** Text pending on the line is printed before a code, an image or a cut. */
  #flushText(): void {
    if (this.#segments.length > 0) this.newline();
  }

  #blankLine(extra: Partial<ReceiptLine>): ReceiptLine {
    return { text: '', size: { w: 1, h: 1 }, align: this.mode.align, bold: false, left: this.mode.left, segments: [], ...extra };
  }
}
