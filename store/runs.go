package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// Run references besides IDs.
const (
	RefLatest   = "latest"
	RefPrevious = "previous"
)

// ErrNoRun means a run reference matched no recorded run.
var ErrNoRun = errors.New("no such run")

const runColumns = `id, started_at, finished_at, mode, tenant, findings, summary, new_count, resolved_count, suppressed_count, api_calls, domains, exposures`

// Runs returns the recorded runs, newest first; limit ≤ 0 means all.
func (s *Store) Runs(ctx context.Context, limit int) ([]report.RunRecord, error) {
	q := `SELECT ` + runColumns + ` FROM runs ORDER BY started_at DESC, id DESC`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	var out []report.RunRecord
	var counted []bool
	for rows.Next() {
		r, ok, err := scanRun(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out, counted = append(out, r), append(counted, ok)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	return out, s.countOlderRuns(ctx, out, counted)
}

// scanRun reads a runs row; counted is false for a run recorded before
// the store kept exposure counts (countOlderRuns fills them in).
func scanRun(row interface{ Scan(...any) error }) (r report.RunRecord, counted bool, err error) {
	var started, finished, summary, domains string
	var exps sql.NullString
	if err := row.Scan(&r.ID, &started, &finished, &r.Mode, &r.Tenant, &r.Findings, &summary, &r.New, &r.Resolved, &r.Suppressed, &r.APICalls, &domains, &exps); err != nil {
		return r, false, fmt.Errorf("read run: %w", err)
	}
	r.Domains = tenantDomains(r.Tenant, domains)
	r.StartedAt, _ = time.Parse(time.RFC3339Nano, started)
	r.FinishedAt, _ = time.Parse(time.RFC3339Nano, finished)
	if err := json.Unmarshal([]byte(summary), &r.Summary); err != nil {
		return r, false, fmt.Errorf("run %s: summary: %w", r.ID, err)
	}
	if !exps.Valid {
		return r, false, nil
	}
	if err := json.Unmarshal([]byte(exps.String), &r.Exposures); err != nil {
		return r, false, fmt.Errorf("run %s: exposure counts: %w", r.ID, err)
	}
	return r, true, nil
}

// Run resolves a reference: a run ID, a unique ID prefix, "latest" or
// "previous".
func (s *Store) Run(ctx context.Context, ref string) (report.RunRecord, error) {
	switch ref {
	case RefLatest, RefPrevious:
		runs, err := s.Runs(ctx, 2)
		if err != nil {
			return report.RunRecord{}, err
		}
		i := 0
		if ref == RefPrevious {
			i = 1
		}
		if len(runs) <= i {
			return report.RunRecord{}, &usererr.Error{Key: usererr.TooFewRuns, Args: []any{ref, len(runs)}, Sentinel: ErrNoRun}
		}
		return runs[i], nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+runColumns+` FROM runs WHERE id = ? OR substr(id, 1, ?) = ? ORDER BY id = ? DESC LIMIT 2`,
		ref, len(ref), ref, ref)
	if err != nil {
		return report.RunRecord{}, fmt.Errorf("read run: %w", err)
	}
	var found []report.RunRecord
	var counted []bool
	for rows.Next() {
		r, ok, err := scanRun(rows)
		if err != nil {
			rows.Close()
			return report.RunRecord{}, err
		}
		found, counted = append(found, r), append(counted, ok)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return report.RunRecord{}, fmt.Errorf("read run: %w", err)
	}
	switch {
	case len(found) == 0:
		return report.RunRecord{}, &usererr.Error{Key: usererr.NoSuchRun, Args: []any{ref}, Sentinel: ErrNoRun}
	case found[0].ID == ref || len(found) == 1:
		err := s.countOlderRuns(ctx, found[:1], counted[:1])
		return found[0], err
	}
	return report.RunRecord{}, &usererr.Error{Key: usererr.RunAmbiguous, Args: []any{ref}, Sentinel: ErrNoRun}
}

// Diff compares two recorded runs.
func (s *Store) Diff(ctx context.Context, fromRef, toRef string) (*report.Diff, error) {
	from, err := s.Run(ctx, fromRef)
	if err != nil {
		return nil, err
	}
	to, err := s.Run(ctx, toRef)
	if err != nil {
		return nil, err
	}
	if !sameTenant(from, to) {
		return nil, usererr.New(usererr.DiffOtherTenants, from.ID, from.Tenant, to.ID, to.Tenant)
	}
	a, err := s.runFindings(ctx, from.ID)
	if err != nil {
		return nil, err
	}
	b, err := s.runFindings(ctx, to.ID)
	if err != nil {
		return nil, err
	}
	d := &report.Diff{From: from, To: to, Added: []report.DiffEntry{}, Removed: []report.DiffEntry{}, Changed: []report.DiffEntry{}}
	for fp, e := range b {
		old, ok := a[fp]
		switch {
		case !ok:
			d.Added = append(d.Added, e)
		case old.Severity != e.Severity || (old.Status == model.StatusSuppressed) != (e.Status == model.StatusSuppressed):
			e.OldSeverity = old.Severity
			d.Changed = append(d.Changed, e)
		}
	}
	for fp, e := range a {
		if _, ok := b[fp]; !ok {
			d.Removed = append(d.Removed, e)
		}
	}
	for _, l := range [][]report.DiffEntry{d.Added, d.Removed, d.Changed} {
		slices.SortFunc(l, func(x, y report.DiffEntry) int {
			return cmp.Or(cmp.Compare(x.CheckID, y.CheckID), strings.Compare(x.Resource.Path, y.Resource.Path), cmp.Compare(x.Fingerprint, y.Fingerprint))
		})
	}
	d.Exposures = report.CountDiff(d)
	return d, nil
}

// sameTenant reports whether two runs audited the same tenant: they share
// a domain, or either tenant is unknown.
func sameTenant(a, b report.RunRecord) bool {
	if len(a.Domains) == 0 || len(b.Domains) == 0 {
		return true
	}
	for _, d := range a.Domains {
		if slices.ContainsFunc(b.Domains, func(e string) bool { return strings.EqualFold(d, e) }) {
			return true
		}
	}
	return false
}

// runFindings returns a run's findings with what the store knows of each.
func (s *Store) runFindings(ctx context.Context, runID string) (map[string]report.DiffEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT rf.fingerprint, rf.severity, rf.status, f.check_id, f.resource, f.principal
		FROM run_findings rf JOIN findings f ON f.fingerprint = rf.fingerprint WHERE rf.run_id = ?`, runID)
	if err != nil {
		return nil, fmt.Errorf("read run findings: %w", err)
	}
	defer rows.Close()
	out := map[string]report.DiffEntry{}
	for rows.Next() {
		var e report.DiffEntry
		var res string
		var prin sql.NullString
		if err := rows.Scan(&e.Fingerprint, &e.Severity, &e.Status, &e.CheckID, &res, &prin); err != nil {
			return nil, fmt.Errorf("read run findings: %w", err)
		}
		if e.Resource, e.Principal, err = decodeGrant(e.Fingerprint, res, prin); err != nil {
			return nil, err
		}
		out[e.Fingerprint] = e
	}
	return out, rows.Err()
}
