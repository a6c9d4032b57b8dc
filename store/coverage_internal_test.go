package store

import (
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

// A group finding is resolved only by a run that read that group's
// settings: a gap about the group, or about all groups ("*"), keeps it.
func TestCoverageOfGroups(t *testing.T) {
	grp := tracked{checkID: "GROUP-001", resource: model.Resource{Kind: model.KindGroup, ID: "pta@example.jp"}}
	file := tracked{checkID: "SHARE-002", resource: model.Resource{Kind: model.KindFile, ID: "f1", Owner: "a@example.jp"}}
	for _, tc := range []struct {
		id         string
		grp, other bool
	}{
		{"", true, true},
		{"pta@example.jp", false, true},
		{"*", false, true},
		{"other@example.jp", true, true},
	} {
		cov := model.Coverage{}
		if tc.id != "" {
			cov.Gaps = []model.Gap{{Scope: model.ScopeGroup, ID: tc.id, Code: model.GapGroupSettingsUnreadable}}
		}
		seen := coverageOf(cov, nil)
		if seen(grp) != tc.grp || seen(file) != tc.other {
			t.Errorf("gap %q: group seen %v, file seen %v; want %v, %v", tc.id, seen(grp), seen(file), tc.grp, tc.other)
		}
	}
}
