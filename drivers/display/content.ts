// What a window display shows, independent of any protocol: the hall's meaning (idle, calling,
// paused, …) becomes lines of Chinese text plus an effect and a colour. Codecs only turn a
// `DisplayLayout` into bytes, so every vendor shows the same words.
import { z } from 'zod';

const windowNoSchema = z.union([z.number().int().positive(), z.string().trim().min(1).max(8)]);
const lineSchema = z.string().max(200);

export const displayContentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle'), windowNo: windowNoSchema, windowName: z.string().trim().max(40) }),
  z.object({
    kind: z.literal('calling'),
    ticketNumber: z.string().trim().min(1).max(12),
    windowNo: windowNoSchema,
  }),
  z.object({ kind: z.literal('paused'), windowNo: windowNoSchema, reason: z.string().trim().max(40).optional() }),
  z.object({
    kind: z.literal('text'),
    lines: z.union([z.tuple([lineSchema]), z.tuple([lineSchema, lineSchema])]),
  }),
  z.object({ kind: z.literal('maintenance') }),
]);

export type DisplayContent = z.infer<typeof displayContentSchema>;
export type DisplayContentKind = DisplayContent['kind'];

export type DisplayEffect = 'static' | 'flash' | 'scroll';
export type DisplayColour = 'red' | 'green' | 'yellow';

/** The words and how to show them; what every codec encodes. */
export interface DisplayLayout {
  /** One or two lines (never more than the display has). */
  lines: string[];
  effect: DisplayEffect;
  colour: DisplayColour;
  /** The content kind it came from: vendor codecs may use a command per kind. */
  kind: DisplayContentKind;
}

export interface DisplayGeometry {
  /** Text lines the display has (a 16 px font: 16 px high → 1 line, 32 px → 2). */
  lines: 1 | 2;
  /** Full-width (Chinese) characters per line; ASCII counts half. */
  charsPerLine: number;
}

/** Brightness we accept everywhere: 0 (dimmest) … 15 (brightest); codecs map it to their range. */
export const BRIGHTNESS_MIN = 0;
export const BRIGHTNESS_MAX = 15;

export function assertBrightness(level: number): void {
  if (!Number.isInteger(level) || level < BRIGHTNESS_MIN || level > BRIGHTNESS_MAX) {
    throw new RangeError(`brightness must be an integer ${BRIGHTNESS_MIN}–${BRIGHTNESS_MAX} (got ${level})`);
  }
}

/** Width in full-width character cells: a 16 px font draws ASCII 8 px wide, Chinese 16 px. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! < 0x80 ? 0.5 : 1;
  return width;
}

function fits(lines: string[], geometry: DisplayGeometry): boolean {
  return lines.length <= geometry.lines && lines.every((line) => textWidth(line) <= geometry.charsPerLine);
}

/**
 * Lines, effect and colour for a content on a display of the given size.
 * Text that does not fit scrolls left on one line rather than being cut: a clipped call would
 * hide the window number, which is the one thing the visitor needs.
 */
export function layout(content: DisplayContent, geometry: DisplayGeometry): DisplayLayout {
  if (!Number.isInteger(geometry.charsPerLine) || geometry.charsPerLine < 1) {
    throw new RangeError(`charsPerLine must be a positive integer (got ${geometry.charsPerLine})`);
  }
  const kind = content.kind;
  // Candidates best first; the first that fits is shown static (or flashing), else the first scrolls.
  // A two-line display uses both lines when it can (number above, service below).
  const choose = (candidates: string[][], effect: DisplayEffect, colour: DisplayColour): DisplayLayout => {
    const ordered = geometry.lines === 2 ? [...candidates].sort((a, b) => b.length - a.length) : candidates;
    for (const lines of ordered) {
      if (fits(lines, geometry)) return { lines, effect, colour, kind };
    }
    const oneLine = candidates[0]!.filter((line) => line !== '').join(' ');
    return { lines: [oneLine], effect: 'scroll', colour, kind };
  };
  switch (content.kind) {
    case 'idle': {
      const window = `${content.windowNo}号窗口`;
      if (content.windowName === '') return choose([[window]], 'static', 'green');
      return choose([[`${window} ${content.windowName}`], [window, content.windowName]], 'static', 'green');
    }
    case 'calling': {
      const ticket = `请${content.ticketNumber}号`;
      const window = `到${content.windowNo}号窗口`;
      return choose([[`${ticket}${window}`], [ticket, window]], 'flash', 'red');
    }
    case 'paused': {
      const window = `${content.windowNo}号窗口`;
      const reason = content.reason ?? '';
      if (reason === '') return choose([[`${window} 暂停服务`], [window, '暂停服务']], 'static', 'yellow');
      return choose(
        [[`${window} 暂停服务 ${reason}`], [`${window} 暂停服务`, reason], ['暂停服务', reason]],
        'static',
        'yellow',
      );
    }
    case 'text': {
      const lines = [...content.lines];
      if (geometry.lines === 1 && lines.length === 2) return choose([[lines.join(' ')]], 'static', 'red');
      return choose([lines], 'static', 'red');
    }
    case 'maintenance':
      return choose([['系统维护中']], 'static', 'yellow');
    default: {
      const never: never = content;
      throw new Error(`unknown display content ${JSON.stringify(never)}`);
    }
  }
}
