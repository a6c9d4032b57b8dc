package pipeline

import (
	"context"
	"time"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// Options are what every run shares.
type Options struct {
	FailOn  model.Severity // findings at or above it fail the run
	Lang    string         // the report's language: en or ja
	Version string         // the report's tool version
	// Location is the time zone the report's times are shown in (a 02:30
	// JST run is dated that day); nil means the machine's, time.Local.
	Location *time.Location
	Log      zerolog.Logger
	// Write writes the finished, localized report (files, stdout). A run
	// is recorded in the history only when Write succeeds.
	Write func(ctx context.Context, r *Report) error
}

// Report is a finished run as Write receives it.
type Report struct {
	Doc *report.Document
	// Verdicts and Links are the console lines of probe and scan-site.
	Verdicts []report.Verdict
	Links    []report.LinkLine
}

// Verdict is how a run ends (docs/DESIGN.md's exit codes, a failed run
// aside: that is an error).
type Verdict int

// Verdicts, in the order they win: findings over gaps.
const (
	Clean    Verdict = iota // nothing at or above FailOn, no gaps
	Findings                // findings at or above FailOn
	Gaps                    // the run finished, but coverage has gaps
)
