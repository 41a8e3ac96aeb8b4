// The announcer: one announcement at a time, never overlapping — a chime, then the text `repeat`
// times. A new call waits for the one being spoken. An engine that hangs or fails never stalls the
// queue: each step is raced against a timeout and an error counts as done. Pure: no DOM.

export interface Announcement {
  /** What is said, e.g. "请A零一二号到三号窗口办理". */
  readonly text: string;
  /** The same as clip names, for the clip engine. */
  readonly clips: readonly string[];
}

/** How the words reach the speakers (speech.ts, clips.ts). */
export interface VoiceEngine {
  readonly name: 'speech' | 'clips';
  chime(): Promise<void>;
  say(a: Announcement): Promise<void>;
}

export interface AnnouncerOptions {
  readonly repeat: number;
  /** Last guard for one step (chime or one reading); longer readings get more. */
  readonly stepTimeoutMs?: (a: Announcement | undefined) => number;
  /** Told when an announcement starts and when it is done (for the on-screen record). */
  readonly onStart?: (a: Announcement) => void;
  readonly onDone?: (a: Announcement) => void;
}

const defaultStepTimeout = (a: Announcement | undefined) => (a ? 3000 + a.text.length * 600 : 4000);

export class Announcer {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private engine: VoiceEngine,
    private readonly options: AnnouncerOptions,
  ) {}

  /** Switch engines (a speech engine that found no voice falls back to clips); takes effect at the next announcement. */
  use(engine: VoiceEngine): void {
    this.engine = engine;
  }

  get engineName(): VoiceEngine['name'] {
    return this.engine.name;
  }

  /** Announcements queued or being spoken. */
  get busy(): number {
    return this.pending;
  }

  /** Queue an announcement, read `repeat` times (default: the hall's); resolves when it has been spoken in full. */
  announce(a: Announcement, repeat = this.options.repeat): Promise<void> {
    this.pending += 1;
    const run = async () => {
      const engine = this.engine;
      this.options.onStart?.(a);
      await this.step(() => engine.chime(), undefined);
      for (let i = 0; i < repeat; i++) await this.step(() => engine.say(a), a);
      this.options.onDone?.(a);
    };
    const done = this.tail.then(run).finally(() => {
      this.pending -= 1;
    });
    this.tail = done.catch(() => undefined);
    return done;
  }

  private step(action: () => Promise<void>, a: Announcement | undefined): Promise<void> {
    const ms = (this.options.stepTimeoutMs ?? defaultStepTimeout)(a);
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      action().then(done, done);
    });
  }
}
