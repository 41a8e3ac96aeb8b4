-- Integrity the database holds on its own, whatever the code does: invariant 1 as unique indexes,
-- append-only logs, and the indexes the hot queries and the start-up load need.

-- Invariant 1: a window has at most one ticket called or being served; a ticket is current at one
-- window at most; a staff member is signed in at one window at most.
CREATE UNIQUE INDEX tickets_one_per_window ON tickets (window_no) WHERE status IN ('called', 'serving');
CREATE UNIQUE INDEX window_state_current ON window_state (current_ticket_id) WHERE current_ticket_id IS NOT NULL;
CREATE UNIQUE INDEX window_state_staff ON window_state (staff_id) WHERE staff_id IS NOT NULL;

-- The status page looks a visit up by its token (every leg of a visit carries the same one);
-- a check-in code names one open booking.
CREATE INDEX tickets_token ON tickets (token);
CREATE UNIQUE INDEX appointments_open_code ON appointments (code) WHERE status = 'booked';

-- Start-up finds the last day.opened without scanning the log; reports read ratings per window and day.
CREATE INDEX event_log_type ON event_log (type, seq);
CREATE INDEX ratings_window ON ratings (window_no, at);
CREATE INDEX tickets_staff_day ON tickets (staff_id, day) WHERE staff_id IS NOT NULL;

-- The audit row also hashes the events it wrote (sha256 of their canonical JSON), so an edited
-- event_log row breaks the chain too. NULL for rows without events and for rows written before 003.
ALTER TABLE audit_log ADD COLUMN events_hash TEXT;
CREATE INDEX audit_log_request ON audit_log (request_id);
-- commands.audit_id: the audit row that recorded the first answer.
ALTER TABLE commands ADD COLUMN audit_id INTEGER REFERENCES audit_log (id);

-- The logs are append-only for the application. Someone with the file can drop these triggers;
-- the hash chain still tells.
CREATE TRIGGER event_log_append_only_u BEFORE UPDATE ON event_log
BEGIN SELECT RAISE(ABORT, 'event_log is append-only'); END;
CREATE TRIGGER event_log_append_only_d BEFORE DELETE ON event_log
BEGIN SELECT RAISE(ABORT, 'event_log is append-only'); END;
CREATE TRIGGER audit_log_append_only_u BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_append_only_d BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
