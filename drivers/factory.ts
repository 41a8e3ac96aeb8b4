// The one place that picks a concrete driver for a device of agent.yml. The agent (and
// `hallq print-test`) build their devices here and hold them by their interfaces — TicketPrinter,
// WindowDisplay, the keypads of a KeypadLine — so another printer or display driver is a change
// here, not in the agent. Every driver gets the caller's logger (drivers/log.ts).
import type { Logger } from 'pino';
import { createLedDisplay } from './display/config.js';
import type { WindowDisplay } from './display/types.js';
import { IdCardReader, type IdCardReaderOptions } from './idcard/reader.js';
import { createKeypads, type KeypadLine } from './keypad/config.js';
import { EscposPrinter } from './printer/escpos-printer.js';
import type { TicketLayoutOptions, TicketPrinter } from './printer/types.js';
import { createTransport } from './transport/index.js';
import type { LineQueue } from './transport/line-queue.js';
import type { Transport } from './transport/types.js';

/** Where a device sits in its config file ("devices[2]"), for error messages, and whom it logs to. */
export interface DeviceContext {
  where: string;
  log: Logger;
}

/** A device's own transport from its `transport:` block (checked; not opened yet). */
export function createDeviceTransport(spec: unknown, context: DeviceContext): Transport {
  return createTransport(spec, { log: context.log }, `${context.where}.transport`);
}

/** A ticket printer on its transport: ESC/POS, the only printer language the hall's printers speak. */
export function createTicketPrinter(transport: Transport, layout: TicketLayoutOptions, log: Logger): TicketPrinter {
  return new EscposPrinter(transport, { layout, log });
}

/** An LED window display from its `display:` block, on its line's queue. */
export function createWindowDisplay(spec: unknown, line: LineQueue, context: DeviceContext): WindowDisplay {
  return createLedDisplay(spec, line, `${context.where}.display`, context.log);
}

/** The evaluation and caller keypads of one line from its `keypads:` block. */
export function createKeypadLine(spec: unknown, line: LineQueue, context: DeviceContext): KeypadLine {
  return createKeypads(spec, line, { log: context.log, source: `${context.where}.keypads` });
}

/** A 居民身份证 reader on its own line. */
export function createIdCardReader(transport: Transport, options: Pick<IdCardReaderOptions, 'pollIntervalMs'>, log: Logger): IdCardReader {
  return new IdCardReader({ transport, ...options, log });
}
