// YAML files people edit by hand (the hall file, agent.yml, hallq-app.yml) are read the same way:
// parsed keeping line positions, so every problem can say where in the file it is, and a file that
// cannot be read says why in plain words.
import { LineCounter, isMap, isScalar, parseDocument, type Document, type Node } from 'yaml';

export interface YamlText {
  readonly doc: Document;
  readonly lines: LineCounter;
  /** "line 3, column 7: <what>" for each syntax error; empty when the text parsed. */
  readonly syntaxErrors: readonly { readonly where: string; readonly message: string }[];
}

/** Parses YAML text (a BOM is dropped; a key given twice is an error, YAML 1.2 keeps "09:00" a string). */
export function parseYamlText(text: string): YamlText {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines });
  const syntaxErrors = doc.errors.map((e) => {
    const at = e.linePos?.[0];
    return { where: at ? `line ${at.line}, column ${at.col}: ` : '', message: e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '' };
  });
  return { doc, lines, syntaxErrors };
}

/**
 * The line of the deepest node of `path` present in the file; for a key that is there, the key itself
 * (an unknown key is pointed at by its name). YAML keys like `1:` match the checked object's "1".
 */
export function lineOf(doc: Document, lines: LineCounter, path: readonly (string | number)[]): number | undefined {
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

/** `problem` with " (line N)" appended when `path` can be found in the file. */
export function withLine(problem: string, doc: Document, lines: LineCounter, path: readonly (string | number)[]): string {
  const line = lineOf(doc, lines, path);
  return line === undefined ? problem : `${problem} (line ${line})`;
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
