package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/store"
)

// TestResumeNeedsFull: an incremental run falls back to full without an
// inventory, for another scope or window, and when the last full run is
// older than full-every.
func TestResumeNeedsFull(t *testing.T) {
	ctx := context.Background()
	srv := serve(t, scenarioTenant())
	st := openStore(t)
	if inv, reason, err := st.Resume(ctx, scope, testNow, 7*24*time.Hour); inv != nil || err != nil || !strings.Contains(reason, "no saved inventory") {
		t.Errorf("empty store: %v %q %v", inv, reason, err)
	}
	fullRun(t, st, options(srv))
	for name, c := range map[string]struct {
		scope store.Scope
		now   time.Time
		want  string
	}{
		"other tenant": {store.Scope{Source: "other", AuditLogWindow: scope.AuditLogWindow}, testNow, "another tenant"},
		"other window": {store.Scope{Source: scope.Source, AuditLogWindow: time.Hour}, testNow, "window"},
		"too old":      {scope, testNow.Add(7 * 24 * time.Hour), "older than --full-every"},
	} {
		if inv, reason, err := st.Resume(ctx, c.scope, c.now, 7*24*time.Hour); inv != nil || err != nil || !strings.Contains(reason, c.want) {
			t.Errorf("%s: %v %q %v", name, inv, reason, err)
		}
	}
	if inv, reason, err := st.Resume(ctx, scope, testNow.Add(6*24*time.Hour), 7*24*time.Hour); inv == nil || err != nil {
		t.Errorf("fresh inventory: %q %v", reason, err)
	}
	// A full run that never commits leaves no usable inventory.
	if _, err := st.BeginFull(ctx); err != nil {
		t.Fatal(err)
	}
	if inv, _, _ := st.Resume(ctx, scope, testNow, 7*24*time.Hour); inv != nil {
		t.Error("an uncommitted full run left a usable inventory")
	}
}

// TestRejectedTokenAndNewUser: a token Drive rejects, and a user who
// appeared since the last run, are walked in full; the findings are still
// a full run's.
func TestRejectedTokenAndNewUser(t *testing.T) {
	srv := serve(t, scenarioTenant())
	opts := options(srv)
	path := t.TempDir() + "/gwsaudit.db"
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fullRun(t, st, opts)

	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE tasks SET token = '999999' WHERE key = 'user:sato@city.example.jp'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	changeScenario(srv)
	srv.Update(func(tn *emulator.Tenant) {
		tn.Users = append(tn.Users, emulator.User{Email: "new@city.example.jp"})
		tn.Files = append(tn.Files, emulator.File{ID: "doc-new", Name: "名簿", Kind: "spreadsheet", Owner: "new@city.example.jp",
			Permissions: []emulator.Permission{{Type: "anyone", Role: "reader", Discoverable: true}}})
	})
	later := opts
	later.Now = func() time.Time { return testNow.Add(time.Hour) }
	inc := incrementalRun(t, st, later)
	full := fullRun(t, openStore(t), later)
	if d := cmp.Diff(fingerprints(full.Findings), fingerprints(inc.Findings)); d != "" {
		t.Errorf("findings differ (-full +incremental):\n%s", d)
	}
	if !strings.Contains(strings.Join(fingerprints(inc.Findings), "\n"), "SHARE-001 doc-new") {
		t.Errorf("the new user's public file is missing: %v", fingerprints(inc.Findings))
	}
	tasks, err := func() (int, error) {
		inv, _, err := st.Resume(context.Background(), scope, later.Now(), 0)
		if err != nil || inv == nil {
			return 0, err
		}
		ts, err := inv.Tasks()
		return len(ts), err
	}()
	if err != nil || tasks != 5 { // four users and the shared drive
		t.Errorf("saved tasks after the run: %d, %v", tasks, err)
	}
}
