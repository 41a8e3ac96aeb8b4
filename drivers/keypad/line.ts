import type { Transport } from '../transport/types.js';

/**
 * One request at a time on a half-duplex line (RS-485 has one master; two requests in flight
 * would collide on the wire and their replies could not be told apart).
 *
 * drivers/transport has no LineQueue yet, so this is the keypads' own minimal one: a FIFO lock
 * over a Transport. Bytes read while a holder runs go to that holder's `onData`; bytes read when
 * nobody holds the line (a reply that came after its timeout, noise) are dropped, so a late reply
 * can never be taken for the answer to the next request. Share one KeypadLine between every
 * keypad driver on the same bus.
 */
export class KeypadLine {
  #tail: Promise<unknown> = Promise.resolve();
  #onData: ((chunk: Buffer) => void) | undefined;
  #dropped = 0;

  constructor(readonly transport: Transport) {
    transport.on('data', (chunk) => {
      if (this.#onData) this.#onData(chunk);
      else this.#dropped += chunk.length;
    });
  }

  get name(): string {
    return this.transport.name;
  }

  /** Bytes read while nobody was waiting for a reply (late replies, noise). */
  get droppedBytes(): number {
    return this.#dropped;
  }

  /** Run `fn` with the line to itself; `onData` gets every chunk read meanwhile. */
  exclusive<T>(onData: (chunk: Buffer) => void, fn: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.#onData = onData;
      try {
        return await fn();
      } finally {
        this.#onData = undefined;
      }
    };
    const result = this.#tail.then(run, run);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
