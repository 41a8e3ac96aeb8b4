// Group commit. The hub's connection commits each command without an fsync (WAL, synchronous=NORMAL:
// the transaction is whole and in order in the WAL, but may sit in the OS's cache); before anything
// answers a client or leaves the hub, `durable()` waits for an fsync of the WAL that began after the
// wait did. Commands committed while one fsync runs share the next, which runs on libuv's thread pool,
// so the event loop keeps serving while the disk works. Durability is unchanged: nothing is
// acknowledged, shown or printed before it is on disk; a kill -9 loses nothing committed (the OS
// still writes its cache) and power loss only what nobody was told.
import { open, type FileHandle } from 'node:fs/promises';
import type { Logger } from 'pino';

export class WalSync {
  /** Waiting for an fsync that has not started yet. */
  private waiting: (() => void)[] = [];
  private running = false;

  /** `walPath` undefined: nothing to sync (a throwaway :memory: hall). */
  constructor(
    private readonly walPath: string | undefined,
    private readonly log?: Pick<Logger, 'error'>,
  ) {}

  /** Resolves once every transaction committed before this call is on disk. */
  durable(): Promise<void> {
    if (this.walPath === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.kick();
    });
  }

  private kick(): void {
    if (this.running || this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    this.running = true;
    void this.fsync().then(() => {
      this.running = false;
      for (const resolve of batch) resolve();
      this.kick();
    });
  }

  /** fsync on a descriptor of our own, kept open (SQLite reuses its WAL file while the hall is open;
   * on Linux fsync flushes the file's data, whoever wrote it). */
  private file: FileHandle | undefined;

  private async fsync(): Promise<void> {
    try {
      this.file ??= await open(this.walPath!, 'r');
      await this.file.sync();
    } catch (err) {
      await this.file?.close().catch(() => {});
      this.file = undefined;
      // No WAL yet (nothing written since it was checkpointed away) is nothing to sync. Any other
      // error is the disk's: say so loudly; the commit itself stands (SQLite still checkpoints with
      // fsync), and refusing every later command would not bring the disk back.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log?.error({ err, wal: this.walPath }, 'could not fsync the WAL');
    }
  }

  /** Let go of the WAL's descriptor (the hall is closing). */
  async close(): Promise<void> {
    const file = this.file;
    this.file = undefined;
    await file?.close().catch(() => {});
  }
}
