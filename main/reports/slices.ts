// Report work runs on the hub's one thread, between the kiosks', counters' and displays' commands.
// It goes in slices: rows are read a page at a time, and when a slice has run SLICE_MS the work
// yields to the event loop (setImmediate: after pending I/O), so a year's report delays a command
// by one slice, never by the whole report.

/** How long one slice of report work may hold the thread, ms (a page read can add a few). */
export const SLICE_MS = 8;
/** Rows read per page: ~7 µs a row in better-sqlite3, so a page costs a few ms. */
export const PAGE_ROWS = 500;

export class Slices {
  private started = performance.now();

  /** True when the current slice has run its time: then `await slices.rest()`. */
  due(): boolean {
    return performance.now() - this.started >= SLICE_MS;
  }

  /** Let the event loop run, then start a new slice. */
  async rest(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }

  /** Rest if due (for loops that check once per page or per item). */
  async maybeRest(): Promise<void> {
    if (this.due()) await this.rest();
  }
}

/** Pages of `read(after)` until one comes back short; `keyOf` gives where the next page starts. */
export async function* pages<T, K>(read: (after: K | undefined) => T[], keyOf: (last: T) => K, slices: Slices, size = PAGE_ROWS): AsyncGenerator<T[]> {
  let after: K | undefined;
  for (;;) {
    await slices.maybeRest();
    const page = read(after);
    if (page.length > 0) yield page;
    if (page.length < size) return;
    after = keyOf(page[page.length - 1]!);
  }
}
