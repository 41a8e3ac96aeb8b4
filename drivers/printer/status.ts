// Pure decoders for ESC/POS printer status: real-time replies to DLE EOT n (one byte each) and
// automatic status back (GS a, 4-byte pushes). Bit meanings: /work/shared/HARDWARE.md (Epson
// ESC/POS reference; Xprinter/Gprinter/ZJiang follow it for these bits).
import type { RealtimeStatusKind } from './escpos.js';

export type PaperState = 'ok' | 'near-end' | 'out';

export interface PrinterStatus {
  /** False when the printer says it is offline, or does not answer at all (see `responding`). */
  online: boolean;
  /** False when no reply came within the timeout: powered off, cable out, wrong port. */
  responding: boolean;
  paper: PaperState;
  coverOpen: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
  /** Paper is being fed with the FEED button. */
  feedButton: boolean;
}

export const HEALTHY_STATUS: PrinterStatus = Object.freeze({
  online: true,
  responding: true,
  paper: 'ok',
  coverOpen: false,
  cutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
  feedButton: false,
});

/** What we know when nothing answered: only that the printer cannot be reached. */
export const NO_REPLY_STATUS: PrinterStatus = Object.freeze({ ...HEALTHY_STATUS, online: false, responding: false });

/** Every DLE EOT reply has bits 1 and 4 set, bits 0 and 7 clear. */
export function isRealtimeReply(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}
/** The first of four ASB bytes: bit 4 set, bits 0, 1 and 7 clear. */
export function isAsbFirstByte(byte: number): boolean {
  return (byte & 0x93) === 0x10;
}
/** ASB bytes 2–4: bits 4 and 7 clear. */
export function isAsbFollowByte(byte: number): boolean {
  return (byte & 0x90) === 0x00;
}

const bit = (byte: number, n: number) => (byte & (1 << n)) !== 0;

/** The part of the status one DLE EOT n reply tells. */
export type StatusFields = Partial<Omit<PrinterStatus, 'responding'>>;

/**
 * Decode the reply to DLE EOT n. Throws on a byte that is not a status reply (the caller's
 * stream parser should have dropped it).
 */
export function decodeRealtimeStatus(n: RealtimeStatusKind, byte: number): StatusFields {
  if (!isRealtimeReply(byte)) {
    throw new RangeError(`0x${byte.toString(16).padStart(2, '0')} is not a DLE EOT reply (expected (b & 0x93) == 0x12)`);
  }
  switch (n) {
    case 1:
      // bit 3 offline; bit 6 FEED button pressed (Epson; harmless where unused).
      return { online: !bit(byte, 3), feedButton: bit(byte, 6) };
    case 2: {
      // bit 2 cover open, bit 3 feeding by button, bit 5 stopped at paper end, bit 6 an error occurred.
      const fields: StatusFields = { coverOpen: bit(byte, 2), feedButton: bit(byte, 3) };
      if (bit(byte, 5)) fields.paper = 'out';
      return fields;
    }
    case 3:
      // bit 3 autocutter error, bit 5 unrecoverable error, bit 6 auto-recoverable error (e.g. head too hot).
      return { cutterError: bit(byte, 3), unrecoverableError: bit(byte, 5), autoRecoverableError: bit(byte, 6) };
    case 4:
      // bits 2–3 (0x0C) near end, bits 5–6 (0x60) paper end.
      return { paper: (byte & 0x60) !== 0 ? 'out' : (byte & 0x0c) !== 0 ? 'near-end' : 'ok' };
    default: {
      const unreachable: never = n;
      throw new RangeError(`DLE EOT ${String(unreachable)} is not a status query`);
    }
  }
}

/** Combine the replies to one round of DLE EOT queries into a status (missing fields stay healthy). */
export function combineRealtime(replies: Partial<Record<RealtimeStatusKind, number>>): PrinterStatus {
  const status: PrinterStatus = { ...HEALTHY_STATUS };
  const order: RealtimeStatusKind[] = [1, 2, 3, 4];
  for (const n of order) {
    const byte = replies[n];
    if (byte === undefined) continue;
    const fields = decodeRealtimeStatus(n, byte);
    // The FEED button shows in both n=1 and n=2; either says it.
    if (fields.feedButton !== undefined) fields.feedButton = fields.feedButton || status.feedButton;
    // n=2 bit 5 says "out" while n=4 may only see "near end"; the worse one wins.
    if (fields.paper !== undefined && status.paper === 'out') fields.paper = 'out';
    Object.assign(status, fields);
  }
  return status;
}

/** Decode one 4-byte automatic status back push. */
export function decodeAsb(bytes: ArrayLike<number>): PrinterStatus {
  const [b1, b2, b3, b4] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b1 === undefined || b2 === undefined || b3 === undefined || b4 === undefined) {
    throw new RangeError(`an ASB message is 4 bytes, got ${bytes.length}`);
  }
  if (!isAsbFirstByte(b1) || !isAsbFollowByte(b2) || !isAsbFollowByte(b3) || !isAsbFollowByte(b4)) {
    throw new RangeError('not an ASB message (first byte (b & 0x93) == 0x10, then (b & 0x90) == 0)');
  }
  return {
    online: !bit(b1, 3),
    responding: true,
    coverOpen: bit(b1, 5),
    feedButton: bit(b1, 6),
    cutterError: bit(b2, 3),
    unrecoverableError: bit(b2, 5),
    autoRecoverableError: bit(b2, 6),
    paper: (b3 & 0x0c) !== 0 ? 'out' : (b3 & 0x03) !== 0 ? 'near-end' : 'ok',
  };
}

/** A ticket can be printed: the printer answers, is online, has paper and no error. Near end is fine. */
export function canPrint(status: PrinterStatus): boolean {
  return (
    status.responding &&
    status.online &&
    status.paper !== 'out' &&
    !status.coverOpen &&
    !status.cutterError &&
    !status.unrecoverableError &&
    !status.autoRecoverableError
  );
}

export type PrinterProblem =
  | 'no-reply'
  | 'paper-out'
  | 'cover-open'
  | 'cutter-error'
  | 'unrecoverable-error'
  | 'auto-recoverable-error'
  | 'offline';

/** The reason a print is refused, most actionable first; undefined when the printer can print. */
export function mainProblem(status: PrinterStatus): PrinterProblem | undefined {
  if (!status.responding) return 'no-reply';
  if (status.paper === 'out') return 'paper-out';
  if (status.coverOpen) return 'cover-open';
  if (status.cutterError) return 'cutter-error';
  if (status.unrecoverableError) return 'unrecoverable-error';
  if (status.autoRecoverableError) return 'auto-recoverable-error';
  if (!status.online) return 'offline';
  return undefined;
}

const PROBLEM_TEXT: Record<PrinterProblem, string> = {
  'no-reply': '脱机：打印机无应答，请检查电源和连线',
  'paper-out': '缺纸',
  'cover-open': '打印机盖未关',
  'cutter-error': '切刀故障',
  'unrecoverable-error': '打印机故障，请重启打印机',
  'auto-recoverable-error': '打印头过热，稍后自动恢复',
  offline: '脱机',
};

export function describeProblem(problem: PrinterProblem): string {
  return PROBLEM_TEXT[problem];
}

/** The status for staff, in Chinese: every problem, joined with '，'; '正常' or '纸将尽' when printable. */
export function describe(status: PrinterStatus): string {
  if (!status.responding) return PROBLEM_TEXT['no-reply'];
  const parts: string[] = [];
  if (status.paper === 'out') parts.push(PROBLEM_TEXT['paper-out']);
  if (status.paper === 'near-end') parts.push('纸将尽');
  if (status.coverOpen) parts.push(PROBLEM_TEXT['cover-open']);
  if (status.cutterError) parts.push(PROBLEM_TEXT['cutter-error']);
  if (status.unrecoverableError) parts.push(PROBLEM_TEXT['unrecoverable-error']);
  if (status.autoRecoverableError) parts.push(PROBLEM_TEXT['auto-recoverable-error']);
  // Paper out and cover open take the printer offline by themselves: say "offline" only when alone.
  if (!status.online && parts.filter((p) => p !== '纸将尽').length === 0) parts.push(PROBLEM_TEXT.offline);
  if (status.feedButton) parts.push('正在走纸');
  return parts.length === 0 ? '正常' : parts.join('，');
}

export function sameStatus(a: PrinterStatus, b: PrinterStatus): boolean {
  return (
    a.online === b.online &&
    a.responding === b.responding &&
    a.paper === b.paper &&
    a.coverOpen === b.coverOpen &&
    a.cutterError === b.cutterError &&
    a.unrecoverableError === b.unrecoverableError &&
    a.autoRecoverableError === b.autoRecoverableError &&
    a.feedButton === b.feedButton
  );
}
