// The ESC/POS bytes we send ourselves (the rest of a ticket comes from receiptline).
// Every sequence here is listed, with its source, in /work/shared/HARDWARE.md.

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export const INIT = Uint8Array.of(ESC, 0x40);
export const CHINESE_ON = Uint8Array.of(FS, 0x26);
export const CHINESE_OFF = Uint8Array.of(FS, 0x2e);
/** GS V 66 0: feed to the cutter, then partial cut (printers without a cutter only feed). */
export const FEED_AND_CUT = Uint8Array.of(GS, 0x56, 0x42, 0x00);
/** GS a 0: automatic status back off, so every status byte we read answers a DLE EOT we sent. */
export const ASB_OFF = Uint8Array.of(GS, 0x61, 0x00);

export type RealtimeStatusKind = 1 | 2 | 3 | 4;
/** DLE EOT n: the printer answers one byte at once, even while busy or offline (not when powered off). */
export function realtimeStatusQuery(n: RealtimeStatusKind): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

export type QrLevel = 'L' | 'M' | 'Q' | 'H';
const QR_LEVEL_BYTE: Record<QrLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

export interface NativeQrOptions {
  /** Module size in dots, 1–16. */
  moduleSize: number;
  level: QrLevel;
}

/**
 * A native QR (GS ( k, cn 49): model 2, module size, error level, store, print. The printer draws the
 * symbol itself, so the payload travels as text (UTF-8) instead of a large raster image.
 */
export function nativeQr(payload: string, { moduleSize, level }: NativeQrOptions): Uint8Array {
  if (!Number.isInteger(moduleSize) || moduleSize < 1 || moduleSize > 16) {
    throw new RangeError(`QR module size must be 1–16 dots, got ${moduleSize}`);
  }
  const data = Buffer.from(payload, 'utf8');
  const storeLength = data.length + 3;
  // A QR holds at most 7089 numeric / 2953 binary characters; the printer's limit is lower still.
  if (data.length === 0 || storeLength > 0xffff) {
    throw new RangeError(`QR payload must be 1–65532 bytes, got ${data.length}`);
  }
  return Buffer.concat([
    Uint8Array.of(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00),
    Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, moduleSize),
    Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, QR_LEVEL_BYTE[level]),
    Uint8Array.of(GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30),
    data,
    Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30),
  ]);
}

/** receiptline builds its output as a "binary" string (one char per byte); these convert both ways. */
export function bytesToBinaryString(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}
export function binaryStringToBytes(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}
