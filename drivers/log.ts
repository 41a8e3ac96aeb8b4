// The drivers' loggers, one definition. A driver is handed the logger of whoever runs it (the agent's,
// the app's, so its lines land in that log file) and tags its lines with its area ("serial",
// "escpos"); run on its own (tests, `hallq print-test`, the simulators) it makes a logger named
// "drivers:<area>" whose level comes from HALLQ_LOG like the hub's and the agent's, silent under
// `node --test` unless HALLQ_LOG is set, so test output stays the runner's.
import { pino, type Logger } from 'pino';

export function driverLogger(area: string, parent?: Logger): Logger {
  if (parent) return parent.child({ driver: area });
  const level = process.env.HALLQ_LOG ?? (process.env.NODE_TEST_CONTEXT ? 'silent' : 'info');
  return pino({ name: `drivers:${area}`, level });
}
