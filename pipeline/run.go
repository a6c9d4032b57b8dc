package pipeline

import (
	"cmp"
	"context"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// run is one finished walk on its way to a report.
type run struct {
	doc  report.Run
	cov  model.Coverage
	hist *history      // suppressions and the run history; empty for probe and scan-site
	res  *model.Result // the audit's walk, for the history; nil for probe and scan-site
	// verdicts and links are the console lines of probe and scan-site.
	verdicts []report.Verdict
	links    []report.LinkLine
}

// finish turns findings into the report and the run's verdict: suppressions,
// the document (sorted once, suppressed findings last), the run history,
// localized text, Write, and the record of a run whose reports were written.
func finish(ctx context.Context, r run, findings []model.Finding, o Options) (Verdict, error) {
	h := r.hist
	loc := cmp.Or(o.Location, time.Local)
	r.doc.StartedAt, r.doc.FinishedAt = r.doc.StartedAt.In(loc), r.doc.FinishedAt.In(loc)
	h.suppress(findings, r.cov.Gaps, r.doc.FinishedAt)
	doc := report.New(r.doc, r.cov, findings)
	doc.Tool.Version = o.Version
	if err := h.prepare(ctx, doc, r.res); err != nil {
		return Clean, err
	}
	if err := doc.Localize(o.Lang); err != nil {
		return Clean, err
	}
	if err := o.Write(ctx, &Report{Doc: doc, Verdicts: r.verdicts, Links: r.links}); err != nil {
		return Clean, err
	}
	// Only a run whose reports were all written is recorded.
	if err := h.commit(ctx, doc, r.res); err != nil {
		return Clean, err
	}
	return verdictOf(doc.Findings, r.cov, o.FailOn, h.set.FailOnNew), nil
}

// runID names a run by when it started.
func runID(started time.Time) string { return started.UTC().Format("20060102T150405Z") }
