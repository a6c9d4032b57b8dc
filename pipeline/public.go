package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/auditor/site"
	"github.com/gwsaudit/gwsaudit/model"
	"github.com/gwsaudit/gwsaudit/report"
)

// Probe reads each form URL as an anonymous visitor, runs the checks and
// finishes like an audit, with a verdict line per URL.
func Probe(ctx context.Context, urls []string, opts auditor.ProbeOptions, o Options) (Verdict, error) {
	started := time.Now().UTC()
	res := auditor.NewProber(opts).Run(ctx, urls)
	var vs []report.Verdict
	for _, fp := range res.Probes {
		vs = append(vs, verdictLine(fp, nil))
	}
	return finishPublic(ctx, report.ModeProbe, started, res.Findings, res.Coverage, vs, nil, o)
}

// ScanSite crawls a public web site from seeds and finishes like an audit,
// with a verdict line per linked form and a line per Drive or Docs link.
// tenant, when set, is walked first to tie URLs to the tenant's items
// (scan.Tenant may instead hold a saved report's findings).
func ScanSite(ctx context.Context, seeds []string, scan auditor.ScanOptions, tenant *auditor.Options, o Options) (Verdict, error) {
	if tenant != nil {
		res, err := auditor.Run(ctx, *tenant)
		if err != nil {
			return Clean, fmt.Errorf("audit the tenant to tie URLs: %w", err)
		}
		scan.Tenant = NonNil(res.Findings)
	}
	started := time.Now().UTC()
	res, err := auditor.Scan(ctx, seeds, scan)
	if err != nil {
		return Clean, err
	}
	var vs []report.Verdict
	for _, fp := range res.Probes {
		vs = append(vs, verdictLine(fp, pagesOf(res.Links, fp)))
	}
	var links []report.LinkLine
	for _, l := range res.Links {
		if l.Link.Kind != site.Drive && l.Link.Kind != site.Docs {
			continue
		}
		ll := report.LinkLine{URL: l.Link.URL, Pages: l.Pages, Tied: scan.Tenant != nil, Checks: l.Checks}
		if l.Tenant != nil {
			ll.Name, ll.Owner = l.Tenant.Name, l.Tenant.Owner
		}
		links = append(links, ll)
	}
	o.Log.Info().Int("pages", len(res.Crawl.Pages)).Int("skipped", len(res.Crawl.Skipped)).Msg("site crawled")
	return finishPublic(ctx, report.ModeScanSite, started, res.Findings, res.Coverage, vs, links, o)
}

// NonNil returns fs, or an empty list for nil: a tenant audit with no
// findings still ties URLs (to nothing).
func NonNil(fs []model.Finding) []model.Finding {
	if fs == nil {
		return []model.Finding{}
	}
	return fs
}

// finishPublic finishes a run that needs no admin rights: no suppressions,
// no history, no tenant.
func finishPublic(ctx context.Context, mode string, started time.Time, findings []model.Finding, cov model.Coverage,
	vs []report.Verdict, links []report.LinkLine, o Options) (Verdict, error) {
	r := run{
		doc:      report.Run{ID: runID(started), StartedAt: started, FinishedAt: time.Now().UTC(), Mode: mode},
		cov:      cov,
		hist:     &history{log: o.Log, mode: mode},
		verdicts: vs, links: links,
	}
	return finish(ctx, r, findings, o)
}

// verdictLine turns a probe into its console verdict.
func verdictLine(fp *auditor.FormProbe, pages []string) report.Verdict {
	v := report.Verdict{URL: fp.URL, Outcome: fp.Outcome, Reason: fp.Reason, Pages: pages}
	if p := fp.Page; p != nil {
		v.Read, v.Title = true, p.Settings.Title
		v.SignIn, v.SummaryOn, v.Email = p.Settings.SignInRequired, p.Settings.SummaryPublished, p.Settings.EmailCollection
		v.PersonalData = fp.PersonalData
	}
	return v
}

// pagesOf returns the pages that link a probed form.
func pagesOf(links []auditor.LinkRef, fp *auditor.FormProbe) []string {
	for _, l := range links {
		if l.Link.Canonical == fp.Link.Canonical && l.Link.Kind == fp.Link.Kind {
			return l.Pages
		}
	}
	return nil
}
