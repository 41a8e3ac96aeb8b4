// Reads a hall file (YAML) and compiles it with the queue's hall model. Every problem names the
// file, the path inside it and, where the YAML can tell, the line: the admin fixes it in one pass.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isMap, isScalar, isSeq, type Document } from 'yaml';
import { parseYamlText, readFailure, withLine } from './yaml-lines.js';
import { compileHall, HallConfigError, type Hall } from '../queue/hall.js';

/** Reads, parses and compiles a hall file; throws HallConfigError whose lines start with the path as given. */
export function loadHallFile(path: string, source = path): Hall {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new HallConfigError([`cannot read: ${readFailure(err)}`], path);
  }
  const hall = parseHallYaml(text, source);
  // Paths in a hall file are relative to the file, wherever the hub is started from.
  const voice = hall.config.display.voice;
  if (voice.clipsDir !== undefined && !isAbsolute(voice.clipsDir)) voice.clipsDir = resolve(dirname(path), voice.clipsDir);
  return hall;
}

/** Parses hall YAML text and compiles it; `source` names the file in every problem. */
export function parseHallYaml(text: string, source: string): Hall {
  const { doc, lines, syntaxErrors } = parseYamlText(text);
  if (syntaxErrors.length > 0) {
    throw new HallConfigError(
      syntaxErrors.map((e) => `${e.where}YAML syntax error: ${e.message}`),
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
      err.problems.map((p) => withLine(p, doc, lines, pathOf(p) ?? [])),
      source,
    );
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
