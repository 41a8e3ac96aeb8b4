/**
 * A simulated 居民身份证 reader on the *device* end of a line (a socat pty in tests, TCP in the
 * demo). It answers the SAM serial protocol: SAM status, find, select, read. A test places a card
 * (one of SAMPLE_CARDS or its own) and lifts it; `pullNextRead()` cuts the next read reply half-way
 * and lifts the card, as a visitor snatching it back does.
 */
import { SW3, commandName, replyFrame, type SamCommandName } from '../idcard/frame-codec.js';
import { SamFrameParser } from '../idcard/frame-parser.js';
import { encodeCardText, encodeReadData } from '../idcard/card-text.js';
import { SAMPLE_CARDS, type SampleCardName, type SimCard } from './idcard-cards.js';
import { LineSimulator } from './line-sim.js';

/** The SAM module failed its self-test (readers report 0x60). */
const SAM_FAULT = 0x60;

export interface IdCardSimOptions {
  /** The device end of a serial line; none when it listens on TCP. */
  path?: string;
  baudRate?: number;
}

export interface IdCardSimEvents {
  command: (name: SamCommandName) => void;
}

export class IdCardSim extends LineSimulator<IdCardSimEvents> {
  #parser = this.#newParser();
  #card: SimCard | undefined;
  #selected = false;
  #pullNext = false;
  /** False: the reader is unplugged and answers nothing. */
  online = true;
  samOk = true;
  /** Commands received, by name. */
  readonly counts: Record<SamCommandName, number> = { samStatus: 0, find: 0, select: 0, read: 0 };
  /** Read replies sent whole (a pulled card's half reply is not counted). */
  reads = 0;

  constructor(options: IdCardSimOptions = {}) {
    super({ what: 'idcard sim', path: options.path, baudRate: options.baudRate ?? 115200 });
  }

  protected override onOpen(): void {
    this.#parser = this.#newParser();
  }

  protected onData(chunk: Buffer): void {
    this.#parser.write(chunk);
  }

  /** Lay a card on the reader. */
  place(card: SimCard | SampleCardName): void {
    this.#card = typeof card === 'string' ? SAMPLE_CARDS[card] : card;
    this.#selected = false;
  }

  /** Lift the card. */
  remove(): void {
    this.#card = undefined;
    this.#selected = false;
  }

  get hasCard(): boolean {
    return this.#card !== undefined;
  }

  /** The next read reply stops half-way and the card is gone. */
  pullNextRead(): void {
    this.#pullNext = true;
  }

  /** Raw bytes onto the line from the device side (noise tests). */
  async inject(bytes: Uint8Array): Promise<void> {
    await this.write(Buffer.from(bytes));
  }


  #newParser(): SamFrameParser {
    const parser = new SamFrameParser();
    parser.on('data', ({ payload }: { payload: Buffer }) => {
      const name = commandName(payload);
      if (name && this.online) this.#answer(name);
    });
    return parser;
  }

  #answer(name: SamCommandName): void {
    this.counts[name]++;
    this.emit('command', name);
    switch (name) {
      case 'samStatus':
        return void this.write(replyFrame(this.samOk ? SW3.done : SAM_FAULT));
      case 'find':
        // Some readers send the card's 4-byte serial with 9F; the driver must not care.
        return void this.write(this.#card ? replyFrame(SW3.cardFound, Buffer.alloc(4)) : replyFrame(SW3.noCard));
      case 'select':
        this.#selected = this.#card !== undefined;
        return void this.write(replyFrame(this.#selected ? SW3.done : SW3.selectFailed, Buffer.alloc(8)));
      case 'read': {
        if (!this.#card || !this.#selected) return void this.write(replyFrame(SW3.readFailed));
        const frame = replyFrame(SW3.done, encodeReadData(encodeCardText(this.#card.text, this.#card.cardType)));
        if (this.#pullNext) {
          this.#pullNext = false;
          this.remove();
          return void this.write(frame.subarray(0, 600));
        }
        this.reads++;
        return void this.write(frame);
      }
      default: {
        const never: never = name;
        throw new Error(`idcard sim: unknown command ${String(never)}`);
      }
    }
  }

}
