package pipeline

import "github.com/gwsaudit/gwsaudit/model"

// verdictOf applies docs/DESIGN.md's exit codes: suppressed findings are
// left out and, with failOnNew, only new findings fail the run; findings
// at or above failOn win over coverage gaps, of which those a suppression
// file accepts do not count.
func verdictOf(findings []model.Finding, cov model.Coverage, failOn model.Severity, failOnNew bool) Verdict {
	for _, f := range findings {
		if f.Status == model.StatusSuppressed || failOnNew && f.Status != model.StatusNew {
			continue
		}
		if f.Severity >= failOn {
			return Findings
		}
	}
	for _, g := range cov.Gaps {
		if !g.Accepted() {
			return Gaps
		}
	}
	return Clean
}
