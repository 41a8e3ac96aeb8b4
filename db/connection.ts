// Opening a hall database: WAL, synchronous=FULL (an acknowledged command survives power loss),
// foreign keys on, and the numbered migrations applied in order — or a clear refusal to start.
import Database, { type Database as DB } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Typed handles (after Signal-Desktop): code that only reads takes a `ReadableDB`; only code that
 * holds a `WritableDB` may change the file. The brands exist at compile time only.
 */
declare const readable: unique symbol;
declare const writable: unique symbol;
export type ReadableDB = DB & { readonly [readable]: true };
export type WritableDB = ReadableDB & { readonly [writable]: true };

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** sha256 of the file with line endings normalised, so a CRLF checkout does not look edited. */
  readonly checksum: string;
}

export class SchemaError extends Error {
  override name = 'SchemaError';
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  return files.map((file, i) => {
    const version = Number(file.slice(0, 3));
    if (version !== i + 1) throw new SchemaError(`${dir}: migration ${file} should be number ${String(i + 1).padStart(3, '0')} (no gaps, no duplicates)`);
    const sql = readFileSync(join(dir, file), 'utf8');
    return { version, name: basename(file, '.sql'), sql, checksum: checksumOf(sql) };
  });
}

export function openDatabase(path: string, options: { readonly: true }): ReadableDB;
export function openDatabase(path: string, options?: { readonly?: false }): WritableDB;
export function openDatabase(path: string, options: { readonly?: boolean } = {}): ReadableDB | WritableDB {
  const ro = options.readonly ?? false;
  const db = new Database(path, { readonly: ro, fileMustExist: ro });
  try {
    // WAL lets readers run beside the writer; :memory: has no WAL.
    if (path !== ':memory:' && !ro) db.pragma('journal_mode = WAL');
    // FULL: in WAL mode, NORMAL may lose the last commits on power loss; we ack only what is on disk.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    db.close();
    throw err;
  }
  return db as WritableDB;
}

/**
 * Apply what is missing, each migration in one transaction with its user_version bump and its
 * schema_migrations row. Refuses (SchemaError) a database from a newer HallQ, a history out of
 * sync, or a shipped migration edited after it was applied. Returns the schema version.
 */
export function migrate(db: WritableDB | DB, migrations = loadMigrations(), label = labelOf(db)): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const current = db.pragma('user_version', { simple: true }) as number;
  const known = migrations.length;
  if (current > known) {
    throw new SchemaError(
      `${label} is at schema ${current} but this HallQ knows only up to ${known}: upgrade HallQ (or restore a backup made by this version)`,
    );
  }
  const applied = db
    .prepare<[], { version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all();
  if (applied.length !== current || applied.some((r, i) => r.version !== i + 1)) {
    throw new SchemaError(
      `${label}: schema_migrations lists ${applied.length} migrations but user_version is ${current}: the migration history is out of sync; restore a backup`,
    );
  }
  for (const row of applied) {
    const m = migrations[row.version - 1];
    if (!m || m.checksum !== row.checksum) {
      throw new SchemaError(
        `${label}: migration ${row.name}.sql was changed after it was applied (recorded sha256 ${row.checksum.slice(0, 12)}…, file ${m?.checksum.slice(0, 12) ?? 'missing'}…): shipped migrations are never edited; restore the file and put the change in a new migration`,
      );
    }
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, m.checksum, Date.now());
      // user_version lives in the file header and rolls back with the transaction.
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return known;
}

function labelOf(db: DB): string {
  return db.name === ':memory:' || db.name === '' ? 'hall database (:memory:)' : basename(db.name);
}
