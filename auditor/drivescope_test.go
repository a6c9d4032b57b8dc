package auditor_test

import (
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

// drives.list accepts only drive or drive.readonly: with it delegated the
// shared drives are audited; without it everything else still is, and the
// shared drives are one gap naming exactly the missing scope.
func TestSharedDrivesNeedDriveReadonly(t *testing.T) {
	audited := 0
	for _, delegated := range []bool{true, false} {
		srv := serve(t, groupsTenant(), emulator.Options{})
		res := auditWithKey(t, srv, lacking(delegated, auditor.ScopeSharedDrivesRead))
		var gaps []model.Gap
		for _, g := range res.Coverage.Gaps {
			if g.Scope == model.ScopeSharedDrive {
				gaps = append(gaps, g)
			}
		}
		if delegated {
			audited = res.Coverage.Users.Audited
			if len(gaps) != 0 || count(res.Findings, "SHARE-002", "somu-memo") != 1 {
				t.Errorf("delegated: gaps %+v, findings %+v", gaps, res.Findings)
			}
			continue
		}
		if res.Coverage.Users.Audited != audited || audited == 0 {
			t.Errorf("users audited without the shared-drive scope: %+v, want %d", res.Coverage.Users, audited)
		}
		if len(gaps) != 1 {
			t.Fatalf("want one shared-drive gap, got %+v", gaps)
		}
		g := gaps[0]
		if g.Code != model.GapDrivesUnlisted || !strings.Contains(g.Reason, auditor.ScopeSharedDrivesRead) || !strings.Contains(g.Action, "add "+auditor.ScopeSharedDrivesRead+" to client ID "+saClientID) {
			t.Errorf("gap %+v", g)
		}
	}
}
