package cli_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"google.golang.org/api/option"
	"google.golang.org/api/sheets/v4"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
)

type bearer string

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+string(b))
	return http.DefaultTransport.RoundTrip(r)
}

// readSheet reads a tab of the spreadsheet at url back from the emulator.
func readSheet(t *testing.T, base, who, url, tab string) [][]any {
	t.Helper()
	id := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(url), base+"/spreadsheets/d/"), "/edit")
	sh, err := sheets.NewService(context.Background(), option.WithEndpoint(base+"/"), option.WithHTTPClient(&http.Client{Transport: bearer(who)}))
	if err != nil {
		t.Fatal(err)
	}
	v, err := sh.Spreadsheets.Values.Get(id, "'"+tab+"'!A1").Do()
	if err != nil {
		t.Fatalf("read back %s: %v", url, err)
	}
	return v.Values
}

// TestReportEveryFormat re-renders a saved report in every format,
// Google Sheets included (through the emulator named by GWSAUDIT_EMULATOR).
func TestReportEveryFormat(t *testing.T) {
	base, admin := catalogEmulator(t), catalogAdmin(t)
	t.Setenv("GWSAUDIT_EMULATOR", base)
	dir := t.TempDir()
	in := filepath.Join("..", "..", "report", "testdata", "golden", "report.json")
	args := []string{"report", "--in", in, "--lang", "ja", "--csv-bom=false", "--sheets-as", admin, "--sheets-share", "kacho@example.jp,somu@example.jp", "--out", "sheets:"}
	for _, ext := range []string{".json", ".csv", ".xlsx", ".html", ".md"} {
		args = append(args, "--out", filepath.Join(dir, "r"+ext))
	}
	code, stdout, stderr := run(t, args...)
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, ext := range []string{".json", ".csv", ".xlsx", ".html", ".md"} {
		fi, err := os.Stat(filepath.Join(dir, "r"+ext))
		if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
			t.Errorf("r%s: %v %v", ext, fi, err)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(dir, "r.csv"))
	if !bytes.HasPrefix(csv, []byte("重要度,重要度ランク,対象,")) {
		t.Errorf("--csv-bom=false: CSV starts %q", csv[:min(len(csv), 20)])
	}
	url := strings.TrimSpace(stdout)
	if !strings.HasPrefix(url, base+"/spreadsheets/d/") || !strings.Contains(stderr, "Google Sheets report created") {
		t.Fatalf("stdout %q, stderr %s", stdout, stderr)
	}
	rows := readSheet(t, base, admin, url, "検出結果")
	if len(rows) != 9 || rows[0][0] != "重要度" { // the header and report.json's 8 findings
		t.Errorf("Findings tab: %d rows, header %v", len(rows), rows[0])
	}
	if !strings.Contains(stderr, "kacho@example.jp") {
		t.Errorf("shares not logged: %s", stderr)
	}
}

func TestAuditToSheets(t *testing.T) {
	base, admin := catalogEmulator(t), catalogAdmin(t)
	dir := t.TempDir()
	code, stdout, stderr := run(t, "audit", "--emulator", base, "--admin", admin, "--lang", "en", "--log-format", "json",
		"--out", "sheets:Audit "+admin, "--out", filepath.Join(dir, "r.csv"))
	if code != cli.ExitFindings {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	url, _, _ := strings.Cut(stdout, "\n")
	rows := readSheet(t, base, admin, url, "Summary")
	if len(rows) == 0 || !strings.Contains(rows[0][0].(string), "gwsaudit report") {
		t.Errorf("Summary tab: %v", rows)
	}
	csv, _ := os.ReadFile(filepath.Join(dir, "r.csv"))
	if !bytes.HasPrefix(csv, []byte("\ufeffSeverity,Severity rank,Item,")) {
		t.Errorf("CSV should start with a BOM by default: %q", csv[:min(len(csv), 20)])
	}

	// The demo's emulator lives inside the run: the export goes to it too.
	code, stdout, stderr = run(t, "audit", "--demo", "--out", "sheets:", "--lang", "en", "--log-format", "json")
	if code != cli.ExitFindings || !strings.Contains(stderr, "Google Sheets report created") || !strings.Contains(stdout, "/spreadsheets/d/") {
		t.Errorf("--demo with sheets: exit %d: %s", code, stderr)
	}
	t.Setenv("GWSAUDIT_EMULATOR", "")
	code, _, stderr = run(t, "report", "--in", filepath.Join("..", "..", "report", "testdata", "golden", "report.json"), "--out", "sheets:")
	if code != cli.ExitFailed || !strings.Contains(stderr, "--sheets-as") {
		t.Errorf("sheets: without an identity: exit %d: %s", code, stderr)
	}
}

// TestOutPathAsWritten: "sub/.." is checked as the system will open it, so
// it passes when sub exists and fails before any work when it does not.
func TestOutPathAsWritten(t *testing.T) {
	in := filepath.Join("..", "..", "report", "testdata", "golden", "report.json")
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "report", "--in", in, "--out", dir+"/sub/../r.json"); code != 0 {
		t.Fatalf("sub/../r.json with sub present: exit %d %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "r.json")); err != nil {
		t.Error(err)
	}
	code, _, stderr := run(t, "report", "--in", in, "--out", dir+"/nosub/../r2.json")
	if code != cli.ExitFailed || !strings.Contains(stderr, "--out "+dir+"/nosub/../r2.json") || !strings.Contains(stderr, "does not exist") {
		t.Errorf("nosub/../r2.json: exit %d %s", code, stderr)
	}
}
