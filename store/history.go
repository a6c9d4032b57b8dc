package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// Finding states in the findings table.
const (
	stateOpen     = "open"
	stateResolved = "resolved"
)

// tracked is a finding the store has seen before.
type tracked struct {
	firstSeen  time.Time
	checkID    string
	resource   model.Resource
	principal  *model.Principal
	suppressed bool // suppressed when last recorded
}

// Pending is a run whose statuses, first_seen dates and resolved list are
// set on its document but which is not recorded yet. Commit records it;
// a run that is never committed (its reports could not be written) leaves
// the history as it was, so the next run still sees its findings as new.
type Pending struct {
	s          *Store
	run        report.Run
	summary    report.Summary
	findings   []model.Finding
	resolved   []report.Resolved
	now        time.Time
	newCount   int
	suppressed int
	apiCalls   int64
	exposures  report.ExposureCounts
	done       bool
}

// Record saves a finished run: Prepare, then Commit.
func (s *Store) Record(ctx context.Context, doc *report.Document, apiCalls int64) error {
	p, err := s.Prepare(ctx, doc, apiCalls)
	if err != nil {
		return err
	}
	return p.Commit(ctx)
}

// Prepare reads the history and marks each finding of doc new, open or
// suppressed (suppressed findings are marked so by the caller), sets its
// first_seen, and fills doc.Resolved with the findings of earlier runs
// that are gone. A finding that was suppressed when last recorded and is
// no longer (its suppression expired or was removed) is new again: it
// turned back on. A finding that disappeared from what the run could not
// see (a user, shared drive, item or form with a coverage gap, or a
// finding of a check that needs the audit log when it was unreadable) is
// not resolved: it stays open until a
// run sees it gone. doc.Run.ID is made unique among recorded runs.
//
// Nothing is written until Commit. A run of another tenant than the
// store's is refused with an *OtherTenantError.
func (s *Store) Prepare(ctx context.Context, doc *report.Document, apiCalls int64) (*Pending, error) {
	now := doc.Run.FinishedAt.UTC()
	if err := s.CheckTenant(ctx, doc.Run.Tenant.PrimaryDomain, doc.Run.Tenant.Domains...); err != nil {
		return nil, err
	}
	var p *Pending
	err := s.tx(ctx, func(tx *sql.Tx) error {
		id, err := uniqueRunID(ctx, tx, doc.Run.ID)
		if err != nil {
			return err
		}
		doc.Run.ID = id
		open, err := openFindings(ctx, tx)
		if err != nil {
			return err
		}
		p = &Pending{s: s, now: now, apiCalls: apiCalls}
		seen := map[string]bool{}
		for i := range doc.Findings {
			f := &doc.Findings[i]
			seen[f.Fingerprint] = true
			first := now
			t, ok := open[f.Fingerprint]
			if ok {
				first = t.firstSeen
			}
			switch {
			case f.Status == model.StatusSuppressed:
				p.suppressed++
			case ok && !t.suppressed:
				f.Status = model.StatusOpen
			default: // never seen, resolved before, or no longer suppressed
				f.Status = model.StatusNew
				p.newCount++
			}
			f.FirstSeen = &first
		}
		covered := coverageOf(doc.Coverage, s.needsAuditLog)
		if ran := doc.Run.Checks; len(ran) > 0 { // a run of some checks sees nothing of the others
			seen := covered
			covered = func(t tracked) bool { return slices.Contains(ran, t.checkID) && seen(t) }
		}
		doc.Resolved = []report.Resolved{} // [] in the JSON: history was consulted
		for fp, t := range open {
			if seen[fp] || !covered(t) {
				continue
			}
			doc.Resolved = append(doc.Resolved, report.Resolved{Fingerprint: fp, CheckID: t.checkID, Resource: t.resource,
				Principal: t.principal, FirstSeen: t.firstSeen, ResolvedAt: now})
		}
		sortResolved(doc.Resolved)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// What is recorded is the document as it is now: later changes to it
	// (localized text) do not reach the store.
	p.run, p.summary = doc.Run, doc.Summary
	p.run.Tenant.Domains = slices.Clone(doc.Run.Tenant.Domains)
	p.findings = slices.Clone(doc.Findings)
	p.resolved = slices.Clone(doc.Resolved)
	p.exposures = report.CountRun(doc)
	return p, nil
}

// Commit records the prepared run. It may be called once.
func (p *Pending) Commit(ctx context.Context) error {
	if p.done {
		return errors.New("record run: already recorded")
	}
	err := p.s.tx(ctx, func(tx *sql.Tx) error {
		for i := range p.findings {
			if err := upsertFinding(ctx, tx, &p.findings[i], p.now); err != nil {
				return err
			}
		}
		for _, r := range p.resolved {
			if _, err := tx.ExecContext(ctx, `UPDATE findings SET status = ?, resolved_at = ? WHERE fingerprint = ?`, stateResolved, ts(p.now), r.Fingerprint); err != nil {
				return fmt.Errorf("resolve finding: %w", err)
			}
		}
		if err := insertRun(ctx, tx, p); err != nil {
			return err
		}
		for _, r := range p.resolved {
			if _, err := tx.ExecContext(ctx, `INSERT INTO run_resolved (run_id, fingerprint) VALUES (?, ?)`, p.run.ID, r.Fingerprint); err != nil {
				return fmt.Errorf("resolve finding: %w", err)
			}
		}
		return nil
	})
	if err == nil {
		p.done = true
	}
	return err
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
	rows, err := tx.QueryContext(ctx, `SELECT fingerprint, check_id, resource, principal, first_seen, suppressed FROM findings WHERE status = ?`, stateOpen)
	if err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	defer rows.Close()
	out := map[string]tracked{}
	for rows.Next() {
		var fp, res, first string
		var prin sql.NullString
		var t tracked
		if err := rows.Scan(&fp, &t.checkID, &res, &prin, &first, &t.suppressed); err != nil {
			return nil, fmt.Errorf("read findings: %w", err)
		}
		if t.resource, t.principal, err = decodeGrant(fp, res, prin); err != nil {
			return nil, err
		}
		t.firstSeen, _ = time.Parse(time.RFC3339Nano, first)
		out[fp] = t
	}
	return out, rows.Err()
}

// decodeGrant reads a stored finding's resource and principal (JSON; the
// principal NULL or "null" when the finding has none).
func decodeGrant(fp, res string, prin sql.NullString) (model.Resource, *model.Principal, error) {
	var r model.Resource
	if err := json.Unmarshal([]byte(res), &r); err != nil {
		return r, nil, fmt.Errorf("finding %s: resource: %w", fp, err)
	}
	if !prin.Valid || prin.String == "" || prin.String == "null" {
		return r, nil, nil
	}
	p := &model.Principal{}
	if err := json.Unmarshal([]byte(prin.String), p); err != nil {
		return r, nil, fmt.Errorf("finding %s: principal: %w", fp, err)
	}
	return r, p, nil
}

func upsertFinding(ctx context.Context, tx *sql.Tx, f *model.Finding, now time.Time) error {
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
	_, err = tx.ExecContext(ctx, `INSERT INTO findings (fingerprint, check_id, severity, resource, principal, first_seen, last_seen, status, resolved_at, data, suppressed)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
		ON CONFLICT (fingerprint) DO UPDATE SET check_id = excluded.check_id, severity = excluded.severity,
			resource = excluded.resource, principal = excluded.principal, first_seen = excluded.first_seen,
			last_seen = excluded.last_seen, status = excluded.status, resolved_at = NULL, data = excluded.data,
			suppressed = excluded.suppressed`,
		f.Fingerprint, f.CheckID, f.Severity.String(), string(res), nullable(prin), ts(*f.FirstSeen), ts(now), stateOpen, string(data),
		f.Status == model.StatusSuppressed)
	if err != nil {
		return fmt.Errorf("save finding: %w", err)
	}
	return nil
}

func insertRun(ctx context.Context, tx *sql.Tx, p *Pending) error {
	sum, err := json.Marshal(p.summary)
	if err != nil {
		return err
	}
	domains := p.run.Tenant.Domains
	if domains == nil {
		domains = []string{}
	}
	doms, err := json.Marshal(domains)
	if err != nil {
		return err
	}
	exps, err := json.Marshal(p.exposures)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO runs (id, started_at, finished_at, mode, tenant, findings, summary, new_count, resolved_count, suppressed_count, api_calls, domains, exposures)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.run.ID, ts(p.run.StartedAt), ts(p.run.FinishedAt), p.run.Mode, p.run.Tenant.PrimaryDomain,
		len(p.findings), string(sum), p.newCount, len(p.resolved), p.suppressed, p.apiCalls, string(doms), string(exps))
	if err != nil {
		return fmt.Errorf("save run: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO run_findings (run_id, fingerprint, severity, status) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, f := range p.findings {
		if _, err := stmt.ExecContext(ctx, p.run.ID, f.Fingerprint, f.Severity.String(), f.Status); err != nil {
			return fmt.Errorf("save run findings: %w", err)
		}
	}
	return nil
}

// coverageOf returns whether a vanished finding was within what the run
// saw, judged from the run's coverage gaps.
func coverageOf(cov model.Coverage, needsAuditLog func(string) bool) func(tracked) bool {
	users, drives, items, groups := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	auditLog := false
	for _, g := range cov.Gaps {
		switch g.Scope {
		case model.ScopeUser:
			users[g.ID] = true
		case model.ScopeSharedDrive:
			drives[g.ID] = true
		case model.ScopeItem, model.ScopeForm:
			items[g.ID] = true
		case model.ScopeAuditLog:
			auditLog = true
		case model.ScopeGroup:
			groups[g.ID] = true
		}
	}
	return func(t tracked) bool {
		r := t.resource
		switch {
		case items[r.ID], r.Owner != "" && users[r.Owner]:
			return false
		case r.Kind == model.KindGroup && (groups[r.ID] || groups["*"]):
			return false
		case r.DriveID != "" && (drives[r.DriveID] || drives["*"]):
			return false
		case auditLog && needsAuditLog != nil && needsAuditLog(t.checkID):
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
