// The app's log: pino into userData/logs/hallq.log, rotated by size like logrotate
// (hallq.log → hallq.log.1 … hallq.log.<keep>), so a hall PC that runs for years never fills its disk.
import { mkdirSync } from 'node:fs';
import { pino, type Level, type Logger } from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';

export interface FileLogOptions {
  readonly dir: string;
  readonly level?: Level;
  /** Rotate when the file reaches this size ("5M", "100K"). */
  readonly size?: `${number}${'B' | 'K' | 'M' | 'G'}`;
  /** How many rotated files to keep. */
  readonly keep?: number;
}

export interface FileLog {
  readonly log: Logger;
  readonly stream: RotatingFileStream;
  close(): Promise<void>;
}

export const LOG_FILE = 'hallq.log';

export function createFileLog(options: FileLogOptions): FileLog {
  mkdirSync(options.dir, { recursive: true });
  const stream = createStream(LOG_FILE, {
    path: options.dir,
    size: options.size ?? '5M',
    rotate: options.keep ?? 5,
  });
  // A log that cannot be written must not take the app down with it.
  stream.on('error', () => undefined);
  const log = pino({ name: 'app', level: options.level ?? 'info' }, stream);
  return {
    log,
    stream,
    close: () => new Promise((resolve) => (stream.writableEnded ? resolve() : stream.end(() => resolve()))),
  };
}
