package auditor

import (
	"context"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// ProbeResult is what probing a list of URLs found.
type ProbeResult struct {
	Probes   []*FormProbe
	Findings []model.Finding
	Coverage model.Coverage
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
func (p *Prober) account(cov *model.Coverage, fp *FormProbe, engine *checks.Engine, seen map[string]bool) {
	it := fp.Item()
	if it == nil {
		cov.Gaps = append(cov.Gaps, model.Gap{Scope: model.ScopePage, ID: fp.URL, Code: model.GapProbeFailed,
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
		code, action := model.GapFormPageUnreadable, "try again later; if it persists, check the form's settings by hand"
		if fp.SignInWall {
			code, action = model.GapFormSignInRequired, checkSummaryByHand
		}
		cov.Gaps = append(cov.Gaps, model.Gap{Scope: model.ScopeForm, ID: it.ID, Name: it.Name, Code: code, Reason: fp.Reason, Action: action})
	}
	engine.Add(it)
}
