-- Which windows and kiosks an agent (a hall PC, a rating pad) may serve: its LED displays, keypads
-- and caller keypads only for its windows, its printers only for its kiosks. Set when the agent is
-- paired, changed by an administrator. An agent without rows serves nothing.
-- No foreign key to windows: a hall file may renumber its windows; a binding to a window the hall
-- no longer has serves nothing.
CREATE TABLE agent_windows (
  agent_id  TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  window_no INTEGER NOT NULL CHECK (window_no > 0),
  PRIMARY KEY (agent_id, window_no)
) WITHOUT ROWID;

CREATE TABLE agent_kiosks (
  agent_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  kiosk_id TEXT NOT NULL CHECK (length(kiosk_id) BETWEEN 1 AND 64),
  PRIMARY KEY (agent_id, kiosk_id)
) WITHOUT ROWID;
