package cli

import (
	"slices"
	"strings"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/suppress"
)

// checkIDs reads --checks (or the config's checks): known check IDs, in
// catalog order, each once; nil for all. An unknown ID is refused, naming
// the nearest one.
func checkIDs(flag string, given []string) ([]string, error) {
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
				if near := suppress.Nearest(id, known); near != "" {
					return nil, usererr.New(usererr.UnknownCheckNear, flag, id, near)
				}
				return nil, usererr.New(usererr.UnknownCheck, flag, id)
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
