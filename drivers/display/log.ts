import { pino, type Logger } from 'pino';

/**
 * A named logger for display drivers and the display simulator ("drivers:display"). Level from
 * HALLQ_LOG_LEVEL or LOG_LEVEL; silent under `node --test` unless a level is set.
 */
export function displayLogger(name = 'display'): Logger {
  const level =
    process.env.HALLQ_LOG_LEVEL ?? process.env.LOG_LEVEL ?? (process.env.NODE_TEST_CONTEXT ? 'silent' : 'info');
  return pino({ name: `drivers:${name}`, level });
}
