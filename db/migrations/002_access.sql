-- Access: paired devices, staff passwords set in the hall (beyond the hall file), sessions.
CREATE TABLE devices (
  id          TEXT PRIMARY KEY,
  role        TEXT NOT NULL CHECK (role IN ('kiosk', 'display', 'agent')),
  name        TEXT NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,
  has_printer INTEGER NOT NULL DEFAULT 1 CHECK (has_printer IN (0, 1)),
  paired_at   INTEGER NOT NULL,
  revoked_at  INTEGER
);

CREATE TABLE staff_passwords (
  staff_id TEXT PRIMARY KEY,
  hash     TEXT NOT NULL,
  set_at   INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id   TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
