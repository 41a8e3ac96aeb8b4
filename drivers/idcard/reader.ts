import { TypedEmitter } from '../kit/typed-emitter.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { driverLogger } from '../log.js';
import { LineQueue, type ReplyParser } from '../transport/line-queue.js';
import { TransportError, type Transport, type TransportState } from '../transport/types.js';
import { SW3, commandFrame, decodeReply, type SamCommandName, type SamReply } from './frame-codec.js';
import { SamFrameParser } from './frame-parser.js';
import { IdCardTextError, decodeReadData, type CardRefusal, type IdCardText } from './card-text.js';

export interface IdCardReaderHealth {
  /** The reader answers on its line. */
  online: boolean;
  /** The SAM module's self-test: null until asked (or while offline). */
  samOk: boolean | null;
}

export interface IdCardReaderEvents {
  /** A card read whole and checked. Handle it and let go: it holds the ID number. */
  card: (card: IdCardText) => void;
  /** A card that was read but is not one we take (another card type, a text that does not hold up). */
  refused: (reason: CardRefusal) => void;
  health: (health: IdCardReaderHealth) => void;
}

export interface IdCardReaderOptions {
  transport: Transport;
  /** Time between polls while no card lies on the reader. Default 300 ms. */
  pollIntervalMs?: number;
  /** How long a reply may take; a read takes the reader up to a second. Default 1500 ms. */
  replyTimeoutMs?: number;
  log?: Logger;
}

/**
 * A 居民身份证 reader on a serial line (USB CDC or RS-232), polled find → select → read while it
 * runs. One reading per placing: after a card is read the reader waits for "no card" before it
 * reads again, so a card left lying on it is one visitor, not a stream of them.
 * Nothing read from a card is logged: warnings name a reason and a length, never bytes.
 */
export class IdCardReader extends TypedEmitter<IdCardReaderEvents> {
  readonly name: string;
  readonly #transport: Transport;
  readonly #queue: LineQueue;
  readonly #pollMs: number;
  readonly #timeoutMs: number;
  readonly #log: Logger;
  #health: IdCardReaderHealth = { online: false, samOk: null };
  #running = false;
  #loop: Promise<void> | undefined;
  /** A card was read (or refused) and has not been lifted since. */
  #delivered = false;
  readonly #onState = (state: TransportState): void => {
    this.#log.info({ state }, 'transport state');
    if (state !== 'open') this.#setHealth({ online: false, samOk: null });
  };

  constructor(options: IdCardReaderOptions) {
    super();
    this.#transport = options.transport;
    this.#queue = new LineQueue(options.transport, { maxReplyBytes: 8192 });
    this.#pollMs = options.pollIntervalMs ?? 300;
    this.#timeoutMs = options.replyTimeoutMs ?? 1500;
    this.name = `身份证阅读器 ${options.transport.name}`;
    this.#log = driverLogger('idcard', options.log).child({ reader: this.name });
  }

  health(): IdCardReaderHealth {
    return { ...this.#health };
  }

  /** Open the line and start polling; resolves once the line is open (the reader may still be silent). */
  async start(): Promise<void> {
    if (this.#running) return;
    // Opened first: a missing port rejects here and the caller retries, leaving nothing attached.
    if (this.#transport.state !== 'open') await this.#transport.open();
    this.#transport.on('state', this.#onState);
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#transport.off('state', this.#onState);
    this.#queue.close();
    await this.#loop;
    await this.#transport.close();
    this.#setHealth({ online: false, samOk: null });
  }


  async #run(): Promise<void> {
    while (this.#running) {
      try {
        await this.#cycle();
      } catch (error) {
        if (!this.#running) break;
        // A timeout or a line down: the reader is not answering. Never a reading.
        const why = error instanceof TransportError ? error.code : 'error';
        if (this.#health.online) this.#log.warn({ why }, 'reader stopped answering');
        this.#setHealth({ online: false, samOk: null });
      }
      if (this.#running) await sleep(this.#pollMs);
    }
  }

  async #cycle(): Promise<void> {
    if (this.#transport.state !== 'open') return;
    if (this.#health.samOk === null) {
      const sam = await this.#request('samStatus');
      const samOk = sam.sw3 === SW3.done;
      if (!samOk) this.#log.warn({ sw3: sam.sw3 }, 'SAM self-test failed');
      this.#setHealth({ online: true, samOk });
    }
    const found = await this.#request('find');
    if (found.sw3 !== SW3.cardFound) {
      if (found.sw3 !== SW3.noCard) this.#log.warn({ sw3: found.sw3 }, 'find: unexpected status');
      this.#delivered = false;
      return;
    }
    if (this.#delivered) return;
    const selected = await this.#request('select');
    if (selected.sw3 !== SW3.done) return;
    const read = await this.#request('read');
    if (read.sw3 !== SW3.done) return;
    this.#delivered = true;
    let card: IdCardText;
    try {
      card = decodeReadData(read.data);
    } catch (error) {
      if (!(error instanceof IdCardTextError)) throw error;
      this.#log.warn({ reason: error.reason, field: error.field }, 'card refused');
      this.emit('refused', error.reason);
      return;
    } finally {
      // The reply held the photo and the text: do not leave them lying in memory.
      read.data.fill(0);
    }
    this.emit('card', card);
  }

  async #request(name: SamCommandName): Promise<SamReply> {
    const reply = await this.#queue.request(commandFrame(name), { replyParser: this.#replyParser(name), timeoutMs: this.#timeoutMs });
    if (!this.#health.online) this.#setHealth({ ...this.#health, online: true });
    return reply;
  }

  /** The first well-formed reply since the command went out; dropped bytes are warned about by length only. */
  #replyParser(name: SamCommandName): ReplyParser<SamReply> {
    let fed = 0;
    let found: SamReply | undefined;
    const parser = new SamFrameParser({ onWarning: (w) => this.#log.warn({ command: name, reason: w.reason, length: w.length }, 'dropped bytes') });
    parser.on('data', ({ payload }: { payload: Buffer }) => {
      found ??= decodeReply(payload);
    });
    return (received) => {
      if (received.length < fed) fed = 0;
      if (received.length > fed) parser.write(received.subarray(fed));
      fed = received.length;
      return found;
    };
  }

  #setHealth(health: IdCardReaderHealth): void {
    if (health.online === this.#health.online && health.samOk === this.#health.samOk) return;
    this.#health = health;
    this.emit('health', { ...health });
  }
}
