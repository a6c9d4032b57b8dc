package auditor

import (
	"context"

	"github.com/gwsaudit/gwsaudit/checks"
)

// ProbeResult is what probing a list of URLs found.
type ProbeResult struct {
	Probes   []*FormProbe
	Findings []checks.Finding
	Coverage checks.Coverage
}

// Run probes every URL (sequentially, under the page rate limit) and runs
// the checks over the forms read. A form that could not be read is a gap
// and a FORM-004 note, never an "ok".
func (p *Prober) Run(ctx context.Context, urls []string) *ProbeResult {
	res := &ProbeResult{}
	engine := checks.NewEngine(p.env)
	seen := map[string]bool{}
	for _, u := range urls {
		fp := p.Probe(ctx, u)
		res.Probes = append(res.Probes, fp)
		p.account(&res.Coverage, fp, engine, seen)
	}
	res.Findings = engine.Finish()
	res.Coverage.Gaps = sortedGaps(res.Coverage.Gaps)
	return res
}

// account adds a probe's item to the engine and the coverage, once per form.
func (p *Prober) account(cov *checks.Coverage, fp *FormProbe, engine *checks.Engine, seen map[string]bool) {
	it := fp.Item()
	if it == nil {
		cov.Gaps = append(cov.Gaps, checks.Gap{Scope: checks.ScopePage, ID: fp.URL, Code: checks.GapProbeFailed,
			Reason: fp.Reason, Action: "pass a form URL: …/viewform, forms.gle/…, or …/edit"})
		return
	}
	if seen[it.ID] {
		return
	}
	seen[it.ID] = true
	cov.Items++
	cov.Forms.Total++
	if fp.Page != nil {
		cov.Forms.Verified++
	} else {
		code, action := checks.GapFormPageUnreadable, "try again later; if it persists, check the form's settings by hand"
		if fp.SignInWall {
			code, action = checks.GapFormSignInRequired, checkSummaryByHand
		}
		cov.Gaps = append(cov.Gaps, checks.Gap{Scope: checks.ScopeForm, ID: it.ID, Name: it.Name, Code: code, Reason: fp.Reason, Action: action})
	}
	engine.Add(it)
}
