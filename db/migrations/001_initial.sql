-- The hall model (synced from the hall file), tickets and their legs, appointments, ratings,
-- complaints, the gapless event log, the hash-chained audit log and the idempotency table.

CREATE TABLE departments (
  code   TEXT PRIMARY KEY,
  name   TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE services (
  code              TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  department        TEXT NOT NULL REFERENCES departments (code),
  prefix            TEXT NOT NULL,
  promised_minutes  INTEGER NOT NULL,
  daily_cap         INTEGER NOT NULL,
  active            INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE windows (
  number     INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  department TEXT REFERENCES departments (code),
  active     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE staff (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL,
  department TEXT,
  active     INTEGER NOT NULL DEFAULT 1
);

-- One row per leg of a visit; a transfer ends a leg and starts the next with the same number.
CREATE TABLE tickets (
  id             TEXT PRIMARY KEY,
  visit_id       TEXT NOT NULL,
  leg            INTEGER NOT NULL,
  day            TEXT NOT NULL,
  number         TEXT NOT NULL,
  prefix         TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  service_code   TEXT NOT NULL REFERENCES services (code),
  kind           TEXT NOT NULL,
  status         TEXT NOT NULL,
  lane           TEXT NOT NULL,
  issued_at      INTEGER NOT NULL,
  queued_at      INTEGER NOT NULL,
  rank           REAL NOT NULL,
  target_window  INTEGER,
  due_at         INTEGER,
  appointment_id TEXT,
  kiosk_id       TEXT,
  authorized_by  TEXT,
  window_no      INTEGER,
  staff_id       TEXT,
  called_at      INTEGER,
  started_at     INTEGER,
  ended_at       INTEGER,
  recalls        INTEGER NOT NULL DEFAULT 0,
  reprints       INTEGER NOT NULL DEFAULT 0,
  no_shows       INTEGER NOT NULL DEFAULT 0,
  token          TEXT NOT NULL,
  note           TEXT,
  from_ticket_id TEXT,
  call_reason    TEXT,
  rating_level   INTEGER CHECK (rating_level BETWEEN 1 AND 5),
  rated_at       INTEGER,
  rating_comment TEXT,
  UNIQUE (day, prefix, seq, leg)
);
-- The hot queries: a window's waiting tickets in order, waiting counts per service, a day's tickets.
CREATE INDEX tickets_waiting ON tickets (day, status, service_code, rank);
CREATE INDEX tickets_visit ON tickets (visit_id, leg);
CREATE INDEX tickets_active ON tickets (status) WHERE status IN ('waiting', 'called', 'serving', 'suspended');

CREATE TABLE window_state (
  number                INTEGER PRIMARY KEY REFERENCES windows (number),
  staff_id              TEXT,
  signed_in_at          INTEGER,
  paused_reason         TEXT,
  paused_at             INTEGER,
  current_ticket_id     TEXT,
  normal_since_priority INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE appointments (
  id           TEXT PRIMARY KEY,
  code         TEXT NOT NULL,
  service_code TEXT NOT NULL REFERENCES services (code),
  day          TEXT NOT NULL,
  slot_start   INTEGER NOT NULL,
  slot_minutes INTEGER NOT NULL,
  name_masked  TEXT NOT NULL,
  phone_masked TEXT NOT NULL,
  id_hash      TEXT,
  status       TEXT NOT NULL,
  booked_at    INTEGER NOT NULL,
  ticket_id    TEXT
);
CREATE INDEX appointments_open ON appointments (status, day);
CREATE INDEX appointments_code ON appointments (code);

-- One rating per leg (好差评), bound to the ticket, the staff member and the window.
CREATE TABLE ratings (
  ticket_id    TEXT PRIMARY KEY REFERENCES tickets (id),
  level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  staff_id     TEXT,
  window_no    INTEGER,
  service_code TEXT NOT NULL,
  at           INTEGER NOT NULL,
  comment      TEXT
);
CREATE INDEX ratings_staff ON ratings (staff_id, at);

CREATE TABLE complaints (
  id             TEXT PRIMARY KEY,
  at             INTEGER NOT NULL,
  ticket_id      TEXT,
  window_no      INTEGER,
  staff_id       TEXT,
  text           TEXT NOT NULL,
  contact_masked TEXT,
  recorded_by    TEXT
);

CREATE TABLE service_stats (
  service_code   TEXT PRIMARY KEY,
  avg_service_ms REAL NOT NULL,
  samples        INTEGER NOT NULL
);

-- Every committed change, numbered without gaps: clients replay from here after a reconnect.
CREATE TABLE event_log (
  seq        INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  type       TEXT NOT NULL,
  window_no  INTEGER,
  changes    TEXT NOT NULL,
  request_id TEXT
);

-- Every command and refusal; each row carries the hash of the one before it.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  actor_role TEXT NOT NULL,
  actor_id   TEXT NOT NULL,
  request_id TEXT,
  command    TEXT NOT NULL,
  outcome    TEXT NOT NULL,
  first_seq  INTEGER,
  last_seq   INTEGER,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);

-- A command repeated with the same requestId is answered from here, not applied again.
CREATE TABLE commands (
  request_id TEXT PRIMARY KEY,
  type       TEXT NOT NULL,
  actor      TEXT NOT NULL,
  response   TEXT NOT NULL,
  at         INTEGER NOT NULL
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
