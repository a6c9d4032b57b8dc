// Package report holds the gwsaudit.report/v1 document and renders it: JSON
// (the contract every other format is rendered from), a console summary,
// and the localized (en, ja) titles, messages and remediation of findings.
package report

import (
	"cmp"
	"runtime/debug"
	"slices"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

// Schema is the value of Document.Schema this package reads and writes.
const Schema = "gwsaudit.report/v1"

// ToolName is the name in Document.Tool.
const ToolName = "gwsaudit"

// Document is one audit run's report. JSON keys are the report contract
// (docs/DESIGN.md); keys may be added, never renamed.
type Document struct {
	Schema   string          `json:"schema"`
	Tool     Tool            `json:"tool"`
	Run      Run             `json:"run"`
	Coverage model.Coverage  `json:"coverage"`
	Summary  Summary         `json:"summary"`
	Findings []model.Finding `json:"findings"`
	// Resolved lists findings of the previous run that are gone. It is nil
	// (and left out of the JSON) without run history, and an empty list, []
	// in the JSON, when a run with history finds nothing fixed.
	Resolved []Resolved `json:"resolved,omitzero"`

	// lang is the language Localize last filled the findings' text in,
	// so that renderers asked for the same language do not fill it again.
	lang string
	// onlyNew is set by OnlyNew: the findings are only those of the
	// exposures with something new, which the console and Markdown say.
	onlyNew bool
}

// Tool names the program that wrote the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Run describes one audit run.
type Run struct {
	ID         string    `json:"id"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
	Mode       string    `json:"mode"` // ModeFull or ModeIncremental
	Tenant     Tenant    `json:"tenant"`
	// Checks are the checks the run ran when it ran only some (--checks);
	// absent when it ran the whole catalog.
	Checks []string `json:"checks,omitempty"`
}

// Run modes.
const (
	ModeFull        = "full"
	ModeIncremental = "incremental"
)

// Tenant is the audited Google Workspace tenant.
type Tenant struct {
	PrimaryDomain string   `json:"primary_domain"`
	Domains       []string `json:"domains"`
}

// Summary counts findings by severity; all five keys are always written.
type Summary struct {
	Critical int `json:"critical"`
	High     int `json:"high"`
	Medium   int `json:"medium"`
	Low      int `json:"low"`
	Info     int `json:"info"`
	// Suppressed counts findings a suppression file accepted; they are
	// listed but not in the five counts above.
	Suppressed int `json:"suppressed,omitempty"`
}

// Resolved is a finding of the previous run that is gone now.
type Resolved struct {
	Fingerprint string           `json:"fingerprint"`
	CheckID     string           `json:"check_id"`
	Resource    model.Resource   `json:"resource"`
	Principal   *model.Principal `json:"principal,omitempty"`
	FirstSeen   time.Time        `json:"first_seen,omitzero"`
	ResolvedAt  time.Time        `json:"resolved_at"`
}

// New builds a document: it sorts a copy of findings (most severe first,
// then by check ID, location and fingerprint) and computes the summary.
func New(run Run, cov model.Coverage, findings []model.Finding) *Document {
	fs := slices.Clone(findings)
	SortFindings(fs)
	d := &Document{
		Schema:   Schema,
		Tool:     Tool{Name: ToolName, Version: ToolVersion()},
		Run:      run,
		Coverage: cov,
		Findings: fs,
	}
	d.normalize()
	d.Summary = Count(d.Findings)
	return d
}

// SortFindings orders findings most severe first, then by check ID,
// resource path and name, and fingerprint; suppressed findings come after
// all others, so a reader's first screen is what still needs action.
func SortFindings(fs []model.Finding) {
	slices.SortStableFunc(fs, func(a, b model.Finding) int {
		return cmp.Or(
			cmp.Compare(suppressedRank(a), suppressedRank(b)),
			cmp.Compare(b.Severity, a.Severity),
			cmp.Compare(a.CheckID, b.CheckID),
			cmp.Compare(a.Resource.Path, b.Resource.Path),
			cmp.Compare(a.Resource.Name, b.Resource.Name),
			cmp.Compare(a.Fingerprint, b.Fingerprint),
		)
	})
}

// suppressedRank is 1 for a suppressed finding, 0 otherwise.
func suppressedRank(f model.Finding) int {
	if f.Status == model.StatusSuppressed {
		return 1
	}
	return 0
}

// Count tallies findings by severity; suppressed ones are only counted
// as suppressed.
func Count(fs []model.Finding) Summary {
	var s Summary
	for _, f := range fs {
		s.add(f)
	}
	return s
}

// add counts one finding.
func (s *Summary) add(f model.Finding) {
	switch {
	case f.Status == model.StatusSuppressed:
		s.Suppressed++
	case f.Severity >= model.Critical:
		s.Critical++
	case f.Severity == model.High:
		s.High++
	case f.Severity == model.Medium:
		s.Medium++
	case f.Severity == model.Low:
		s.Low++
	default:
		s.Info++
	}
}

// AtOrAbove returns how many findings have severity sev or worse.
func (s Summary) AtOrAbove(sev model.Severity) int {
	n := 0
	for i, c := range []int{s.Info, s.Low, s.Medium, s.High, s.Critical} {
		if model.Severity(i) >= sev {
			n += c
		}
	}
	return n
}

// normalize turns nil lists and evidence into empty ones so JSON has [] and
// {} rather than null, as the contract shows.
func (d *Document) normalize() {
	if d.Findings == nil {
		d.Findings = []model.Finding{}
	}
	for i := range d.Findings {
		if d.Findings[i].Evidence == nil {
			d.Findings[i].Evidence = map[string]any{}
		}
	}
	if d.Coverage.Gaps == nil {
		d.Coverage.Gaps = []model.Gap{}
	}
	if d.Run.Tenant.Domains == nil {
		d.Run.Tenant.Domains = []string{}
	}
}

// ToolVersion is the main module's version from the build info; a build
// from a source checkout is "dev-" plus the commit (and "-dirty" when it had
// uncommitted changes), anything else "dev".
func ToolVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch {
		case s.Key == "vcs.revision" && len(s.Value) >= 12:
			rev = "-" + s.Value[:12]
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "-dirty"
		}
	}
	if rev == "" {
		return "dev"
	}
	return "dev" + rev + dirty
}
