/**
 * Keypads at a service window. Two kinds, both host-polled on a serial line (RS-485 multi-drop or a
 * single RS-232/USB-serial device), spoken to either through a configurable frame codec
 * (frame-codec.ts) or Modbus RTU (modbus.ts):
 *  - the evaluation keypad (评价器) facing the visitor: the national 好差评 five-level scale;
 *  - the caller keypad (呼叫器) at the staff member's hand.
 *
 * Every implementation must:
 *  - `start()`: begin polling its addresses in turn, one request at a time on the line, with
 *    `pollIntervalMs` between rounds. It resolves at once; a line that is down is not an error, the
 *    addresses simply stay or go offline. Never throws from a timer.
 *  - emit `status` {address, online, at} when an address changes state: online on the first valid
 *    reply, offline after `offlineAfterMisses` consecutive polls without a valid reply (timeout,
 *    bad frame, line down). Polling never stops: an offline device (polled every
 *    `offlineRetryMs`, so dead keypads do not slow the live ones) comes back by itself.
 *  - emit one event per press: a key held down, auto-repeat, or the same report read by two
 *    polls is one event. A report seen first after start() is the baseline and is not emitted
 *    (it is stale: nobody was listening when it was pressed).
 *  - resolve a display command (`welcome`, `prompt`, `thanks`, `showNumber`) when the device
 *    acknowledged it (or, where the protocol has no acknowledgement, when it was written), and
 *    reject with a KeypadError naming the keypad and address otherwise. Commands share the line
 *    with polls and wait their turn.
 *  - `stop()`: stop polling and wait for the request in flight; idempotent. It does not close
 *    the transport, which may be shared with other devices on the bus.
 */

/** 好差评 levels: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. */
export type RatingLevel = 1 | 2 | 3 | 4 | 5;

export const RATING_LABELS: Readonly<Record<RatingLevel, string>> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

export const CALLER_KEYS = ['next', 'recall', 'skip', 'transfer', 'pause', 'finish', 'digits'] as const;
/** next 下一位/呼叫, recall 重呼, skip 过号, transfer 转移, pause 暂停, finish 结束, digits 按号呼叫. */
export type CallerKey = (typeof CALLER_KEYS)[number];

export const CALLER_KEY_LABELS: Readonly<Record<CallerKey, string>> = {
  next: '呼叫',
  recall: '重呼',
  skip: '过号',
  transfer: '转移',
  pause: '暂停',
  finish: '结束',
  digits: '按号呼叫',
};

/** What one decoded press means, whatever the codec. */
export type KeyPress = { kind: 'rating'; level: RatingLevel } | { kind: 'key'; key: CallerKey; digits?: string };

export interface RatingEvent {
  level: RatingLevel;
  address: number;
  at: Date;
}

export interface KeyEvent {
  key: CallerKey;
  /** Only for `digits`: the number typed, e.g. "0123". */
  digits?: string;
  address: number;
  at: Date;
}

export interface KeypadStatusEvent {
  address: number;
  online: boolean;
  at: Date;
  /** Why it went offline: "no reply within 150 ms", "line down", … */
  reason?: string;
}

export type KeypadStatus = 'unknown' | 'online' | 'offline';

/** Shared by both keypads: the polling and status part. */
export interface PolledKeypads {
  /** A person-readable name for logs and the admin screen: "评价器 serial /dev/ttyS1". */
  readonly name: string;
  readonly addresses: readonly number[];
  status(address: number): KeypadStatus;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface WelcomeInfo {
  /** Window number or name as shown to the visitor: 3 → "3号窗口". */
  window: string | number;
  /** Staff number (工号), e.g. "0123". */
  staffNo?: string;
}

export interface EvaluationKeypadEvents {
  rating: (event: RatingEvent) => void;
  status: (event: KeypadStatusEvent) => void;
}

export interface EvaluationKeypad extends PolledKeypads {
  /** Show '欢迎光临 3号窗口 工号0123' (when a ticket is called to this window). */
  welcome(address: number, info: WelcomeInfo): Promise<void>;
  /** Show '请您对本次服务评价' (after the staff member finishes) and light the rating keys. */
  prompt(address: number): Promise<void>;
  /** Show '感谢您的评价' (after a rating). */
  thanks(address: number): Promise<void>;
  on<E extends keyof EvaluationKeypadEvents>(event: E, listener: EvaluationKeypadEvents[E]): this;
  off<E extends keyof EvaluationKeypadEvents>(event: E, listener: EvaluationKeypadEvents[E]): this;
  once<E extends keyof EvaluationKeypadEvents>(event: E, listener: EvaluationKeypadEvents[E]): this;
}

export interface CallerKeypadEvents {
  key: (event: KeyEvent) => void;
  status: (event: KeypadStatusEvent) => void;
}

export interface CallerKeypad extends PolledKeypads {
  /** Show the number now served on the keypad's own digits ("A001"); a no-op device may ignore it. */
  showNumber(address: number, number: string): Promise<void>;
  on<E extends keyof CallerKeypadEvents>(event: E, listener: CallerKeypadEvents[E]): this;
  off<E extends keyof CallerKeypadEvents>(event: E, listener: CallerKeypadEvents[E]): this;
  once<E extends keyof CallerKeypadEvents>(event: E, listener: CallerKeypadEvents[E]): this;
}

/** Display commands the host sends, whatever the codec. Text is already composed. */
export type KeypadCommand =
  | { kind: 'welcome'; text: string }
  | { kind: 'prompt'; text: string }
  | { kind: 'thanks'; text: string }
  | { kind: 'showNumber'; number: string };

/**
 * One protocol spoken on one line (frame codec or Modbus). Drivers poll through it; it owns the
 * one-request-at-a-time discipline of the line.
 */
export interface KeypadLink {
  /** "serial /dev/ttyS1 (HallQ reference framing)". */
  readonly name: string;
  /**
   * Ask `address` for its last press. Resolves with the report, rejects when there is no valid
   * reply (timeout, bad frame, line down).
   */
  poll(address: number): Promise<KeyReport>;
  command(address: number, command: KeypadCommand): Promise<void>;
}

/** A device's answer to a poll. */
export interface KeyReport {
  /** The last press the device holds, or null when none (idle code). */
  press: KeyPress | null;
  /**
   * Press counter, when the protocol has one: it changes once per press, so the same press read
   * twice is recognised. Without it, presses are told apart by edges (key → idle → key).
   */
  counter?: number;
}

export class KeypadError extends Error {
  constructor(
    readonly keypad: string,
    /** What went wrong, without the keypad's name: "no reply within 150 ms". */
    readonly reason: string,
    readonly address?: number,
  ) {
    super(address === undefined ? `${keypad}: ${reason}` : `${keypad} address ${address}: ${reason}`);
    this.name = 'KeypadError';
  }
}

/** Default person-facing texts; a hall may override them in config. */
export const DEFAULT_KEYPAD_TEXTS = {
  prompt: '请您对本次服务评价',
  thanks: '感谢您的评价',
} as const;

/** '欢迎光临 3号窗口 工号0123'. */
export function welcomeText(info: WelcomeInfo): string {
  const window = typeof info.window === 'number' || /^\d+$/.test(info.window) ? `${info.window}号窗口` : info.window;
  return info.staffNo ? `欢迎光临 ${window} 工号${info.staffNo}` : `欢迎光临 ${window}`;
}
