// The real ticket printer driver: ESC/POS over any Transport (serial, TCP 9100, USB, write-only).
// It owns the status conversation: ASB off, then DLE EOT 1/2/4 (and 3 when 2 reports an error)
// every ~300 ms while idle, one query at a time so each reply byte answers the query before it.
import { TypedEmitter } from '../kit/typed-emitter.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { driverLogger } from '../log.js';
import type { Transport, TransportState } from '../transport/types.js';
import { ASB_OFF, realtimeStatusQuery, type RealtimeStatusKind } from './escpos.js';
import {
  NO_REPLY_STATUS,
  canPrint,
  combineRealtime,
  decodeAsb,
  describe,
  mainProblem,
  sameStatus,
  type PrinterStatus,
} from './status.js';
import { StatusFrameSplitter, type StatusFrame } from './status-parser.js';
import { DEFAULT_LAYOUT, renderTicket, testPage, type TicketLayoutOptions } from './ticket.js';
import type { PrintJob, PrintResult, PrinterStatusReport, TicketPrinter, TicketPrinterEvents } from './types.js';

export interface EscposPrinterOptions {
  layout?: TicketLayoutOptions;
  /** Pause between status rounds while idle. */
  pollIntervalMs?: number;
  /** How long one DLE EOT may take to answer before the printer counts as not responding. */
  replyTimeoutMs?: number;
  log?: Logger;
}

const DEFAULT_POLL_MS = 300;
const DEFAULT_REPLY_TIMEOUT_MS = 400;

const UNKNOWN_TEXT = {
  'write-only': '无法读取打印机状态（只写连接），请留意打印机指示灯',
  'not-connected': '打印机未连接，正在重连',
  closed: '打印机已关闭',
} as const;

function knownReport(status: PrinterStatus): PrinterStatusReport {
  return { known: true, status, canPrint: canPrint(status), text: describe(status) };
}
function unknownReport(reason: keyof typeof UNKNOWN_TEXT): PrinterStatusReport {
  return { known: false, reason, text: UNKNOWN_TEXT[reason] };
}
function sameReport(a: PrinterStatusReport, b: PrinterStatusReport): boolean {
  if (a.known && b.known) return sameStatus(a.status, b.status);
  if (!a.known && !b.known) return a.reason === b.reason;
  return false;
}

export class EscposPrinter extends TypedEmitter<TicketPrinterEvents> implements TicketPrinter {
  readonly name: string;
  readonly #transport: Transport;
  readonly #layout: TicketLayoutOptions;
  readonly #pollMs: number;
  readonly #replyTimeoutMs: number;
  readonly #log: Logger;
  readonly #splitter: StatusFrameSplitter;
  #report: PrinterStatusReport;
  #closed = false;
  #opened = false;
  /** Serialises status rounds and prints: one conversation with the printer at a time. */
  #lock: Promise<unknown> = Promise.resolve();
  #waiter: ((byte: number | undefined) => void) | undefined;
  #pollTimer: NodeJS.Timeout | undefined;
  #opensSeen = 0;

  constructor(transport: Transport, options: EscposPrinterOptions = {}) {
    super();
    this.#transport = transport;
    this.name = `ESC/POS ${transport.name}`;
    this.#layout = options.layout ?? DEFAULT_LAYOUT;
    this.#pollMs = options.pollIntervalMs ?? DEFAULT_POLL_MS;
    this.#replyTimeoutMs = options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
    this.#log = driverLogger('escpos', options.log).child({ printer: this.name });
    this.#splitter = new StatusFrameSplitter((message) => this.#log.warn(message));
    this.#report = transport.canRead ? unknownReport('not-connected') : unknownReport('write-only');
  }


  status(): PrinterStatusReport {
    return this.#report;
  }

  async open(): Promise<void> {
    if (this.#closed) throw new Error(`${this.name}: closed; create a new printer to open again`);
    if (this.#opened) return;
    this.#opened = true;
    this.#transport.on('data', this.#onData);
    this.#transport.on('state', this.#onState);
    const opensBefore = this.#opensSeen;
    if (this.#transport.state !== 'open') {
      try {
        await this.#transport.open();
      } catch (error) {
        // Leave no half-open printer behind: the agent may call open() again later.
        this.#opened = false;
        this.#transport.off('data', this.#onData);
        this.#transport.off('state', this.#onState);
        throw error;
      }
    }
    // The 'open' state event has started the status conversation already, unless there was none.
    if (this.#opensSeen === opensBefore) await this.#onOpen();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#pollTimer);
    this.#waiter?.(undefined);
    this.#transport.off('data', this.#onData);
    this.#transport.off('state', this.#onState);
    this.#setReport(unknownReport('closed'));
    await this.#transport.close();
  }

  print(job: PrintJob): Promise<PrintResult> {
    return this.#exclusive(() => this.#print(job));
  }

  async #print(job: PrintJob): Promise<PrintResult> {
    if (this.#closed) return { ok: false, code: 'closed', message: '打印机已关闭' };
    let bytes: Uint8Array;
    try {
      bytes = this.#render(job);
    } catch (error) {
      this.#log.error({ err: error }, 'print job could not be laid out');
      return { ok: false, code: 'bad-job', message: `票据内容有误，无法打印：${(error as Error).message}` };
    }
    if (this.#transport.state !== 'open') {
      return { ok: false, code: 'not-connected', message: '打印机未连接，请检查连线和电源' };
    }
    if (this.#transport.canRead) {
      // Ask now: a poll from 300 ms ago may predate the paper running out.
      const status = await this.#queryStatus();
      this.#setReport(knownReport(status));
      const problem = mainProblem(status);
      if (problem !== undefined) {
        this.#log.warn({ problem, job: describeJob(job) }, 'print refused');
        return { ok: false, code: problem, message: describe(status) };
      }
    }
    try {
      await this.#transport.write(bytes);
    } catch (error) {
      this.#log.error({ err: error, job: describeJob(job) }, 'print write failed');
      return { ok: false, code: 'write-failed', message: `打印数据发送失败，票据可能未打印完整：${(error as Error).message}` };
    }
    this.#log.info({ job: describeJob(job), bytes: bytes.length }, 'printed');
    return { ok: true, statusChecked: this.#transport.canRead };
  }

  #render(job: PrintJob): Uint8Array {
    switch (job.kind) {
      case 'ticket':
        return renderTicket(job.ticket, this.#layout);
      case 'test-page':
        return testPage(job.info, this.#layout);
      case 'raw':
        return job.bytes;
      default: {
        const unknown: never = job;
        throw new Error(`unknown print job kind ${JSON.stringify(unknown)}`);
      }
    }
  }

  readonly #onData = (chunk: Buffer): void => {
    for (const frame of this.#splitter.push(chunk)) this.#onFrame(frame);
  };

  #onFrame(frame: StatusFrame): void {
    if (frame.type === 'asb') {
      // Some printers have ASB on by DIP switch before our GS a 0 arrives: use what they push.
      this.#setReport(knownReport(decodeAsb(frame.bytes)));
      return;
    }
    const waiter = this.#waiter;
    if (!waiter) {
      this.#log.debug({ byte: frame.byte }, 'status reply with no query outstanding (late reply) dropped');
      return;
    }
    this.#waiter = undefined;
    waiter(frame.byte);
  }

  readonly #onState = (state: TransportState, detail?: string): void => {
    if (this.#closed) return;
    this.#log.info({ state, detail }, 'transport state');
    if (state === 'open') {
      this.#opensSeen++;
      void this.#onOpen();
    } else {
      clearTimeout(this.#pollTimer);
      this.#waiter?.(undefined);
      if (this.#transport.canRead) this.#setReport(unknownReport('not-connected'));
    }
  };

  async #onOpen(): Promise<void> {
    if (this.#closed || !this.#transport.canRead) return;
    clearTimeout(this.#pollTimer);
    await this.#exclusive(async () => {
      try {
        await this.#transport.write(ASB_OFF);
      } catch (error) {
        this.#log.warn({ err: error }, 'could not turn automatic status back off');
      }
      // A printer may still push one ASB message it had queued: let it pass before asking.
      await sleep(20);
      if (!this.#closed && this.#transport.state === 'open') this.#setReport(knownReport(await this.#queryStatus()));
    });
    this.#schedulePoll();
  }

  #schedulePoll(): void {
    clearTimeout(this.#pollTimer);
    if (this.#closed || !this.#transport.canRead) return;
    this.#pollTimer = setTimeout(() => {
      void this.#exclusive(async () => {
        if (this.#closed || this.#transport.state !== 'open') return;
        this.#setReport(knownReport(await this.#queryStatus()));
      }).finally(() => {
        if (this.#transport.state === 'open') this.#schedulePoll();
      });
    }, this.#pollMs);
  }

  /** One status round. Any query left unanswered means the printer is not responding. */
  async #queryStatus(): Promise<PrinterStatus> {
    const replies: Partial<Record<RealtimeStatusKind, number>> = {};
    for (const n of [1, 2, 4] as const) {
      const byte = await this.#ask(n);
      if (byte === undefined) return NO_REPLY_STATUS;
      replies[n] = byte;
    }
    // n=2 bit 6 "an error occurred": n=3 says which (cutter, unrecoverable, auto-recoverable).
    if ((replies[2]! & 0x40) !== 0) {
      const byte = await this.#ask(3);
      if (byte === undefined) return NO_REPLY_STATUS;
      replies[3] = byte;
    }
    return combineRealtime(replies);
  }

  async #ask(n: RealtimeStatusKind): Promise<number | undefined> {
    if (this.#closed || this.#transport.state !== 'open') return undefined;
    const reply = new Promise<number | undefined>((resolve) => {
      const timer = setTimeout(() => {
        if (this.#waiter === done) this.#waiter = undefined;
        resolve(undefined);
      }, this.#replyTimeoutMs);
      const done = (byte: number | undefined) => {
        clearTimeout(timer);
        resolve(byte);
      };
      this.#waiter = done;
    });
    try {
      await this.#transport.write(realtimeStatusQuery(n));
    } catch (error) {
      this.#log.debug({ err: error }, 'status query not sent');
      this.#waiter?.(undefined);
    }
    return reply;
  }

  #setReport(report: PrinterStatusReport): void {
    if (sameReport(report, this.#report)) return;
    this.#report = report;
    this.#log.info({ report }, 'printer status changed');
    this.emit('status', report);
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(fn, fn);
    this.#lock = run.catch(() => undefined);
    return run;
  }
}

function describeJob(job: PrintJob): string {
  switch (job.kind) {
    case 'ticket':
      return `ticket ${job.ticket.ticketNumber}${job.ticket.reprint ? ' (补打)' : ''}`;
    case 'test-page':
      return 'test page';
    case 'raw':
      return job.description;
    default: {
      const unknown: never = job;
      return String(unknown);
    }
  }
}
