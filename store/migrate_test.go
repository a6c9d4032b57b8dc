package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
	"github.com/gwsaudit/gwsaudit/store"
)

// writeV1 writes a store as the first schema left it: one run with two
// open findings.
func writeV1(t *testing.T, path string) {
	t.Helper()
	ddl, err := os.ReadFile("testdata/v1.sql")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{string(ddl),
		`CREATE TABLE schema_version (version INTEGER NOT NULL)`, `INSERT INTO schema_version VALUES (1)`,
		`INSERT INTO runs VALUES ('20261101T020000Z', '2026-11-01T02:00:00Z', '2026-11-01T02:10:00Z', 'full', 'city.example.jp', 2,
			'{"critical":0,"high":2,"medium":0,"low":0,"info":0}')`,
		`INSERT INTO findings VALUES ('fp-still', 'SHARE-002', 'high', '{"kind":"file","id":"doc-1","owner":"sato@city.example.jp"}',
			'{"type":"anyone"}', '2026-10-01T02:00:00Z', '2026-11-01T02:00:00Z', 'open', NULL)`,
		`INSERT INTO findings VALUES ('fp-gone', 'SHARE-002', 'high', '{"kind":"file","id":"doc-2","owner":"sato@city.example.jp"}',
			'{"type":"anyone"}', '2026-10-15T02:00:00Z', '2026-11-01T02:00:00Z', 'open', NULL)`,
		`INSERT INTO run_findings VALUES ('20261101T020000Z', 'fp-still', 'high', 'open'), ('20261101T020000Z', 'fp-gone', 'high', 'new')`,
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("v1 fixture: %v\n%s", err, s)
		}
	}
}

// TestMigrateFromV1: a store written by the first schema opens, keeps its
// history, and the next run continues it.
func TestMigrateFromV1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	writeV1(t, path)
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	runs, err := st.Runs(ctx, 0)
	if err != nil || len(runs) != 1 || runs[0].ID != "20261101T020000Z" || runs[0].Summary.High != 2 {
		t.Fatalf("runs after migration: %+v, %v", runs, err)
	}

	now := time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)
	still := model.Finding{Fingerprint: "fp-still", CheckID: "SHARE-002", Severity: model.High,
		Resource: model.Resource{Kind: model.KindFile, ID: "doc-1", Owner: "sato@city.example.jp"}, Principal: &model.Principal{Type: "anyone"}}
	doc := report.New(report.Run{ID: "20261102T020000Z", StartedAt: now, FinishedAt: now, Mode: report.ModeFull}, model.Coverage{}, []model.Finding{still})
	if err := st.Record(ctx, doc, 0); err != nil {
		t.Fatal(err)
	}
	f := doc.Findings[0]
	if f.Status != model.StatusOpen || !f.FirstSeen.Equal(time.Date(2026, 10, 1, 2, 0, 0, 0, time.UTC)) {
		t.Errorf("v1 finding: status %q first_seen %v", f.Status, f.FirstSeen)
	}
	if len(doc.Resolved) != 1 || doc.Resolved[0].Fingerprint != "fp-gone" || doc.Resolved[0].Resource.ID != "doc-2" {
		t.Errorf("resolved: %+v", doc.Resolved)
	}
	d, err := st.Diff(ctx, "previous", "latest")
	if err != nil || len(d.Removed) != 1 || len(d.Added) != 0 {
		t.Errorf("diff across the migration: %+v, %v", d, err)
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE schema_version SET version = ?`, store.SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := store.Open(ctx, path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open of a newer store: %v", err)
	}
}

func TestLock(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gwsaudit.db")
	first, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = store.Open(ctx, path)
	if !errors.Is(err, store.ErrLocked) || !strings.Contains(err.Error(), "pid "+strconv.Itoa(os.Getpid())) {
		t.Fatalf("second Open: %v", err)
	}
	// Readers are not blocked by a run.
	r, err := store.OpenReader(ctx, path)
	if err != nil {
		t.Fatalf("OpenReader during a run: %v", err)
	}
	r.Close()
	first.Close()
	again, err := store.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	again.Close()
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/var/state")
	if p, err := store.DefaultPath(); err != nil || p != filepath.Join("/var/state", "gwsaudit", "gwsaudit.db") {
		t.Errorf("DefaultPath = %q, %v", p, err)
	}
	t.Setenv("XDG_STATE_HOME", "relative")
	if p, err := store.DefaultPath(); err != nil || !strings.HasSuffix(p, filepath.Join("gwsaudit", "gwsaudit.db")) || !filepath.IsAbs(p) {
		t.Errorf("DefaultPath with a relative XDG_STATE_HOME = %q, %v", p, err)
	}
}
