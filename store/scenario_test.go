package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
	"github.com/gwsaudit/gwsaudit/store"
)

// TestTwoRuns: a full run, the changes, then a second run (full
// and, on a copy of the history, incremental) give exactly the expected
// new and resolved findings, and the incremental run equals a full run of
// the changed tenant.
func TestTwoRuns(t *testing.T) {
	srv := serve(t, scenarioTenant())
	opts := options(srv)
	full, inc := openStore(t), openStore(t)

	first := fullRun(t, full, opts)
	doc1 := record(t, full, first, "run-1")
	fullRun(t, inc, opts)
	record(t, inc, first, "run-1")
	if got := findingKeys(doc1.Findings, model.StatusOpen); len(got) != 0 {
		t.Errorf("first run: open findings %v, want all new", got)
	}
	for _, f := range doc1.Findings {
		if f.FirstSeen == nil || !f.FirstSeen.Equal(testNow) {
			t.Errorf("first run: %s first_seen %v", f.CheckID, f.FirstSeen)
		}
	}
	t.Logf("first run: %v", findingKeys(doc1.Findings, ""))

	changeScenario(srv)
	later := opts
	later.Now = func() time.Time { return testNow.Add(24 * time.Hour) }

	srv.ResetCalls()
	second := fullRun(t, full, later)
	fullCalls := callTotal(srv.Calls())
	doc2 := record(t, full, second, "run-2")

	srv.ResetCalls()
	incRes := incrementalRun(t, inc, later)
	incCalls := callTotal(srv.Calls())
	docInc := record(t, inc, incRes, "run-2")
	t.Logf("second run: %d API calls full, %d incremental", fullCalls, incCalls)

	wantNew := []string{
		"FORM-001 form-1 ",
		"SHARE-002 doc-1 anyone",
		"SHARE-003 sd-fold city.example.jp",
		"SHARE-005 doc-c2 taro@partner.example",
		"SHARE-007 doc-c2 taro@partner.example",
		"SHARE-008 doc-3 anyone",
		"SHARE-008 doc-c2 taro@partner.example", // the folder no longer has the partner
		"SHARE-008 sd-fold city.example.jp",     // the drive's members are not the domain
	}
	wantResolved := []string{
		"SHARE-005 doc-2 someone@gmail.com",
		"SHARE-005 fold-c taro@partner.example",
	}
	for name, doc := range map[string]*reportDoc{"full": {doc2.Findings, doc2.Resolved}, "incremental": {docInc.Findings, docInc.Resolved}} {
		if d := cmp.Diff(wantNew, findingKeys(doc.findings, model.StatusNew)); d != "" {
			t.Errorf("%s: new findings (-want +got):\n%s", name, d)
		}
		if d := cmp.Diff(wantResolved, resolvedKeys(doc.resolved)); d != "" {
			t.Errorf("%s: resolved (-want +got):\n%s", name, d)
		}
		for _, f := range doc.findings {
			switch {
			case f.Status == model.StatusOpen && !f.FirstSeen.Equal(testNow):
				t.Errorf("%s: open %s %s first_seen %v, want the first run's", name, f.CheckID, f.Resource.ID, f.FirstSeen)
			case f.Status == model.StatusNew && !f.FirstSeen.Equal(testNow.Add(24*time.Hour)):
				t.Errorf("%s: new %s first_seen %v", name, f.CheckID, f.FirstSeen)
			}
		}
	}
	if d := cmp.Diff(fingerprints(second.Findings), fingerprints(incRes.Findings)); d != "" {
		t.Errorf("incremental findings differ from a full run's (-full +incremental):\n%s", d)
	}
	if second.Coverage.Items != incRes.Coverage.Items || second.Coverage.Forms != incRes.Coverage.Forms ||
		len(second.Coverage.Gaps) != len(incRes.Coverage.Gaps) {
		t.Errorf("coverage: full %+v, incremental %+v", second.Coverage, incRes.Coverage)
	}

	// A third run with no change: nothing new, nothing resolved.
	third := later
	third.Now = func() time.Time { return testNow.Add(48 * time.Hour) }
	res3 := incrementalRun(t, inc, third)
	doc3 := record(t, inc, res3, "run-3")
	if n := findingKeys(doc3.Findings, model.StatusNew); len(n) != 0 || len(doc3.Resolved) != 0 {
		t.Errorf("unchanged tenant: new %v, resolved %v", n, resolvedKeys(doc3.Resolved))
	}

	// History and diff.
	ctx := context.Background()
	runs, err := inc.Runs(ctx, 0)
	if err != nil || len(runs) != 3 || runs[0].ID != "run-3" || runs[1].New != len(wantNew) || runs[1].Resolved != len(wantResolved) {
		t.Fatalf("Runs = %+v, %v", runs, err)
	}
	d, err := inc.Diff(ctx, "run-1", "latest")
	if err != nil {
		t.Fatal(err)
	}
	var added, removed []string
	for _, e := range d.Added {
		added = append(added, key(e.CheckID, e.Resource.ID, e.Principal))
	}
	for _, e := range d.Removed {
		removed = append(removed, key(e.CheckID, e.Resource.ID, e.Principal))
	}
	slices.Sort(added)
	slices.Sort(removed)
	if !slices.Equal(added, wantNew) || !slices.Equal(removed, wantResolved) {
		t.Errorf("diff run-1 latest: added %v removed %v", added, removed)
	}
	if _, err := inc.Diff(ctx, "run-1", "nope"); !errors.Is(err, store.ErrNoRun) || !strings.Contains(err.Error(), `no run "nope"`) {
		t.Errorf("diff with an unknown run: %v", err)
	}
}

type reportDoc struct {
	findings []model.Finding
	resolved []report.Resolved
}
