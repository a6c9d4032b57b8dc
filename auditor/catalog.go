package auditor

import (
	"slices"

	"github.com/gwsaudit/gwsaudit/checks"
)

// catalog returns the checks a run runs: those Checks names, in catalog
// order, or the whole registry.
func (o Options) catalog() []checks.Check {
	if len(o.Checks) == 0 {
		return checks.Registry
	}
	var out []checks.Check
	for _, c := range checks.Registry {
		if slices.Contains(o.Checks, c.Describe().ID) {
			out = append(out, c)
		}
	}
	return out
}
