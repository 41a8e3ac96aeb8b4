// The audit chain's hash format is part of every hall file: rows written by any HallQ must keep
// verifying. The pinned hashes were computed outside HallQ from the format (events: sha256 of
// "seq|at|type|window|changes\n" per row; row: sha256(prev_hash + JSON [at, role, id, request,
// command, outcome, first, last, events_hash?])) — a change to the format fails here, not in a hall.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuditChain } from '../../../db/audit-chain.js';
import { migrate, openDatabase } from '../../../db/connection.js';
import { EventLog, eventRow } from '../../../db/event-log.js';

const PINNED = {
  events: 'caefb40dfce61ea6192ad24f3f4bfd3f2d95c3dabab2f27551ee8e03c97fce20',
  first: '8cad1ff7373844ef762d03f90e45a34917cf3766279fd3b8399cd046f114ed75',
  second: '58fe153e74de17de76e5cbcb6ab9d4e838af18a5b8d42fcd53b42a159cd96227',
};

function chain() {
  const db = openDatabase(':memory:');
  migrate(db);
  const events = new EventLog(db);
  return { db, events, audit: new AuditChain(db, events) };
}

test('audit rows hash as they always have: the first chains to 64 zeros, each covers its events', (t) => {
  const { db, events, audit } = chain();
  t.after(() => db.close());
  const rows = [
    eventRow({ seq: 1, at: 1_000, type: 'window.signed-in', windowNo: 1, changes: { windows: [{ number: 1, staffId: '0101', signedInAt: 1_000, normalSincePriority: 0 }] } }),
    eventRow({ seq: 2, at: 1_000, type: 'day.opened', changes: { day: '2026-12-01' } }),
  ];
  db.transaction(() => {
    events.append(rows, 'r1');
    audit.append({ at: 1_000, actor: { role: 'staff', id: '0101' }, requestId: 'r1', command: '{"type":"signIn"}', outcome: 'ok', events: rows });
    audit.append({ at: 2_000, actor: { role: 'visitor', id: '10.0.0.9' }, requestId: null, command: '{"what":"x"}', outcome: 'invalid-payload', events: [] });
  }).immediate();
  const stored = db.prepare('SELECT prev_hash, events_hash, hash FROM audit_log ORDER BY id').all();
  assert.deepEqual(stored, [
    {
      prev_hash: '0'.repeat(64),
      events_hash: PINNED.events,
      hash: PINNED.first,
    },
    { prev_hash: PINNED.first, events_hash: null, hash: PINNED.second },
  ]);
  assert.deepEqual(audit.verify(), { ok: true, rows: 2 });
});

test('a row is appended only inside a unit of work, so a rolled-back row is never chained to', (t) => {
  const { db, audit } = chain();
  t.after(() => db.close());
  const entry = { at: 1, actor: { role: 'system', id: 'clock' }, requestId: null, command: '{}', outcome: 'ok', events: [] } as const;
  assert.throws(() => audit.append(entry), /inside a unit of work/);
  assert.throws(() =>
    db.transaction(() => {
      audit.append(entry);
      throw new Error('disk on fire');
    }).immediate(),
  );
  db.transaction(() => audit.append(entry)).immediate();
  assert.equal(db.prepare('SELECT prev_hash FROM audit_log').pluck().get(), '0'.repeat(64));
  assert.deepEqual(audit.verify(), { ok: true, rows: 1 });
});
