package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
)

// run executes the command line the way main does.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cli.Run(append([]string{"gwsaudit"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func catalogEmulator(t *testing.T) string {
	t.Helper()
	tn, err := emulator.Load(filepath.Join("..", "..", "testdata", "tenants", "catalog.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	srv := emulatortest.Serve(t, tn, emulator.Options{})
	base := srv.BaseURL()
	return base
}

func catalogAdmin(t *testing.T) string {
	t.Helper()
	tn, err := emulator.Load(filepath.Join("..", "..", "testdata", "tenants", "catalog.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range tn.Users {
		if u.Admin {
			return u.Email
		}
	}
	t.Fatal("catalog tenant has no admin")
	return ""
}

func TestChecksListsCatalog(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		code, out, _ := run(t, "checks", "--lang", lang)
		if code != cli.ExitOK {
			t.Fatalf("exit %d", code)
		}
		if lang == "ja" && !strings.Contains(out, "重大") {
			t.Errorf("ja catalog does not name severities in Japanese:\n%s", out)
		}
		for _, id := range []string{"SHARE-001", "SHARE-008", "FORM-001", "FORM-004"} {
			if !strings.Contains(out, id) {
				t.Errorf("%s: catalog lacks %s:\n%s", lang, id, out)
			}
		}
	}
}

func TestAuditEmulatorWritesReport(t *testing.T) {
	base := catalogEmulator(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	code, stdout, stderr := run(t, "audit", "--emulator", base, "--admin", catalogAdmin(t), "--out", out,
		"--lang", "ja", "--log-format", "json")
	if code != cli.ExitFindings {
		t.Fatalf("exit %d, want %d (findings at or above high)\nstderr: %s", code, cli.ExitFindings, stderr)
	}
	if !strings.Contains(stdout, "SHARE-") {
		t.Errorf("console summary lacks findings:\n%s", stdout)
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v, want 0600", info.Mode().Perm())
	}
	data, _ := os.ReadFile(out)
	var doc struct {
		Schema   string           `json:"schema"`
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(data, &doc); err != nil || doc.Schema != "gwsaudit.report/v1" || len(doc.Findings) == 0 {
		t.Fatalf("report: schema %q, %d findings, err %v", doc.Schema, len(doc.Findings), err)
	}
	// Logs are JSON lines on stderr, never on stdout.
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if line != "" && !json.Valid([]byte(line)) {
			t.Errorf("stderr line is not JSON: %s", line)
		}
	}

	// Re-render the saved report in English.
	code, stdout, stderr = run(t, "report", "--in", out, "--lang", "en")
	if code != cli.ExitOK || !strings.Contains(stdout, "SHARE-") {
		t.Errorf("report: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

func TestAuditFailOnCritical(t *testing.T) {
	base := catalogEmulator(t)
	code, stdout, _ := run(t, "audit", "--emulator", base, "--admin", catalogAdmin(t), "--format", "json", "--fail-on", "critical")
	if code != cli.ExitFindings {
		t.Errorf("exit %d, want 1: the catalog tenant has critical findings", code)
	}
	if !json.Valid([]byte(stdout)) {
		t.Errorf("--format json must print only the JSON report on stdout")
	}
}

func TestAuditErrorsExit2(t *testing.T) {
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", "")
	cases := map[string][]string{
		"no credentials":   {"audit", "--admin", "a@example.jp"},
		"bad fail-on":      {"audit", "--emulator", "http://127.0.0.1:1", "--admin", "a@example.jp", "--fail-on", "severe"},
		"bad lang":         {"audit", "--emulator", "http://127.0.0.1:1", "--admin", "a@example.jp", "--lang", "fr"},
		"missing key file": {"audit", "--admin", "a@example.jp", "--credentials", "/nonexistent/key.json"},
		"no admin":         {"audit", "--emulator", "http://127.0.0.1:1"},
		"unreachable":      {"audit", "--emulator", "http://127.0.0.1:1", "--admin", "a@example.jp"},
		"bad config":       {"audit", "--config", "/nonexistent/gwsaudit.yaml"},
		"report no input":  {"report"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := run(t, args...)
			if code != cli.ExitFailed {
				t.Errorf("exit %d, want 2; stderr: %s", code, stderr)
			}
			if !strings.Contains(stderr, "gwsaudit:") {
				t.Errorf("no error message on stderr: %q", stderr)
			}
		})
	}
}

func TestConfigFileAndEnvironment(t *testing.T) {
	base := catalogEmulator(t)
	cfg := filepath.Join(t.TempDir(), "gwsaudit.yaml")
	if err := os.WriteFile(cfg, []byte("admin: "+catalogAdmin(t)+"\nfail_on: critical\nlang: en\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GWSAUDIT_EMULATOR", base)
	code, stdout, stderr := run(t, "audit", "--config", cfg)
	if code != cli.ExitFindings {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	if !strings.Contains(stdout, "SHARE-") {
		t.Errorf("no summary:\n%s", stdout)
	}
}
