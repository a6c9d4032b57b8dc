package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/report"
)

// Finding states in the findings table.
const (
	stateOpen     = "open"
	stateResolved = "resolved"
)

// RunRecord is one recorded run, as `gwsaudit history` lists it.
type RunRecord struct {
	ID         string         `json:"id"`
	StartedAt  time.Time      `json:"started_at"`
	FinishedAt time.Time      `json:"finished_at"`
	Mode       string         `json:"mode"`
	Tenant     string         `json:"tenant"`
	Findings   int            `json:"findings"`
	New        int            `json:"new"`
	Resolved   int            `json:"resolved"`
	Suppressed int            `json:"suppressed"`
	APICalls   int64          `json:"api_calls"`
	Summary    report.Summary `json:"summary"`
}

// tracked is a finding the store has seen before.
type tracked struct {
	firstSeen time.Time
	checkID   string
	resource  checks.Resource
	principal *checks.Principal
}

// Record saves a finished run. It marks each finding of doc new or open
// (a finding already marked suppressed stays so), sets its first_seen,
// and fills doc.Resolved with the findings of earlier runs that are gone.
// A finding that disappeared from what the run could not see (a user,
// shared drive, item or form with a coverage gap, or SHARE-007 without
// the audit log) is not resolved: it stays open until a run sees it gone.
// doc.Run.ID is made unique among recorded runs.
func (s *Store) Record(ctx context.Context, doc *report.Document, apiCalls int64) error {
	now := doc.Run.FinishedAt.UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := uniqueRunID(ctx, tx, doc.Run.ID)
		if err != nil {
			return err
		}
		doc.Run.ID = id
		open, err := openFindings(ctx, tx)
		if err != nil {
			return err
		}
		var counts struct{ new, suppressed int }
		seen := map[string]bool{}
		for i := range doc.Findings {
			f := &doc.Findings[i]
			seen[f.Fingerprint] = true
			first := now
			if t, ok := open[f.Fingerprint]; ok {
				first = t.firstSeen
				if f.Status != checks.StatusSuppressed {
					f.Status = checks.StatusOpen
				}
			} else if f.Status != checks.StatusSuppressed {
				f.Status = checks.StatusNew
				counts.new++
			}
			if f.Status == checks.StatusSuppressed {
				counts.suppressed++
			}
			f.FirstSeen = &first
			if err := upsertFinding(ctx, tx, f, now); err != nil {
				return err
			}
		}
		covered := coverageOf(doc.Coverage)
		doc.Resolved = nil
		for fp, t := range open {
			if seen[fp] || !covered(t) {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE findings SET status = ?, resolved_at = ? WHERE fingerprint = ?`, stateResolved, ts(now), fp); err != nil {
				return fmt.Errorf("resolve finding: %w", err)
			}
			doc.Resolved = append(doc.Resolved, report.Resolved{Fingerprint: fp, CheckID: t.checkID, Resource: t.resource,
				Principal: t.principal, FirstSeen: t.firstSeen, ResolvedAt: now})
		}
		sortResolved(doc.Resolved)
		if err := insertRun(ctx, tx, doc, counts.new, counts.suppressed, apiCalls); err != nil {
			return err
		}
		for _, r := range doc.Resolved {
			if _, err := tx.ExecContext(ctx, `INSERT INTO run_resolved (run_id, fingerprint) VALUES (?, ?)`, id, r.Fingerprint); err != nil {
				return fmt.Errorf("resolve finding: %w", err)
			}
		}
		return nil
	})
}

func uniqueRunID(ctx context.Context, tx *sql.Tx, base string) (string, error) {
	if base == "" {
		base = "run"
	}
	id := base
	for n := 2; ; n++ {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM runs WHERE id = ?`, id).Scan(&one)
		if err == sql.ErrNoRows {
			return id, nil
		}
		if err != nil {
			return "", fmt.Errorf("run id: %w", err)
		}
		id = fmt.Sprintf("%s-%d", base, n)
	}
}

// openFindings returns the findings still open, by fingerprint.
func openFindings(ctx context.Context, tx *sql.Tx) (map[string]tracked, error) {
	rows, err := tx.QueryContext(ctx, `SELECT fingerprint, check_id, resource, principal, first_seen FROM findings WHERE status = ?`, stateOpen)
	if err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	defer rows.Close()
	out := map[string]tracked{}
	for rows.Next() {
		var fp, res, first string
		var prin sql.NullString
		var t tracked
		if err := rows.Scan(&fp, &t.checkID, &res, &prin, &first); err != nil {
			return nil, fmt.Errorf("read findings: %w", err)
		}
		if err := json.Unmarshal([]byte(res), &t.resource); err != nil {
			return nil, fmt.Errorf("finding %s: resource: %w", fp, err)
		}
		if prin.Valid && prin.String != "" && prin.String != "null" {
			t.principal = &checks.Principal{}
			if err := json.Unmarshal([]byte(prin.String), t.principal); err != nil {
				return nil, fmt.Errorf("finding %s: principal: %w", fp, err)
			}
		}
		t.firstSeen, _ = time.Parse(time.RFC3339Nano, first)
		out[fp] = t
	}
	return out, rows.Err()
}

func upsertFinding(ctx context.Context, tx *sql.Tx, f *checks.Finding, now time.Time) error {
	res, err := json.Marshal(f.Resource)
	if err != nil {
		return err
	}
	var prin []byte
	if f.Principal != nil {
		if prin, err = json.Marshal(f.Principal); err != nil {
			return err
		}
	}
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO findings (fingerprint, check_id, severity, resource, principal, first_seen, last_seen, status, resolved_at, data)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)
		ON CONFLICT (fingerprint) DO UPDATE SET check_id = excluded.check_id, severity = excluded.severity,
			resource = excluded.resource, principal = excluded.principal, first_seen = excluded.first_seen,
			last_seen = excluded.last_seen, status = excluded.status, resolved_at = NULL, data = excluded.data`,
		f.Fingerprint, f.CheckID, f.Severity.String(), string(res), nullable(prin), ts(*f.FirstSeen), ts(now), stateOpen, string(data))
	if err != nil {
		return fmt.Errorf("save finding: %w", err)
	}
	return nil
}

func insertRun(ctx context.Context, tx *sql.Tx, doc *report.Document, newCount, suppressed int, apiCalls int64) error {
	sum, err := json.Marshal(doc.Summary)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO runs (id, started_at, finished_at, mode, tenant, findings, summary, new_count, resolved_count, suppressed_count, api_calls)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		doc.Run.ID, ts(doc.Run.StartedAt), ts(doc.Run.FinishedAt), doc.Run.Mode, doc.Run.Tenant.PrimaryDomain,
		len(doc.Findings), string(sum), newCount, len(doc.Resolved), suppressed, apiCalls)
	if err != nil {
		return fmt.Errorf("save run: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO run_findings (run_id, fingerprint, severity, status) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, f := range doc.Findings {
		if _, err := stmt.ExecContext(ctx, doc.Run.ID, f.Fingerprint, f.Severity.String(), f.Status); err != nil {
			return fmt.Errorf("save run findings: %w", err)
		}
	}
	return nil
}

// coverageOf returns whether a vanished finding was within what the run
// saw, judged from the run's coverage gaps.
func coverageOf(cov checks.Coverage) func(tracked) bool {
	users, drives, items := map[string]bool{}, map[string]bool{}, map[string]bool{}
	auditLog := false
	for _, g := range cov.Gaps {
		switch g.Scope {
		case checks.ScopeUser:
			users[g.ID] = true
		case checks.ScopeSharedDrive:
			drives[g.ID] = true
		case checks.ScopeItem, checks.ScopeForm:
			items[g.ID] = true
		case checks.ScopeAuditLog:
			auditLog = true
		}
	}
	return func(t tracked) bool {
		r := t.resource
		switch {
		case items[r.ID], r.Owner != "" && users[r.Owner]:
			return false
		case r.DriveID != "" && (drives[r.DriveID] || drives["*"]):
			return false
		case t.checkID == "SHARE-007" && auditLog:
			return false
		}
		return true
	}
}

func ts(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func nullable(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

// sortResolved orders resolved findings like a report's findings: by
// check, path and fingerprint.
func sortResolved(rs []report.Resolved) {
	slices.SortFunc(rs, func(a, b report.Resolved) int {
		return cmp.Or(cmp.Compare(a.CheckID, b.CheckID), cmp.Compare(a.Resource.Path, b.Resource.Path), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
}
