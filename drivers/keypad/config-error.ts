import type { z } from 'zod';

/** A keypad config that cannot be used; the message names the field and what to write instead. */
export class KeypadConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(`${source}: ${issues.join('; ')}`);
    this.name = 'KeypadConfigError';
  }
}

/** "keyCodes[3].code: expected a byte 0..255 or hex 'A5' (got 300)". */
export function formatIssues(error: z.ZodError, input: unknown): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join('');
    const got = valueAt(input, issue.path);
    const shown = got === undefined ? '' : ` (got ${JSON.stringify(got)})`;
    return `${path || '(root)'}: ${issue.message}${shown}`;
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

export function parseConfig<T extends z.ZodType>(schema: T, input: unknown, source: string): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new KeypadConfigError(source, formatIssues(result.error, input));
  return result.data;
}
