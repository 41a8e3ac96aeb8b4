// Splits a byte stream into Onbon frames (A5… body 5A), however the chunks fall. Pure: no I/O,
// no decoding (that is decodeOnbonFrame). Garbage and half frames are dropped and reported on
// 'drop' so a simulator or driver can log them; nothing here throws on bad bytes.
import { Transform, type TransformCallback } from 'node:stream';
import { ONBON_PREAMBLE, ONBON_TRAILER } from './onbon.js';

export interface OnbonParserOptions {
  /** Longest frame we accept (escaped bytes); a longer run is dropped as garbage. Default 8192. */
  maxFrameBytes?: number;
}

export interface OnbonDrop {
  reason: 'garbage' | 'half-frame' | 'too-long';
  bytes: Buffer;
}

/**
 * The splitting state machine, synchronous: `push(chunk)` returns the complete frames and the
 * dropped runs. Because A5 and 5A are escaped inside a frame, an A5 after the body has started
 * means a new frame began and the one before it was cut off.
 */
export class OnbonSplitter {
  readonly #max: number;
  #frame: number[] = [];
  #garbage: number[] = [];
  // 'idle': waiting for A5 · 'preamble': reading A5s · 'body': reading until 5A
  #state: 'idle' | 'preamble' | 'body' = 'idle';
  #frames: Buffer[] = [];
  #drops: OnbonDrop[] = [];

  constructor(options: OnbonParserOptions = {}) {
    this.#max = options.maxFrameBytes ?? 8192;
  }

  push(chunk: Uint8Array): { frames: Buffer[]; drops: OnbonDrop[] } {
    for (const byte of chunk) this.#byte(byte);
    this.#flushGarbage();
    return this.#take();
  }

  /** End of stream or line reset: a half frame is dropped. */
  end(): { frames: Buffer[]; drops: OnbonDrop[] } {
    this.#flushGarbage();
    if (this.#frame.length > 0) this.#drop('half-frame', this.#frame);
    this.#frame = [];
    this.#state = 'idle';
    return this.#take();
  }

  #take(): { frames: Buffer[]; drops: OnbonDrop[] } {
    const result = { frames: this.#frames, drops: this.#drops };
    this.#frames = [];
    this.#drops = [];
    return result;
  }

  #byte(byte: number): void {
    switch (this.#state) {
      case 'idle':
        if (byte === ONBON_PREAMBLE) {
          this.#flushGarbage();
          this.#frame = [byte];
          this.#state = 'preamble';
        } else {
          this.#garbage.push(byte);
        }
        return;
      case 'preamble':
        // A long run of A5 (noise, a stuck line) keeps at most 32 of them.
        if (byte === ONBON_PREAMBLE && this.#frame.length >= 32) return;
        this.#frame.push(byte);
        if (byte === ONBON_TRAILER) {
          // A5… 5A with no body: nothing a decoder could use.
          this.#drop('half-frame', this.#frame);
          this.#frame = [];
          this.#state = 'idle';
        } else if (byte !== ONBON_PREAMBLE) {
          this.#state = 'body';
        }
        return;
      case 'body':
        if (byte === ONBON_PREAMBLE) {
          this.#drop('half-frame', this.#frame);
          this.#frame = [byte];
          this.#state = 'preamble';
          return;
        }
        this.#frame.push(byte);
        if (byte === ONBON_TRAILER) {
          this.#frames.push(Buffer.from(this.#frame));
          this.#frame = [];
          this.#state = 'idle';
        } else if (this.#frame.length > this.#max) {
          this.#drop('too-long', this.#frame);
          this.#frame = [];
          this.#state = 'idle';
        }
        return;
    }
  }

  #flushGarbage(): void {
    if (this.#garbage.length === 0) return;
    this.#drop('garbage', this.#garbage);
    this.#garbage = [];
  }

  #drop(reason: OnbonDrop['reason'], bytes: number[]): void {
    this.#drops.push({ reason, bytes: Buffer.from(bytes) });
  }
}

/** All complete frames in `bytes` (a reply buffer, a capture). */
export function splitOnbonFrames(bytes: Uint8Array): Buffer[] {
  return new OnbonSplitter().push(bytes).frames;
}

/** Emits every complete frame as one Buffer (from its first A5 to its 5A); 'drop' for the rest. */
export class OnbonParser extends Transform {
  readonly #splitter: OnbonSplitter;

  constructor(options: OnbonParserOptions = {}) {
    super({ readableObjectMode: true });
    this.#splitter = new OnbonSplitter(options);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#emit(this.#splitter.push(chunk));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.#emit(this.#splitter.end());
    callback();
  }

  /** Forget a half frame (e.g. after a line reset). */
  reset(): void {
    this.#emit(this.#splitter.end());
  }

  #emit({ frames, drops }: { frames: Buffer[]; drops: OnbonDrop[] }): void {
    for (const drop of drops) this.emit('drop', drop);
    for (const frame of frames) this.push(frame);
  }
}
