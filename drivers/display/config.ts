// A display as the hall configuration describes it, checked with zod so a mistake names its field
// ("displays[3].address: …"), and turned into a LedDisplay on a line.
import { z } from 'zod';
import { ConfigError, zodProblems } from '../../main/rules/config-problem.js';
import type { LineQueue } from '../transport/line-queue.js';
import { framedCodec, onbonCodec } from './codecs.js';
import { parseFramedCodecSpec } from './framed.js';
import { LedDisplay } from './led-display.js';

const effectCode = z.number().int().min(0).max(255);

export const ledDisplayConfigSchema = z
  .object({
    /** 'onbon' for 仰邦 BX-5/BX-6 controllers, or a framed spec for a vendor's simple screen. */
    // The framed spec is checked on its own below so its errors keep their field names.
    codec: z.union([z.literal('onbon'), z.object({ framed: z.unknown() }).strict()], {
      error: "codec must be 'onbon' or { framed: { header, address, commands, … } }",
    }),
    address: z.number().int().min(0).max(0xffff),
    lines: z.union([z.literal(1), z.literal(2)]).default(1),
    charsPerLine: z.number().int().min(1).max(64).default(8),
    brightness: z.number().int().min(0).max(15).optional(),
    replyTimeoutMs: z.number().int().min(10).max(10_000).default(500),
    onbon: z
      .object({
        fontPx: z.number().int().min(8).max(64).optional(),
        monochrome: z.boolean().optional(),
        areaId: z.number().int().min(0).max(255).optional(),
        effects: z.object({ static: effectCode, flash: effectCode, scroll: effectCode }).partial().strict().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type LedDisplayConfig = z.input<typeof ledDisplayConfigSchema>;

/** Validate `input` (throws ConfigError, paths under `where`) and build the display on `line`. */
export function createLedDisplay(input: unknown, line: LineQueue, where = 'display'): LedDisplay {
  const result = ledDisplayConfigSchema.safeParse(input);
  if (!result.success) throw new ConfigError(zodProblems(result.error, { at: [where] }));
  const c = result.data;
  const codec =
    c.codec === 'onbon'
      ? onbonCodec({
          ...(c.onbon?.fontPx !== undefined ? { fontPx: c.onbon.fontPx } : {}),
          ...(c.onbon?.monochrome !== undefined ? { monochrome: c.onbon.monochrome } : {}),
          ...(c.onbon?.effects ? { effects: c.onbon.effects } : {}),
          ...(c.onbon?.areaId !== undefined ? { area: { areaId: c.onbon.areaId } } : {}),
        })
      : framedCodec(parseFramedCodecSpec(c.codec.framed, `${where}.codec.framed`));
  const display = new LedDisplay({
    codec,
    address: c.address,
    line,
    geometry: { lines: c.lines, charsPerLine: c.charsPerLine },
    replyTimeoutMs: c.replyTimeoutMs,
  });
  if (c.brightness !== undefined) {
    // Remembered even if the line is down now: redrawn when it opens.
    display.setBrightness(c.brightness).catch(() => undefined);
  }
  return display;
}
