// Draws what the simulated printer printed: a receipt → SVG (and PNG through resvg) at 1 px per dot,
// so the demo hall and tests can show the ticket as it would come out of a 203 dpi printer.
import QRCode from 'qrcode';
import { Resvg } from '@resvg/resvg-js';
import type { Receipt, ReceiptLine, RasterImage } from './receipt.js';

export interface RenderOptions {
  /** Printable width in dots: 384 for 58 mm paper, 576 for 80 mm. */
  widthDots?: number;
}

const LINE_DOTS = 24;
const LINE_GAP = 6; // ESC 2 default spacing ≈ 30 dots per 24-dot line
const MARGIN = 16;
const FONT = `'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', 'Microsoft YaHei', 'SimHei', monospace`;

const xmlEscape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

function alignedX(line: ReceiptLine, contentWidth: number, areaWidth: number): number {
  const free = Math.max(0, areaWidth - line.left - contentWidth);
  return line.left + (line.align === 'center' ? free / 2 : line.align === 'right' ? free : 0);
}

/** Rows of dark runs as one SVG path: small output even for a 300×300 raster. */
function bitsPath(img: RasterImage, x0: number, y0: number): string {
  const rowBytes = Math.ceil(img.width / 8);
  let d = '';
  for (let y = 0; y < img.height; y++) {
    let x = 0;
    while (x < img.width) {
      const on = (img.bits[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
      if (!on) {
        x++;
        continue;
      }
      const start = x;
      while (x < img.width && (img.bits[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1) x++;
      d += `M${x0 + start},${y0 + y}h${x - start}v1h${start - x}z`;
    }
  }
  return d;
}

function qrPath(payload: string, level: string, module: number, x0: number, y0: number): { d: string; size: number } {
  const levels = { L: 'L', M: 'M', Q: 'Q', H: 'H' } as const;
  // One byte segment of UTF-8, as the printer stores it (GS ( k carries bytes, not characters).
  const qr = QRCode.create([{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: levels[level as keyof typeof levels] ?? 'L',
  });
  const n = qr.modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (qr.modules.get(y, x)) d += `M${x0 + x * module},${y0 + y * module}h${module}v${module}h${-module}z`;
    }
  }
  return { d, size: n * module };
}

/** The receipt as an SVG on white paper, dots as pixels. */
export function receiptToSvg(receipt: Receipt, options: RenderOptions = {}): string {
  const area = options.widthDots ?? 384;
  const parts: string[] = [];
  let y = MARGIN;
  for (const line of receipt.lines) {
    if (line.qr) {
      y += LINE_GAP; // the printer leaves a little paper above a symbol
      const module = Math.max(1, line.qr.moduleSize);
      const probe = qrPath(line.qr.payload, line.qr.level, module, 0, 0);
      const x = alignedX(line, probe.size, area);
      const { d, size } = qrPath(line.qr.payload, line.qr.level, module, MARGIN + x, y);
      parts.push(`<path d="${d}" fill="#000"/>`);
      y += size + LINE_GAP;
      continue;
    }
    if (line.image) {
      const x = alignedX(line, line.image.width, area);
      parts.push(`<path d="${bitsPath(line.image, MARGIN + x, y)}" fill="#000"/>`);
      y += line.image.height + LINE_GAP;
      continue;
    }
    if (line.barcode) {
      parts.push(
        `<text x="${MARGIN + area / 2}" y="${y + LINE_DOTS}" font-size="20" text-anchor="middle">[CODE ${xmlEscape(line.barcode.data)}]</text>`,
      );
      y += LINE_DOTS + LINE_GAP;
      continue;
    }
    const height = LINE_DOTS * line.size.h;
    const baseline = y + height - 4 * line.size.h;
    const contentWidth = line.segments.reduce((a, s) => Math.max(a, s.x + textDots(s.text) * s.size.w), 0);
    const shift = line.align === 'left' ? line.left : alignedX(line, contentWidth, area);
    for (const seg of line.segments) {
      if (seg.text.trim() === '') continue;
      // One glyph per cell, like the printer: 12 dots per ASCII character, 24 per Chinese one.
      let cx = 0;
      for (const ch of seg.text) {
        const cw = textDots(ch);
        if (ch !== ' ') {
          const gx = MARGIN + shift + seg.x + (cx + cw / 2) * seg.size.w;
          parts.push(
            `<text x="0" y="0" transform="translate(${gx},${baseline}) scale(${seg.size.w},${seg.size.h})" ` +
              `text-anchor="middle" font-size="22"${seg.bold ? ' font-weight="bold"' : ''}>${xmlEscape(ch)}</text>`,
          );
        }
        cx += cw;
      }
    }
    y += height + LINE_GAP;
  }
  const width = area + 2 * MARGIN;
  const height = y + MARGIN;
  const cutMarks = receipt.cuts > 0 ? `<line x1="0" y1="${height - 1}" x2="${width}" y2="${height - 1}" stroke="#999" stroke-dasharray="6 4"/>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    `<g font-family="${xmlEscape(FONT)}" fill="#000">${parts.join('')}</g>${cutMarks}</svg>`
  );
}

function textDots(text: string): number {
  let dots = 0;
  for (const ch of text) dots += ch.codePointAt(0)! >= 0x80 ? 24 : 12;
  return dots;
}

/** Any SVG (a receipt from receiptToSvg, or renderTicketSvg's preview) → PNG with system fonts. */
export function svgToPng(svg: string, scale = 1): Buffer {
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
  });
  return Buffer.from(resvg.render().asPng());
}

/** Any SVG → RGBA pixels (for reading a rendered QR back in tests). */
export function svgToRgba(svg: string): { width: number; height: number; data: Uint8ClampedArray } {
  const image = new Resvg(svg, {
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
  }).render();
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.pixels) };
}

export function receiptToPng(receipt: Receipt, options: RenderOptions = {}): Buffer {
  return svgToPng(receiptToSvg(receipt, options));
}
