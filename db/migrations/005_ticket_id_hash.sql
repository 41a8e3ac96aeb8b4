-- 一人一号: a ticket taken by swiping a 居民身份证 keeps the salted hash of its ID number (never the
-- number), so a second swipe for the same service the same hall day can be refused after a restart.
ALTER TABLE tickets ADD COLUMN id_hash TEXT CHECK (id_hash IS NULL OR length(id_hash) = 64);
CREATE INDEX tickets_day_id_hash ON tickets (day, id_hash) WHERE id_hash IS NOT NULL;
