// Reading back the codes a ticket carries: CODE128 data as sent, and QR codes from a 1-bit raster
// (jsQR, with the quiet zone it needs).
import jsQRModule from 'jsqr';
import type { RasterImage } from './receipt.js';

const jsQR = (jsQRModule).default;

export function decodeCode128(data: Buffer): string {
  let out = '';
  let set = 'B';
  for (let k = 0; k < data.length; k++) {
    const c = data[k]!;
    if (c === 0x7b && k + 1 < data.length) {
      const sel = data[k + 1]!;
      k++;
      if (sel === 0x41 || sel === 0x42 || sel === 0x43) set = String.fromCharCode(sel);
      else if (sel === 0x7b) out += '{';
      continue;
    }
    out += set === 'C' ? String(c).padStart(2, '0') : String.fromCharCode(c);
  }
  return out;
}

/** Try to read a QR code in a 1-bit raster with jsQR (adding a quiet zone, which jsQR needs). */
export function decodeQrFromBits(g: RasterImage): string | undefined {
  const quiet = 16;
  const w = g.width + 2 * quiet;
  const h = g.height + 2 * quiet;
  if (g.width === 0 || g.height === 0 || w * h > 4_000_000) return undefined;
  const rgba = new Uint8ClampedArray(w * h * 4).fill(255);
  const rowBytes = Math.ceil(g.width / 8);
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      if ((g.bits[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1) {
        const o = ((y + quiet) * w + x + quiet) * 4;
        rgba[o] = rgba[o + 1] = rgba[o + 2] = 0;
      }
    }
  }
  const found = jsQR(rgba, w, h, { inversionAttempts: 'dontInvert' });
  if (!found) return undefined;
  // jsQR guesses the text encoding; our payloads are UTF-8, so decode the raw bytes ourselves.
  return Buffer.from(found.binaryData).toString('utf8');
}
