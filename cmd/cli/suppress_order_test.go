package cli_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
)

// TestSuppressedFindingsLastInJSON: in a written report suppressed
// findings come after every active one, though the suppression is applied
// after the report is built (here it hides the most severe finding).
func TestSuppressedFindingsLastInJSON(t *testing.T) {
	tn := &emulator.Tenant{CustomerID: "C0h", PrimaryDomain: "town.example.jp",
		Users: []emulator.User{{Email: "admin@town.example.jp", Admin: true}, {Email: "sato@town.example.jp"}},
		Files: []emulator.File{
			{ID: "doc-1", Name: "議事録", Kind: "document", Owner: "sato@town.example.jp", Permissions: []emulator.Permission{{Type: "anyone", Role: "reader"}}},
			{ID: "doc-2", Name: "見積", Kind: "document", Owner: "sato@town.example.jp", Permissions: []emulator.Permission{{Type: "user", Role: "writer", Email: "someone@gmail.com"}}},
		}}
	srv := emulatortest.Serve(t, tn, emulator.Options{})
	supp := filepath.Join(t.TempDir(), "s.yaml")
	if err := os.WriteFile(supp, []byte("suppressions:\n  - item: doc-1\n    reason: public minutes\n    expires: 2999-12-31\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := auditJSON(t, 0, "--emulator", srv.BaseURL(), "--admin", "admin@town.example.jp", "--suppressions", supp, "--fail-on", "critical")
	seenSuppressed := false
	for _, f := range r.Findings {
		if f.Status == "suppressed" {
			seenSuppressed = true
		} else if seenSuppressed {
			t.Fatalf("an active finding (%s %s) comes after a suppressed one", f.CheckID, f.Resource.ID)
		}
	}
	if !seenSuppressed || len(r.Findings) < 2 {
		t.Fatalf("want a suppressed finding among several: %+v", r.Findings)
	}
}
