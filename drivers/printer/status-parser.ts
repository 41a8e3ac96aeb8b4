// Splits the bytes a printer sends back into status frames, whatever the chunking: a DLE EOT reply
// is one byte ((b & 0x93) == 0x12), an ASB push is four ((b & 0x93) == 0x10, then (b & 0x90) == 0).
// The two patterns differ in bit 1 and ASB follow bytes have bit 4 clear, so they never mix up.
// Anything else (line noise, a stray GS r reply, a printer's boot banner) is dropped with a warning.
import { Transform, type TransformCallback } from 'node:stream';
import { isAsbFirstByte, isAsbFollowByte, isRealtimeReply } from './status.js';

export type StatusFrame = { type: 'realtime'; byte: number } | { type: 'asb'; bytes: [number, number, number, number] };

export interface StatusParserOptions {
  /** Called for every byte dropped; the driver routes it to its logger. */
  onWarning?: (message: string, dropped: number) => void;
}

/** The parsing core without the stream, for callers that want frames synchronously. */
export class StatusFrameSplitter {
  private pending: number[] = [];

  constructor(private readonly onWarning: (message: string, dropped: number) => void = () => {}) {}

  push(chunk: Uint8Array): StatusFrame[] {
    const frames: StatusFrame[] = [];
    for (const byte of chunk) {
      if (this.pending.length > 0) {
        if (isAsbFollowByte(byte)) {
          this.pending.push(byte);
          if (this.pending.length === 4) {
            frames.push({ type: 'asb', bytes: this.pending as [number, number, number, number] });
            this.pending = [];
          }
          continue;
        }
        // A broken ASB message: drop what we had and read this byte afresh.
        for (const dropped of this.pending) this.warn('incomplete automatic status message', dropped);
        this.pending = [];
      }
      if (isRealtimeReply(byte)) frames.push({ type: 'realtime', byte });
      else if (isAsbFirstByte(byte)) this.pending.push(byte);
      else this.warn('not a status byte', byte);
    }
    return frames;
  }

  /** Bytes held back waiting for the rest of an ASB message. */
  get buffered(): number {
    return this.pending.length;
  }

  private warn(what: string, byte: number): void {
    this.onWarning(`printer status: dropped 0x${byte.toString(16).padStart(2, '0')} (${what})`, byte);
  }
}

/** Transform stream: bytes in, StatusFrame objects out. */
export class StatusParser extends Transform {
  private readonly splitter: StatusFrameSplitter;

  constructor(options: StatusParserOptions = {}) {
    super({ readableObjectMode: true });
    this.splitter = new StatusFrameSplitter(options.onWarning);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    for (const frame of this.splitter.push(chunk)) this.push(frame);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    // An ASB message cut short at the end of the stream is incomplete: nothing to emit.
    callback();
  }
}
