package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
	"github.com/gwsaudit/gwsaudit/store"
)

// grantFinding is a finding of check on item id about an outside address.
func grantFinding(check, id, email string, sev model.Severity) model.Finding {
	p := &model.Principal{Type: model.TypeUser, Role: "writer", Email: email}
	return model.Finding{Fingerprint: model.Fingerprint(check, id, p), CheckID: check, Severity: sev,
		Resource: model.Resource{Kind: model.KindFile, ID: id, Name: id}, Principal: p}
}

// TestRunExposureCounts: history counts each run by exposure as its
// console did (one per grant: a lookalike grant's two findings are one
// exposure, resolved as one), next to the per-finding counts; a run
// recorded before the store kept exposure counts gets the same counts
// from its stored findings; a damaged count is an error naming the run.
func TestRunExposureCounts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "h.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	lookalike := []model.Finding{grantFinding("SHARE-005", "doc-1", "sato@c1ty.example.jp", model.Medium),
		grantFinding("SHARE-006", "doc-1", "sato@c1ty.example.jp", model.Critical)}
	link := fileFinding("doc-2")
	first := tenantDoc("city.example.jp", 1, append(lookalike, link)...)
	if err := st.Record(ctx, first, 0); err != nil {
		t.Fatal(err)
	}
	partner := []model.Finding{grantFinding("SHARE-005", "doc-3", "taro@partner.example", model.Medium),
		grantFinding("SHARE-007", "doc-3", "taro@partner.example", model.High)}
	second := tenantDoc("city.example.jp", 2, append(partner, link)...)
	if err := st.Record(ctx, second, 0); err != nil {
		t.Fatal(err)
	}
	runs, err := st.Runs(ctx, 0)
	if err != nil || len(runs) != 2 {
		t.Fatalf("runs: %+v, %v", runs, err)
	}
	want := report.ExposureCounts{Total: 2, New: 1, Resolved: 1, Summary: report.Summary{High: 2}}
	if got := runs[0].Exposures; got != want || got != report.CountRun(second) {
		t.Errorf("second run's exposures %+v, want %+v (console %+v)", got, want, report.CountRun(second))
	}
	if r := runs[0]; r.Findings != 3 || r.New != 2 || r.Resolved != 2 {
		t.Errorf("second run's finding counts: %d findings, %d new, %d resolved; want 3, 2, 2", r.Findings, r.New, r.Resolved)
	}
	if got := runs[1].Exposures; got != (report.ExposureCounts{Total: 2, New: 2, Summary: report.Summary{Critical: 1, High: 1}}) {
		t.Errorf("first run's exposures %+v", got)
	}
	st.Close()

	// Runs recorded before: counted from their stored findings.
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE runs SET exposures = NULL`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err = store.OpenReader(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	older, err := st.Runs(ctx, 0)
	if err != nil || len(older) != 2 || older[0].Exposures != runs[0].Exposures || older[1].Exposures != runs[1].Exposures {
		t.Errorf("counted from stored findings: %+v, %v; recorded: %+v", older, err, runs)
	}
	if r, err := st.Run(ctx, store.RefPrevious); err != nil || r.Exposures != runs[1].Exposures {
		t.Errorf("previous run: %+v, %v", r.Exposures, err)
	}
	st.Close()

	db, err = sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE runs SET exposures = '{' WHERE id = ?`, runs[0].ID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err = store.OpenReader(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Runs(ctx, 0); err == nil || !strings.Contains(err.Error(), runs[0].ID) {
		t.Errorf("a damaged count: %v", err)
	}
}

// TestExposuresAfterMigrationFromV1: the run a first-schema store
// recorded is counted by exposure from its findings.
func TestExposuresAfterMigrationFromV1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	writeV1(t, path)
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	runs, err := st.Runs(ctx, 0)
	want := report.ExposureCounts{Total: 2, New: 1, Summary: report.Summary{High: 2}}
	if err != nil || len(runs) != 1 || runs[0].Exposures != want {
		t.Errorf("v1 run: %+v, %v; want exposures %+v", runs, err, want)
	}
}
