// The drivers' loggers, one definition: named per area ("drivers:serial", "drivers:keypad"), level
// from HALLQ_LOG like the hub's and the agent's; silent under `node --test` unless HALLQ_LOG is set,
// so test output stays the runner's.
import { pino, type Logger } from 'pino';

export function driverLogger(area: string): Logger {
  const level = process.env.HALLQ_LOG ?? (process.env.NODE_TEST_CONTEXT ? 'silent' : 'info');
  return pino({ name: `drivers:${area}`, level });
}
