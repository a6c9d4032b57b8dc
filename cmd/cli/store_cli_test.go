package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
	"github.com/gwsaudit/gwsaudit/report"
)

// historyRuns lists the runs recorded in db.
func historyRuns(t *testing.T, db string) []report.RunRecord {
	t.Helper()
	code, out, stderr := run(t, "history", "--store", db, "--format", "json")
	var runs []report.RunRecord
	if code != cli.ExitOK || json.Unmarshal([]byte(out), &runs) != nil {
		t.Fatalf("history: exit %d\n%s%s", code, out, stderr)
	}
	return runs
}

// TestStoreOfAnotherTenant: a store keeps one tenant's history. An audit
// of a second tenant into it is refused — before the audit when the
// admin's domain gives it away — naming both tenants and --store, and the
// first tenant's findings stay open instead of being resolved and then
// reported as new again.
func TestStoreOfAnotherTenant(t *testing.T) {
	_, town := historyEmulator(t)
	village := emulatortest.Serve(t, &emulator.Tenant{CustomerID: "C0v", PrimaryDomain: "village.example.jp",
		Users: []emulator.User{{Email: "admin@village.example.jp", Admin: true}},
		Files: []emulator.File{{ID: "v-doc", Name: "名簿", Kind: "spreadsheet", Owner: "admin@village.example.jp",
			Permissions: []emulator.Permission{{Type: "anyone", Role: "reader"}}}}}, emulator.Options{}).BaseURL()
	db := filepath.Join(t.TempDir(), "gwsaudit.db")

	first := auditJSON(t, cli.ExitFindings, "--emulator", town, "--admin", "admin@town.example.jp", "--store", db)
	if len(first.Findings) != 1 || first.Findings[0].Status != "new" {
		t.Fatalf("first run: %+v", first)
	}
	code, stdout, stderr := run(t, "audit", "--emulator", village, "--admin", "admin@village.example.jp", "--store", db, "--format", "json")
	if code != cli.ExitFailed || stdout != "" {
		t.Fatalf("audit of another tenant: exit %d, stdout %q", code, stdout)
	}
	for _, want := range []string{"town.example.jp", "village.example.jp", "--store", "village.example.jp.db"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("error lacks %q: %s", want, stderr)
		}
	}
	// Refused before auditing: the emulator is not even reachable here.
	code, _, stderr = run(t, "audit", "--emulator", "http://127.0.0.1:1", "--admin", "admin@village.example.jp", "--store", db)
	if code != cli.ExitFailed || !strings.Contains(stderr, "run history of tenant town.example.jp") {
		t.Errorf("refused before the audit: exit %d %s", code, stderr)
	}
	if runs := historyRuns(t, db); len(runs) != 1 || runs[0].Tenant != "town.example.jp" {
		t.Errorf("runs: %+v", runs)
	}
	again := auditJSON(t, cli.ExitFindings, "--emulator", town, "--admin", "admin@town.example.jp", "--store", db)
	if len(again.Findings) != 1 || again.Findings[0].Status != "open" || len(again.Resolved) != 0 {
		t.Errorf("the first tenant's next run: %+v", again)
	}
	code, out, _ := run(t, "history", "--store", db)
	if code != cli.ExitOK || !strings.Contains(out, "TENANT") || !strings.Contains(out, "town.example.jp") {
		t.Errorf("history table:\n%s", out)
	}
}

// TestExpiredSuppressionFailsOnNew: a finding whose suppression expired
// turned back on: it is new, --fail-on-new fails the run, and the report
// says when the suppression expired.
func TestExpiredSuppressionFailsOnNew(t *testing.T) {
	_, base := historyEmulator(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "gwsaudit.db")
	supp := func(expires string) string {
		p := filepath.Join(dir, "supp-"+expires+".yaml")
		if err := os.WriteFile(p, []byte("suppressions:\n  - item: doc-1\n    reason: published on purpose\n    expires: "+expires+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	common := []string{"--emulator", base, "--admin", "admin@town.example.jp", "--store", db, "--fail-on", "high", "--fail-on-new"}
	first := auditJSON(t, cli.ExitOK, append(common, "--suppressions", supp("2999-12-31"))...)
	if len(first.Findings) != 1 || first.Findings[0].Status != "suppressed" {
		t.Fatalf("suppressed run: %+v", first)
	}
	code, stdout, stderr := run(t, append([]string{"audit", "--format", "json", "--suppressions", supp("2000-01-01")}, common...)...)
	var second jsonReport
	if err := json.Unmarshal([]byte(stdout), &second); err != nil {
		t.Fatalf("report: %v\n%s", err, stdout)
	}
	if code != cli.ExitFindings {
		t.Errorf("expired suppression with --fail-on-new: exit %d, want %d", code, cli.ExitFindings)
	}
	if len(second.Findings) != 1 || second.Findings[0].Status != "new" || second.Findings[0].Evidence["suppression_expired"] != "2000-01-01" ||
		second.Findings[0].FirstSeen != first.Findings[0].FirstSeen {
		t.Errorf("after the suppression expired: %+v", second.Findings)
	}
	if !strings.Contains(stderr, "suppression expired") {
		t.Errorf("no warning: %s", stderr)
	}
	if runs := historyRuns(t, db); runs[0].New != 1 {
		t.Errorf("history counts it as new: %+v", runs[0])
	}
	// The next run: open, and --fail-on-new passes.
	auditJSON(t, cli.ExitOK, append(common, "--suppressions", supp("2000-01-01"))...)
}

// TestOutputsCheckedBeforeAudit: a bad --out fails the run before it
// audits anything (here the emulator is not even reachable) and before the
// store is created.
func TestOutputsCheckedBeforeAudit(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "state", "gwsaudit.db")
	if err := os.Mkdir(filepath.Join(dir, "d.json"), 0o700); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct{ out, want string }{
		"unknown format":    {filepath.Join(dir, "report.txt"), `unknown format ".txt"`},
		"no extension":      {filepath.Join(dir, "report"), "no extension"},
		"missing directory": {filepath.Join(dir, "nope", "report.json"), "does not exist"},
		// Not cleaned: the system resolves nope/.. only if nope exists.
		"missing directory before ..": {dir + "/nope/../report.json", "does not exist"},
		"parent is a file":            {filepath.Join(file, "report.json"), "not a directory"},
		"a directory":                 {filepath.Join(dir, "d.json"), "is a directory"},
	} {
		t.Run(name, func(t *testing.T) {
			out := c.out
			code, _, stderr := run(t, "audit", "--emulator", "http://127.0.0.1:1", "--admin", "a@example.jp", "--store", db,
				"--out", filepath.Join(dir, "ok.json"), "--out", out)
			if code != cli.ExitFailed || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "--out "+out) {
				t.Errorf("exit %d, want 2 and %q: %s", code, c.want, stderr)
			}
			if _, err := os.Stat(db); !os.IsNotExist(err) {
				t.Errorf("the store was created: %v", err)
			}
		})
	}
	code, _, stderr := run(t, "audit", "--emulator", "http://127.0.0.1:1", "--out", "sheets:")
	if code != cli.ExitFailed || !strings.Contains(stderr, "--sheets-as") {
		t.Errorf("sheets: without a user: exit %d %s", code, stderr)
	}
	// With --oauth-client the spreadsheet goes to whoever signs in.
	code, _, stderr = run(t, "audit", "--emulator", "http://127.0.0.1:1", "--oauth-client", "/nonexistent.json", "--out", "sheets:")
	if code != cli.ExitFailed || strings.Contains(stderr, "--sheets-as") || !strings.Contains(stderr, "--oauth-client /nonexistent.json") {
		t.Errorf("sheets: with --oauth-client: exit %d %s", code, stderr)
	}
	code, _, stderr = run(t, "report", "--in", "/nonexistent.json", "--out", filepath.Join(dir, "r.pdf"))
	if code != cli.ExitFailed || !strings.Contains(stderr, `".pdf"`) {
		t.Errorf("report with a bad --out: exit %d %s", code, stderr)
	}
}

// TestFailedOutputRecordsNoRun: when a report cannot be written, the run
// is not recorded, so the next run still reports its findings as new
// (recording it first made them "open", and --fail-on-new missed them).
func TestFailedOutputRecordsNoRun(t *testing.T) {
	_, base := historyEmulator(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "gwsaudit.db")
	common := []string{"--emulator", base, "--admin", "admin@town.example.jp", "--store", db, "--fail-on-new"}
	// The Sheets export fails at the end of the run: no such user.
	code, _, stderr := run(t, append([]string{"audit", "--out", filepath.Join(dir, "r.json"), "--out", "sheets:", "--sheets-as", "ghost@town.example.jp"}, common...)...)
	if code != cli.ExitFailed {
		t.Fatalf("failed export: exit %d\n%s", code, stderr)
	}
	if runs := historyRuns(t, db); len(runs) != 0 {
		t.Errorf("a run whose reports failed was recorded: %+v", runs)
	}
	next := auditJSON(t, cli.ExitFindings, common...)
	if len(next.Findings) != 1 || next.Findings[0].Status != "new" {
		t.Errorf("the next run: %+v", next.Findings)
	}
}

// TestDiffHostileNames: names from the store are printed without terminal
// escapes, C0/C1 controls or bidirectional overrides.
func TestDiffHostileNames(t *testing.T) {
	hostile := "invoice\x1b]0;pwned\x07\x1b[2J\u202egpj.exe\u0085\u009b31m\ttab"
	srv := emulatortest.Serve(t, &emulator.Tenant{CustomerID: "C0h", PrimaryDomain: "town.example.jp",
		Users: []emulator.User{{Email: "admin@town.example.jp", Admin: true}},
		Files: []emulator.File{{ID: "doc-1", Name: hostile, Kind: "document", Owner: "admin@town.example.jp"}}}, emulator.Options{})
	db := filepath.Join(t.TempDir(), "gwsaudit.db")
	args := []string{"--emulator", srv.BaseURL(), "--admin", "admin@town.example.jp", "--store", db}
	auditJSON(t, cli.ExitOK, args...)
	srv.Update(func(tn *emulator.Tenant) {
		tn.Files[0].Permissions = []emulator.Permission{{Type: "anyone", Role: "reader"}}
	})
	auditJSON(t, cli.ExitFindings, args...)
	code, out, stderr := run(t, "diff", "--store", db, "previous", "latest")
	if code != cli.ExitOK || !strings.Contains(out, "1 added") || !strings.Contains(out, "invoice") || !strings.Contains(out, "gpj.exe") {
		t.Fatalf("diff: exit %d\n%s%s", code, out, stderr)
	}
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u0085", "\u009b", "\ttab"} {
		if strings.Contains(out, bad) {
			t.Errorf("diff output contains %q:\n%q", bad, out)
		}
	}
}

// TestHistoryAndDiffConfig: history and diff take --config, for the
// store the audit's config names.
func TestHistoryAndDiffConfig(t *testing.T) {
	_, base := historyEmulator(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "gwsaudit.db")
	cfg := filepath.Join(dir, "gwsaudit.yaml")
	if err := os.WriteFile(cfg, []byte("store: "+db+"\nformat: console\nadmin: admin@town.example.jp\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GWSAUDIT_STORE", "")
	for range 2 {
		if code, _, stderr := run(t, "audit", "--config", cfg, "--emulator", base); code != cli.ExitFindings {
			t.Fatalf("audit: exit %d %s", code, stderr)
		}
	}
	code, out, stderr := run(t, "history", "--config", cfg)
	if code != cli.ExitOK || strings.Count(out, "town.example.jp") != 2 {
		t.Errorf("history --config: exit %d\n%s%s", code, out, stderr)
	}
	code, out, stderr = run(t, "diff", "--config", cfg, "previous", "latest")
	if code != cli.ExitOK || !strings.Contains(out, "0 added, 0 removed") {
		t.Errorf("diff --config: exit %d\n%s%s", code, out, stderr)
	}
	// --store wins over the config file.
	if code, _, stderr := run(t, "history", "--config", cfg, "--store", filepath.Join(dir, "none.db")); code != cli.ExitFailed || !strings.Contains(stderr, "none.db") {
		t.Errorf("--store over --config: exit %d %s", code, stderr)
	}
	if code, _, _ := run(t, "diff", "--config", filepath.Join(dir, "missing.yaml"), "previous", "latest"); code != cli.ExitFailed {
		t.Errorf("missing config: exit %d", code)
	}
}
