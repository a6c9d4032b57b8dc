package pipeline

import (
	"testing"

	"github.com/gwsaudit/gwsaudit/model"
)

func TestVerdictOf(t *testing.T) {
	high := model.Finding{Severity: model.High, Status: model.StatusOpen}
	newLow := model.Finding{Severity: model.Low, Status: model.StatusNew}
	suppressed := model.Finding{Severity: model.Critical, Status: model.StatusSuppressed}
	gaps := model.Coverage{Gaps: []model.Gap{{Scope: model.ScopeUser, ID: "u"}}}
	for name, c := range map[string]struct {
		fs        []model.Finding
		cov       model.Coverage
		failOnNew bool
		want      Verdict
	}{
		"nothing":                {nil, model.Coverage{}, false, Clean},
		"high fails":             {[]model.Finding{high}, gaps, false, Findings},
		"low passes, gaps":       {[]model.Finding{newLow}, gaps, false, Gaps},
		"suppressed left out":    {[]model.Finding{suppressed}, model.Coverage{}, false, Clean},
		"fail-on-new skips open": {[]model.Finding{high}, model.Coverage{}, true, Clean},
		"fail-on-new, new fails": {[]model.Finding{{Severity: model.High, Status: model.StatusNew}}, gaps, true, Findings},
		"accepted gaps pass":     {[]model.Finding{newLow}, model.Coverage{Gaps: []model.Gap{{Scope: model.ScopeUser, ID: "u", AcceptedUntil: "2027-03-31"}}}, false, Clean},
		"one gap not accepted": {nil, model.Coverage{Gaps: []model.Gap{{Scope: model.ScopeUser, ID: "u", AcceptedUntil: "2027-03-31"},
			{Scope: model.ScopeForm, ID: "f"}}}, false, Gaps},
	} {
		if got := verdictOf(c.fs, c.cov, model.High, c.failOnNew); got != c.want {
			t.Errorf("%s: verdict %d, want %d", name, got, c.want)
		}
	}
}
