// YAML files people edit by hand (the hall file, agent.yml, hallq-app.yml) are read the same way:
// parsed keeping the document's nodes and a line counter, so a problem found later by its key path is
// given the line of that key; syntax errors, an empty file and an unreadable file are problems too.
import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isScalar, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError, type ConfigPath, type ConfigProblem } from '../rules/config-problem.js';

/** A parsed YAML file: its value, and where each of its keys is. */
export interface YamlConfig {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
  /** The document as plain data; undefined for an empty file. */
  readonly input: unknown;
}

export interface YamlWords {
  /** Put before each syntax error's own text: "YAML syntax error: ". */
  readonly syntaxError: string;
  /** Said of a file with nothing in it; absent: an empty file reads as undefined. */
  readonly empty?: string;
}

/**
 * Parses YAML text (a BOM is dropped; a key given twice is an error; YAML 1.2 keeps "09:00" a string);
 * throws ConfigError for syntax errors, an empty file (when `words.empty` says so) or a broken alias.
 */
export function parseYamlConfig(text: string, file: string, words: YamlWords, prepare?: (doc: Document) => void): YamlConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const at = e.linePos?.[0];
        const message = `${words.syntaxError}${e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? ''}`;
        return at ? { file, path: [], line: at.line, column: at.col, message } : { file, path: [], message };
      }),
    );
  }
  if (doc.contents === null && words.empty !== undefined) throw new ConfigError([{ file, path: [], message: words.empty }]);
  prepare?.(doc);
  try {
    return { file, doc, lines, input: doc.toJS() };
  } catch (err) {
    // An unresolved alias or too many alias expansions is only found while converting.
    throw new ConfigError([{ file, path: [], message: `YAML error: ${err instanceof Error ? err.message : String(err)}` }]);
  }
}

/**
 * The line of the deepest node of `path` present in the file; for a key that is there, the key itself
 * (an unknown key is pointed at by its name). YAML keys like `1:` match the checked object's "1".
 */
export function lineOf(yaml: Pick<YamlConfig, 'doc' | 'lines'>, path: ConfigPath): number | undefined {
  const { doc, lines } = yaml;
  for (let n = path.length; n > 0; n--) {
    const prefix = path.slice(0, n);
    const last = prefix[prefix.length - 1];
    const parent = n > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents;
    const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last)) : undefined;
    const node = (pair?.key ?? doc.getIn(prefix, true)) as Node | undefined;
    const offset = node?.range?.[0];
    if (offset !== undefined) return lines.linePos(offset).line;
  }
  return undefined;
}

/** The problems said of this file, each with the line of its path where the file has it. */
export function located(problems: readonly ConfigProblem[], yaml: YamlConfig): ConfigProblem[] {
  return problems.map((p) => {
    const line = p.line ?? lineOf(yaml, p.path);
    return { ...p, file: yaml.file, ...(line !== undefined && { line }) };
  });
}

/** The file's text, or a ConfigError saying in plain words why it cannot be read. */
export function readConfigText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([{ file: path, path: [], message: `cannot read: ${readFailure(err)}` }]);
  }
}

/** Why a file could not be read, in plain words. */
export function readFailure(err: unknown): string {
  switch ((err as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
