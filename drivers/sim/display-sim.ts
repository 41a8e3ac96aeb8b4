// LED window displays on the far side of a serial line: opens the *device* end of a pty, decodes
// Onbon and config-described framed frames, keeps what each addressed display shows, answers
// Onbon commands with the controller's ACK, and draws a display as SVG for the demo hall.
// Bad bytes are dropped with a warning; nothing a driver sends can crash it.
import { TypedEmitter } from '../kit/typed-emitter.js';
import { SerialPort } from 'serialport';
import type { DisplayColour, DisplayEffect } from '../display/content.js';
import { FramedParser, type FramedChunk, type FramedDrop } from '../display/framed-parser.js';
import { parseFramedCodecSpec, type FramedCodecSpec, type FramedCodecSpecInput } from '../display/framed.js';
import { driverLogger } from '../log.js';
import {
  ackData,
  decodeOnbonFrame,
  effectName,
  encodeOnbonFrame,
  ONBON_HOST_ADDRESS,
  type OnbonFrame,
} from '../display/onbon.js';
import { OnbonParser, type OnbonDrop } from '../display/onbon-parser.js';
import { listenTcpLine, type SimLineEnd, type TcpLineServer } from './tcp-line.js';

export interface SimDisplayState {
  address: number;
  lines: string[];
  effect: DisplayEffect | 'other';
  colour: DisplayColour;
  /** 0–15, as the drivers speak it. */
  brightness: number;
  /** Which protocol last wrote it: 'onbon' or a framed spec's name. */
  protocol: string;
  /** Frames applied to this display since start. */
  frames: number;
  updatedAt: number;
}

export interface DisplaySimulatorOptions {
  /** The device end of the line (a pty path from createPtyPair); none when it listens on TCP. */
  path?: string;
  baudRate?: number;
  /** Protocols spoken on this line; default Onbon only. */
  protocols?: Array<'onbon' | FramedCodecSpecInput>;
  /** Addresses of the displays on the line; frames to others are ignored. Default: any. */
  addresses?: number[];
  /** Font cell in px, to split multi-line Onbon text by width (as the driver pads it). Default 16. */
  fontPx?: number;
  /** Onbon effect codes, if the driver was configured with others. */
  effects?: Partial<Record<DisplayEffect, number>>;
  /** Reopen the device end this often after the line is cut. Default 100 ms. */
  reopenMs?: number;
}

export interface DisplaySimulatorEvents {
  change: (state: SimDisplayState) => void;
  /** A frame we decoded (including ones for other addresses, flagged ignored). */
  frame: (info: { protocol: string; address: number; ignored: boolean }) => void;
  warning: (message: string) => void;
  open: () => void;
}

const BROADCAST = new Set([0xfffe, 0xffff]);

export class DisplaySimulator extends TypedEmitter<DisplaySimulatorEvents> {
  readonly #options: Required<Omit<DisplaySimulatorOptions, 'path' | 'addresses' | 'effects'>> &
    Pick<DisplaySimulatorOptions, 'path' | 'addresses' | 'effects'>;
  readonly #specs: FramedCodecSpec[];
  readonly #onbon: boolean;
  readonly #states = new Map<number, SimDisplayState>();
  readonly #log = driverLogger('sim:display');
  #port: SimLineEnd | undefined;
  #tcp: TcpLineServer | undefined;
  #parsers: Array<OnbonParser | FramedParser> = [];
  #stopped = true;
  #reopenTimer: NodeJS.Timeout | undefined;

  constructor(options: DisplaySimulatorOptions) {
    super();
    this.#options = { baudRate: 9600, protocols: ['onbon'], fontPx: 16, reopenMs: 100, ...options };
    const protocols = this.#options.protocols;
    this.#onbon = protocols.includes('onbon');
    this.#specs = protocols
      .filter((p): p is FramedCodecSpecInput => p !== 'onbon')
      .map((p, i) => parseFramedCodecSpec(p, `display simulator protocols[${i}]`));
  }

  /** Open the device end; keeps reopening it after a cut until stop(). */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#open();
  }

  /**
   * Listen on TCP instead of a serial path, as a networked controller or a serial device server
   * does (the driver's transport is then `{ type: 'tcp', host, port }`). Returns the bound port.
   */
  async listenTcp(port = 0, host = '127.0.0.1'): Promise<number> {
    this.#stopped = false;
    this.#tcp = await listenTcpLine(port, host, (end) => this.#attach(end));
    return this.#tcp.port;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#reopenTimer) clearTimeout(this.#reopenTimer);
    this.#reopenTimer = undefined;
    const port = this.#port;
    this.#port = undefined;
    this.#detachParsers();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    await this.#tcp?.close();
    this.#tcp = undefined;
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  /** What the display at `address` shows, or undefined if nothing was ever sent to it. */
  state(address: number): SimDisplayState | undefined {
    const s = this.#states.get(address);
    return s ? { ...s, lines: [...s.lines] } : undefined;
  }

  states(): SimDisplayState[] {
    return [...this.#states.keys()].sort((a, b) => a - b).map((a) => this.state(a)!);
  }

  /** Feed bytes as if they arrived on the line (tests, the demo without a pty). */
  feed(bytes: Uint8Array): void {
    for (const parser of this.#parsers.length > 0 ? this.#parsers : this.#makeParsers()) parser.write(Buffer.from(bytes));
  }

  /** The display as a small SVG: LED-style text on black, dimmed by brightness. */
  renderSvg(address: number, options: { charsPerLine?: number; lines?: 1 | 2; cell?: number } = {}): string {
    const state = this.#states.get(address);
    const lineCount = options.lines ?? (state && state.lines.length > 1 ? 2 : 1);
    const cell = options.cell ?? 24;
    const longest = Math.max(0, ...(state?.lines ?? []).map((l) => [...l].reduce((w, ch) => w + (ch.codePointAt(0)! < 0x80 ? 0.5 : 1), 0)));
    const chars = options.charsPerLine ?? Math.max(8, Math.ceil(longest));
    const width = chars * cell + cell;
    const height = lineCount * cell * 1.25 + cell / 2;
    const fill = { red: '#ff2a1a', green: '#2aff4a', yellow: '#ffd21a' }[state?.colour ?? 'red'];
    const opacity = state ? (0.35 + (0.65 * state.brightness) / 15).toFixed(2) : '1';
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const texts = (state?.lines ?? []).slice(0, lineCount).map((line, i) => {
      const y = cell * 0.25 + cell * 1.25 * (i + 1) - cell * 0.2;
      return `<text x="${width / 2}" y="${y}" text-anchor="middle">${escape(line)}</text>`;
    });
    const blink =
      state?.effect === 'flash'
        ? '<animate attributeName="opacity" values="1;1;0;0" keyTimes="0;0.5;0.5;1" dur="1s" repeatCount="indefinite"/>'
        : '';
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape((state?.lines ?? []).join(' '))}">`,
      '<defs><pattern id="dots" width="3" height="3" patternUnits="userSpaceOnUse"><rect width="3" height="3" fill="#000"/><circle cx="1.5" cy="1.5" r="1.1" fill="#1a0500"/></pattern></defs>',
      `<rect width="${width}" height="${height}" fill="url(#dots)"/>`,
      `<g fill="${fill}" fill-opacity="${opacity}" font-family="'SimSun','Noto Sans CJK SC','WenQuanYi Zen Hei',monospace" font-size="${cell}" font-weight="bold">${blink}`,
      ...texts,
      '</g>',
      '</svg>',
    ].join('');
  }


  // ---- line ----------------------------------------------------------------------------------

  async #open(): Promise<void> {
    if (this.#options.path === undefined) throw new Error('display simulator: no serial path to open (use listenTcp for a TCP line)');
    const port = new SerialPort({ path: this.#options.path, baudRate: this.#options.baudRate, autoOpen: false });
    port.on('error', (error) => this.#warn(`serial error: ${error.message}`));
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    if (this.#stopped) {
      await new Promise<void>((resolve) => port.close(() => resolve()));
      return;
    }
    this.#attach(port, () => this.#scheduleReopen());
  }

  /** A line end is up: decode what arrives; when it closes, `onClose` (a serial line reopens). */
  #attach(port: SimLineEnd, onClose?: () => void): void {
    this.#detachParsers();
    this.#port = port;
    const parsers = this.#makeParsers();
    port.on('data', (chunk: Buffer) => {
      for (const parser of parsers) parser.write(chunk);
    });
    port.on('close', () => {
      if (this.#port !== port) return;
      this.#port = undefined;
      this.#detachParsers();
      this.#log.info({ path: this.#options.path }, 'line closed');
      onClose?.();
    });
    this.emit('open');
  }

  #scheduleReopen(): void {
    if (this.#stopped || this.#reopenTimer) return;
    this.#reopenTimer = setTimeout(() => {
      this.#reopenTimer = undefined;
      if (this.#stopped) return;
      this.#open().catch(() => this.#scheduleReopen());
    }, this.#options.reopenMs);
  }

  #makeParsers(): Array<OnbonParser | FramedParser> {
    const parsers: Array<OnbonParser | FramedParser> = [];
    if (this.#onbon) {
      const parser = new OnbonParser();
      parser.on('data', (bytes: Buffer) => this.#onOnbon(bytes));
      // Other protocols' frames look like garbage to this parser: only warn when nothing else parses.
      parser.on('drop', (drop: OnbonDrop) => {
        if (this.#specs.length === 0) this.#warn(`dropped ${drop.bytes.length} bytes (${drop.reason})`);
      });
      parsers.push(parser);
    }
    for (const spec of this.#specs) {
      const parser = new FramedParser(spec);
      parser.on('data', (chunk: FramedChunk) => this.#onFramed(spec, chunk));
      parser.on('drop', (drop: FramedDrop) => {
        if (!this.#onbon && this.#specs.length === 1) this.#warn(`${spec.name}: dropped ${drop.bytes.length} bytes (${drop.reason})`);
      });
      parsers.push(parser);
    }
    for (const parser of parsers) parser.on('error', (error: Error) => this.#warn(`parser error: ${error.message}`));
    this.#parsers = parsers;
    return parsers;
  }

  #detachParsers(): void {
    for (const parser of this.#parsers) parser.destroy();
    this.#parsers = [];
  }

  #isOurs(address: number): boolean {
    return this.#options.addresses === undefined || this.#options.addresses.includes(address);
  }

  // ---- protocols -----------------------------------------------------------------------------

  #onOnbon(bytes: Buffer): void {
    let frame: OnbonFrame;
    try {
      frame = decodeOnbonFrame(bytes, { fontPx: this.#options.fontPx });
    } catch (error) {
      this.#warn(error instanceof Error ? error.message : String(error));
      return;
    }
    if (frame.group === 0xa0) return; // another controller's answer on the shared line
    const broadcast = BROADCAST.has(frame.address);
    const targets = broadcast ? [...this.#states.keys()].filter((a) => this.#isOurs(a)) : [frame.address];
    const ignored = !broadcast && !this.#isOurs(frame.address);
    this.emit('frame', { protocol: 'onbon', address: frame.address, ignored });
    if (ignored) return;
    const command = frame.command;
    for (const address of targets) {
      switch (command.kind) {
        case 'text':
          this.#update(address, 'onbon', {
            lines: command.area.lines,
            effect: effectName(command.area.effect, this.#options.effects),
            colour: command.area.colour ?? 'red',
          });
          break;
        case 'clear':
          this.#update(address, 'onbon', { lines: [], effect: 'static' });
          break;
        case 'brightness':
          this.#update(address, 'onbon', { brightness: Math.min(15, command.level) });
          break;
        case 'ping':
        case 'ack':
        case 'nack':
        case 'other':
          break;
        default: {
          const never: never = command;
          this.#warn(`unhandled command ${JSON.stringify(never)}`);
        }
      }
    }
    // A real controller answers to the PC's address from its own; nobody answers a broadcast,
    // or two controllers would talk at once.
    if (frame.replyWanted && !broadcast) {
      const ack = encodeOnbonFrame({ address: frame.source || ONBON_HOST_ADDRESS, source: frame.address, data: ackData(0) });
      this.#port?.write(Buffer.from(ack), (error) => {
        if (error) this.#warn(`cannot answer: ${error.message}`);
      });
    }
  }

  #onFramed(spec: FramedCodecSpec, chunk: FramedChunk): void {
    const { frame } = chunk;
    const ignored = !this.#isOurs(frame.address);
    this.emit('frame', { protocol: spec.name, address: frame.address, ignored });
    if (ignored) return;
    // A framed screen carries no effect; its own firmware flashes calls (per-kind command).
    this.#update(frame.address, spec.name, {
      lines: frame.lines,
      effect: frame.kind === 'calling' ? 'flash' : 'static',
    });
  }

  #update(address: number, protocol: string, patch: Partial<SimDisplayState>): void {
    const previous = this.#states.get(address) ?? {
      address,
      lines: [],
      effect: 'static' as const,
      colour: 'red' as const,
      brightness: 15,
      protocol,
      frames: 0,
      updatedAt: 0,
    };
    const next: SimDisplayState = { ...previous, ...patch, address, protocol, frames: previous.frames + 1, updatedAt: Date.now() };
    this.#states.set(address, next);
    this.emit('change', this.state(address)!);
  }

  #warn(message: string): void {
    this.#log.warn({ path: this.#options.path }, message);
    this.emit('warning', message);
  }
}
