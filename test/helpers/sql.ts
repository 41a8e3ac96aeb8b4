// SQL on a hub's file for tests, through db/'s own openers: a read-only handle to check what
// landed, and a writable one only for tests that tamper with the file or break it on purpose.
import { statSync } from 'node:fs';
import { openDatabase, type ReadableDB, type WritableDB } from '../../db/connection.js';
import { openHallReader } from '../../db/hall-db.js';

type FileOf = { readonly dbPath: string } | string;
const pathOf = (of: FileOf) => (typeof of === 'string' ? of : of.dbPath);

// One handle per file, opened again when the file was replaced (a hub restarted on a fresh copy).
const readers = new Map<string, { db: ReadableDB; ino: number }>();

/** A read-only handle on a hub's database (a TestHub, a Hub, or a path): it sees every commit. */
export function sql(of: FileOf): ReadableDB {
  const path = pathOf(of);
  const ino = statSync(path).ino;
  const open = readers.get(path);
  if (open && open.ino === ino && open.db.open) return open.db;
  open?.db.close();
  const db = openHallReader(path);
  readers.set(path, { db, ino });
  return db;
}

/** Close the read-only handle on a file (before its folder is removed). */
export function closeSql(of: FileOf): void {
  const path = pathOf(of);
  readers.get(path)?.db.close();
  readers.delete(path);
}

/** A writable handle beside the hub's own: for tests that tamper, expire sessions or inject faults. Close it after. */
export function sqlForWriting(of: FileOf): WritableDB {
  return openDatabase(pathOf(of));
}
