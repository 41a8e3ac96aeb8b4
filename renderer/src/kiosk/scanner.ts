// The code scanner (扫码枪) as a USB HID keyboard wedge: the OS types what it reads, a burst of keys
// ending in Enter. A person cannot type that fast: a burst is keys no more than `maxGapMs` apart
// (≈50 ms; a scanner sends one every few ms), at least `minLength` of them, then Enter. Anything
// slower, shorter or with another key in it is typing, and is not a scan. Pure: keys and their
// times in, a scanned text out.

export interface WedgeOptions {
  /** Longest pause between two keys of one scan. Default 50 ms. */
  readonly maxGapMs?: number;
  /** Fewest characters a scan has (a booking code has 6). Default 4. */
  readonly minLength?: number;
}

export interface WedgeState {
  readonly text: string;
  readonly lastAt: number;
}

export const WEDGE_IDLE: WedgeState = { text: '', lastAt: -Infinity };

/** Feed one key (KeyboardEvent.key) pressed at `at` ms; `scanned` is set when it ends a burst. */
export function wedgeKey(state: WedgeState, key: string, at: number, options: WedgeOptions = {}): { state: WedgeState; scanned?: string } {
  const maxGap = options.maxGapMs ?? 50;
  const minLength = options.minLength ?? 4;
  const inBurst = at - state.lastAt <= maxGap;
  if (key === 'Enter') {
    const scanned = inBurst && state.text.length >= minLength ? state.text : undefined;
    return scanned === undefined ? { state: WEDGE_IDLE } : { state: WEDGE_IDLE, scanned };
  }
  // One printable character; a pause starts a new burst with it. Shift and the like are not characters.
  if ([...key].length !== 1 || key < ' ') return { state: key === 'Shift' ? state : WEDGE_IDLE };
  return { state: { text: inBurst ? state.text + key : key, lastAt: at } };
}

/** What a scan is: a 6-digit booking code, a HallQ ticket's QR (its status page, /t/<visit>), or neither. */
export type Scan =
  | { readonly kind: 'booking'; readonly code: string }
  | { readonly kind: 'ticket'; readonly visitId: string; readonly token: string }
  | { readonly kind: 'unknown' };

export function classifyScan(text: string): Scan {
  const s = text.trim();
  if (/^\d{6}$/.test(s)) return { kind: 'booking', code: s };
  try {
    const url = new URL(s);
    const m = /^\/t\/([^/]+)$/.exec(url.pathname);
    // The visit is looked up at the hub with its token: a QR of another hall finds nothing.
    const token = url.searchParams.get('k');
    if (m && token) return { kind: 'ticket', visitId: decodeURIComponent(m[1]!), token };
  } catch {
    // not an address
  }
  return { kind: 'unknown' };
}
