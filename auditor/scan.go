package auditor

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gwsaudit/gwsaudit/auditor/site"
	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/model"
)

// ScanOptions configure scan-site.
type ScanOptions struct {
	Probe ProbeOptions
	// Site bounds the crawl. In emulator mode (Probe.Endpoint set) the
	// site's root defaults to /site/, where the emulator serves it.
	Site site.Options
	// Tenant holds findings of an audit of the tenant (a saved report or
	// a fresh run), to tie URLs to the tenant's items and owners; nil when
	// none was given.
	Tenant []model.Finding
}

// LinkRef is one Google link found on the site, with the pages that
// publish it and, when known, the tenant's item it names.
type LinkRef struct {
	Link  site.GoogleLink
	Pages []string
	// Tenant is the tenant item, when the given audit mentions it; Checks
	// are that audit's findings on it ("SHARE-002 high").
	Tenant *model.TenantRef
	Checks []string
}

// ScanResult is what scan-site found.
type ScanResult struct {
	Crawl    *site.Result
	Probes   []*FormProbe
	Links    []LinkRef
	Findings []model.Finding
	Coverage model.Coverage
}

// Scan crawls the site from seeds, reports every form admin URL it
// publishes (FORM-003), probes every linked form (FORM-001, FORM-004) and
// lists links to Drive and Docs, tied to the tenant when opts.Tenant is set.
func Scan(ctx context.Context, seeds []string, opts ScanOptions) (*ScanResult, error) {
	so := opts.Site
	if opts.Probe.Endpoint != "" && so.Root == "" {
		so.Root = "/site/"
	}
	if so.Transport == nil {
		so.Transport = opts.Probe.Transport
	}
	so.AllowPrivate = so.AllowPrivate || opts.Probe.AllowPrivate
	crawl, err := site.Crawl(ctx, seeds, so)
	if err != nil {
		return nil, fmt.Errorf("scan site: %w", err)
	}
	p := NewProber(opts.Probe)
	ties := newTenantIndex(opts.Tenant)
	res := &ScanResult{Crawl: crawl}
	engine := checks.NewEngine(p.env)
	seenForm, seenItems := map[string]bool{}, map[string]bool{}
	links := map[string]*LinkRef{}
	var order []string
	for _, pg := range crawl.Pages {
		page := &model.Item{ID: pg.URL, URL: pg.URL, Name: pg.Title, Kind: model.KindPage, Page: &model.WebPage{}}
		for _, l := range pg.Google {
			key := string(l.Kind) + ":" + l.ID
			lr, ok := links[key]
			if !ok {
				lr = &LinkRef{Link: l}
				lr.Tenant, lr.Checks = ties.lookup(l.FileID())
				links[key] = lr
				order = append(order, key)
			}
			if !slices.Contains(lr.Pages, pg.URL) {
				lr.Pages = append(lr.Pages, pg.URL)
			}
			if l.Kind != site.FormView && l.Kind != site.FormEdit && l.Kind != site.FormShort {
				continue
			}
			fp := p.Probe(ctx, l.URL)
			if !seenForm[l.Canonical] {
				seenForm[l.Canonical] = true
				res.Probes = append(res.Probes, fp)
				p.account(&res.Coverage, fp, engine, seenItems)
			}
			if l.Kind == site.FormEdit {
				page.Page.AdminLinks = append(page.Page.AdminLinks, model.AdminLink{
					URL: l.URL, FormID: l.ID, Probed: fp.EditProbed, OpensAnonymously: fp.EditOpens, Tenant: lr.Tenant})
			}
		}
		engine.Add(page)
	}
	for _, k := range order {
		res.Links = append(res.Links, *links[k])
	}
	for _, s := range crawl.Skipped {
		res.Coverage.Gaps = append(res.Coverage.Gaps, model.Gap{Scope: model.ScopePage, ID: s.URL, Code: model.GapPageSkipped,
			Reason: s.Reason, Action: "raise --max-pages/--max-depth, or check the page by hand"})
	}
	res.Coverage.Items += len(crawl.Pages)
	res.Findings = engine.Finish()
	for i := range res.Findings {
		if res.Findings[i].Resource.Kind == model.KindPage {
			res.Findings[i].Resource.Path = "" // no folder tree on the web
		}
	}
	res.Coverage.Gaps = sortedGaps(res.Coverage.Gaps)
	return res, nil
}

// tenantIndex looks up the tenant's items by Drive ID in an audit's findings.
type tenantIndex map[string]*tenantEntry

type tenantEntry struct {
	ref    model.TenantRef
	checks []string
}

func newTenantIndex(fs []model.Finding) tenantIndex {
	if fs == nil {
		return nil
	}
	ix := tenantIndex{}
	for _, f := range fs {
		id := f.Resource.ID
		e := ix[id]
		if e == nil {
			e = &tenantEntry{ref: model.TenantRef{ID: id, Name: f.Resource.Name, Owner: f.Resource.Owner}}
			ix[id] = e
		}
		if d, ok := checks.DescriptorOf(f.CheckID); ok && d.EditGrant {
			e.ref.BroadEditors = true
		}
		c := f.CheckID + " " + f.Severity.String()
		if !slices.Contains(e.checks, c) {
			e.checks = append(e.checks, c)
		}
	}
	return ix
}

// lookup ties a Drive ID to the tenant. An item the audit does not mention
// stays unknown: it may have no findings, or belong to another tenant.
func (ix tenantIndex) lookup(id string) (*model.TenantRef, []string) {
	e := ix[strings.TrimSpace(id)]
	if id == "" || e == nil {
		return nil, nil
	}
	ref := e.ref
	return &ref, slices.Clone(e.checks)
}
