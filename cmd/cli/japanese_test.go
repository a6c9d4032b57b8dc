package cli_test

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/internal/jatext"
	"github.com/gwsaudit/gwsaudit/report"
)

// TestJapaneseCommandsHaveNoEnglish: in Japanese, the console summary of
// the demo (audit --demo) and of its nightly run with history (report
// --in), history, diff, probe
// and scan-site print no run of English words outside the tenant's names,
// addresses, URLs and IDs; diff prints a line per grant (exposure).
func TestJapaneseCommandsHaveNoEnglish(t *testing.T) {
	_, _, db, out := demoNights(t)
	names := reportNames(t, out)
	code, js, stderr := run(t, "history", "--store", db, "--format", "json")
	var runs []report.RunRecord
	if code != cli0 || json.Unmarshal([]byte(js), &runs) != nil || len(runs) != 2 {
		t.Fatalf("history: exit %d %s %s", code, js, stderr)
	}
	outputs := map[string][]string{
		"report":                {"report", "--in", out, "--lang", "ja"},
		"audit":                 {"audit", "--demo", "--lang", "ja", "--log-level", "error"},
		"history":               {"history", "--store", db, "--lang", "ja"},
		"history --by findings": {"history", "--store", db, "--lang", "ja", "--by", "findings"},
		"diff":                  {"diff", "--store", db, "--lang", "ja", runs[1].ID, runs[0].ID},
	}
	base := hospitalEmulator(t)
	outputs["probe"] = []string{"probe", "--emulator", base, "--lang", "ja",
		"https://forms.gle/Ev1", "https://docs.google.com/forms/d/form-rx/edit", "https://example.jp/"}
	outputs["scan-site"] = []string{"scan-site", "--emulator", base, "--rate", "100", "--lang", "ja", base + "/site/index.html"}
	for what, args := range outputs {
		code, stdout, stderr := run(t, args...)
		if code == 2 || stdout == "" {
			t.Fatalf("%s: exit %d\n%s%s", what, code, stdout, stderr)
		}
		for _, r := range jatext.EnglishRuns(stdout, names) {
			t.Errorf("%s: English in Japanese output: %q\n%s", what, r, stdout)
		}
		if what == "diff" && !diffLineWith(stdout, "SHARE-005", "SHARE-006", "SHARE-007", "SHARE-008") {
			t.Errorf("diff: the removed lookalike grant is not one line with its four checks:\n%s", stdout)
		}
	}
}

// cli0 is the exit code of a command that succeeded.
const cli0 = 0

// reportNames are the strings of a saved JSON report that come from the
// tenant (names, paths, addresses, IDs): every string but the text
// gwsaudit writes (titles, messages, remediation) and Google's (a gap's
// reason and action).
func reportNames(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	var names []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			names = append(names, x)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for k, e := range x {
				if !slices.Contains(notNames, k) {
					walk(e)
				}
			}
		}
	}
	walk(v)
	return names
}

// diffLineWith reports whether one line of out names every check.
func diffLineWith(out string, checks ...string) bool {
	for line := range strings.SplitSeq(out, "\n") {
		if !slices.ContainsFunc(checks, func(c string) bool { return !strings.Contains(line, c) }) {
			return true
		}
	}
	return false
}

// report --only-new re-renders a saved report with history showing only
// the exposures with something new (the demo's second night: two), and is
// refused for a report without history.
func TestReportOnlyNew(t *testing.T) {
	fixture := demoHistoryFixture
	dir := t.TempDir()
	csv := dir + "/new.csv"
	if code, _, stderr := run(t, "report", "--in", fixture, "--only-new", "--lang", "ja", "--out", csv); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	// Header, two new exposures, one resolved.
	if lines := strings.Split(strings.TrimSpace(string(data)), "\n"); len(lines) != 4 || !strings.Contains(lines[3], "解消") {
		t.Errorf("only new: %d lines\n%s", len(lines), data)
	}
	code, stdout, _ := run(t, "report", "--in", fixture, "--only-new", "--lang", "ja")
	if code != 0 || !strings.HasPrefix(stdout, "新規 2 件・解消 1 件") || !strings.Contains(stdout, "（2 / 2 件）") || !strings.Contains(stdout, "新しく見つかった露出だけを表示") {
		t.Errorf("console: exit %d\n%s", code, stdout)
	}
	plain := dir + "/plain.json"
	if err := os.WriteFile(plain, []byte(`{"schema":"gwsaudit.report/v1","findings":[]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "report", "--in", plain, "--only-new"); code != 2 || !strings.Contains(stderr, "no run history") {
		t.Errorf("without history: exit %d %s", code, stderr)
	}
}

// notNames are the report's keys whose strings are not the tenant's names:
// gwsaudit's own text, Google's, and the contract's enumerations (status,
// severity, kind, role …), whose English words must not be masked.
var notNames = []string{"title", "message", "remediation", "reason", "action", "admin_note",
	"status", "severity", "kind", "role", "type", "mode", "scope", "code", "schema",
	"audience", "audience_via", "folder_kind"}
