package auditor_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/configs"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

// publicTenant has forms reachable from outside and a hospital web site.
func publicTenant() *emulator.Tenant {
	anyoneAnswers := emulator.Permission{Type: "anyone", Role: "reader", View: "published"}
	return &emulator.Tenant{
		PrimaryDomain: "hosp.example.jp",
		Users:         []emulator.User{{Email: "admin@hosp.example.jp", Admin: true}, {Email: "shimizu@hosp.example.jp"}},
		Files: []emulator.File{
			{ID: "form-summary", Name: "説明会 申込", Kind: "form", Owner: "shimizu@hosp.example.jp",
				Permissions: []emulator.Permission{anyoneAnswers},
				Form:        &emulator.Form{PublishedID: "1FAIpQLSsummary", Title: "説明会 申込", SummaryPublished: true, EmailCollection: "RESPONDER_INPUT", Questions: []string{"氏名", "電話番号"}}},
			{ID: "form-quiet", Name: "アンケート", Kind: "form", Owner: "shimizu@hosp.example.jp",
				Permissions: []emulator.Permission{anyoneAnswers},
				Form:        &emulator.Form{PublishedID: "1FAIpQLSquiet", Title: "アンケート", Questions: []string{"好きな色"}}},
			{ID: "form-org", Name: "職員向け", Kind: "form", Owner: "shimizu@hosp.example.jp",
				Form: &emulator.Form{PublishedID: "1FAIpQLSorg", Title: "職員向け", SignIn: "domain"}},
			{ID: "form-rx", Name: "処方箋 申込", Kind: "form", Owner: "shimizu@hosp.example.jp",
				Permissions: []emulator.Permission{{Type: "domain", Role: "writer", Domain: "hosp.example.jp"}, anyoneAnswers},
				Form:        &emulator.Form{PublishedID: "1FAIpQLSrx", Title: "処方箋 申込", Questions: []string{"患者氏名"}}},
		},
		ShortLinks: map[string]string{"Sum1": "1FAIpQLSsummary", "Out1": "https://evil.example.net/"},
		Site: map[string]string{
			"/index.html": `<title>市立病院</title><a href="rx.html">処方箋</a><a href="https://forms.gle/Sum1">説明会</a>
<a href="https://drive.google.com/file/d/doc-open/view">案内PDF</a>`,
			"/rx.html": `<title>電話診療のご案内</title><p><a href="https://docs.google.com/forms/d/form-rx/edit">申込フォーム</a>
<a href="https://docs.google.com/forms/d/e/1FAIpQLSquiet/viewform">アンケート</a>`,
		},
	}
}

func probeOptions(srv *emulator.Server) auditor.ProbeOptions {
	return auditor.ProbeOptions{
		Endpoint: srv.BaseURL(), AllowPrivate: true,
		RateLimits: auditor.RateLimits{Page: 1e4},
		Retry:      auditor.RetryPolicy{MaxAttempts: 2, BaseDelay: 1, MaxDelay: 1},
		Keywords:   configs.DefaultPersonalDataKeywords(), Log: zerolog.Nop(),
	}
}

func findingLines(fs []model.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.CheckID+" "+f.Severity.String()+" "+f.Resource.ID)
	}
	slices.Sort(out)
	return out
}

func TestProbe(t *testing.T) {
	tn := publicTenant()
	tn.Files = append(tn.Files,
		emulator.File{ID: "form-closed", Name: "説明会 申込（締切）", Kind: "form", Owner: "shimizu@hosp.example.jp",
			Permissions: []emulator.Permission{anyoneAnswers},
			Form:        &emulator.Form{PublishedID: "1FAIpQLSclosed", NotAccepting: true, SummaryPublished: true, Questions: []string{"氏名"}}},
		emulator.File{ID: "form-closed-quiet", Name: "アンケート（締切）", Kind: "form", Owner: "shimizu@hosp.example.jp",
			Permissions: []emulator.Permission{anyoneAnswers},
			Form:        &emulator.Form{PublishedID: "1FAIpQLSclosedquiet", NotAccepting: true}})
	srv := serve(t, tn, emulator.Options{})
	p := auditor.NewProber(probeOptions(srv))
	ctx := context.Background()
	cases := []struct {
		url, outcome string
		summary      bool
	}{
		{"https://docs.google.com/forms/d/e/1FAIpQLSsummary/viewform?usp=sf_link", auditor.OutcomeSummaryPublished, true},
		{"https://forms.gle/Sum1", auditor.OutcomeSummaryPublished, true},
		{"https://docs.google.com/forms/d/e/1FAIpQLSquiet/viewform", auditor.OutcomeSummaryOff, false},
		{"https://docs.google.com/forms/d/e/1FAIpQLSorg/viewform", auditor.OutcomeSignInWall, false},
		// Closed forms: the page shows no settings, the summary page tells.
		{"https://docs.google.com/forms/d/e/1FAIpQLSclosed/viewform", auditor.OutcomeSummaryPublished, true},
		{"https://docs.google.com/forms/d/e/1FAIpQLSclosedquiet/viewform", auditor.OutcomeSummaryOff, false},
		{"https://docs.google.com/forms/d/form-rx/edit", auditor.OutcomeEditSignIn, false},
		{"https://forms.gle/Out1", auditor.OutcomeUnreadable, false},
		{"https://forms.gle/Missing", auditor.OutcomeUnreadable, false},
		{"https://example.jp/form.html", auditor.OutcomeNotForm, false},
		{"http://169.254.169.254/latest/meta-data/", auditor.OutcomeNotForm, false},
	}
	for _, c := range cases {
		fp := p.Probe(ctx, c.url)
		if fp.Outcome != c.outcome || (fp.Page != nil && fp.Page.Settings.SummaryPublished) != c.summary {
			t.Errorf("%s: outcome %s (reason %q), want %s", c.url, fp.Outcome, fp.Reason, c.outcome)
		}
	}
	fp := p.Probe(ctx, "https://forms.gle/Sum1")
	if !strings.HasSuffix(fp.FinalURL, "/forms/d/e/1FAIpQLSsummary/viewform?usp=send_form") || !slices.Contains(fp.PersonalData, "氏名") ||
		fp.Page.Settings.EmailCollection != 3 || fp.Page.Settings.SignInRequired {
		t.Errorf("short link probe %+v page %+v", fp, fp.Page)
	}
	if fp := p.Probe(ctx, "https://forms.gle/Out1"); !strings.Contains(fp.Reason, "outside the allowlist") {
		t.Errorf("redirect out of Google: %q", fp.Reason)
	}
	edit := p.Probe(ctx, "https://docs.google.com/forms/d/form-rx/edit")
	if !edit.EditProbed || edit.EditOpens || edit.Page == nil || edit.Page.Settings.Title != "処方箋 申込" {
		t.Errorf("edit probe %+v", edit)
	}
	if fp := p.Probe(ctx, "https://docs.google.com/forms/d/e/1FAIpQLSclosed/viewform"); fp.Item().ID != "1FAIpQLSclosed" {
		t.Errorf("closed form probed as %q", fp.Item().ID)
	}
	calls := srv.Calls()
	if calls["page.viewform"] == 0 || calls["page.shortlink"] == 0 || calls["page.edit"] == 0 || calls["page.viewanalytics"] != 2 {
		t.Errorf("calls %v", calls)
	}
}

func TestProbeRun(t *testing.T) {
	srv := serve(t, publicTenant(), emulator.Options{})
	res := auditor.NewProber(probeOptions(srv)).Run(context.Background(), []string{
		"https://docs.google.com/forms/d/e/1FAIpQLSsummary/viewform",
		"https://forms.gle/Sum1", // the same form again: one finding
		"https://docs.google.com/forms/d/e/1FAIpQLSquiet/viewform",
		"https://docs.google.com/forms/d/e/1FAIpQLSorg/viewform",
		"https://example.jp/",
	})
	want := []string{"FORM-001 critical 1FAIpQLSsummary", "FORM-004 info 1FAIpQLSorg"}
	if got := findingLines(res.Findings); !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	if res.Coverage.Forms.Total != 3 || res.Coverage.Forms.Verified != 2 || len(res.Coverage.Gaps) != 2 {
		t.Errorf("coverage %+v", res.Coverage)
	}
}

func TestProbeRefusesNonPublicWithoutEmulatorMode(t *testing.T) {
	srv := serve(t, publicTenant(), emulator.Options{})
	opts := probeOptions(srv)
	opts.AllowPrivate = false
	fp := auditor.NewProber(opts).Probe(context.Background(), "https://docs.google.com/forms/d/e/1FAIpQLSsummary/viewform")
	if fp.Outcome != auditor.OutcomeUnreadable || !strings.Contains(fp.Reason, "non-public") {
		t.Errorf("probe of a loopback emulator without AllowPrivate: %s %q", fp.Outcome, fp.Reason)
	}
	if n := srv.Calls()["page.viewform"]; n != 0 {
		t.Errorf("emulator was reached %d times", n)
	}
}

func TestScanSite(t *testing.T) {
	srv := serve(t, publicTenant(), emulator.Options{})
	opts := auditor.ScanOptions{Probe: probeOptions(srv)}
	opts.Site.Rate = 1000
	seed := srv.BaseURL() + "/site/index.html"
	res, err := auditor.Scan(context.Background(), []string{seed}, opts)
	if err != nil {
		t.Fatal(err)
	}
	rx := srv.BaseURL() + "/site/rx.html"
	want := []string{"FORM-001 critical 1FAIpQLSsummary", "FORM-003 high " + rx}
	if got := findingLines(res.Findings); !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	for _, f := range res.Findings {
		if f.CheckID == "FORM-003" && (f.Evidence["form_id"] != "form-rx" || f.Evidence["linked_from"] != rx ||
			f.Evidence["opens_anonymously"] != "no" || f.Evidence["broad_editors"] != "unknown" || f.Resource.Name != "電話診療のご案内") {
			t.Errorf("FORM-003 %+v", f)
		}
	}
	if len(res.Links) != 4 || res.Links[1].Link.ID != "doc-open" || res.Links[1].Tenant != nil {
		t.Errorf("links %+v", res.Links)
	}

	// Tied to an audit of the tenant: the whole domain may edit the form
	// (SHARE-003), so the published edit URL is critical (慶應義塾大学病院).
	audited := audit(t, testOptions(srv, "admin@hosp.example.jp"))
	opts.Tenant = audited.Findings
	res, err = auditor.Scan(context.Background(), []string{seed}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var f3 *model.Finding
	for i := range res.Findings {
		if res.Findings[i].CheckID == "FORM-003" {
			f3 = &res.Findings[i]
		}
	}
	if f3 == nil || f3.Severity != model.Critical || f3.Evidence["broad_editors"] != "yes" || f3.Evidence["form_owner"] != "shimizu@hosp.example.jp" {
		t.Errorf("tied FORM-003 %+v", f3)
	}
}
