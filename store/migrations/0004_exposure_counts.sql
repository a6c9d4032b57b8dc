-- v4: each run's counts by exposure (one per grant or setting, as its
-- human reports counted), as JSON (report.ExposureCounts). NULL for runs
-- recorded before: history counts them from run_findings and
-- run_resolved.
ALTER TABLE runs ADD COLUMN exposures TEXT;
