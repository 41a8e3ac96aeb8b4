// One shape for every mistake in a file people edit by hand (the hall file, agent.yml, hallq-app.yml,
// a device's transport or keypad block): which file, where inside it, which line, and what is wrong.
// Pure and import-free (zod only as a type), so the queue, the drivers and the app all report alike.
import type { z } from 'zod';

/** Keys from the top of a file down: ["windows", 3, "services", 0]. */
export type ConfigPath = readonly (string | number)[];

export interface ConfigProblem {
  /** The file as it was named ("hall.yml", "/etc/hallq/agent.yml"); absent when a block was checked on its own. */
  readonly file?: string;
  /**
   * Where inside the file; [] for the file as a whole. A block checked on its own may start with the
   * name its caller gave it ("devices[2].transport"), printed as is.
   */
  readonly path: ConfigPath;
  /** 1-based, when the file's text is known. */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** ["windows", 3, "services", 0] → "windows[3].services[0]" (the form every message and the README use). */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

/** "windows[3].services[0]: unknown service …": the problem without its file and line. */
export function describeProblem(problem: ConfigProblem): string {
  const path = formatPath(problem.path);
  return path ? `${path}: ${problem.message}` : problem.message;
}

/**
 * "hall.yml:21 windows[3].services[0]: unknown service …", the one way every command and screen prints
 * a problem: an editor jumps to file:line, and each line stands alone (it can be grepped).
 */
export function formatProblem(problem: ConfigProblem): string {
  const at = problem.line === undefined ? '' : problem.column === undefined ? `:${problem.line}` : `:${problem.line}:${problem.column}`;
  if (problem.file === undefined) return describeProblem(problem);
  return `${problem.file}${at || ':'} ${describeProblem(problem)}`;
}

/** A file (or block) that cannot be used; `problems` name every mistake at once, so one edit fixes them all. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export type ZodIssue = z.core.$ZodIssue;

/** Zod's own words for an issue, without its "Invalid input: " lead-in. */
export function zodMessage(issue: ZodIssue): string {
  return issue.message.replace(/^Invalid input: /, '');
}

export interface ZodProblemOptions {
  readonly file?: string;
  /** Where the checked value sits: prepended to each issue's path. */
  readonly at?: ConfigPath;
  /** The message for an issue (default: zodMessage); `key` is set for each unknown key of an `unrecognized_keys` issue. */
  readonly describe?: (issue: ZodIssue, key?: string) => string;
}

/** One problem per zod issue; an unknown key is one problem per key, its path ending at the key (so its line is found). */
export function zodProblems(error: z.ZodError, options: ZodProblemOptions = {}): ConfigProblem[] {
  const { at = [], describe = zodMessage } = options;
  const file = options.file === undefined ? {} : { file: options.file };
  return error.issues.flatMap((issue) => {
    const path = [...at, ...issue.path.map((k) => (typeof k === 'number' ? k : String(k)))];
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ ...file, path: [...path, key], message: describe(issue, key) }));
    return [{ ...file, path, message: describe(issue) }];
  });
}
