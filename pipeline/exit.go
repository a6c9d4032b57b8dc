package pipeline

import "github.com/gwsaudit/gwsaudit/model"

// verdictOf applies docs/DESIGN.md's exit codes: suppressed findings are
// left out and, with failOnNew, only new findings fail the run; findings
// at or above failOn win over coverage gaps.
func verdictOf(findings []model.Finding, cov model.Coverage, failOn model.Severity, failOnNew bool) Verdict {
	for _, f := range findings {
		if f.Status == model.StatusSuppressed || failOnNew && f.Status != model.StatusNew {
			continue
		}
		if f.Severity >= failOn {
			return Findings
		}
	}
	if len(cov.Gaps) > 0 {
		return Gaps
	}
	return Clean
}
