import { Transform, type TransformCallback } from 'node:stream';

export interface ScanWarning {
  reason: 'too-long' | 'control-bytes' | 'not-utf8';
  length: number;
}

/**
 * A serial / USB-CDC code scanner (扫码枪): each read is its text and CR, CRLF or LF. Bytes in, scanned
 * texts out. Pure, the same texts whatever the chunking. A line too long, or with control bytes in
 * it, is noise and is dropped (with a warning that names its length, never its content: a scanned
 * code may be personal).
 */
export class ScanLineParser extends Transform {
  readonly #maxLength: number;
  readonly #onWarning: (w: ScanWarning) => void;
  #buffer = Buffer.alloc(0);
  #overflow = false;

  constructor(options: { maxLength?: number; onWarning?: (w: ScanWarning) => void } = {}) {
    super({ readableObjectMode: true });
    this.#maxLength = options.maxLength ?? 512;
    this.#onWarning = options.onWarning ?? (() => undefined);
  }

  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    let data = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
    for (let end = data.findIndex((b) => b === 0x0d || b === 0x0a); end >= 0; end = data.findIndex((b) => b === 0x0d || b === 0x0a)) {
      this.#line(data.subarray(0, end));
      data = data.subarray(end + 1);
    }
    if (data.length > this.#maxLength) {
      this.#overflow = true;
      data = Buffer.alloc(0);
    }
    this.#buffer = Buffer.from(data);
    done();
  }

  #line(bytes: Buffer): void {
    const overflow = this.#overflow;
    this.#overflow = false;
    if (bytes.length === 0 && !overflow) return; // the LF of a CRLF
    if (overflow || bytes.length > this.#maxLength) return this.#warn('too-long', bytes.length);
    if (bytes.some((b) => b < 0x20 || b === 0x7f)) return this.#warn('control-bytes', bytes.length);
    const text = new TextDecoder('utf-8', { fatal: true });
    try {
      this.push(text.decode(bytes));
    } catch {
      this.#warn('not-utf8', bytes.length);
    }
  }

  #warn(reason: ScanWarning['reason'], length: number): void {
    try {
      this.#onWarning({ reason, length });
    } catch {
      // a throwing listener must not break parsing
    }
  }
}
