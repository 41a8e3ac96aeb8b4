import { Transform, type TransformCallback } from 'node:stream';
import {
  checksumLength,
  computeChecksum,
  frameHeadLength,
  type KeypadFrame,
  type KeypadFrameSpec,
} from './frame-codec.js';

export interface ParserWarning {
  reason: 'garbage' | 'bad-length' | 'bad-checksum' | 'bad-trailer' | 'unknown-command' | 'half-frame';
  bytes: Buffer;
}

export interface KeypadFrameParserOptions {
  /** Told about every dropped run of bytes; the parser itself never throws on line noise. */
  onWarning?: (warning: ParserWarning) => void;
}

/**
 * Bytes in, KeypadFrame objects out. Pure: no timers, the same frames whatever the chunking.
 *  - resyncs on the header: bytes before it are dropped as garbage;
 *  - a candidate with a bad length, unknown command, bad trailer or checksum loses its first byte
 *    and the search goes on (so a frame right after a broken one is still found);
 *  - a half frame (its length points past the bytes we have) is dropped as soon as a complete,
 *    valid frame is found after it; otherwise it waits for more bytes or for `reset()`, which
 *    the driver calls when a reply timed out.
 */
export class KeypadFrameParser extends Transform {
  readonly #spec: KeypadFrameSpec;
  readonly #header: Buffer;
  readonly #trailer: Buffer;
  readonly #checksumLength: number;
  readonly #knownCommands: Set<number>;
  readonly #onWarning: (warning: ParserWarning) => void;
  #buffer: Buffer = Buffer.alloc(0);

  constructor(spec: KeypadFrameSpec, options: KeypadFrameParserOptions = {}) {
    super({ readableObjectMode: true });
    this.#spec = spec;
    this.#header = Buffer.from(spec.header);
    this.#trailer = Buffer.from(spec.trailer);
    this.#checksumLength = checksumLength(spec.checksum);
    this.#knownCommands = new Set(Object.values(spec.commands).filter((c): c is number => c !== null));
    this.#onWarning = options.onWarning ?? (() => undefined);
  }

  /** Longest possible frame; more buffered than a few of these means we are stuck on noise. */
  get maxFrameLength(): number {
    return frameHeadLength(this.#spec) + this.#spec.maxDataLength + this.#checksumLength + this.#trailer.length;
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

  /** Drop whatever partial frame is buffered (a reply timed out, the line was cut). */
  reset(): void {
    if (this.#buffer.length > 0) this.#warn('half-frame', this.#buffer);
    this.#buffer = Buffer.alloc(0);
  }

  #drain(): void {
    for (;;) {
      const start = this.#buffer.indexOf(this.#header);
      if (start < 0) {
        // Keep a tail that may be the beginning of a header split across chunks.
        const keep = this.#partialHeaderTail();
        if (this.#buffer.length > keep) this.#warn('garbage', this.#buffer.subarray(0, this.#buffer.length - keep));
        this.#buffer = this.#buffer.subarray(this.#buffer.length - keep);
        return;
      }
      if (start > 0) {
        this.#warn('garbage', this.#buffer.subarray(0, start));
        this.#buffer = this.#buffer.subarray(start);
      }
      const result = this.#tryFrame(0);
      if (result.kind === 'frame') {
        this.push(result.frame);
        this.#buffer = this.#buffer.subarray(result.length);
        continue;
      }
      if (result.kind === 'bad') {
        this.#warn(result.reason, this.#buffer.subarray(0, Math.min(result.length, this.#buffer.length)));
        this.#buffer = this.#buffer.subarray(1);
        continue;
      }
      // Incomplete: a valid frame further on proves this one is a half frame.
      const later = this.#findLaterFrame();
      if (later < 0) {
        if (this.#buffer.length > 4 * this.maxFrameLength) {
          this.#warn('garbage', this.#buffer.subarray(0, this.#buffer.length - this.maxFrameLength));
          this.#buffer = this.#buffer.subarray(this.#buffer.length - this.maxFrameLength);
        }
        return;
      }
      this.#warn('half-frame', this.#buffer.subarray(0, later));
      this.#buffer = this.#buffer.subarray(later);
    }
  }

  #findLaterFrame(): number {
    let at = this.#buffer.indexOf(this.#header, 1);
    while (at >= 0) {
      if (this.#tryFrame(at).kind === 'frame') return at;
      at = this.#buffer.indexOf(this.#header, at + 1);
    }
    return -1;
  }

  #tryFrame(
    at: number,
  ):
    | { kind: 'frame'; frame: KeypadFrame; length: number }
    | { kind: 'incomplete' }
    | { kind: 'bad'; reason: ParserWarning['reason']; length: number } {
    const spec = this.#spec;
    const buf = this.#buffer;
    const head = frameHeadLength(spec);
    if (buf.length - at < head) return { kind: 'incomplete' };
    const addressAt = at + this.#header.length;
    const command = buf[addressAt + spec.addressWidth]!;
    if (!this.#knownCommands.has(command)) return { kind: 'bad', reason: 'unknown-command', length: head };
    const dataLength = buf[addressAt + spec.addressWidth + 1]!;
    if (dataLength > spec.maxDataLength) return { kind: 'bad', reason: 'bad-length', length: head };
    const total = head + dataLength + this.#checksumLength + this.#trailer.length;
    if (buf.length - at < total) return { kind: 'incomplete' };
    const bodyEnd = at + head + dataLength;
    const body = buf.subarray(addressAt, bodyEnd);
    const trailer = buf.subarray(bodyEnd + this.#checksumLength, at + total);
    if (!trailer.equals(this.#trailer)) return { kind: 'bad', reason: 'bad-trailer', length: total };
    const checksum = buf.subarray(bodyEnd, bodyEnd + this.#checksumLength);
    if (!checksum.equals(computeChecksum(spec.checksum, body))) return { kind: 'bad', reason: 'bad-checksum', length: total };
    const address = spec.addressWidth === 1 ? buf[addressAt]! : buf.readUInt16BE(addressAt);
    // Copy: the frame outlives our buffer.
    const data = Buffer.from(buf.subarray(at + head, bodyEnd));
    return { kind: 'frame', frame: { address, command, data }, length: total };
  }

  #partialHeaderTail(): number {
    for (let keep = Math.min(this.#header.length - 1, this.#buffer.length); keep > 0; keep--) {
      if (this.#buffer.subarray(this.#buffer.length - keep).equals(this.#header.subarray(0, keep))) return keep;
    }
    return 0;
  }

  #warn(reason: ParserWarning['reason'], bytes: Buffer): void {
    if (bytes.length === 0) return;
    try {
      this.#onWarning({ reason, bytes: Buffer.from(bytes) });
    } catch {
      // A throwing listener must not break parsing.
    }
  }
}
