package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// countOlderRuns fills in the exposure counts of the runs recorded before
// the store kept them (counted[i] false), from what the store kept of each
// run: its findings with their severity and status that night
// (run_findings) and the findings it resolved (run_resolved). A finding's
// fingerprint fixes its item and principal, so the grouping is the one the
// run's reports made.
func (s *Store) countOlderRuns(ctx context.Context, runs []report.RunRecord, counted []bool) error {
	for i := range runs {
		if counted[i] {
			continue
		}
		c, err := s.storedExposures(ctx, runs[i].ID)
		if err != nil {
			return fmt.Errorf("run %s: count exposures: %w", runs[i].ID, err)
		}
		runs[i].Exposures = c
	}
	return nil
}

// storedExposures counts a recorded run's exposures from its stored
// findings.
func (s *Store) storedExposures(ctx context.Context, runID string) (report.ExposureCounts, error) {
	entries, err := s.runFindings(ctx, runID)
	if err != nil {
		return report.ExposureCounts{}, err
	}
	d := &report.Document{Findings: make([]model.Finding, 0, len(entries))}
	for _, e := range entries {
		sev, err := model.ParseSeverity(e.Severity)
		if err != nil {
			return report.ExposureCounts{}, fmt.Errorf("finding %s: %w", e.Fingerprint, err)
		}
		d.Findings = append(d.Findings, model.Finding{Fingerprint: e.Fingerprint, CheckID: e.CheckID, Severity: sev,
			Status: e.Status, Resource: e.Resource, Principal: e.Principal})
	}
	if d.Resolved, err = s.runResolved(ctx, runID); err != nil {
		return report.ExposureCounts{}, err
	}
	return report.CountRun(d), nil
}

// runResolved returns the findings a recorded run resolved.
func (s *Store) runResolved(ctx context.Context, runID string) ([]report.Resolved, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT f.fingerprint, f.check_id, f.resource, f.principal
		FROM run_resolved rr JOIN findings f ON f.fingerprint = rr.fingerprint WHERE rr.run_id = ?`, runID)
	if err != nil {
		return nil, fmt.Errorf("read resolved findings: %w", err)
	}
	defer rows.Close()
	out := []report.Resolved{}
	for rows.Next() {
		var r report.Resolved
		var res string
		var prin sql.NullString
		if err := rows.Scan(&r.Fingerprint, &r.CheckID, &res, &prin); err != nil {
			return nil, fmt.Errorf("read resolved findings: %w", err)
		}
		if r.Resource, r.Principal, err = decodeGrant(r.Fingerprint, res, prin); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
