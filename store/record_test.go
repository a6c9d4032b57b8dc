package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
	"github.com/gwsaudit/gwsaudit/store"
)

// fileFinding is a SHARE-002 finding on a file.
func fileFinding(id string) model.Finding {
	p := &model.Principal{Type: model.TypeAnyone, Role: "reader"}
	return model.Finding{Fingerprint: model.Fingerprint("SHARE-002", id, p), CheckID: "SHARE-002", Severity: model.High,
		Resource: model.Resource{Kind: model.KindFile, ID: id, Name: id}, Principal: p}
}

// tenantDoc is a report of one run of tenant primary at day n.
func tenantDoc(primary string, day int, fs ...model.Finding) *report.Document {
	at := time.Date(2026, 11, day, 2, 0, 0, 0, time.UTC)
	return report.New(report.Run{ID: at.Format("20060102T150405Z"), StartedAt: at, FinishedAt: at, Mode: report.ModeFull,
		Tenant: report.Tenant{PrimaryDomain: primary, Domains: []string{primary}}}, model.Coverage{}, fs)
}

func statuses(doc *report.Document) map[string]string {
	out := map[string]string{}
	for _, f := range doc.Findings {
		out[f.Resource.ID] = f.Status
	}
	return out
}

// TestOtherTenantRefused: a store keeps one tenant's history. A run of
// another tenant is refused, naming both tenants and --store, and leaves
// the first tenant's findings open (before, it resolved them all, and the
// first tenant's next run reported them all as new).
func TestOtherTenantRefused(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	if err := st.Record(ctx, tenantDoc("city.example.jp", 1, fileFinding("city-doc")), 0); err != nil {
		t.Fatal(err)
	}

	school := tenantDoc("school.example.jp", 2, fileFinding("school-doc"))
	err := st.Record(ctx, school, 0)
	var ote *store.OtherTenantError
	if !errors.Is(err, store.ErrOtherTenant) || !errors.As(err, &ote) {
		t.Fatalf("run of another tenant: %v", err)
	}
	for _, want := range []string{"city.example.jp", "school.example.jp", "--store", filepath.Join(filepath.Dir(st.Path()), "school.example.jp.db")} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if runs, _ := st.Runs(ctx, 0); len(runs) != 1 {
		t.Errorf("the refused run was recorded: %+v", runs)
	}

	// Before the audit, from the admin's domain alone.
	if err := st.CheckTenant(ctx, "school.example.jp"); !errors.Is(err, store.ErrOtherTenant) {
		t.Errorf("admin of another tenant: %v", err)
	}
	for _, ok := range []string{"city.example.jp", "CITY.example.jp", ""} {
		if err := st.CheckTenant(ctx, ok); err != nil {
			t.Errorf("CheckTenant(%q): %v", ok, err)
		}
	}

	again := tenantDoc("city.example.jp", 3, fileFinding("city-doc"))
	if err := st.Record(ctx, again, 0); err != nil {
		t.Fatal(err)
	}
	if s := statuses(again); s["city-doc"] != model.StatusOpen || again.Resolved == nil || len(again.Resolved) != 0 {
		t.Errorf("the first tenant's next run: %v, resolved %#v (want [], not nil: history was consulted)", s, again.Resolved)
	}

	// The same tenant under a new primary domain shares its old domain.
	renamed := tenantDoc("city.example.lg.jp", 4, fileFinding("city-doc"))
	renamed.Run.Tenant.Domains = []string{"city.example.lg.jp", "city.example.jp"}
	if err := st.Record(ctx, renamed, 0); err != nil {
		t.Errorf("renamed primary domain: %v", err)
	}
	if p, doms, err := st.TenantOf(ctx); err != nil || p != "city.example.lg.jp" || len(doms) != 2 {
		t.Errorf("TenantOf = %q %v %v", p, doms, err)
	}

	// A new store takes any tenant.
	if err := openStore(t).CheckTenant(ctx, "school.example.jp"); err != nil {
		t.Errorf("empty store: %v", err)
	}
}

// TestDiffOtherTenants: a store that already mixed two tenants (before
// runs of another tenant were refused) does not compare their runs.
func TestDiffOtherTenants(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	writeV1(t, path)
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`INSERT INTO runs VALUES ('20261102T020000Z', '2026-11-02T02:00:00Z', '2026-11-02T02:10:00Z', 'full', 'school.example.jp', 0,
			'{"critical":0,"high":0,"medium":0,"low":0,"info":0}')`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	runs, err := st.Runs(ctx, 0)
	if err != nil || len(runs) != 2 || runs[0].Tenant != "school.example.jp" || len(runs[0].Domains) != 1 {
		t.Fatalf("runs: %+v %v", runs, err)
	}
	if _, err := st.Diff(ctx, "previous", "latest"); err == nil || !strings.Contains(err.Error(), "different tenants") ||
		!strings.Contains(err.Error(), "city.example.jp") || !strings.Contains(err.Error(), "school.example.jp") {
		t.Errorf("diff across tenants: %v", err)
	}
}

// TestSuppressionEnded: a finding that was suppressed and no longer is
// (its suppression expired) turned back on: it is new, counted as new,
// and keeps the date it was first seen.
func TestSuppressionEnded(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	suppressed := fileFinding("doc-1")
	suppressed.Status = model.StatusSuppressed
	first := tenantDoc("city.example.jp", 1, suppressed, fileFinding("doc-2"))
	if err := st.Record(ctx, first, 0); err != nil {
		t.Fatal(err)
	}

	second := tenantDoc("city.example.jp", 2, fileFinding("doc-1"), fileFinding("doc-2"))
	second.Findings[0].Evidence = map[string]any{"suppression_expired": "2026-11-01"}
	if err := st.Record(ctx, second, 0); err != nil {
		t.Fatal(err)
	}
	s := statuses(second)
	if s["doc-1"] != model.StatusNew || s["doc-2"] != model.StatusOpen {
		t.Errorf("after the suppression ended: %v, want doc-1 new and doc-2 open", s)
	}
	if f := second.Findings[0]; f.Resource.ID == "doc-1" && !f.FirstSeen.Equal(first.Run.FinishedAt) {
		t.Errorf("doc-1 first_seen %v, want the first run's %v", f.FirstSeen, first.Run.FinishedAt)
	}
	runs, err := st.Runs(ctx, 1)
	if err != nil || runs[0].New != 1 || runs[0].Suppressed != 0 {
		t.Errorf("run counts: %+v %v", runs, err)
	}

	third := tenantDoc("city.example.jp", 3, fileFinding("doc-1"))
	if err := st.Record(ctx, third, 0); err != nil {
		t.Fatal(err)
	}
	if s := statuses(third); s["doc-1"] != model.StatusOpen {
		t.Errorf("the run after: %v, want open", s)
	}
}

// TestSuppressionEndedAcrossMigration: a finding suppressed in a store of
// the previous schema is new once its suppression ends after the upgrade.
func TestSuppressionEndedAcrossMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v2.db")
	writeV1(t, path)
	v2, err := os.ReadFile("migrations/0002_incremental.sql")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{string(v2), `UPDATE schema_version SET version = 2`,
		`UPDATE run_findings SET status = 'suppressed' WHERE fingerprint = 'fp-still'`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("v2 fixture: %v", err)
		}
	}
	db.Close()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	f := model.Finding{Fingerprint: "fp-still", CheckID: "SHARE-002", Severity: model.High,
		Resource: model.Resource{Kind: model.KindFile, ID: "doc-1", Owner: "sato@city.example.jp"}, Principal: &model.Principal{Type: "anyone"}}
	doc := tenantDoc("city.example.jp", 2, f)
	if err := st.Record(ctx, doc, 0); err != nil {
		t.Fatal(err)
	}
	if doc.Findings[0].Status != model.StatusNew {
		t.Errorf("status %q, want new", doc.Findings[0].Status)
	}
}

// TestPrepareWithoutCommit: a prepared run that is never committed (its
// reports could not be written) leaves no trace: the next run's findings
// are still new.
func TestPrepareWithoutCommit(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	doc := tenantDoc("city.example.jp", 1, fileFinding("doc-1"))
	if _, err := st.Prepare(ctx, doc, 7); err != nil {
		t.Fatal(err)
	}
	if s := statuses(doc); s["doc-1"] != model.StatusNew || doc.Findings[0].FirstSeen == nil {
		t.Fatalf("prepared statuses: %v", s)
	}
	// Not committed.
	next := tenantDoc("city.example.jp", 2, fileFinding("doc-1"))
	p2, err := st.Prepare(ctx, next, 0)
	if err != nil {
		t.Fatal(err)
	}
	if s := statuses(next); s["doc-1"] != model.StatusNew {
		t.Errorf("after an uncommitted run: %v, want new", s)
	}
	if runs, _ := st.Runs(ctx, 0); len(runs) != 0 {
		t.Errorf("runs recorded without Commit: %+v", runs)
	}
	// Localizing the document after Prepare does not change what is recorded.
	next.Findings[0].Title = "localized"
	if err := p2.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := p2.Commit(ctx); err == nil {
		t.Error("a second Commit should fail")
	}
	runs, err := st.Runs(ctx, 0)
	if err != nil || len(runs) != 1 || runs[0].ID != next.Run.ID || runs[0].New != 1 || runs[0].Domains[0] != "city.example.jp" {
		t.Errorf("runs: %+v %v", runs, err)
	}
}

// TestFileModes: the database, its -wal and -shm files and the lock are
// readable by the owner alone, also for a store created with a looser mode.
func TestFileModes(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	check := func(path string) {
		t.Helper()
		st, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if err := st.Record(ctx, tenantDoc("city.example.jp", 1, fileFinding("doc-1")), 0); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{path, path + "-wal", path + "-shm", path + ".lock"} {
			fi, err := os.Stat(p)
			if err != nil {
				t.Errorf("%s: %v", filepath.Base(p), err)
				continue
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s: mode %o, want 600", filepath.Base(p), fi.Mode().Perm())
			}
		}
	}
	check(filepath.Join(dir, "new.db"))

	old := filepath.Join(dir, "old.db")
	writeV1(t, old) // as earlier versions left it: SQLite's default mode
	if err := os.Chmod(old, 0o644); err != nil {
		t.Fatal(err)
	}
	check(old)
}

// TestCheckAdminOnUpgradedStore: a store whose runs predate recorded
// domains knows only the primary one, so an admin on another of the
// tenant's domains is let through before the audit (the run's own domains
// are checked before it is recorded); once domains are recorded, an admin
// of another tenant is refused up front.
func TestCheckAdminOnUpgradedStore(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	old := tenantDoc("city.example.jp", 1, fileFinding("city-doc"))
	old.Run.Tenant.Domains = nil // what a store before schema 3 recorded
	if err := st.Record(ctx, old, 0); err != nil {
		t.Fatal(err)
	}
	if err := st.CheckAdmin(ctx, "city-example.lg.jp"); err != nil {
		t.Errorf("admin on a secondary domain, domains unrecorded: %v", err)
	}
	now := tenantDoc("city.example.jp", 2, fileFinding("city-doc"))
	now.Run.Tenant.Domains = []string{"city.example.jp", "city-example.lg.jp"}
	if err := st.Record(ctx, now, 0); err != nil {
		t.Fatal(err)
	}
	if err := st.CheckAdmin(ctx, "city-example.lg.jp"); err != nil {
		t.Errorf("admin on a recorded secondary domain: %v", err)
	}
	if err := st.CheckAdmin(ctx, "school.example.jp"); !errors.Is(err, store.ErrOtherTenant) {
		t.Errorf("admin of another tenant: %v", err)
	}
}

// A run of some checks (--checks) resolves none of the other checks'
// findings: it did not look for them.
func TestRunOfSomeChecksResolvesNoOthers(t *testing.T) {
	srv := serve(t, scenarioTenant())
	opts := options(srv)
	st := openStore(t)
	first := record(t, st, fullRun(t, st, opts), "run-1")
	if len(first.Findings) == 0 {
		t.Fatal("the scenario has no findings")
	}
	only := opts
	only.Checks = []string{"FORM-001"}
	only.Now = func() time.Time { return testNow.Add(time.Hour) }
	res := fullRun(t, st, only)
	doc := report.New(report.Run{ID: "run-2", StartedAt: res.StartedAt, FinishedAt: res.FinishedAt, Mode: report.ModeFull,
		Tenant: report.Tenant{PrimaryDomain: res.PrimaryDomain}, Checks: only.Checks}, res.Coverage, res.Findings)
	if err := st.Record(context.Background(), doc, 0); err != nil {
		t.Fatal(err)
	}
	for _, f := range doc.Findings {
		if f.CheckID != "FORM-001" {
			t.Errorf("a FORM-001-only run reported %s", f.CheckID)
		}
	}
	if len(doc.Resolved) != 0 {
		t.Errorf("a FORM-001-only run resolved %d findings of other checks: %+v", len(doc.Resolved), doc.Resolved)
	}
}
