// Splits a byte stream into frames of a config-described spec. A trailer byte may also occur inside
// GBK text or a checksum, so a candidate frame only counts when the whole frame decodes (checksum
// and length agree). Pure: no I/O; dropped bytes are reported on 'drop'.
import { Transform, type TransformCallback } from 'node:stream';
import { decode, framedHeader, framedTrailer, type FramedCodecSpec, type FramedFrame } from './framed.js';

export interface FramedParserOptions {
  /** Longest frame we wait for; a longer run without a valid frame is dropped. Default 1024. */
  maxFrameBytes?: number;
}

export interface FramedChunk {
  bytes: Buffer;
  frame: FramedFrame;
}

export interface FramedDrop {
  reason: 'garbage' | 'too-long';
  bytes: Buffer;
}

const indexOf = (buffer: Buffer, needle: Uint8Array, from: number) =>
  needle.length === 0 ? from : buffer.indexOf(needle, from);

/** Emits `{ bytes, frame }` objects for every frame of `spec` found in the stream. */
export class FramedParser extends Transform {
  readonly #spec: FramedCodecSpec;
  readonly #header: Uint8Array;
  readonly #trailer: Uint8Array;
  readonly #max: number;
  #buffer = Buffer.alloc(0);

  constructor(spec: FramedCodecSpec, options: FramedParserOptions = {}) {
    super({ readableObjectMode: true });
    this.#spec = spec;
    this.#header = framedHeader(spec);
    this.#trailer = framedTrailer(spec);
    this.#max = options.maxFrameBytes ?? 1024;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    this.#scan();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.#buffer.length > 0) this.#drop('garbage', this.#buffer);
    this.#buffer = Buffer.alloc(0);
    callback();
  }

  /** Forget buffered bytes (a half frame after a line reset). */
  reset(): void {
    if (this.#buffer.length > 0) this.#drop('garbage', this.#buffer);
    this.#buffer = Buffer.alloc(0);
  }

  #scan(): void {
    for (;;) {
      const found = this.#findFrame();
      if (!found) break;
      const [start, end, frame] = found;
      if (start > 0) this.#drop('garbage', this.#buffer.subarray(0, start));
      this.push({ bytes: Buffer.from(this.#buffer.subarray(start, end)), frame } satisfies FramedChunk);
      this.#buffer = this.#buffer.subarray(end);
    }
    // Nothing decodes: keep at most maxFrameBytes from the last plausible header.
    const first = indexOf(this.#buffer, this.#header, 0);
    if (first === -1) {
      // Keep a tail that could be the start of a header split across chunks.
      const keep = Math.min(this.#buffer.length, this.#header.length - 1);
      if (this.#buffer.length > keep) this.#drop('garbage', this.#buffer.subarray(0, this.#buffer.length - keep));
      this.#buffer = this.#buffer.subarray(this.#buffer.length - keep);
      return;
    }
    if (first > 0) {
      this.#drop('garbage', this.#buffer.subarray(0, first));
      this.#buffer = this.#buffer.subarray(first);
    }
    while (this.#buffer.length > this.#max) {
      const next = indexOf(this.#buffer, this.#header, 1);
      const cut = next === -1 ? this.#buffer.length : next;
      this.#drop('too-long', this.#buffer.subarray(0, cut));
      this.#buffer = this.#buffer.subarray(cut);
    }
  }

  #findFrame(): [number, number, FramedFrame] | undefined {
    const buffer = this.#buffer;
    for (let start = indexOf(buffer, this.#header, 0); start !== -1; start = buffer.indexOf(this.#header, start + 1)) {
      for (let end = start + this.#header.length + 1; end <= buffer.length && end - start <= this.#max; end++) {
        if (this.#trailer.length > 0 && !this.#endsWithTrailer(end)) continue;
        try {
          return [start, end, decode(this.#spec, buffer.subarray(start, end))];
        } catch {
          // not a frame ending here; try the next end
        }
      }
      if (this.#header.length === 0) break;
    }
    return undefined;
  }

  #endsWithTrailer(end: number): boolean {
    const t = this.#trailer;
    if (end < t.length) return false;
    for (let i = 0; i < t.length; i++) if (this.#buffer[end - t.length + i] !== t[i]) return false;
    return true;
  }

  #drop(reason: FramedDrop['reason'], bytes: Buffer): void {
    this.emit('drop', { reason, bytes: Buffer.from(bytes) } satisfies FramedDrop);
  }
}
