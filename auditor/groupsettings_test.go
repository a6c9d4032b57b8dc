package auditor_test

import (
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

// Every group's settings are read through the Groups Settings API with a
// token of its own: delegated, the public group is GROUP-001 and the group
// with an outside member GROUP-002; not delegated, everything else is
// still audited and the groups are one gap naming the scope.
func TestGroupSettingsNeedTheirOwnScope(t *testing.T) {
	for _, delegated := range []bool{true, false} {
		tn := groupsTenant()
		tn.Groups[0].WhoCanViewGroup = "ANYONE_CAN_VIEW" // 全職員
		srv := serve(t, tn, emulator.Options{})
		res := auditWithKey(t, srv, lacking(delegated, auditor.ScopeGroupsSettings))
		var gaps []model.Gap
		for _, g := range res.Coverage.Gaps {
			if g.Scope == model.ScopeGroup {
				gaps = append(gaps, g)
			}
		}
		if count(res.Findings, "SHARE-002", "somu-memo") != 1 || res.Coverage.SharedDrives.Audited != 2 {
			t.Errorf("delegated=%v: the rest of the audit is missing: %+v", delegated, res.Findings)
		}
		if delegated {
			if len(gaps) != 0 || count(res.Findings, "GROUP-001", "zen@city.example.jp") != 1 ||
				count(res.Findings, "GROUP-002", "kanri@city.example.jp") != 1 || count(res.Findings, "GROUP-001", "kacho@city.example.jp") != 0 {
				t.Errorf("delegated: gaps %+v, findings %+v", gaps, res.Findings)
			}
			if calls := srv.Calls()["groupsSettings.groups.get"]; calls != 3 {
				t.Errorf("groups.get calls %d, want 3 (one a group)", calls)
			}
			continue
		}
		if count(res.Findings, "GROUP-001", "") != 0 || count(res.Findings, "GROUP-002", "") != 0 {
			t.Errorf("group findings without the settings: %+v", res.Findings)
		}
		if len(gaps) != 1 {
			t.Fatalf("want one group gap, got %+v", gaps)
		}
		g := gaps[0]
		if g.ID != "*" || g.Code != model.GapGroupSettingsUnreadable || !strings.Contains(g.Reason, auditor.ScopeGroupsSettings) ||
			!strings.Contains(g.Action, "add "+auditor.ScopeGroupsSettings+" to client ID "+saClientID) {
			t.Errorf("gap %+v", g)
		}
	}
}
