package report

import (
	"slices"
	"strings"
)

// exposureAdminNote joins the admin notes of an exposure's findings, each
// once. SHARE-005's (declare the domain a partner) is left out when the
// grant must go anyway: a lookalike of a partner is no partner.
func exposureAdminNote(e Exposure, sep string) string {
	// sep joins sentences: "" in Japanese, " " in English.
	ids := e.CheckIDs()
	remove := slices.ContainsFunc(ids, func(id string) bool { return slices.Contains(mustRemove, id) })
	var notes []string
	for _, f := range e.Findings {
		if f.CheckID == "SHARE-005" && remove {
			continue
		}
		notes = appendNew(notes, f.AdminNote)
	}
	return strings.Join(notes, sep)
}
