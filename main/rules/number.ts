// A ticket number is its service's prefix and the day's sequence number for that prefix, zero-padded:
// 'A012', 'AB0123'. The hall file, the engine, the wire schema and the counter screen's number
// fields all use these.

/** A service's prefix in the hall file: one or two capital letters. */
export const PREFIX_PATTERN = /^[A-Z]{1,2}$/;

/** A ticket number as staff may type it (either case; 2–5 digits, as numberDigits and dailyCap allow). */
export const NUMBER_PATTERN = /^[A-Za-z]{1,2}\d{2,5}$/;

/** The number for a prefix's `seq`-th ticket of the day, padded to at least `digits` digits. */
export function formatNumber(prefix: string, seq: number, digits: number): string {
  return `${prefix}${String(seq).padStart(digits, '0')}`;
}

/** The sequence number a ticket number carries: 'A012' → 12 (NaN for something that is not a number). */
export function numberSeq(number: string): number {
  return Number(number.replace(/^[A-Za-z]+/, '') || NaN);
}

/** A typed number as the hall writes it: ' a012 ' → 'A012'. */
export function normalizeNumber(typed: string): string {
  return typed.trim().toUpperCase();
}
