// One addressed LED window display on a (shared) line: content → layout → codec bytes → the
// line's LineQueue (drivers/transport/line-queue.ts: one exchange at a time, in call order — the
// same queue the keypads on that RS-485 line use). Remembers what it should show and redraws it
// when the line's transport is open again.
import type { Logger } from 'pino';
import { TypedEmitter } from '../kit/typed-emitter.js';
import { TransportError, type TransportState } from '../transport/types.js';
import type { LineQueue } from '../transport/line-queue.js';
import { assertBrightness, displayContentSchema, layout, type DisplayContent, type DisplayGeometry } from './content.js';
import { driverLogger } from '../log.js';
import type { DisplayCodec, DisplayState, DisplayStatus, WindowDisplay, WindowDisplayEvents } from './types.js';

export interface LedDisplayOptions {
  codec: DisplayCodec;
  address: number;
  /** The line's queue, shared by every device on that line. */
  line: LineQueue;
  geometry: DisplayGeometry;
  /** How long to wait for a device's answer before reporting 'no-reply'. Default 500 ms. */
  replyTimeoutMs?: number;
  /** The runner's logger (the agent's); see drivers/log.ts. */
  log?: Logger;
}

export class LedDisplay extends TypedEmitter<WindowDisplayEvents> implements WindowDisplay {
  readonly name: string;
  readonly address: number;
  readonly #codec: DisplayCodec;
  readonly #line: LineQueue;
  readonly #geometry: DisplayGeometry;
  readonly #replyTimeoutMs: number;
  #content: DisplayContent | undefined;
  #brightness: number | undefined;
  #status: DisplayStatus = { state: 'unknown', since: Date.now() };
  #closed = false;
  readonly #log: Logger;
  readonly #onState = (state: TransportState, detail?: string) => {
    if (state === 'reconnecting' || state === 'closed') {
      this.#setStatus('offline', `线路断开：${detail ?? state}`);
    } else if (state === 'open') {
      // Every open, the first one too: what was asked while the line was down (the configured
      // brightness, set before the agent opens its lines) is sent now.
      void this.#redraw();
    }
  };

  constructor(options: LedDisplayOptions) {
    super();
    if (!Number.isInteger(options.address) || options.address < 0 || options.address > 0xffff) {
      throw new RangeError(`display address must be an integer 0–65535 (got ${options.address})`);
    }
    this.address = options.address;
    this.#codec = options.codec;
    this.#line = options.line;
    this.#geometry = options.geometry;
    this.#replyTimeoutMs = options.replyTimeoutMs ?? 500;
    this.#log = driverLogger('display', options.log);
    this.name = `${options.codec.name} 地址 ${options.address} @ ${options.line.transport.name}`;
    this.#line.transport.on('state', this.#onState);
  }

  async show(content: DisplayContent): Promise<void> {
    const parsed = displayContentSchema.safeParse(content);
    if (!parsed.success) {
      throw new TypeError(`${this.name}: invalid display content: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    // Encode before remembering: content the font cannot show changes nothing.
    const frame = this.#codec.encodeLayout(this.address, layout(parsed.data, this.#geometry), this.#geometry);
    this.#content = parsed.data;
    await this.#write(frame);
  }

  async setBrightness(level: number): Promise<void> {
    assertBrightness(level);
    if (!this.#codec.encodeBrightness) return;
    const frame = this.#codec.encodeBrightness(this.address, level);
    this.#brightness = level;
    await this.#write(frame);
  }

  status(): DisplayStatus {
    return { ...this.#status };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#line.transport.off('state', this.#onState);
  }

  async #write(frame: Uint8Array): Promise<void> {
    const isReply = this.#codec.isReply;
    try {
      if (isReply && this.#line.transport.canRead) {
        await this.#line.request(frame, {
          replyParser: (received) => (isReply(this.address, received) ? true : undefined),
          timeoutMs: this.#replyTimeoutMs,
        });
      } else {
        await this.#line.send(frame);
      }
      this.#setStatus('ok');
    } catch (error) {
      // Written but unanswered: not a failure of show(), but worth reporting.
      if (error instanceof TransportError && error.code === 'timeout') {
        this.#setStatus('no-reply', `显示屏 ${this.address} 无应答，请检查地址和电源`);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      this.#setStatus('offline', message);
      throw error;
    }
  }

  // A controller on a line that just came back may still be booting: retry while it does not
  // answer (devices that never answer get one redraw).
  async #redraw(): Promise<void> {
    for (const delayMs of [0, 250, 500, 1000, 2000]) {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (this.#closed) return;
      try {
        if (this.#brightness !== undefined && this.#codec.encodeBrightness) {
          await this.#write(this.#codec.encodeBrightness(this.address, this.#brightness));
        }
        if (this.#content !== undefined) {
          await this.#write(this.#codec.encodeLayout(this.address, layout(this.#content, this.#geometry), this.#geometry));
        }
        if (this.#status.state !== 'no-reply') return;
      } catch (error) {
        // The next reopen tries again; never let a redraw crash the agent.
        this.#log.warn({ display: this.name, err: error instanceof Error ? error.message : String(error) }, 'redraw failed');
        return;
      }
    }
  }

  #setStatus(state: DisplayState, detail?: string): void {
    const next: DisplayStatus = { state, since: Date.now() };
    if (detail !== undefined) next.detail = detail;
    if (this.#content !== undefined) next.content = this.#content;
    if (this.#brightness !== undefined) next.brightness = this.#brightness;
    const changed = next.state !== this.#status.state || next.detail !== this.#status.detail || next.content !== this.#status.content;
    this.#status = next;
    if (changed) this.emit('status', this.status());
  }

}
