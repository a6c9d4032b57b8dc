-- v1: run history. Every finding seen, with when it was first and last
-- seen, and which runs saw it.
CREATE TABLE runs (
	id          TEXT PRIMARY KEY,
	started_at  TEXT NOT NULL,
	finished_at TEXT NOT NULL,
	mode        TEXT NOT NULL,
	tenant      TEXT NOT NULL,
	findings    INTEGER NOT NULL,
	summary     TEXT NOT NULL
);
CREATE INDEX runs_started ON runs(started_at);

CREATE TABLE findings (
	fingerprint TEXT PRIMARY KEY,
	check_id    TEXT NOT NULL,
	severity    TEXT NOT NULL,
	resource    TEXT NOT NULL,
	principal   TEXT,
	first_seen  TEXT NOT NULL,
	last_seen   TEXT NOT NULL,
	status      TEXT NOT NULL,
	resolved_at TEXT
);
CREATE INDEX findings_status ON findings(status);

CREATE TABLE run_findings (
	run_id      TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	fingerprint TEXT NOT NULL,
	severity    TEXT NOT NULL,
	status      TEXT NOT NULL,
	PRIMARY KEY (run_id, fingerprint)
);
