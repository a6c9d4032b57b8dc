package cli_test

import (
	"encoding/json"
	"testing"

	"github.com/gwsaudit/gwsaudit/cmd/cli"
)

// The demo reads its audit log inside the Reports API's 180 days however
// late it is run: SHARE-007 fires and the audit log is no gap.
func TestDemoReadsTheAuditLog(t *testing.T) {
	code, stdout, stderr := run(t, "audit", "--demo", "--format", "json", "--log-level", "error")
	if code == cli.ExitFailed {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var doc struct {
		Findings []struct {
			CheckID string `json:"check_id"`
		}
		Coverage struct {
			Gaps []struct{ Scope, Reason string }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("report: %v\n%s", err, stdout)
	}
	for _, g := range doc.Coverage.Gaps {
		if g.Scope == "audit_log" {
			t.Errorf("audit log gap: %s", g.Reason)
		}
	}
	n := 0
	for _, f := range doc.Findings {
		if f.CheckID == "SHARE-007" {
			n++
		}
	}
	if n == 0 {
		t.Error("no SHARE-007 finding in the demo")
	}
}
