-- The supervision console (效能监察, issue 13): alarms as they were raised, escalated, acknowledged
-- and resolved, and the 差评整改 items bad ratings open. Both are written with an audit row in the
-- same transaction (db/supervision.ts); nothing here follows the event log.

-- One row per time a condition held: the same key raised again after it resolved is a new row.
CREATE TABLE alarms (
  id              INTEGER PRIMARY KEY,
  key             TEXT NOT NULL,
  kind            TEXT NOT NULL,
  severity        TEXT NOT NULL CHECK (severity IN ('amber', 'red')),
  subject         TEXT NOT NULL,
  department      TEXT,
  text            TEXT NOT NULL,
  suggestion      TEXT,
  since           INTEGER NOT NULL,
  raised_at       INTEGER NOT NULL,
  escalated_at    INTEGER,
  acknowledged_at INTEGER,
  acknowledged_by TEXT,
  resolved_at     INTEGER
);
-- A condition is active once at a time.
CREATE UNIQUE INDEX alarms_active_key ON alarms (key) WHERE resolved_at IS NULL;
CREATE INDEX alarms_raised ON alarms (raised_at);
CREATE INDEX alarms_department ON alarms (department, raised_at);

-- 差评整改: one item per rated ticket, however often the rating is replayed.
CREATE TABLE follow_ups (
  id                TEXT PRIMARY KEY,
  ticket_id         TEXT NOT NULL UNIQUE,
  ticket_number     TEXT NOT NULL,
  level             INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  service_code      TEXT NOT NULL,
  department        TEXT,
  window_no         INTEGER,
  staff_id          TEXT,
  owner_id          TEXT,
  opened_at         INTEGER NOT NULL,
  due_day           TEXT NOT NULL,
  callback_reached  INTEGER,
  callback_note     TEXT,
  callback_at       INTEGER,
  callback_by       TEXT,
  rectification     TEXT,
  rectified_at      INTEGER,
  rectified_by      TEXT,
  closed_at         INTEGER,
  closed_by         TEXT,
  appeal_reason     TEXT,
  appeal_at         INTEGER,
  appeal_by         TEXT,
  appeal_upheld     INTEGER,
  appeal_note       TEXT,
  appeal_decided_by TEXT,
  appeal_decided_at INTEGER
);
CREATE INDEX follow_ups_open ON follow_ups (closed_at, due_day);
CREATE INDEX follow_ups_department ON follow_ups (department, opened_at);
