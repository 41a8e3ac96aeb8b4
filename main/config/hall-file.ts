// Reads a hall file (YAML) and compiles it with the queue's hall model. Every problem names the
// file, the path inside it and, where the YAML can tell, the line: the admin fixes it in one pass.
import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { compileHall, HallConfigError, type Hall } from '../queue/hall.js';

/** Reads, parses and compiles a hall file; throws HallConfigError whose lines start with the path as given. */
export function loadHallFile(path: string, source = path): Hall {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new HallConfigError([`cannot read: ${readFailure(err)}`], path);
  }
  return parseHallYaml(text, source);
}

/** Parses hall YAML text and compiles it; `source` names the file in every problem. */
export function parseHallYaml(text: string, source: string): Hall {
  const lines = new LineCounter();
  // uniqueKeys (the default) refuses a key given twice; YAML 1.2 keeps "09:00" a string.
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new HallConfigError(
      doc.errors.map((e) => {
        const at = e.linePos?.[0];
        const where = at ? `line ${at.line}, column ${at.col}: ` : '';
        return `${where}YAML syntax error: ${e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`;
      }),
      source,
    );
  }
  if (doc.contents === null) throw new HallConfigError(['the file is empty (a hall file starts with "hall:")'], source);
  keepStaffNumbersAsWritten(doc);
  let input: unknown;
  try {
    input = doc.toJS();
  } catch (err) {
    // An unresolved alias or too many alias expansions is only found while converting.
    throw new HallConfigError([`YAML error: ${err instanceof Error ? err.message : String(err)}`], source);
  }
  try {
    return compileHall(input, source);
  } catch (err) {
    if (!(err instanceof HallConfigError)) throw err;
    throw new HallConfigError(
      err.problems.map((p) => withLine(p, doc, lines)),
      source,
    );
  }
}

function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
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

/** YAML 1.2 reads `id: 0101` as the number 101; a staff number is what the admin wrote. */
function keepStaffNumbersAsWritten(doc: Document): void {
  const staff = doc.get('staff', true);
  if (!isSeq(staff)) return;
  for (const person of staff.items) {
    if (!isMap(person)) continue;
    const id = person.get('id', true);
    if (isScalar(id) && typeof id.value === 'number' && id.source && /^\d+$/.test(id.source)) id.value = id.source;
  }
}

/** "windows[3].services[0][1]: …" → ["windows", 3, "services", 0, 1]; undefined for "(top level)". */
function pathOf(problem: string): (string | number)[] | undefined {
  const head = /^([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*): /.exec(problem)?.[1];
  if (!head) return undefined;
  return [...head.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/** Appends " (line N)" from the deepest node of the problem's path that exists in the file. */
function withLine(problem: string, doc: Document, lines: LineCounter): string {
  const path = pathOf(problem);
  if (!path) return problem;
  for (let n = path.length; n > 0; n--) {
    const prefix = path.slice(0, n);
    const last = prefix[prefix.length - 1];
    // An unknown key has no value worth pointing at; point at the key itself.
    const parent = n > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents;
    const pair = typeof last === 'string' && isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === last) : undefined;
    const node = (pair?.key ?? doc.getIn(prefix, true)) as Node | undefined;
    const offset = node?.range?.[0];
    if (offset !== undefined) return `${problem} (line ${lines.linePos(offset).line})`;
  }
  return problem;
}
