import { Transform, type TransformCallback } from 'node:stream';
import { HEAD_LENGTH, MAX_FRAME_LENGTH, PREAMBLE, xor8 } from './frame-codec.js';

export interface SamFrame {
  /** What lies between the length and the checksum: command·parameter·data, or SW1·SW2·SW3·data. */
  payload: Buffer;
}

/**
 * What was dropped and why. Deliberately no bytes: a reader's bytes may hold a name and an ID
 * number, which must never reach a log.
 */
export interface SamParserWarning {
  reason: 'garbage' | 'bad-length' | 'bad-checksum' | 'half-frame';
  length: number;
}

export interface SamFrameParserOptions {
  onWarning?: (warning: SamParserWarning) => void;
}

/**
 * Bytes in, SamFrame objects out. Pure: no timers, the same frames whatever the chunking.
 *  - resyncs on the preamble: bytes before it are garbage;
 *  - a candidate with an impossible length or a wrong checksum loses its first byte and the search
 *    goes on, so a frame right after a broken one is still found;
 *  - a half frame (a card pulled mid-read) is dropped as soon as a complete, valid frame follows
 *    it, or on `reset()`, which the driver calls when a reply timed out.
 */
export class SamFrameParser extends Transform {
  readonly #onWarning: (warning: SamParserWarning) => void;
  #buffer: Buffer = Buffer.alloc(0);

  constructor(options: SamFrameParserOptions = {}) {
    super({ readableObjectMode: true });
    this.#onWarning = options.onWarning ?? (() => undefined);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    this.#drain();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.reset();
    callback();
  }

  /** Drop a buffered partial frame (a reply timed out, the line was cut). */
  reset(): void {
    this.#warn('half-frame', this.#buffer.length);
    this.#buffer = Buffer.alloc(0);
  }

  #drain(): void {
    for (;;) {
      const start = this.#buffer.indexOf(PREAMBLE);
      if (start < 0) {
        const keep = this.#partialPreambleTail();
        this.#warn('garbage', this.#buffer.length - keep);
        this.#buffer = this.#buffer.subarray(this.#buffer.length - keep);
        return;
      }
      if (start > 0) {
        this.#warn('garbage', start);
        this.#buffer = this.#buffer.subarray(start);
      }
      const result = this.#tryFrame(0);
      if (result.kind === 'frame') {
        this.push({ payload: result.payload } satisfies SamFrame);
        this.#buffer = this.#buffer.subarray(result.length);
        continue;
      }
      if (result.kind === 'bad') {
        this.#warn(result.reason, Math.min(result.length, this.#buffer.length));
        this.#buffer = this.#buffer.subarray(1);
        continue;
      }
      const later = this.#findLaterFrame();
      if (later < 0) return;
      this.#warn('half-frame', later);
      this.#buffer = this.#buffer.subarray(later);
    }
  }

  #findLaterFrame(): number {
    let at = this.#buffer.indexOf(PREAMBLE, 1);
    while (at >= 0) {
      if (this.#tryFrame(at).kind === 'frame') return at;
      at = this.#buffer.indexOf(PREAMBLE, at + 1);
    }
    return -1;
  }

  #tryFrame(
    at: number,
  ): { kind: 'frame'; payload: Buffer; length: number } | { kind: 'incomplete' } | { kind: 'bad'; reason: SamParserWarning['reason']; length: number } {
    const buf = this.#buffer;
    if (buf.length - at < HEAD_LENGTH) return { kind: 'incomplete' };
    const length = buf.readUInt16BE(at + PREAMBLE.length);
    // Shortest real frame: a 2-byte command plus checksum.
    if (length < 3 || length > MAX_FRAME_LENGTH) return { kind: 'bad', reason: 'bad-length', length: HEAD_LENGTH };
    const total = HEAD_LENGTH + length;
    if (buf.length - at < total) return { kind: 'incomplete' };
    const checksumAt = at + total - 1;
    if (xor8(buf.subarray(at + PREAMBLE.length, checksumAt)) !== buf[checksumAt]) {
      return { kind: 'bad', reason: 'bad-checksum', length: total };
    }
    // Copy: the frame outlives our buffer.
    return { kind: 'frame', payload: Buffer.from(buf.subarray(at + HEAD_LENGTH, checksumAt)), length: total };
  }

  #partialPreambleTail(): number {
    for (let keep = Math.min(PREAMBLE.length - 1, this.#buffer.length); keep > 0; keep--) {
      if (this.#buffer.subarray(this.#buffer.length - keep).equals(PREAMBLE.subarray(0, keep))) return keep;
    }
    return 0;
  }

  #warn(reason: SamParserWarning['reason'], length: number): void {
    if (length <= 0) return;
    try {
      this.#onWarning({ reason, length });
    } catch {
      // A throwing listener must not break parsing.
    }
  }
}
