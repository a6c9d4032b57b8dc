package auditor_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/store"
)

// fullRunInStore audits srv in full into a new store, so that an
// incremental run can follow; the store is closed when the test ends.
func fullRunInStore(t *testing.T, srv *emulator.Server, opts auditor.Options) (*store.Store, store.Scope, *model.Result) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "gwsaudit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	scope := store.Scope{Source: srv.BaseURL(), AuditLogWindow: 180 * 24 * time.Hour}
	inv, err := st.BeginFull(ctx)
	if err != nil {
		t.Fatal(err)
	}
	opts.Inventory = inv
	res := audit(t, opts)
	if err := inv.Commit(scope, res); err != nil {
		t.Fatal(err)
	}
	return st, scope, res
}

// The summary setting lives only on a form's public page, and Google does
// not promise a Drive change when it is switched on: an incremental run
// reads every form's page again, so a summary published (or a form closed
// with its summary open) between two runs is found without any Drive
// change.
func TestIncrementalRereadsFormPages(t *testing.T) {
	tn := smallTenant()
	owner := "sato.k@city.example.jp"
	tn.Files = append(tn.Files,
		emulator.File{ID: "form-a", Name: "説明会 申込", Kind: "form", Owner: owner,
			Permissions: []emulator.Permission{anyoneAnswers}, Form: &emulator.Form{Questions: []string{"氏名"}}},
		emulator.File{ID: "form-b", Name: "アンケート", Kind: "form", Owner: owner,
			Permissions: []emulator.Permission{anyoneAnswers}, Form: &emulator.Form{Questions: []string{"ご意見"}}},
		emulator.File{ID: "form-c", Name: "研修 申込", Kind: "form", Owner: owner,
			Permissions: []emulator.Permission{anyoneAnswers}, Form: &emulator.Form{Questions: []string{"氏名"}}},
	)
	srv := serve(t, tn, emulator.Options{})
	opts := testOptions(srv, admin)
	ctx := context.Background()
	st, scope, res := fullRunInStore(t, srv, opts)
	if n := count(res.Findings, "FORM-001", ""); n != 0 {
		t.Fatalf("full run: %d FORM-001, want none", n)
	}

	// Between the runs: form-a's summary is published, form-b is closed
	// with its summary published; Drive records no change for either.
	srv.UpdateWithoutChanges(func(tn *emulator.Tenant) {
		for i := range tn.Files {
			switch f := &tn.Files[i]; f.ID {
			case "form-a":
				f.Form.SummaryPublished = true
			case "form-b":
				f.Form.SummaryPublished, f.Form.NotAccepting = true, true
			}
		}
	})
	srv.ResetCalls()
	inc, reason, err := st.Resume(ctx, scope, opts.Now(), 7*24*time.Hour)
	if err != nil || inc == nil {
		t.Fatalf("Resume: %v %s", err, reason)
	}
	opts.Inventory = nil
	res, err = auditor.RunIncremental(ctx, opts, inc)
	if err != nil {
		t.Fatal(err)
	}
	if err := inc.Commit(scope, res); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"form-a", "form-b"} {
		if count(res.Findings, "FORM-001", id) != 1 {
			t.Errorf("incremental run: no FORM-001 on %s; findings %+v gaps %+v", id, res.Findings, res.Coverage.Gaps)
		}
	}
	if count(res.Findings, "FORM-001", "form-c") != 0 || res.Coverage.Forms != (model.FormCount{Total: 3, Verified: 3}) {
		t.Errorf("incremental run: findings %+v, forms %+v", res.Findings, res.Coverage.Forms)
	}
	calls := srv.Calls()
	if calls["page.viewform"] != 3 || calls["forms.forms.get"] != 0 {
		t.Errorf("incremental run: want each form's page read once and no Forms API call; calls %v", calls)
	}

	// The pages read again are saved: the next incremental run starts from
	// them and still reports the same.
	inc, _, err = st.Resume(ctx, scope, opts.Now(), 7*24*time.Hour)
	if err != nil || inc == nil {
		t.Fatal(err)
	}
	res, err = auditor.RunIncremental(ctx, opts, inc)
	if err != nil {
		t.Fatal(err)
	}
	if count(res.Findings, "FORM-001", "") != 2 {
		t.Errorf("second incremental run: findings %+v", res.Findings)
	}
}

// A shared drive whose members are only groups is walked as a user reached
// through them; an incremental run finds that user again and reads the
// drive's changes instead of listing the whole drive once more.
func TestIncrementalGroupsOnlyDriveUsesChanges(t *testing.T) {
	srv := serve(t, groupsTenant(), emulator.Options{})
	opts := testOptions(srv, admin)
	ctx := context.Background()
	st, scope, full := fullRunInStore(t, srv, opts)
	if count(full.Findings, "SHARE-002", "kikaku-meibo") != 1 {
		t.Fatalf("full run did not walk the groups-only drive: %+v", full.Coverage.Gaps)
	}

	srv.ResetCalls()
	inc, reason, err := st.Resume(ctx, scope, opts.Now(), 7*24*time.Hour)
	if err != nil || inc == nil {
		t.Fatalf("Resume: %v %s", err, reason)
	}
	opts.Inventory = nil
	res, err := auditor.RunIncremental(ctx, opts, inc)
	if err != nil {
		t.Fatal(err)
	}
	if count(res.Findings, "SHARE-002", "kikaku-meibo") != 1 || len(driveGaps(res)) != 0 {
		t.Errorf("incremental run lost the groups-only drive: findings %+v gaps %+v", res.Findings, res.Coverage.Gaps)
	}
	calls := srv.Calls()
	if calls["drive.changes.list"] == 0 {
		t.Errorf("incremental run read no Drive changes: %v", calls)
	}
	// With no change anywhere, no drive is listed again.
	if n := calls["drive.files.list"]; n != 0 {
		t.Errorf("incremental run listed files %d times (a drive walked again); calls %v", n, calls)
	}
}
