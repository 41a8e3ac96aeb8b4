import type { Logger } from 'pino';
import {
  commandFrame,
  decodeReport,
  pollFrame,
  type KeypadFrame,
  type KeypadFrameSpec,
} from './frame-codec.js';
import { KeypadFrameParser } from './frame-parser.js';
import type { KeypadLine } from './line.js';
import { keypadLogger } from './log.js';
import { KeypadError, type KeypadCommand, type KeypadLink, type KeyReport } from './types.js';

export interface FrameKeypadLinkOptions {
  line: KeypadLine;
  spec: KeypadFrameSpec;
  /** How long a device may take to answer. RS-485 keypads answer in a few ms; 150 by default. */
  replyTimeoutMs?: number;
  log?: Logger;
}

/** Keypads speaking a frame-codec spec on one line. */
export class FrameKeypadLink implements KeypadLink {
  readonly name: string;
  readonly #line: KeypadLine;
  readonly #spec: KeypadFrameSpec;
  readonly #timeoutMs: number;
  readonly #log: Logger;

  constructor(options: FrameKeypadLinkOptions) {
    this.#line = options.line;
    this.#spec = options.spec;
    this.#timeoutMs = options.replyTimeoutMs ?? 150;
    this.#log = options.log ?? keypadLogger();
    this.name = `${options.line.name} (${options.spec.name})`;
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
    const reply = await this.#request(address, bytes, ack);
    if (reply && ack !== null && reply.data[0] !== bytes[this.#spec.header.length + this.#spec.addressWidth]) {
      throw new KeypadError(this.name, `acknowledged another command (0x${reply.data[0]?.toString(16)})`, address);
    }
  }

  /** Write `bytes` and wait for a frame from `address` with command `expect` (null: just write). */
  #request(address: number, bytes: Buffer, expect: number | null): Promise<KeypadFrame | undefined> {
    // A fresh parser per request: nothing half-read from an earlier reply can leak into this one.
    const parser = new KeypadFrameParser(this.#spec, {
      onWarning: (w) => this.#log.warn({ keypad: this.name, address, reason: w.reason, bytes: w.bytes.toString('hex') }, 'dropped bytes'),
    });
    return this.#line.exclusive(
      (chunk) => parser.write(chunk),
      async () => {
        if (expect === null) {
          await this.#write(address, bytes);
          return undefined;
        }
        const reply = new Promise<KeypadFrame>((resolve, reject) => {
          const timer = setTimeout(() => {
            parser.off('data', onFrame);
            reject(new KeypadError(this.name, `no reply within ${this.#timeoutMs} ms`, address));
          }, this.#timeoutMs);
          const onFrame = (frame: KeypadFrame): void => {
            if (frame.address !== address || frame.command !== expect) {
              this.#log.debug({ keypad: this.name, address, frame }, 'ignored a frame for someone else');
              return;
            }
            clearTimeout(timer);
            parser.off('data', onFrame);
            resolve(frame);
          };
          parser.on('data', onFrame);
        });
        reply.catch(() => undefined);
        await this.#write(address, bytes);
        return await reply;
      },
    );
  }

  async #write(address: number, bytes: Buffer): Promise<void> {
    try {
      await this.#line.transport.write(bytes);
    } catch (error) {
      throw new KeypadError(this.name, `line down: ${error instanceof Error ? error.message : String(error)}`, address);
    }
  }
}
