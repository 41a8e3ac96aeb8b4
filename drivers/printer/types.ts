import type { PrinterProblem, PrinterStatus } from './status.js';
import type { TestPageInfo, TicketPrint } from './ticket.js';

export type { PrinterStatus, PrinterProblem } from './status.js';
export type { TicketPrint, TestPageInfo, TicketLayoutOptions, PaperWidth, QrMode } from './ticket.js';

/** What to print. The layout (paper width, QR mode) belongs to the printer's configuration. */
export type PrintJob =
  | { kind: 'ticket'; ticket: TicketPrint }
  | { kind: 'test-page'; info: TestPageInfo }
  /** Bytes laid out elsewhere; `description` names them in logs ("补打 A012"). */
  | { kind: 'raw'; bytes: Uint8Array; description: string };

export type PrintFailureCode =
  | PrinterProblem
  /** The transport is not open (or is reconnecting): nothing was sent. */
  | 'not-connected'
  /** Writing failed part-way; the ticket may be half printed. */
  | 'write-failed'
  | 'closed'
  | 'bad-job';

export type PrintResult =
  /**
   * `statusChecked` is false on write-only transports (node-escpos-win, a device file): the bytes
   * left, but nobody could ask the printer whether it had paper. Say so to staff; never assume.
   */
  | { ok: true; statusChecked: boolean }
  /** `message` is Chinese and fit to show at the kiosk or to staff ('缺纸', '打印机盖未关'). */
  | { ok: false; code: PrintFailureCode; message: string };

/**
 * What the printer's state is known to be. `known: false` when it cannot be asked (write-only
 * transport) or the driver is not running — distinct from "asked and got no reply", which is a
 * known status with `responding: false`.
 */
export type PrinterStatusReport =
  | { known: true; status: PrinterStatus; canPrint: boolean; text: string }
  | { known: false; reason: 'write-only' | 'not-connected' | 'closed'; text: string };

export interface TicketPrinterEvents {
  /** Emitted on every change of the report (not on every poll), within 1 s of the change. */
  status: (report: PrinterStatusReport) => void;
}

/**
 * A ticket printer as the agent sees it. Every implementation (ESC/POS over a transport, a
 * simulator, a Windows spooler one day) must:
 *  - `open()`: open its transport and start watching the printer; resolve once the transport is open
 *    (the printer itself may still be out of paper: that is a status, not an open failure).
 *  - `print(job)`: run jobs one at a time in call order. Resolve `{ ok: true }` only when the printer
 *    was in a state to print the job — checked right before sending, not from a stale poll — and all
 *    bytes were written; otherwise resolve `{ ok: false, code, message }` with a Chinese message and
 *    send nothing. Never reject, never print a job twice.
 *  - `status()`: the latest report; emit `status` on every change (paper out, cover open, printer
 *    not answering within its timeout) within 1 s. When the status cannot be read, say
 *    `known: false` rather than pretending the printer is fine.
 *  - `close()`: stop watching, close the transport; pending and later prints resolve `code: 'closed'`.
 *    Idempotent.
 */
export interface TicketPrinter {
  /** Person-readable: "ESC/POS tcp 10.0.0.7:9100". */
  readonly name: string;
  open(): Promise<void>;
  print(job: PrintJob): Promise<PrintResult>;
  status(): PrinterStatusReport;
  close(): Promise<void>;
  on<E extends keyof TicketPrinterEvents>(event: E, listener: TicketPrinterEvents[E]): this;
  off<E extends keyof TicketPrinterEvents>(event: E, listener: TicketPrinterEvents[E]): this;
  once<E extends keyof TicketPrinterEvents>(event: E, listener: TicketPrinterEvents[E]): this;
}
