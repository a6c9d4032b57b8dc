package report

import (
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// RunRecord is one run of the history, as `gwsaudit history` lists it.
type RunRecord struct {
	ID         string    `json:"id"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
	Mode       string    `json:"mode"`
	Tenant     string    `json:"tenant"`
	Domains    []string  `json:"domains,omitempty"`
	Findings   int       `json:"findings"`
	New        int       `json:"new"`
	Resolved   int       `json:"resolved"`
	Suppressed int       `json:"suppressed"`
	APICalls   int64     `json:"api_calls"`
	Summary    Summary   `json:"summary"`
	// Exposures counts the run as its human reports did: one per grant
	// (item and principal) or setting. The counts above are per finding.
	Exposures ExposureCounts `json:"exposures"`
}

// ExposureCounts are a run's counts by exposure, as its console headline
// gave them: the total (suppressed included), those with something new,
// those resolved since the run before, the suppressed, and the others by
// their highest severity.
type ExposureCounts struct {
	Total      int     `json:"total"`
	New        int     `json:"new"`
	Resolved   int     `json:"resolved"`
	Suppressed int     `json:"suppressed"`
	Summary    Summary `json:"summary"`
}

// CountRun counts a document's exposures as its console headline does
// (statuses and the resolved list set by the run history).
func CountRun(d *Document) ExposureCounts {
	exps := d.Exposures()
	s := CountExposures(exps)
	return ExposureCounts{Total: len(exps), New: NewExposures(exps), Resolved: len(d.ResolvedExposures()),
		Suppressed: s.Suppressed, Summary: s}
}

// DiffEntry is one finding that differs between two runs.
type DiffEntry struct {
	Fingerprint string           `json:"fingerprint"`
	CheckID     string           `json:"check_id"`
	Severity    string           `json:"severity"`
	OldSeverity string           `json:"old_severity,omitempty"`
	Status      string           `json:"status,omitempty"`
	Resource    model.Resource   `json:"resource"`
	Principal   *model.Principal `json:"principal,omitempty"`
}

// Diff is what changed from recorded run From to run To (`gwsaudit diff`).
type Diff struct {
	From    RunRecord   `json:"from"`
	To      RunRecord   `json:"to"`
	Added   []DiffEntry `json:"added"`   // in To, not in From
	Removed []DiffEntry `json:"removed"` // in From, not in To
	Changed []DiffEntry `json:"changed"` // in both, severity or suppression changed
	// Exposures counts the lists above by exposure (GroupDiff), the lines
	// the table prints.
	Exposures DiffCounts `json:"exposures"`
}

// DiffCounts are how many exposures a diff added, removed and changed.
type DiffCounts struct {
	Added   int `json:"added"`
	Removed int `json:"removed"`
	Changed int `json:"changed"`
}

// CountDiff counts d's lists by exposure.
func CountDiff(d *Diff) DiffCounts {
	return DiffCounts{Added: len(GroupDiff(d.Added)), Removed: len(GroupDiff(d.Removed)), Changed: len(GroupDiff(d.Changed))}
}
