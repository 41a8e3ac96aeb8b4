// What the audit log keeps of a command: enough to say who did what, never a visitor's personal data.
import type { Command } from '../queue/index.js';

/** The command as audited: personal data masked, secrets dropped, the requestId in its own column. */
export function auditedCommand(cmd: Command): string {
  const { requestId: _r, ...rest } = cmd as Command & Record<string, unknown>;
  const redacted: Record<string, unknown> = { ...rest };
  if (typeof redacted.name === 'string') redacted.name = `${[...redacted.name][0] ?? ''}*`;
  for (const key of ['phone', 'contact']) {
    if (typeof redacted[key] === 'string') redacted[key] = `***${redacted[key].slice(-4)}`;
  }
  delete redacted.password;
  // A swiped card: the salted hash only, never its birth date.
  if (typeof redacted.identity === 'object' && redacted.identity !== null) {
    redacted.identity = { idHash: (redacted.identity as { idHash?: unknown }).idHash };
  }
  return JSON.stringify(redacted);
}
