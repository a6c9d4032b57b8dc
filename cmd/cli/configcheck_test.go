package cli_test

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/gwsaudit/gwsaudit/report"
)

// TestConfigRefusesUnknownKeys: a misspelt key would otherwise be ignored
// and its setting silently left at the default.
func TestConfigRefusesUnknownKeys(t *testing.T) {
	base := catalogEmulator(t)
	for key, want := range map[string]string{
		"fail-on: critical\n":               `unknown key "fail-on" (did you mean fail_on?)`,
		"fial_on: critical\n":               `unknown key "fial_on" (did you mean fail_on?)`,
		"partner_domain: [a.example]\n":     `unknown key "partner_domain" (did you mean partner_domains?)`,
		"rate_limits:\n  drvie: 5\n":        `unknown key "rate_limits.drvie" (did you mean rate_limits.drive?)`,
		"colour_scheme: dark\n":             `unknown key "colour_scheme"`,
		"concurrency: 0\n":                  "concurrency is 0",
		"audit_log_days: -5\n":              "audit_log_days is -5",
		"attempt_timeout: -1s\n":            "attempt_timeout is -1s",
		"rate_limits:\n  forms: 0\n":        "rate_limits.forms is 0",
		"concurrency: 4\nrate_limits: {}\n": "",
	} {
		cfg := filepath.Join(t.TempDir(), "c.yaml")
		if err := os.WriteFile(cfg, []byte(key), 0o600); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := run(t, "audit", "--emulator", base, "--admin", catalogAdmin(t), "--config", cfg, "--fail-on", "critical")
		if want == "" {
			if code == 2 {
				t.Errorf("%q: exit 2: %s", key, stderr)
			}
			continue
		}
		if code != 2 || !strings.Contains(stderr, want) {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 naming %q", key, code, stderr, want)
		}
	}
}

// TestFlagsRefuseZeroAndNegative: a number the user gave is never quietly
// replaced by the default.
func TestFlagsRefuseZeroAndNegative(t *testing.T) {
	base := catalogEmulator(t)
	for _, args := range [][]string{
		{"audit", "--emulator", base, "--concurrency", "0"},
		{"audit", "--emulator", base, "--audit-log-days", "-1"},
		{"audit", "--emulator", base, "--attempt-timeout", "-1s"},
		{"audit", "--emulator", base, "--attempt-timeout", "0s"},
		{"scan-site", "--emulator", base, "--max-pages", "0", base + "/site/index.html"},
		{"scan-site", "--emulator", base, "--rate", "-2", base + "/site/index.html"},
		{"scan-site", "--emulator", base, "--request-timeout", "0s", base + "/site/index.html"},
		{"probe", "--emulator", base, "--timeout", "-1m", base + "/forms/d/e/x/viewform"},
	} {
		flag := args[3]
		code, _, stderr := run(t, args...)
		if code != 2 || !strings.Contains(stderr, flag+" "+args[4]) || !strings.Contains(stderr, "above zero") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 naming %s", args, code, stderr, flag)
		}
	}
	t.Setenv("GWSAUDIT_CONCURRENCY", "-3")
	if code, _, stderr := run(t, "audit", "--emulator", base); code != 2 || !strings.Contains(stderr, "concurrency is -3") {
		t.Errorf("GWSAUDIT_CONCURRENCY=-3: exit %d %q", code, stderr)
	}
}

// A config path that is a pipe (or stdin, or a directory) is refused at
// once, naming what it is, instead of waiting for a writer forever.
func TestConfigMustBeARegularFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "config.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	for _, path := range []string{fifo, t.TempDir()} {
		code, _, stderr := run(t, "audit", "--emulator", "http://127.0.0.1:1", "--admin", "a@example.jp", "--config", path)
		if code != 2 || !strings.Contains(stderr, "not a regular file") {
			t.Errorf("--config %s: exit %d, stderr %q; want exit 2 saying it is not a regular file", path, code, stderr)
		}
	}
}

// An --emulator URL nobody listens on says that no emulator is running
// and how to start one, instead of a bare "connection refused".
func TestEmulatorNotRunning(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + l.Addr().String()
	l.Close()
	code, _, stderr := run(t, "audit", "--emulator", base, "--admin", "admin@example.jp")
	if code != 2 || !strings.Contains(stderr, "no emulator is running at "+base) || !strings.Contains(stderr, "gwsaudit emulator serve") {
		t.Errorf("exit %d, stderr %q; want exit 2 saying no emulator runs at %s and how to start one", code, stderr, base)
	}
}

// audit --help lists the exit codes; report --help, which has no --admin,
// does not mention it.
func TestHelpTexts(t *testing.T) {
	_, out, _ := run(t, "audit", "--help")
	for _, want := range []string{"Exit codes:", "0  nothing at or above --fail-on", "3  the run finished, but coverage has gaps"} {
		if !strings.Contains(out, want) {
			t.Errorf("audit --help lacks %q", want)
		}
	}
	if _, out, _ := run(t, "report", "--help"); strings.Contains(out, "--admin") {
		t.Errorf("report --help mentions --admin, which report does not take:\n%s", out)
	}
}

// A nightly run whose every finding and gap is accepted in the suppression
// file exits 0; the same run without the gaps: entries exits 3.
func TestAcceptedGapsLeaveExitCodeThree(t *testing.T) {
	base := catalogEmulator(t)
	for gaps, want := range map[string]int{
		"": 3,
		"gaps:\n  - scope: \"*\"\n    reason: 既知\n    expires: 2099-12-31\n": 0,
	} {
		file := filepath.Join(t.TempDir(), "suppressions.yaml")
		body := "suppressions:\n  - check: \"*\"\n    reason: 既知\n    expires: 2099-12-31\n" + gaps
		if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := run(t, "audit", "--emulator", base, "--admin", catalogAdmin(t), "--suppressions", file, "--quiet")
		if code != want {
			t.Errorf("gaps entries %q: exit %d, want %d\n%s", gaps, code, want, stderr)
		}
	}
}

// --checks runs a subset (a school board checking forms only), and the
// report says which ran; an unknown ID is refused, naming the nearest one.
func TestChecksSubset(t *testing.T) {
	base := catalogEmulator(t)
	code, out, stderr := run(t, "audit", "--emulator", base, "--admin", catalogAdmin(t), "--checks", "form-001, FORM-002", "--format", "json", "--quiet")
	if code == 2 {
		t.Fatalf("exit 2: %s", stderr)
	}
	var doc struct {
		Run      struct{ Checks []string } `json:"run"`
		Findings []struct {
			CheckID string `json:"check_id"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if strings.Join(doc.Run.Checks, ",") != "FORM-001,FORM-002" || len(doc.Findings) == 0 {
		t.Errorf("run.checks %v, %d findings", doc.Run.Checks, len(doc.Findings))
	}
	for _, f := range doc.Findings {
		if f.CheckID != "FORM-001" && f.CheckID != "FORM-002" {
			t.Errorf("a FORM-001,FORM-002 run reported %s", f.CheckID)
		}
	}
	code, _, stderr = run(t, "audit", "--emulator", base, "--admin", catalogAdmin(t), "--checks", "FORM-01")
	if code != 2 || !strings.Contains(stderr, `no check "FORM-01" (did you mean FORM-001?)`) {
		t.Errorf("unknown check: exit %d, stderr %q", code, stderr)
	}
}

// --only-new: the console and the human reports show only the exposures
// the last recorded run did not have; the JSON report keeps every finding; without
// a run history it is refused before the audit.
func TestOnlyNew(t *testing.T) {
	base := catalogEmulator(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	args := func(csv, js string) []string {
		return []string{"audit", "--emulator", base, "--admin", catalogAdmin(t), "--store", db, "--only-new", "--quiet",
			"--out", filepath.Join(dir, csv), "--out", filepath.Join(dir, js)}
	}
	rows := func(name string) int {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return len(strings.Split(strings.TrimSpace(string(data)), "\n")) - 1
	}
	findings := func(name string) int {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		var doc struct{ Findings []json.RawMessage }
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		return len(doc.Findings)
	}
	if code, _, stderr := run(t, args("1.csv", "1.json")...); code == 2 {
		t.Fatalf("first run: %s", stderr)
	}
	exposures := func(name string) int {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		doc, err := report.ReadJSON(f)
		if err != nil {
			t.Fatal(err)
		}
		return len(doc.Exposures())
	}
	// The CSV has a row per exposure (a grant with all its findings).
	if rows("1.csv") == 0 || rows("1.csv") != exposures("1.json") || exposures("1.json") >= findings("1.json") {
		t.Errorf("first run: %d CSV rows, %d exposures, %d JSON findings; all are new", rows("1.csv"), exposures("1.json"), findings("1.json"))
	}
	if code, _, stderr := run(t, args("2.csv", "2.json")...); code == 2 {
		t.Fatalf("second run: %s", stderr)
	}
	if rows("2.csv") != 0 || findings("2.json") != findings("1.json") {
		t.Errorf("second run: %d CSV rows (want 0: nothing new), %d JSON findings (want all %d)", rows("2.csv"), findings("2.json"), findings("1.json"))
	}
	code, _, stderr := run(t, "audit", "--emulator", base, "--admin", catalogAdmin(t), "--only-new")
	if code != 2 || !strings.Contains(stderr, "--only-new needs a run history") {
		t.Errorf("without a store: exit %d, %q", code, stderr)
	}
}
