import type { DisplayContent, DisplayGeometry, DisplayLayout } from './content.js';

/**
 * What a window display is doing, for the agent to report to the hub.
 *  - 'unknown': nothing sent yet;
 *  - 'ok': the last content was written (and acknowledged, where the device answers);
 *  - 'no-reply': written, but a device that should answer did not (wrong address, powered off);
 *  - 'offline': the line is down; the last content is redrawn when it comes back;
 *  - 'error': the content was refused (e.g. a character outside the display's font).
 */
export type DisplayState = 'unknown' | 'ok' | 'no-reply' | 'offline' | 'error';

export interface DisplayStatus {
  state: DisplayState;
  /** Person-readable reason for anything but 'ok'. */
  detail?: string;
  /** The content the display should be showing (the last one asked for). */
  content?: DisplayContent;
  brightness?: number;
  /** When the status last changed (ms since epoch). */
  since: number;
}

export interface WindowDisplayEvents {
  status: (status: DisplayStatus) => void;
}

/**
 * One LED window display. Every implementation — a real addressed display on an RS-485 line, a
 * virtual one in the browser — must:
 *  - `show(content)`: validate the content (reject with a clear error and change nothing when it
 *    cannot be shown, e.g. a character outside the font), remember it as the display's content,
 *    and resolve once its bytes have been written to the line (after the device's answer, for
 *    devices that answer). Calls are applied in call order. When the line is down it rejects,
 *    but the content stays remembered.
 *  - redraw the remembered content (and brightness) by itself after the line reconnects
 *    (transport state 'open' again), without being asked;
 *  - `setBrightness(level)`: 0 (dim) … 15 (bright), mapped to the device's own range; remembered
 *    and redrawn like content. Devices without brightness control resolve and ignore it.
 *  - `status()`: the current DisplayStatus; emit 'status' whenever it changes;
 *  - `close()`: stop listening to the line (the line itself belongs to whoever opened it); idempotent.
 */
export interface WindowDisplay {
  /** Person-readable: "仰邦 BX-5 地址 3 @ serial /dev/ttyUSB0". */
  readonly name: string;
  readonly address: number;
  show(content: DisplayContent): Promise<void>;
  setBrightness(level: number): Promise<void>;
  status(): DisplayStatus;
  close(): Promise<void>;
  on<E extends keyof WindowDisplayEvents>(event: E, listener: WindowDisplayEvents[E]): this;
  off<E extends keyof WindowDisplayEvents>(event: E, listener: WindowDisplayEvents[E]): this;
}

/** A protocol: turns a layout into the bytes for one addressed display. Pure. */
export interface DisplayCodec {
  readonly name: string;
  encodeLayout(address: number, layout: DisplayLayout, geometry: DisplayGeometry): Uint8Array;
  /** Undefined when the protocol has no brightness command. */
  encodeBrightness?(address: number, level: number): Uint8Array;
  /** For devices that answer: does `received` (bytes since the write) hold the answer from `address`? */
  readonly isReply?: (address: number, received: Uint8Array) => boolean;
}
