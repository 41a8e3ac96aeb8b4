// What the simulated printer printed, as structured receipts: lines of text segments, rasters,
// barcodes and QR codes read back, cuts. The interpreter builds it; the renderer and tests read it.

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
