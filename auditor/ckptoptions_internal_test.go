package auditor

import (
	"slices"
	"testing"

	"github.com/gwsaudit/gwsaudit/checks"
)

// A resumed run must keep the audience policy; without one, the keys are
// absent, so a checkpoint written before the policy existed still resumes.
func TestFindingOptionsAudiencePolicy(t *testing.T) {
	none := findingOptions(Options{})
	if _, ok := none["audiences"]; ok {
		t.Errorf("audiences fingerprinted without rules: %v", none)
	}
	pol := Options{Audiences: []checks.Audience{{Name: "staff", Domains: []string{"a.jp"}}, {Name: "pupils", Domains: []string{"b.jp"}}},
		AudienceRules: []checks.AudienceRule{{From: "staff", To: "pupils"}}}
	other := pol
	other.Audiences = []checks.Audience{{Name: "staff", Domains: []string{"a.jp"}}, {Name: "pupils", Domains: []string{"c.jp"}}}
	if got := optionsDiffer(findingOptions(pol), findingOptions(other)); !slices.Equal(got, []string{"audiences"}) {
		t.Errorf("differ %v, want [audiences]", got)
	}
	if got := optionsDiffer(none, findingOptions(pol)); !slices.Equal(got, []string{"audience_rules", "audiences"}) {
		t.Errorf("differ %v", got)
	}
}
