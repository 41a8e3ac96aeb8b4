// The Onbon commands we send: ping A2 00, clear A3 10, brightness A3 02, the dynamic-area text
// A3 06 (its fields and their sources are in onbon.ts), and the controller's ACK A0 00.
import { encodeDisplayText } from './text-encoding.js';
import type { DisplayEffect, DisplayLayout } from './content.js';
import { ONBON_COLOUR_CODE, ONBON_EFFECT, u16 } from './onbon-frame.js';
/** Every host command starts group · code · reply wanted (01) · 2 reserved bytes [C]. */
function command(group: number, code: number, ...rest: number[]): Uint8Array {
  return Uint8Array.from([group, code, 0x01, 0x00, 0x00, ...rest]);
}

export const pingData = (): Uint8Array => command(0xa2, 0x00);
export const clearScreenData = (): Uint8Array => command(0xa3, 0x10);
/** The controller's ACK (status 0 = done) [D]. */
export const ackData = (status = 0): Uint8Array => Uint8Array.from([0xa0, 0x00, status, 0x00, 0x00]);

/**
 * Brightness A3 02 [P]: mode · level (1–16) · 48 half-hour slots. We do not know whether mode 01
 * reads the level or the slots, so we send the level in both: either reading gives the same light.
 * Our 0–15 maps to Onbon's 1–16.
 */
export function brightnessData(level: number): Uint8Array {
  if (!Number.isInteger(level) || level < 0 || level > 15) {
    throw new RangeError(`brightness must be an integer 0–15 (got ${level})`);
  }
  const onbon = level + 1;
  return command(0xa3, 0x02, 0x01, onbon, ...new Array<number>(48).fill(onbon));
}

export type OnbonAlign = 'left' | 'right' | 'center';

export interface OnbonTextArea {
  areaId: number;
  x: number;
  y: number;
  widthPx: number;
  heightPx: number;
  runMode: number;
  timeoutSec: number;
  align: OnbonAlign;
  verticalCenter: boolean;
  multiLine: boolean;
  autoWrap: boolean;
  effect: number;
  exitMode: number;
  speed: number;
  holdTime: number;
  /** Clear and re-initialise the area before showing (process-mode byte) [P]. */
  reinit: boolean;
}

export const DEFAULT_TEXT_AREA: OnbonTextArea = {
  areaId: 0,
  x: 0,
  y: 0,
  widthPx: 128,
  heightPx: 16,
  runMode: 0,
  timeoutSec: 0,
  align: 'center',
  verticalCenter: true,
  multiLine: false,
  autoWrap: false,
  effect: ONBON_EFFECT.static,
  exitMode: 0,
  speed: 4, // the manual example's values [D]
  holdTime: 5,
  reinit: false,
};

const ALIGN_BITS: Record<OnbonAlign, number> = { left: 0b00, right: 0b01, center: 0b10 };
export const PIXELS = 0x8000;

function byte(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new RangeError(`Onbon ${what} must be an integer 0–255 (got ${value})`);
  }
  return value;
}

/** A3 06: update one dynamic area with text (already encoded, colour codes included). */
export function dynamicTextData(textBytes: Uint8Array, options: Partial<OnbonTextArea> = {}): Uint8Array {
  const a = { ...DEFAULT_TEXT_AREA, ...options };
  if (a.x > 0x7fff || a.widthPx > 0x7fff) throw new RangeError('Onbon area x/width must be below 32768 px');
  const area = [
    0x00, // area type: text
    ...u16(a.x | PIXELS, 'area x'),
    ...u16(a.y, 'area y'),
    ...u16(a.widthPx | PIXELS, 'area width'),
    ...u16(a.heightPx, 'area height'),
    byte(a.areaId, 'area id'),
    0x00, // line spacing
    byte(a.runMode, 'run mode'),
    ...u16(a.timeoutSec, 'timeout'),
    0x00, // no voice
    0x00, // no extension bytes
    ALIGN_BITS[a.align] | (a.verticalCenter ? 0b1000 : 0),
    a.multiLine ? 0x02 : 0x01,
    a.autoWrap ? 0x02 : 0x01,
    byte(a.effect, 'effect'),
    byte(a.exitMode, 'exit mode'),
    byte(a.speed, 'speed'),
    byte(a.holdTime, 'hold time'),
    textBytes.length & 0xff,
    (textBytes.length >>> 8) & 0xff,
    (textBytes.length >>> 16) & 0xff,
    textBytes.length >>> 24,
    ...textBytes,
  ];
  return Uint8Array.from([
    0xa3,
    0x06,
    0x01, // reply wanted
    a.reinit ? 0x01 : 0x00,
    0x00,
    0x00, // delete no areas
    0x01, // one area follows
    ...u16(area.length, 'area data length'),
    ...area,
  ]);
}

// ---- from a layout -----------------------------------------------------------------------------

export interface OnbonCodecOptions {
  /** Pixel size of the text area; default charsPerLine × 16 by lines × 16. */
  widthPx?: number;
  heightPx?: number;
  /** Font cell in px (16 on nearly every window strip); used to pad lines so they wrap exactly. */
  fontPx?: number;
  /** Single-colour strips: send no colour codes. */
  monochrome?: boolean;
  /** Effect codes; `flash` is unverified (see the header comment). */
  effects?: Partial<Record<DisplayEffect, number>>;
  area?: Partial<Omit<OnbonTextArea, 'effect' | 'multiLine' | 'autoWrap' | 'widthPx' | 'heightPx'>>;
}

/**
 * The A3 06 data for a layout. Two lines go as one string with line 1 padded with spaces to the
 * line width and auto-wrap on: the wrap then falls exactly between the lines, without relying on a
 * newline code we could not verify.
 */
export function layoutTextData(
  layout: DisplayLayout,
  geometry: { lines: 1 | 2; charsPerLine: number },
  options: OnbonCodecOptions = {},
): Uint8Array {
  const fontPx = options.fontPx ?? 16;
  const widthPx = options.widthPx ?? geometry.charsPerLine * fontPx;
  const heightPx = options.heightPx ?? geometry.lines * fontPx;
  const effects = { static: ONBON_EFFECT.static, flash: ONBON_EFFECT.flash, scroll: ONBON_EFFECT.moveLeft, ...options.effects };
  const multiLine = layout.lines.length > 1;
  const cells = Math.floor(widthPx / (fontPx / 2)); // half-width cells per line
  let text = layout.lines[0] ?? '';
  if (multiLine) {
    // Centre each line ourselves with spaces (one GB2312 byte per half-width cell), align left.
    const centred = layout.lines.map((line) => {
      const free = Math.max(0, cells - encodeDisplayText(line, 'gb2312').length);
      return ' '.repeat(Math.floor(free / 2)) + line + ' '.repeat(free - Math.floor(free / 2));
    });
    text = centred.join('').trimEnd();
  }
  const colour = options.monochrome ? '' : ONBON_COLOUR_CODE[layout.colour];
  const bytes = Uint8Array.from([...encodeDisplayText(colour, 'ascii'), ...encodeDisplayText(text, 'gb2312')]);
  return dynamicTextData(bytes, {
    ...options.area,
    widthPx,
    heightPx,
    ...(multiLine ? { align: 'left' as const } : {}),
    multiLine,
    autoWrap: multiLine,
    effect: effects[layout.effect],
  });
}
