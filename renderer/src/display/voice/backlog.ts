// What the announcer says next when calls come faster than it can speak them. Pure: no DOM.
//
// The voice must never fall minutes behind the screen: while other calls wait, a call is read once
// (its repeats dropped); a call older than maxAgeMs when its turn comes is not announced at all —
// it stands on the screen and in the list, and is counted as skipped. A quiet hall hears every
// call `repeat` times, as before.
import type { Call } from '../calls.js';

export interface BacklogOptions {
  /** How often a call is read when nothing else waits (hall file display.voice.repeat). */
  readonly repeat: number;
  /** Calls older than this when their turn comes are listed, not announced (display.voice.maxAgeSeconds). */
  readonly maxAgeMs: number;
}

export interface NextAnnouncement {
  readonly call: Call;
  readonly repeat: number;
}

export class VoiceBacklog {
  private readonly queue: Call[] = [];
  private skippedCount = 0;

  constructor(private readonly options: BacklogOptions) {}

  push(call: Call): void {
    this.queue.push(call);
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Calls dropped for age so far. */
  get skipped(): number {
    return this.skippedCount;
  }

  /** The next call to say, oldest first, skipping those too old; `ageOf` is a call's age now. */
  next(ageOf: (call: Call) => number): NextAnnouncement | undefined {
    for (let call = this.queue.shift(); call; call = this.queue.shift()) {
      if (ageOf(call) > this.options.maxAgeMs) {
        this.skippedCount += 1;
        continue;
      }
      return { call, repeat: this.queue.length > 0 ? 1 : this.options.repeat };
    }
    return undefined;
  }
}
