import type { Logger } from 'pino';
import {
  commandFrame,
  decodeReport,
  pollFrame,
  type KeypadFrame,
  type KeypadFrameSpec,
} from './frame-codec.js';
import { KeypadFrameParser } from './frame-parser.js';
import { TransportError } from '../transport/types.js';
import type { LineQueue, ReplyParser } from '../transport/line-queue.js';
import { driverLogger } from '../log.js';
import { KeypadError, type KeypadCommand, type KeypadLink, type KeyReport } from './types.js';

export interface FrameKeypadLinkOptions {
  /** The line's queue, shared with every other device on the same bus. */
  queue: LineQueue;
  spec: KeypadFrameSpec;
  /** How long a device may take to answer. RS-485 keypads answer in a few ms; 150 by default. */
  replyTimeoutMs?: number;
  log?: Logger;
}

/** Keypads speaking a frame-codec spec on one line. */
export class FrameKeypadLink implements KeypadLink {
  readonly name: string;
  readonly #queue: LineQueue;
  readonly #spec: KeypadFrameSpec;
  readonly #timeoutMs: number;
  readonly #log: Logger;

  constructor(options: FrameKeypadLinkOptions) {
    this.#queue = options.queue;
    this.#spec = options.spec;
    this.#timeoutMs = options.replyTimeoutMs ?? 150;
    this.#log = driverLogger('keypad', options.log);
    this.name = `${options.queue.transport.name} (${options.spec.name})`;
  }

  async poll(address: number): Promise<KeyReport> {
    const frame = await this.#request(address, pollFrame(this.#spec, address), this.#spec.commands.report);
    if (!frame) throw new KeypadError(this.name, 'no reply expected to a poll', address);
    return decodeReport(this.#spec, frame);
  }

  async command(address: number, command: KeypadCommand): Promise<void> {
    // Encode first: a text the device cannot show is refused before it takes the line.
    const bytes = commandFrame(this.#spec, address, command);
    const ack = this.#spec.commands.ack;
    // The ack names the command it acknowledges: a late ack of an earlier command is not ours.
    const sent = bytes[this.#spec.header.length + this.#spec.addressWidth]!;
    await this.#request(address, bytes, ack, (frame) => frame.data[0] === sent);
  }

  /** Write `bytes` and wait for a frame from `address` with command `expect` (null: just write). */
  async #request(
    address: number,
    bytes: Buffer,
    expect: number | null,
    accept: (frame: KeypadFrame) => boolean = () => true,
  ): Promise<KeypadFrame | undefined> {
    try {
      if (expect === null) {
        await this.#queue.send(bytes);
        return undefined;
      }
      return await this.#queue.request(bytes, { replyParser: this.#replyParser(address, expect, accept), timeoutMs: this.#timeoutMs });
    } catch (error) {
      if (error instanceof TransportError) {
        const why = error.code === 'timeout' ? `no reply within ${this.#timeoutMs} ms` : `line down (${error.message})`;
        throw new KeypadError(this.name, why, address);
      }
      throw error;
    }
  }

  /**
   * LineQueue hands the parser everything received since the request went out, growing; we feed
   * our stateful frame parser only the new bytes, so each dropped run is warned about once.
   */
  #replyParser(address: number, expect: number, accept: (frame: KeypadFrame) => boolean): ReplyParser<KeypadFrame> {
    let fed = 0;
    let found: KeypadFrame | undefined;
    const parser = new KeypadFrameParser(this.#spec, {
      onWarning: (w) => this.#log.warn({ keypad: this.name, address, reason: w.reason, bytes: w.bytes.toString('hex') }, 'dropped bytes'),
    });
    parser.on('data', (frame: KeypadFrame) => {
      if (found) return;
      if (frame.address === address && frame.command === expect && accept(frame)) found = frame;
      else this.#log.debug({ keypad: this.name, address, frame }, 'ignored a frame for someone else');
    });
    return (received) => {
      // The queue trims a babbling line's buffer from the front: then start over on what is left.
      if (received.length < fed) fed = 0;
      if (received.length > fed) parser.write(received.subarray(fed));
      fed = received.length;
      return found;
    };
  }
}
