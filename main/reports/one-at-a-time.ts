// Reports run one at a time: each is sliced so the hall keeps moving, but two at once would each
// take twice as long and hold twice the memory, and a supervisor clicking 刷新 ten times would
// queue ten. A few wait their turn; beyond that the reader is told to try again.

export class ReportQueue {
  private running = false;
  private readonly waiting: (() => void)[] = [];

  /** `maxWaiting`: how many may wait behind the one running before new ones are turned away. */
  constructor(private readonly maxWaiting = 3) {}

  /** Run `work` when its turn comes; undefined (nothing run) when the queue is full. */
  run<T>(work: () => Promise<T>): Promise<T> | undefined {
    if (this.running && this.waiting.length >= this.maxWaiting) return undefined;
    return this.turn().then(async () => {
      try {
        return await work();
      } finally {
        this.next();
      }
    });
  }

  private turn(): Promise<void> {
    if (!this.running) {
      this.running = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private next(): void {
    const go = this.waiting.shift();
    if (go) go();
    else this.running = false;
  }
}
