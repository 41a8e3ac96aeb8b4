import type { Logger } from 'pino';
import { z } from 'zod';
import type { LineQueue } from '../transport/line-queue.js';
import { CallerKeypadDriver } from './caller-keypad.js';
import { parseConfig } from './config-error.js';
import { EvaluationKeypadDriver } from './evaluation-keypad.js';
import { DEFAULT_KEYPAD_FRAME_SPEC, keypadFrameSpecSchema } from './frame-codec.js';
import { FrameKeypadLink } from './frame-link.js';
import { DEFAULT_MODBUS_KEYPAD_MAP, ModbusKeypadLink, modbusKeypadMapSchema } from './modbus.js';
import type { KeypadLink } from './types.js';

const addresses = z.array(z.int().min(0, 'expected an address 0..65535').max(65535, 'expected an address 0..65535')).default([]);
const ms = (min: number, max: number, fallback: number) => z.int().min(min).max(max).default(fallback);

/**
 * The keypads on one serial line (the `keypads:` block next to a line's `transport:` in the
 * agent config). Which window each address serves is the hall config's business, not ours.
 *
 *   codec: frame            # or modbus
 *   frameSpec: { … }        # optional; the HallQ reference framing when left out
 *   modbusMap: { … }        # optional; the HallQ reference register map when left out
 *   evaluation: [1]         # addresses of 评价器 on this line
 *   caller: [11, 12, 13]    # addresses of 呼叫器 on this line
 */
export const keypadLineConfigSchema = z
  .strictObject({
    codec: z.enum(['frame', 'modbus']).default('frame'),
    frameSpec: keypadFrameSpecSchema.optional(),
    modbusMap: modbusKeypadMapSchema.optional(),
    evaluation: addresses,
    caller: addresses,
    pollIntervalMs: ms(10, 10_000, 100),
    replyTimeoutMs: ms(10, 5_000, 150),
    offlineAfterMisses: ms(1, 100, 3),
    offlineRetryMs: ms(10, 60_000, 1000),
    texts: z.strictObject({ prompt: z.string().min(1).optional(), thanks: z.string().min(1).optional() }).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.evaluation.length + c.caller.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['evaluation'], message: 'no keypads: list their addresses under evaluation and/or caller' });
    }
    for (const a of c.caller) {
      if (c.evaluation.includes(a)) ctx.addIssue({ code: 'custom', path: ['caller'], message: `address ${a} is also an evaluation keypad` });
    }
    const dup = (list: number[]) => list.find((a, i) => list.indexOf(a) !== i);
    for (const kind of ['evaluation', 'caller'] as const) {
      const d = dup(c[kind]);
      if (d !== undefined) ctx.addIssue({ code: 'custom', path: [kind], message: `address ${d} is listed twice` });
    }
    if (c.codec === 'frame' && c.modbusMap) ctx.addIssue({ code: 'custom', path: ['modbusMap'], message: "only for codec: modbus" });
    if (c.codec === 'modbus' && c.frameSpec) ctx.addIssue({ code: 'custom', path: ['frameSpec'], message: 'only for codec: frame' });
    const width = c.frameSpec?.addressWidth ?? DEFAULT_KEYPAD_FRAME_SPEC.addressWidth;
    if (c.codec === 'frame' && width === 1) {
      for (const kind of ['evaluation', 'caller'] as const) {
        const wide = c[kind].find((a) => a > 255);
        if (wide !== undefined) ctx.addIssue({ code: 'custom', path: [kind], message: `address ${wide} needs frameSpec.addressWidth: 2 (one byte holds 0..255)` });
      }
    }
    if (c.codec === 'modbus') {
      for (const a of [...c.evaluation, ...c.caller]) {
        if (a < 1 || a > 247) {
          const kind = c.evaluation.includes(a) ? 'evaluation' : 'caller';
          ctx.addIssue({ code: 'custom', path: [kind], message: `Modbus unit id ${a} is outside 1..247` });
        }
      }
    }
  });

export type KeypadLineConfigInput = z.input<typeof keypadLineConfigSchema>;
export type KeypadLineConfig = z.output<typeof keypadLineConfigSchema>;

export function parseKeypadLineConfig(input: unknown, source = 'keypads'): KeypadLineConfig {
  return parseConfig(keypadLineConfigSchema, input, source);
}

export interface KeypadLine {
  link: KeypadLink;
  evaluation?: EvaluationKeypadDriver;
  caller?: CallerKeypadDriver;
}

/**
 * Check the config (throws ConfigError naming the field) and build the drivers for one
 * line, over the line's LineQueue (shared with any displays on the same bus). Not yet started.
 */
export function createKeypads(input: unknown, queue: LineQueue, options: { log?: Logger; source?: string } = {}): KeypadLine {
  const config = parseKeypadLineConfig(input, options.source);
  const { log } = options;
  const link: KeypadLink =
    config.codec === 'frame'
      ? new FrameKeypadLink({ queue, spec: config.frameSpec ?? DEFAULT_KEYPAD_FRAME_SPEC, replyTimeoutMs: config.replyTimeoutMs, ...(log && { log }) })
      : new ModbusKeypadLink({ queue, map: config.modbusMap ?? DEFAULT_MODBUS_KEYPAD_MAP, replyTimeoutMs: config.replyTimeoutMs, ...(log && { log }) });
  const common = { link, pollIntervalMs: config.pollIntervalMs, offlineAfterMisses: config.offlineAfterMisses, offlineRetryMs: config.offlineRetryMs, ...(log && { log }) };
  const line: KeypadLine = { link };
  if (config.evaluation.length > 0) {
    line.evaluation = new EvaluationKeypadDriver({ ...common, addresses: config.evaluation, ...(config.texts && { texts: config.texts }) });
  }
  if (config.caller.length > 0) line.caller = new CallerKeypadDriver({ ...common, addresses: config.caller });
  return line;
}
