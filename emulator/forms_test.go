package emulator_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
	"google.golang.org/api/forms/v1"
)

// pidOf is the published ID of a form in tn.
func pidOf(t *testing.T, tn *emulator.Tenant, id string) string {
	t.Helper()
	for _, f := range tn.Files {
		if f.ID == id && f.Form != nil {
			return f.Form.PublishedID
		}
	}
	t.Fatalf("no form %s", id)
	return ""
}

func formsAs(t *testing.T, base, who string) *forms.Service {
	t.Helper()
	svc, err := forms.NewService(context.Background(), opts(base, "/", who)...)
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

func TestFormsGet(t *testing.T) {
	tn := testTenant(t)
	_, base := serve(t, tn, emulator.Options{})
	f, err := formsAs(t, base, "sato@example.jp").Forms.Get("form-survey").Do()
	if err != nil {
		t.Fatal(err)
	}
	pid := pidOf(t, tn, "form-survey")
	if !strings.HasPrefix(pid, "1FAIpQL") {
		t.Fatalf("derived published ID %q", pid)
	}
	if f.FormId != "form-survey" || f.Info.Title != "Customer survey 2025" || f.Info.DocumentTitle != "Customer survey" ||
		f.Info.Description != "Tell us what you think." || f.Settings.EmailCollectionType != "RESPONDER_INPUT" ||
		f.LinkedSheetId != "sheet-survey-responses" || f.RevisionId == "" {
		t.Errorf("form = %+v info %+v settings %+v", f, f.Info, f.Settings)
	}
	if f.ResponderUri != base+"/forms/d/e/"+pid+"/viewform" {
		t.Errorf("responderUri = %q", f.ResponderUri)
	}
	if len(f.Items) != 3 || f.Items[2].Title != "Comments" || f.Items[2].QuestionItem.Question.QuestionId == "" || f.Items[2].QuestionItem.Question.TextQuestion == nil {
		t.Errorf("items = %+v", f.Items)
	}
	if f.PublishSettings == nil || !f.PublishSettings.PublishState.IsPublished || !f.PublishSettings.PublishState.IsAcceptingResponses {
		t.Errorf("publishSettings = %+v", f.PublishSettings)
	}
	legacy, err := formsAs(t, base, "sato@example.jp").Forms.Get("form-legacy").Do()
	if err != nil || legacy.PublishSettings != nil || legacy.Settings.EmailCollectionType != "VERIFIED" {
		t.Errorf("legacy = %+v, %v", legacy, err)
	}
	closed, err := formsAs(t, base, "sato@example.jp").Forms.Get("form-closed").Do()
	if err != nil || !closed.PublishSettings.PublishState.IsPublished || closed.PublishSettings.PublishState.IsAcceptingResponses {
		t.Errorf("closed = %+v, %v", closed.PublishSettings, err)
	}
	// A shared-drive form for a member with writer access (through a group).
	if _, err := formsAs(t, base, "suzuki@example.jp").Forms.Get("sd-form").Do(); err != nil {
		t.Errorf("shared-drive form: %v", err)
	}
	// A reader may not read the form's body; a stranger does not see it.
	_, err = formsAs(t, base, "kimura@example.jp").Forms.Get("form-survey").Do()
	wantAPIError(t, err, 403, "forbidden")
	_, err = formsAs(t, base, "suzuki@example.jp").Forms.Get("form-survey").Do()
	wantAPIError(t, err, 404, "notFound")
}

// noRedirect is an anonymous client that reports redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func fetch(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := noRedirect.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// loadData extracts and decodes FB_PUBLIC_LOAD_DATA_ as strict JSON.
func loadData(t *testing.T, page string) []any {
	t.Helper()
	const marker = "var FB_PUBLIC_LOAD_DATA_ = "
	i := strings.Index(page, marker)
	j := strings.Index(page[i:], ";</script>")
	if i < 0 || j < 0 {
		t.Fatalf("no FB_PUBLIC_LOAD_DATA_ in page")
	}
	var data []any
	if err := json.Unmarshal([]byte(page[i+len(marker):i+j]), &data); err != nil {
		t.Fatalf("FB_PUBLIC_LOAD_DATA_ is not JSON: %v", err)
	}
	return data
}

func at(v any, idx ...int) any {
	for _, i := range idx {
		v = v.([]any)[i]
	}
	return v
}

func TestPublicFormPages(t *testing.T) {
	tn := testTenant(t)
	s, base := serve(t, tn, emulator.Options{})
	survey, err := formsAs(t, base, "sato@example.jp").Forms.Get("form-survey").Do()
	if err != nil {
		t.Fatal(err)
	}
	resp, page := fetch(t, survey.ResponderUri)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("viewform: %d", resp.StatusCode)
	}
	d := loadData(t, page)
	pid := pidOf(t, tn, "form-survey")
	checks := []struct {
		got, want any
		what      string
	}{
		{len(d), 20, "top length"},
		{at(d, 1, 2, 2), 1.0, "[1][2][2] publish summary"},
		{at(d, 1, 2, 3), 1.0, "[1][2][3] allow edit"},
		{at(d, 1, 8), "Customer survey 2025", "[1][8] title"},
		{at(d, 1, 0), "Tell us what you think.", "[1][0] description"},
		{at(d, 1, 1, 0, 1), "Your name", "[1][1][0][1] first question"},
		{at(d, 1, 10, 6), 3.0, "[1][10][6] email collection"},
		{at(d, 1, 10, 1), 0.0, "[1][10][1] one response"},
		{at(d, 3), "Customer survey", "[3] file name"},
		{at(d, 14), "e/" + pid, "[14] published id"},
		{at(d, 18), 0.0, "[18] sign-in"},
		{at(d, 19), 1.0, "[19]"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	if strings.Contains(page, "data-sign-in-to-continue") {
		t.Error("sign-in marker on a public form")
	}

	// Sign-in with any account: page served, flagged.
	legacyPID := pidOf(t, tn, "form-legacy")
	resp, page = fetch(t, base+"/forms/d/e/"+legacyPID+"/viewform")
	d = loadData(t, page)
	if resp.StatusCode != 200 || at(d, 18) != 1.0 || at(d, 1, 2, 2) != 0.0 || at(d, 1, 10, 1) != 1.0 || at(d, 1, 10, 6) != 2.0 ||
		!strings.Contains(page, `data-sign-in-to-continue="true"`) {
		t.Errorf("legacy page: %d [18]=%v [1][2]=%v [1][10]=%v", resp.StatusCode, at(d, 18), at(d, 1, 2), at(d, 1, 10))
	}
	// Organisation-only: redirect to Google sign-in.
	internalPID := pidOf(t, tn, "form-internal")
	resp, _ = fetch(t, base+"/forms/d/e/"+internalPID+"/viewform")
	if loc := resp.Header.Get("Location"); resp.StatusCode != 302 || !strings.HasPrefix(loc, "https://accounts.google.com/v3/signin/identifier?continue=") {
		t.Errorf("internal form: %d %q", resp.StatusCode, loc)
	}
	// Not accepting: redirect to closedform on the same origin.
	resp, _ = fetch(t, base+"/forms/d/e/"+pidOf(t, tn, "form-closed")+"/viewform")
	if loc := resp.Header.Get("Location"); resp.StatusCode != 302 || !strings.HasPrefix(loc, base+"/forms/d/e/") {
		t.Errorf("closed form: %d %q", resp.StatusCode, loc)
	}
	// Unpublished and unknown forms: 404.
	for _, p := range []string{pidOf(t, tn, "form-draft"), "1FAIpQLSnothing"} {
		if resp, _ = fetch(t, base+"/forms/d/e/"+p+"/viewform"); resp.StatusCode != 404 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
	// Summary page: 200 when published, 403 otherwise.
	if resp, _ = fetch(t, base+"/forms/d/e/"+pid+"/viewanalytics"); resp.StatusCode != 200 {
		t.Errorf("viewanalytics (published): %d", resp.StatusCode)
	}
	if resp, _ = fetch(t, base+"/forms/d/e/"+legacyPID+"/viewanalytics"); resp.StatusCode != 403 {
		t.Errorf("viewanalytics (not published): %d", resp.StatusCode)
	}
	// Edit links need sign-in.
	resp, _ = fetch(t, base+"/forms/d/form-survey/edit")
	if resp.StatusCode != 302 || !strings.HasPrefix(resp.Header.Get("Location"), "https://accounts.google.com/") {
		t.Errorf("edit: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if c := s.Calls(); c["page.viewform"] != 6 || c["page.viewanalytics"] != 2 || c["forms.forms.get"] != 1 {
		t.Errorf("calls = %v", c)
	}
}

// Who may answer decides who reaches a form's public pages: responder
// grants that name no anyone (the organisation, a group, people) send an
// anonymous visitor to Google sign-in, on viewform, closedform and
// viewanalytics alike, whatever sign_in says.
func TestRestrictedRespondersNeedSignIn(t *testing.T) {
	tn := &emulator.Tenant{PrimaryDomain: "example.jp", Users: []emulator.User{{Email: "sato@example.jp"}}}
	form := func(id string, fm emulator.Form, perms ...emulator.Permission) emulator.File {
		fm.PublishedID = "1FAIpQLS" + id
		fm.SummaryPublished = true
		return emulator.File{ID: id, Name: id, Kind: "form", Owner: "sato@example.jp", Permissions: perms, Form: &fm}
	}
	answer := func(typ, who string) emulator.Permission {
		p := emulator.Permission{Type: typ, Role: "reader", View: "published"}
		if typ == "domain" {
			p.Domain = who
		} else {
			p.Email = who
		}
		return p
	}
	tn.Files = []emulator.File{
		form("staff", emulator.Form{}, answer("domain", "example.jp")),
		form("staffany", emulator.Form{SignIn: "any"}, answer("domain", "example.jp")),
		form("people", emulator.Form{}, answer("user", "sato@example.jp"), answer("group", "staff@example.jp")),
		form("staffclosed", emulator.Form{NotAccepting: true}, answer("domain", "example.jp")),
		form("open", emulator.Form{SignIn: "any"}, answer("anyone", ""), answer("domain", "example.jp")),
		form("openclosed", emulator.Form{NotAccepting: true}, answer("anyone", "")),
	}
	_, base := serve(t, tn, emulator.Options{})
	signIn := func(page string) {
		t.Helper()
		resp, _ := fetch(t, base+page)
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, "https://accounts.google.com/") {
			t.Errorf("%s: %d %q, want a redirect to Google sign-in", page, resp.StatusCode, loc)
		}
	}
	for _, id := range []string{"staff", "staffany", "people", "staffclosed"} {
		for _, page := range []string{"viewform", "viewanalytics", "closedform"} {
			signIn("/forms/d/e/1FAIpQLS" + id + "/" + page)
		}
	}
	// Anyone may answer: the page is served (sign-in with any account is
	// only flagged on it), and so is the published summary.
	resp, page := fetch(t, base+"/forms/d/e/1FAIpQLSopen/viewform")
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, `data-sign-in-to-continue="true"`) {
		t.Errorf("open form: %d", resp.StatusCode)
	}
	if resp, _ = fetch(t, base+"/forms/d/e/1FAIpQLSopen/viewanalytics"); resp.StatusCode != http.StatusOK {
		t.Errorf("open form's summary: %d", resp.StatusCode)
	}
	// Closed, anyone may answer: closedform, but the summary stays open.
	resp, _ = fetch(t, base+"/forms/d/e/1FAIpQLSopenclosed/viewform")
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || loc != base+"/forms/d/e/1FAIpQLSopenclosed/closedform" {
		t.Errorf("closed form: %d %q", resp.StatusCode, loc)
	}
	if resp, _ = fetch(t, base+"/forms/d/e/1FAIpQLSopenclosed/viewanalytics"); resp.StatusCode != http.StatusOK {
		t.Errorf("closed form's published summary: %d", resp.StatusCode)
	}
}

// A closed form's summary page answers like an open one's: Google's "you
// need permission" page when the summary is not published.
func TestClosedFormSummaryNotPublished(t *testing.T) {
	tn := testTenant(t)
	_, base := serve(t, tn, emulator.Options{})
	resp, page := fetch(t, base+"/forms/d/e/"+pidOf(t, tn, "form-closed")+"/viewanalytics")
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "You need permission") {
		t.Errorf("closed form, summary off: %d %q", resp.StatusCode, page)
	}
}

func TestSitePages(t *testing.T) {
	_, base := serve(t, testTenant(t), emulator.Options{})
	resp, body := fetch(t, base+"/site/index.html")
	if resp.StatusCode != 200 || !strings.Contains(body, "docs.google.com/forms/d/e/") {
		t.Errorf("index: %d %q", resp.StatusCode, body)
	}
	resp, body = fetch(t, base+"/site/robots.txt")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") || !strings.Contains(body, "User-agent") {
		t.Errorf("robots: %d %q", resp.StatusCode, body)
	}
	if resp, _ = fetch(t, base+"/site/missing.html"); resp.StatusCode != 404 {
		t.Errorf("missing: %d", resp.StatusCode)
	}
}
