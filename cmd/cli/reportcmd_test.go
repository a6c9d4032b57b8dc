package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
)

// TestReportRefusesDeepEvidence: 120 KB of nested evidence would render to
// gigabytes of indented output; it is refused on reading, naming the finding.
func TestReportRefusesDeepEvidence(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "deep.json")
	deep := strings.Repeat("[", 9000) + strings.Repeat("]", 9000)
	doc := `{"schema":"gwsaudit.report/v1","findings":[` +
		`{"check_id":"SHARE-001","severity":"high","resource":{"id":"ok-1"},"evidence":{"n":[1]}},` +
		`{"check_id":"FORM-001","severity":"critical","resource":{"id":"form-7"},"evidence":{"a":` + deep + `,"b":` + deep + `}}]}`
	if err := os.WriteFile(in, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "r.json")
	code, stdout, stderr := run(t, "report", "--in", in, "--out", out, "--out", filepath.Join(dir, "r.md"))
	if code != cli.ExitFailed || !strings.Contains(stderr, `finding 2 (FORM-001 on "form-7")`) || !strings.Contains(stderr, "deeper than 8 levels") {
		t.Errorf("exit %d, stderr %q; want 2 naming the finding", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) || stdout != "" {
		t.Errorf("a report was written (%v) or printed (%d bytes)", err, len(stdout))
	}
}
