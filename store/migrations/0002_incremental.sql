-- v2: per-run counts, the last finding document, resolved findings per
-- run, and the inventory incremental runs continue from.
ALTER TABLE runs ADD COLUMN new_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN resolved_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN suppressed_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN api_calls INTEGER NOT NULL DEFAULT 0;
ALTER TABLE findings ADD COLUMN data TEXT;

CREATE TABLE run_resolved (
	run_id      TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	fingerprint TEXT NOT NULL,
	PRIMARY KEY (run_id, fingerprint)
);

-- One row per Drive item (and shared drive) the last runs saw; data is
-- the checks.Item as JSON.
CREATE TABLE items (
	id           TEXT PRIMARY KEY,
	task         TEXT NOT NULL,
	parent       TEXT NOT NULL DEFAULT '',
	linked_sheet TEXT NOT NULL DEFAULT '',
	gen          INTEGER NOT NULL,
	data         BLOB NOT NULL
);
CREATE INDEX items_task ON items(task);
CREATE INDEX items_parent ON items(parent);
CREATE INDEX items_sheet ON items(linked_sheet);

-- Drive changes tokens of completely walked users and shared drives.
CREATE TABLE tasks (
	key     TEXT PRIMARY KEY,
	kind    TEXT NOT NULL,
	id      TEXT NOT NULL,
	as_user TEXT NOT NULL,
	token   TEXT NOT NULL
);

-- Item and form coverage gaps of the inventory, replayed by incremental runs.
CREATE TABLE item_gaps (
	scope TEXT NOT NULL,
	id    TEXT NOT NULL,
	code  TEXT NOT NULL,
	task  TEXT NOT NULL,
	data  TEXT NOT NULL,
	PRIMARY KEY (scope, id, code)
);

CREATE TABLE state (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
