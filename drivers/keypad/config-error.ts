// Keypad config blocks (a line's keypads, a frame spec, a Modbus map) are checked here: a mistake is a
// ConfigError whose problems name the field and show the value written, so the fix is obvious.
import type { z } from 'zod';
import { ConfigError, zodMessage, zodProblems, type ZodIssue } from '../../main/rules/config-problem.js';

/** "keyCodes[3].code: expected a byte 0..255 or hex 'A5' (got 300)": zod's words and the value found. */
function withValue(input: unknown) {
  return (issue: ZodIssue): string => {
    const got = valueAt(input, issue.path);
    return `${zodMessage(issue)}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`;
  };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Checks `input`; throws ConfigError whose problems start at `where`, the name of the block ("devices[2].keypads"). */
export function parseConfig<T extends z.ZodType>(schema: T, input: unknown, where: string): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ConfigError(zodProblems(result.error, { at: [where], describe: withValue(input) }));
  return result.data;
}
