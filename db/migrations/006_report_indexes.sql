-- Reports (issue 14) read date ranges: a range of hall days of tickets uses the UNIQUE (day, …)
-- index already; bookings by day and complaints by instant need their own. Adding an index to an
-- existing file changes no row.
CREATE INDEX appointments_day ON appointments (day);
CREATE INDEX complaints_at ON complaints (at);
