// The numbered migrations on an in-memory database: applied in order with user_version, a no-op
// the second time, refused from the future or when edited, and the hot queries use an index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations, migrate, openDatabase, SchemaError, type Migration } from '../../../db/connection.js';

const migrations = loadMigrations();
const latest = migrations.length;

function fresh() {
  const db = openDatabase(':memory:');
  migrate(db);
  return db;
}

const tables = (db: ReturnType<typeof fresh>) =>
  db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index', 'trigger') ORDER BY name").all();

test('the migration files are numbered 001.. without gaps', () => {
  assert.ok(latest >= 1);
  migrations.forEach((m, i) => {
    assert.equal(m.version, i + 1);
    assert.match(m.checksum, /^[0-9a-f]{64}$/);
  });
});

test('migrations apply in order, set user_version and record each file with its checksum', () => {
  const db = fresh();
  assert.equal(db.pragma('user_version', { simple: true }), latest);
  const recorded = db.prepare<[], { version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all();
  assert.deepEqual(
    recorded,
    migrations.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })),
  );
  for (const t of ['tickets', 'window_state', 'appointments', 'ratings', 'complaints', 'service_stats', 'event_log', 'audit_log', 'commands', 'devices', 'agent_windows', 'agent_kiosks']) {
    assert.ok(tables(db).some((r) => r.name === t), `table ${t} exists`);
  }
  db.close();
});

test('migrating again is a no-op', () => {
  const db = fresh();
  const before = tables(db);
  assert.equal(migrate(db), latest);
  assert.deepEqual(tables(db), before);
  assert.equal(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').pluck().get(), latest);
  db.close();
});

test('a database from a newer HallQ is refused with the versions and what to do', () => {
  const db = fresh();
  db.pragma('user_version = 99');
  assert.throws(() => migrate(db, migrations, 'hall.db'), (err: Error) => {
    assert.ok(err instanceof SchemaError);
    assert.equal(err.message, `hall.db is at schema 99 but this HallQ knows only up to ${latest}: upgrade HallQ (or restore a backup made by this version)`);
    return true;
  });
  db.close();
});

test('an edited shipped migration is refused, naming the file', () => {
  const db = fresh();
  db.prepare("UPDATE schema_migrations SET checksum = ? WHERE version = 1").run('f'.repeat(64));
  assert.throws(() => migrate(db, migrations, 'hall.db'), /hall\.db: migration 001_initial\.sql was changed after it was applied .*shipped migrations are never edited/);
  db.close();
});

test('a history out of sync with user_version is refused', () => {
  const db = fresh();
  db.prepare('DELETE FROM schema_migrations WHERE version = ?').run(latest);
  assert.throws(() => migrate(db), /history is out of sync/);
  db.close();
});

test('a failing migration leaves nothing behind: no table, no version bump', () => {
  const db = openDatabase(':memory:');
  const broken: Migration[] = [
    ...migrations,
    { version: latest + 1, name: `${String(latest + 1).padStart(3, '0')}_broken`, sql: 'CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;', checksum: '0'.repeat(64) },
  ];
  assert.throws(() => migrate(db, broken), /no such table/);
  assert.equal(db.pragma('user_version', { simple: true }), latest);
  assert.equal(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get(), 0);
  db.close();
});

test('foreign keys are enforced: a ticket for an unknown service is refused', () => {
  const db = fresh();
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.throws(
    () =>
      db.prepare(
        `INSERT INTO tickets (id, visit_id, leg, day, number, prefix, seq, service_code, kind, status, lane, issued_at, queued_at, rank, token)
         VALUES ('t1', 't1', 1, '2026-12-01', 'A001', 'A', 1, 'NOPE', 'normal', 'waiting', 'normal', 0, 0, 0, 'x')`,
      ).run(),
    /FOREIGN KEY constraint failed/,
  );
  db.close();
});

test('the event and audit logs are append-only', () => {
  const db = fresh();
  db.prepare("INSERT INTO event_log (seq, at, type, changes, request_id) VALUES (1, 0, 'day.opened', '{}', 'r1')").run();
  assert.throws(() => db.prepare("UPDATE event_log SET type = 'x'").run(), /event_log is append-only/);
  assert.throws(() => db.prepare('DELETE FROM event_log').run(), /event_log is append-only/);
  db.close();
});

test('a file database runs in WAL with synchronous=FULL; a read-only handle cannot write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-db-'));
  try {
    const path = join(dir, 'hall.db');
    const db = openDatabase(path);
    migrate(db);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('synchronous', { simple: true }), 2);
    assert.ok((db.pragma('busy_timeout', { simple: true }) as number) > 0);
    const reader = openDatabase(path, { readonly: true });
    assert.equal(reader.prepare('SELECT COUNT(*) FROM tickets').pluck().get(), 0);
    assert.throws(() => reader.prepare("INSERT INTO settings (key, value) VALUES ('a', 'b')").run(), /readonly/);
    reader.close();
    db.close();
    assert.throws(() => openDatabase(join(dir, 'missing.db'), { readonly: true }), /unable to open|does not exist|SQLITE_CANTOPEN/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function plan(db: ReturnType<typeof fresh>, sql: string, ...params: unknown[]): string[] {
  return db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((r) => r.detail);
}

function assertIndexed(details: string[], table: string): void {
  assert.ok(!details.some((d) => new RegExp(`^SCAN ${table}(?! USING)`).test(d)), `no full scan of ${table}: ${details.join(' | ')}`);
  assert.ok(details.some((d) => new RegExp(`^(SEARCH|SCAN) ${table} USING (COVERING )?INDEX`).test(d)), `uses an index on ${table}: ${details.join(' | ')}`);
}

test('the hot queries use an index, not a full scan of tickets', () => {
  const db = fresh();
  // The waiting tickets a window may call, in order.
  assertIndexed(
    plan(db, "SELECT * FROM tickets WHERE day = ? AND status = 'waiting' AND service_code IN (?, ?, ?) ORDER BY rank", '2026-12-01', 'GS-01', 'GS-02', 'DS-01'),
    'tickets',
  );
  // Waiting counts per service for a day.
  assertIndexed(plan(db, "SELECT service_code, COUNT(*) FROM tickets WHERE day = ? AND status = 'waiting' GROUP BY service_code", '2026-12-01'), 'tickets');
  // Start-up: the day's counters and the still-active tickets.
  assertIndexed(plan(db, 'SELECT prefix, MAX(seq) FROM tickets WHERE day = ? GROUP BY prefix', '2026-12-01'), 'tickets');
  assertIndexed(
    plan(db, "SELECT * FROM tickets WHERE day >= ? OR status IN ('waiting', 'called', 'serving', 'suspended')", '2026-12-01'),
    'tickets',
  );
  assertIndexed(plan(db, 'SELECT * FROM tickets WHERE token = ?', 'x'), 'tickets');
  assertIndexed(plan(db, "SELECT changes FROM event_log WHERE type = 'day.opened' ORDER BY seq DESC LIMIT 1"), 'event_log');
  db.close();
});
