// The simulated printer's brain: bytes in, receipts out. It parses the stream with the ESC/POS
// grammar (escpos-grammar.ts), lays each command onto the receipt being printed (receipt.ts) and
// reads printed codes back (printed-codes.ts). No npm package decodes ESC/POS back to text
// (HARDWARE.md), hence this. Pure: no I/O, no timers; bytes may arrive in any chunking. Unknown
// commands are skipped with a warning, never thrown.
import { parseCommand, RealtimeScanner, type EscposCommand } from './escpos-grammar.js';
import { barcodeText, decodeQrFromBits } from './printed-codes.js';
import { ReceiptBuilder, type RasterImage, type Receipt } from './receipt.js';

export type InterpreterEvent =
  | { type: 'receipt'; receipt: Receipt }
  | { type: 'status-query'; n: number }
  | { type: 'asb'; mask: number }
  | { type: 'warning'; message: string };

export class EscposInterpreter {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly receipt = new ReceiptBuilder();
  private readonly realtime = new RealtimeScanner();
  private rawLength = 0;
  private qrStore = { payload: '', moduleSize: 3, level: 'L' };
  private graphic: RasterImage | undefined;
  private events: InterpreterEvent[] = [];

  /** Feed bytes; returns what happened (receipts completed, status queries, warnings). */
  feed(chunk: Uint8Array): InterpreterEvent[] {
    this.events = this.realtime.scan(chunk).map((n) => ({ type: 'status-query', n }));
    this.rawLength += chunk.length;
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    let i = 0;
    while (i < this.buffer.length) {
      const next = parseCommand(this.buffer, i, this.receipt.mode.chinese);
      if (!next) break; // incomplete command: wait for more bytes
      i += next.used;
      // Bytes after this command belong to what follows (a cut counts its receipt's bytes up to here).
      this.apply(next.command, this.buffer.length - i);
    }
    this.buffer = this.buffer.subarray(i);
    return this.events;
  }

  /** Bytes waiting for the rest of a command. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  private apply(command: EscposCommand, bytesAfter: number): void {
    const r = this.receipt;
    const m = r.mode;
    switch (command.type) {
      case 'none':
        return;
      case 'warning':
        return void this.events.push({ type: 'warning', message: command.message });
      case 'text':
        return r.text(command.text);
      case 'newline':
        return r.newline();
      case 'tab':
        return r.tab();
      case 'reset':
        return r.reset();
      case 'print-mode':
        m.escMode = command.mode;
        return;
      case 'position':
        m.x = command.relative ? m.x + command.dots : command.dots;
        return;
      case 'bold':
        m.bold = command.on;
        return;
      case 'align':
        m.align = command.align;
        return;
      case 'feed-lines':
        return r.feedLines(command.lines);
      case 'chinese':
        m.chinese = command.on;
        return;
      case 'chinese-mode':
        m.fsMode = command.mode;
        return;
      case 'char-size':
        m.gsSize = { w: command.w, h: command.h };
        return;
      case 'left-margin':
        m.left = command.dots;
        return;
      case 'asb':
        return void this.events.push({ type: 'asb', mask: command.mask });
      case 'qr-module-size':
        this.qrStore.moduleSize = command.size;
        return;
      case 'qr-level':
        this.qrStore.level = command.level;
        return;
      case 'qr-store':
        this.qrStore.payload = command.payload;
        return;
      case 'qr-print':
        return r.qr({ ...this.qrStore });
      case 'graphic-store':
        this.graphic = command.graphic;
        return;
      case 'graphic-print':
        return this.printGraphic();
      case 'raster-print':
        this.graphic = command.graphic;
        return this.printGraphic();
      case 'barcode':
        return r.barcode(command.symbology, barcodeText(command.symbology, command.data));
      case 'cut': {
        this.events.push({ type: 'receipt', receipt: r.cut(this.rawLength - bytesAfter) });
        this.rawLength = bytesAfter;
        return;
      }
      default: {
        const unknown: never = command;
        throw new Error(`unhandled ESC/POS command ${JSON.stringify(unknown)}`);
      }
    }
  }

  private printGraphic(): void {
    const g = this.graphic;
    this.graphic = undefined;
    if (!g) return void this.events.push({ type: 'warning', message: 'graphic print without a stored graphic' });
    this.receipt.image(g, decodeQrFromBits(g));
  }
}
