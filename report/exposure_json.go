package report

import (
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// jsonExposure is one exposure in the JSON report's "exposures" list (an
// addition to the contract): the findings the human formats show as one
// row, by fingerprint, so that a ticket system can open one ticket per
// row. Readers regroup the findings themselves; ReadJSON ignores the list.
type jsonExposure struct {
	Severity     model.Severity `json:"severity"`
	CheckIDs     []string       `json:"check_ids"`
	Fingerprints []string       `json:"fingerprints"`
	Status       string         `json:"status,omitempty"`
	FirstSeen    *time.Time     `json:"first_seen,omitempty"`
}

// exposuresJSON lists the exposures of fs, most severe first.
func exposuresJSON(fs []model.Finding) []jsonExposure {
	out := []jsonExposure{}
	for _, e := range GroupExposures(fs) {
		out = append(out, jsonExposure{Severity: e.Severity(), CheckIDs: e.CheckIDs(), Fingerprints: e.Fingerprints(),
			Status: e.Status(), FirstSeen: e.FirstSeen()})
	}
	return out
}
