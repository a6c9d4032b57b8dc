package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
	"github.com/gwsaudit/gwsaudit/report"
	"github.com/gwsaudit/gwsaudit/store"
)

func historyEmulator(t *testing.T) (*emulator.Server, string) {
	t.Helper()
	tn := &emulator.Tenant{CustomerID: "C0h", PrimaryDomain: "town.example.jp",
		Users: []emulator.User{{Email: "admin@town.example.jp", Admin: true}, {Email: "sato@town.example.jp"}},
		Files: []emulator.File{
			{ID: "doc-1", Name: "議事録", Kind: "document", Owner: "sato@town.example.jp", Permissions: []emulator.Permission{{Type: "anyone", Role: "reader"}}},
			{ID: "doc-2", Name: "見積", Kind: "document", Owner: "sato@town.example.jp"},
		}}
	srv := emulatortest.Serve(t, tn, emulator.Options{})
	base := srv.BaseURL()
	return srv, base
}

type jsonReport struct {
	Run      struct{ ID, Mode string }
	Summary  map[string]int
	Findings []struct {
		CheckID   string `json:"check_id"`
		Status    string
		FirstSeen string `json:"first_seen"`
		Resource  struct{ ID string }
		Evidence  map[string]any
	}
	Resolved []struct {
		CheckID  string `json:"check_id"`
		Resource struct{ ID string }
	}
}

func auditJSON(t *testing.T, wantCode int, args ...string) jsonReport {
	t.Helper()
	code, stdout, stderr := run(t, append([]string{"audit", "--format", "json", "--log-level", "warn"}, args...)...)
	if code != wantCode {
		t.Fatalf("audit %v: exit %d, want %d\n%s", args, code, wantCode, stderr)
	}
	var r jsonReport
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("report: %v\n%s", err, stdout)
	}
	return r
}

func TestScheduledAudits(t *testing.T) {
	srv, base := historyEmulator(t)
	db := filepath.Join(t.TempDir(), "state", "gwsaudit.db")
	common := []string{"--emulator", base, "--admin", "admin@town.example.jp", "--store", db, "--incremental", "--fail-on", "high", "--fail-on-new"}

	first := auditJSON(t, cli.ExitFindings, common...)
	if first.Run.Mode != "full" || len(first.Findings) != 1 || first.Findings[0].Status != "new" || first.Findings[0].FirstSeen == "" {
		t.Fatalf("first run: %+v", first)
	}
	// Nothing changed: the finding is open, and --fail-on-new passes.
	second := auditJSON(t, cli.ExitOK, common...)
	if second.Run.Mode != "incremental" || second.Findings[0].Status != "open" || second.Findings[0].FirstSeen != first.Findings[0].FirstSeen {
		t.Fatalf("second run: %+v", second)
	}

	srv.Update(func(tn *emulator.Tenant) {
		tn.Files[0].Permissions = nil
		tn.Files[1].Permissions = []emulator.Permission{{Type: "user", Role: "writer", Email: "someone@gmail.com"}}
	})
	third := auditJSON(t, cli.ExitFindings, common...)
	if len(third.Findings) != 1 || third.Findings[0].Resource.ID != "doc-2" || third.Findings[0].Status != "new" ||
		len(third.Resolved) != 1 || third.Resolved[0].Resource.ID != "doc-1" {
		t.Fatalf("third run: %+v", third)
	}

	// A suppression accepts the new finding: listed, counted apart, no failure.
	supp := filepath.Join(t.TempDir(), "suppressions.yaml")
	if err := os.WriteFile(supp, []byte("suppressions:\n  - item: doc-2\n    reason: quote for the vendor\n    expires: 2999-12-31\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fourth := auditJSON(t, cli.ExitOK, append(common[:len(common)-1], "--suppressions", supp)...)
	if len(fourth.Findings) != 1 || fourth.Findings[0].Status != "suppressed" || fourth.Summary["suppressed"] != 1 || fourth.Summary["high"] != 0 {
		t.Fatalf("suppressed run: %+v", fourth)
	}

	code, out, stderr := run(t, "history", "--store", db, "--format", "json")
	var runs []report.RunRecord
	if code != cli.ExitOK || json.Unmarshal([]byte(out), &runs) != nil || len(runs) != 4 || runs[1].New != 1 || runs[1].Resolved != 1 {
		t.Fatalf("history: exit %d %s %s", code, out, stderr)
	}
	code, out, _ = run(t, "history", "--store", db)
	if code != cli.ExitOK || !strings.Contains(out, "incremental") || !strings.Contains(out, runs[0].ID) {
		t.Errorf("history table:\n%s", out)
	}
	code, out, stderr = run(t, "diff", "--store", db, runs[3].ID, "latest")
	if code != cli.ExitOK || !strings.Contains(out, "1 added, 1 removed") || !strings.Contains(out, "SHARE-005") {
		t.Errorf("diff: exit %d\n%s%s", code, out, stderr)
	}
	if code, _, stderr := run(t, "diff", "--store", db, "nope", "latest"); code != cli.ExitFailed || !strings.Contains(stderr, `no run "nope" in the history`) {
		t.Errorf("diff of an unknown run: exit %d %s", code, stderr)
	}

	// A second run on a store in use fails fast.
	held, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	code, _, stderr = run(t, append([]string{"audit"}, common...)...)
	if code != cli.ExitFailed || !strings.Contains(stderr, "in use") {
		t.Errorf("overlapping run: exit %d, %s", code, stderr)
	}
}

func TestHistoryFlagErrors(t *testing.T) {
	for name, args := range map[string][]string{
		"incremental without store": {"audit", "--emulator", "http://127.0.0.1:1", "--admin", "a@example.jp", "--incremental"},
		"bad full-every":            {"audit", "--emulator", "http://127.0.0.1:1", "--admin", "a@example.jp", "--store", filepath.Join(t.TempDir(), "x.db"), "--full-every", "weekly"},
		"missing suppressions":      {"audit", "--emulator", "http://127.0.0.1:1", "--admin", "a@example.jp", "--suppressions", "/nonexistent.yaml"},
		"history without a store":   {"history", "--store", filepath.Join(t.TempDir(), "none.db")},
		"diff needs two runs":       {"diff", "latest"},
	} {
		if code, _, _ := run(t, args...); code != cli.ExitFailed {
			t.Errorf("%s: exit %d, want %d", name, code, cli.ExitFailed)
		}
	}
}
