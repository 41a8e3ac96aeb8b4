// Reads a hall file (YAML) and compiles it with the queue's hall model. Every problem names the
// file, the path inside it and, where the YAML can tell, the line: the admin fixes it in one pass.
import { dirname, isAbsolute, resolve } from 'node:path';
import { isMap, isScalar, isSeq, type Document } from 'yaml';
import { ConfigError } from '../rules/config-problem.js';
import { located, parseYamlConfig, readConfigText } from './yaml-config.js';
import { compileHall, type Hall } from '../queue/hall.js';

/** Reads, parses and compiles a hall file; throws ConfigError whose problems name the path as given. */
export function loadHallFile(path: string, source = path): Hall {
  const hall = parseHallYaml(readConfigText(path), source);
  // Paths in a hall file are relative to the file, wherever the hub is started from.
  const voice = hall.config.display.voice;
  if (voice.clipsDir !== undefined && !isAbsolute(voice.clipsDir)) voice.clipsDir = resolve(dirname(path), voice.clipsDir);
  return hall;
}

/** Parses hall YAML text and compiles it; `source` names the file in every problem. */
export function parseHallYaml(text: string, source: string): Hall {
  const yaml = parseYamlConfig(text, source, { syntaxError: 'YAML syntax error: ', empty: 'the file is empty (a hall file starts with "hall:")' }, keepStaffNumbersAsWritten);
  try {
    return compileHall(yaml.input, source);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    throw new ConfigError(located(err.problems, yaml));
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
