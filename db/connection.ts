// Opening a hall database: WAL, synchronous=FULL (an acknowledged command survives power loss),
// foreign keys on, and the numbered migrations applied in order — or a clear refusal.
import Database, { type Database as DB } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export class SchemaError extends Error {
  override name = 'SchemaError';
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  return files.map((file, i) => {
    const version = Number(file.slice(0, 3));
    if (version !== i + 1) throw new SchemaError(`${dir}: migration ${file} should be number ${String(i + 1).padStart(3, '0')} (no gaps)`);
    const sql = readFileSync(join(dir, file), 'utf8');
    return { version, name: basename(file, '.sql'), sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

export function openDatabase(path: string, options: { readonly?: boolean } = {}): DB {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (path !== ':memory:' && !options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Apply what is missing, each migration in one transaction with its user_version bump. */
export function migrate(db: DB, migrations = loadMigrations(), label = 'hall database'): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const current = db.pragma('user_version', { simple: true }) as number;
  const known = migrations.length;
  if (current > known) {
    throw new SchemaError(`${label} is at schema ${current} but this HallQ knows only up to ${known}: upgrade HallQ (or restore a backup made by this version)`);
  }
  const applied = db.prepare<[], { version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all();
  if (applied.length !== current) {
    throw new SchemaError(`${label}: schema_migrations lists ${applied.length} migrations but user_version is ${current}: the history is out of sync; restore a backup`);
  }
  for (const row of applied) {
    const m = migrations[row.version - 1];
    if (!m || m.checksum !== row.checksum) {
      throw new SchemaError(`${label}: migration ${row.name} was changed after it was applied (checksum differs): shipped migrations are never edited; add a new one`);
    }
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, m.checksum, Date.now());
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return known;
}
