package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/suppress"
)

// checkIDs reads --checks (or the config's checks): known check IDs, in
// catalog order, each once; nil for all. An unknown ID is refused, naming
// the nearest one.
func checkIDs(given []string) ([]string, error) {
	if len(given) == 0 {
		return nil, nil
	}
	var known []string
	for _, d := range checks.Descriptors() {
		known = append(known, d.ID)
	}
	want := map[string]bool{}
	for _, g := range given {
		for _, id := range strings.Split(g, ",") {
			id = strings.ToUpper(strings.TrimSpace(id))
			if id == "" {
				continue
			}
			if !slices.Contains(known, id) {
				msg := fmt.Sprintf("--checks: no check %q", id)
				if near := suppress.Nearest(id, known); near != "" {
					msg += fmt.Sprintf(" (did you mean %s?)", near)
				}
				return nil, fmt.Errorf("%s; `gwsaudit checks` lists them", msg)
			}
			want[id] = true
		}
	}
	var out []string
	for _, id := range known {
		if want[id] {
			out = append(out, id)
		}
	}
	return out, nil
}
