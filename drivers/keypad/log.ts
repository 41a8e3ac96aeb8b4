import { pino, type Logger } from 'pino';

/**
 * The keypad drivers' logger ("drivers:keypad"). Level from HALLQ_LOG_LEVEL or LOG_LEVEL; silent
 * under `node --test` unless a level is set, so test output stays the runner's.
 */
export function keypadLogger(name = 'keypad'): Logger {
  const level =
    process.env.HALLQ_LOG_LEVEL ?? process.env.LOG_LEVEL ?? (process.env.NODE_TEST_CONTEXT ? 'silent' : 'info');
  return pino({ name: `drivers:${name}`, level });
}
