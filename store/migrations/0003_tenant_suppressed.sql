-- v3: the domains of each run's tenant (a store keeps one tenant's
-- history: a run of another tenant is refused), and whether each finding
-- was suppressed when last recorded (a finding whose suppression ended is
-- new again).
ALTER TABLE runs ADD COLUMN domains TEXT NOT NULL DEFAULT '[]';
ALTER TABLE findings ADD COLUMN suppressed INTEGER NOT NULL DEFAULT 0;

-- A finding was suppressed if the latest run that listed it said so.
WITH last AS (
	SELECT rf.fingerprint, rf.status,
		ROW_NUMBER() OVER (PARTITION BY rf.fingerprint ORDER BY r.started_at DESC, r.id DESC) AS n
	FROM run_findings rf JOIN runs r ON r.id = rf.run_id
)
UPDATE findings SET suppressed = 1
WHERE fingerprint IN (SELECT fingerprint FROM last WHERE n = 1 AND status = 'suppressed');
