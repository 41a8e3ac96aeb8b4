// The app's log: pino into userData/logs/hallq.log, rotated by size like logrotate
// (hallq.log → hallq.log.1 … hallq.log.<keep>), so a hall PC that runs for years never fills its disk.
// Writes are synchronous: a line is on disk before a crash can take it, and the volume is small.
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Level, type Logger } from 'pino';

export interface FileLogOptions {
  readonly dir: string;
  readonly level?: Level;
  /** Rotate before the file would pass this many bytes. */
  readonly maxBytes?: number;
  /** How many rotated files to keep. */
  readonly keep?: number;
}

export interface FileLog {
  readonly log: Logger;
  close(): Promise<void>;
}

export const LOG_FILE = 'hallq.log';

/** A size-rotated append-only file; pino needs only `write`. */
export class RotatingFile {
  private fd: number | undefined;
  private size = 0;

  constructor(
    private readonly path: string,
    private readonly maxBytes: number,
    private readonly keep: number,
  ) {
    this.open();
  }

  write(line: string): boolean {
    const bytes = Buffer.from(line, 'utf8');
    if (this.fd === undefined) return false;
    if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate();
    try {
      writeSync(this.fd, bytes);
      this.size += bytes.length;
      return true;
    } catch {
      // A log that cannot be written (disk full) must not take the app down with it.
      return false;
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): void {
    this.fd = openSync(this.path, 'a');
    this.size = fstatSync(this.fd).size;
  }

  private rotate(): void {
    this.close();
    rmSync(`${this.path}.${this.keep}`, { force: true });
    for (let n = this.keep - 1; n >= 1; n--) if (existsSync(`${this.path}.${n}`)) renameSync(`${this.path}.${n}`, `${this.path}.${n + 1}`);
    if (this.keep > 0) renameSync(this.path, `${this.path}.1`);
    else rmSync(this.path, { force: true });
    this.open();
  }
}

export function createFileLog(options: FileLogOptions): FileLog {
  mkdirSync(options.dir, { recursive: true });
  const file = new RotatingFile(join(options.dir, LOG_FILE), options.maxBytes ?? 5 * 1024 * 1024, options.keep ?? 5);
  const log = pino({ name: 'app', level: options.level ?? 'info' }, file);
  return {
    log,
    close: async () => file.close(),
  };
}
