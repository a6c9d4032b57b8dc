package auditor_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/checks"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

var anyoneAnswers = emulator.Permission{Type: "anyone", Role: "reader", View: "published"}

// interceptTransport answers the requests fn claims itself (fn returns
// nil for the others, which go to the emulator).
type interceptTransport struct {
	fn func(*http.Request) *http.Response
}

func (t interceptTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if resp := t.fn(r); resp != nil {
		resp.Request = r
		return resp, nil
	}
	return http.DefaultTransport.RoundTrip(r)
}

func htmlResponse(code int, header http.Header, body string) *http.Response {
	if header == nil {
		header = http.Header{}
	}
	header.Set("Content-Type", "text/html; charset=utf-8")
	return &http.Response{StatusCode: code, Status: http.StatusText(code), Header: header, Body: io.NopCloser(strings.NewReader(body)),
		ProtoMajor: 1, ProtoMinor: 1}
}

func findGap(gaps []model.Gap, scope, id string) *model.Gap {
	for i := range gaps {
		if gaps[i].Scope == scope && gaps[i].ID == id {
			return &gaps[i]
		}
	}
	return nil
}

func finding(fs []model.Finding, check, resource string) *model.Finding {
	for i := range fs {
		if fs[i].CheckID == check && fs[i].Resource.ID == resource {
			return &fs[i]
		}
	}
	return nil
}

// A form that stopped accepting responses redirects its page to
// …/closedform, which shows no settings; its summary page stays open to
// anyone when the summary is published (INAC神戸: applicants read every
// answer after the deadline). The auditor reads the summary page instead.
func TestClosedFormSummaryIsProbed(t *testing.T) {
	tn := smallTenant()
	owner := "sato.k@city.example.jp"
	tn.Files = append(tn.Files,
		emulator.File{ID: "form-closed-leak", Name: "セレクション 申込", Kind: "form", Owner: owner,
			Permissions: []emulator.Permission{anyoneAnswers},
			Form:        &emulator.Form{NotAccepting: true, SummaryPublished: true, Questions: []string{"氏名", "電話番号"}}},
		emulator.File{ID: "form-closed-quiet", Name: "イベント 申込", Kind: "form", Owner: owner,
			Permissions: []emulator.Permission{anyoneAnswers},
			Form:        &emulator.Form{NotAccepting: true, Questions: []string{"氏名"}}},
		emulator.File{ID: "form-open", Name: "アンケート", Kind: "form", Owner: owner,
			Permissions: []emulator.Permission{anyoneAnswers},
			Form:        &emulator.Form{SummaryPublished: true, Questions: []string{"好きな色"}}},
	)
	srv := serve(t, tn, emulator.Options{})
	res := audit(t, testOptions(srv, admin))

	f := finding(res.Findings, "FORM-001", "form-closed-leak")
	if f == nil {
		t.Fatalf("no FORM-001 on the closed form whose summary is public; findings: %+v", res.Findings)
	}
	if f.Severity != model.Critical || f.Evidence[checks.EvAudience] != checks.AudienceAnyone {
		t.Errorf("FORM-001 on the closed form: severity %s, audience %v; want critical, anyone", f.Severity, f.Evidence[checks.EvAudience])
	}
	for _, id := range []string{"form-closed-leak", "form-closed-quiet"} {
		if count(res.Findings, "FORM-004", id) != 0 || findGap(res.Coverage.Gaps, model.ScopeForm, id) != nil {
			t.Errorf("%s: the summary page answered, yet the form is reported unverified: %+v", id, res.Coverage.Gaps)
		}
	}
	if count(res.Findings, "FORM-001", "form-closed-quiet") != 0 {
		t.Error("FORM-001 on a closed form whose summary page refuses anonymous visitors")
	}
	if count(res.Findings, "FORM-001", "form-open") != 1 {
		t.Error("FORM-001 missing on the open form")
	}
	if res.Coverage.Forms != (model.FormCount{Total: 3, Verified: 3}) {
		t.Errorf("forms coverage %+v, want 3 of 3 verified", res.Coverage.Forms)
	}
	// The summary page downloads answers: it is read only for closed forms.
	if n := srv.Calls()["page.viewanalytics"]; n != 2 {
		t.Errorf("viewanalytics fetched %d times, want 2 (the closed forms only)", n)
	}
}

// How Google answers an anonymous visitor of a summary that is not
// published is inferred: only Google's "you need permission" page means
// "not published". A sign-in redirect leaves it unknown (the summary may be
// open to anyone signed in), and a 403 that is not that page is retried;
// both end as a gap and FORM-004, never as "not published".
func TestClosedFormSummaryPageAnswers(t *testing.T) {
	tn := smallTenant()
	owner := "sato.k@city.example.jp"
	closed := func(id, email string) emulator.File {
		return emulator.File{ID: id, Name: id, Kind: "form", Owner: owner, Permissions: []emulator.Permission{anyoneAnswers},
			Form: &emulator.Form{PublishedID: "1FAIpQLS" + strings.ReplaceAll(id, "-", ""), NotAccepting: true, SummaryPublished: true,
				EmailCollection: email, Questions: []string{"氏名"}}}
	}
	tn.Files = append(tn.Files, closed("form-signin", ""), closed("form-signin-verified", "VERIFIED"), closed("form-busy", ""))
	srv := serve(t, tn, emulator.Options{})
	opts := testOptions(srv, admin)
	opts.Retry.MaxAttempts = 3
	opts.Transport = interceptTransport{fn: func(r *http.Request) *http.Response {
		switch {
		case !strings.HasSuffix(r.URL.Path, "/viewanalytics"):
			return nil
		case strings.Contains(r.URL.Path, "formsignin"):
			loc := "https://accounts.google.com/ServiceLogin?continue=" + r.URL.String()
			return htmlResponse(http.StatusFound, http.Header{"Location": []string{loc}}, "")
		default:
			return htmlResponse(http.StatusForbidden, nil, "<html><body>Our systems have detected unusual traffic from your computer network.</body></html>")
		}
	}}
	res := audit(t, opts)

	for _, id := range []string{"form-signin", "form-signin-verified"} {
		if g := findGap(res.Coverage.Gaps, model.ScopeForm, id); g == nil || g.Code != model.GapFormSignInRequired ||
			count(res.Findings, "FORM-004", id) != 1 || count(res.Findings, "FORM-001", id) != 0 {
			t.Errorf("%s: a sign-in wall on the summary page proves nothing: want FORM-004 and a sign-in gap, got %+v", id, g)
		}
	}
	if g := findGap(res.Coverage.Gaps, model.ScopeForm, "form-busy"); g == nil || g.Code != model.GapFormPageUnreadable ||
		count(res.Findings, "FORM-004", "form-busy") != 1 {
		t.Errorf("form-busy: an unrecognised 403 must end as a gap, got %+v", g)
	}
	if n := res.Calls["page.get.retry"]; n < 2 {
		t.Errorf("the unrecognised 403 was retried %d times, want 2", n)
	}
	if res.Coverage.Forms != (model.FormCount{Total: 3, Verified: 0}) {
		t.Errorf("forms coverage %+v, want none of 3 verified", res.Coverage.Forms)
	}
}

// FORM-001's audience comes from who reached the page: the auditor reads it
// anonymously, so a form only the organisation may answer (Google sends
// anonymous visitors to sign-in) is FORM-004 and a gap, never a FORM-001
// guessed from its grants; a form anyone may answer after signing in with
// any Google account is FORM-001 with audience anyone.
func TestFormAudienceFollowsAnonymousRead(t *testing.T) {
	tn := smallTenant()
	owner := "sato.k@city.example.jp"
	tn.Files = append(tn.Files,
		emulator.File{ID: "form-staff", Name: "健康診断 希望日", Kind: "form", Owner: owner,
			Permissions: []emulator.Permission{{Type: "domain", Domain: "city.example.jp", Role: "reader", View: "published"}},
			Form:        &emulator.Form{SummaryPublished: true, Questions: []string{"氏名", "生年月日"}}},
		emulator.File{ID: "form-signin-any", Name: "講座 申込", Kind: "form", Owner: owner,
			Permissions: []emulator.Permission{anyoneAnswers},
			Form:        &emulator.Form{SummaryPublished: true, SignIn: "any", Questions: []string{"氏名"}}},
	)
	srv := serve(t, tn, emulator.Options{})
	res := audit(t, testOptions(srv, admin))

	if count(res.Findings, "FORM-001", "form-staff") != 0 || count(res.Findings, "FORM-004", "form-staff") != 1 {
		t.Errorf("organisation-only form: want FORM-004 only; findings: %+v", res.Findings)
	}
	if g := findGap(res.Coverage.Gaps, model.ScopeForm, "form-staff"); g == nil || g.Code != model.GapFormSignInRequired {
		t.Errorf("organisation-only form: want a sign-in gap, got %+v", g)
	}
	f := finding(res.Findings, "FORM-001", "form-signin-any")
	if f == nil || f.Evidence[checks.EvAudience] != checks.AudienceAnyone || f.Evidence[checks.EvSignInRequired] != true || f.Severity != model.Critical {
		t.Errorf("anyone answers after sign-in: want FORM-001 critical, audience anyone, sign-in required; got %+v", f)
	}
}

// A responses sheet read for a form is part of the form's walk: when its
// grants cannot be read, the gap names the form's task (an incremental run
// replaces it when that task reads the form again), not the sheet owner's.
func TestLinkedSheetGapBelongsToTheFormsTask(t *testing.T) {
	tn := smallTenant()
	tn.Files = append(tn.Files,
		emulator.File{ID: "form-apply", Name: "申込", Kind: "form", Owner: "sato.k@city.example.jp",
			Permissions: []emulator.Permission{anyoneAnswers},
			Form:        &emulator.Form{LinkedSheet: "ss-apply", Questions: []string{"氏名"}}},
		// Owned by a colleague, readable by the form's owner: no inline
		// grants for a reader, so they are listed with permissions.list.
		emulator.File{ID: "ss-apply", Name: "申込（回答）", Kind: "spreadsheet", Owner: "sato.y@city.example.jp",
			Permissions: []emulator.Permission{{Type: "user", Role: "reader", Email: "sato.k@city.example.jp"}}},
	)
	srv := serve(t, tn, emulator.Options{})
	opts := testOptions(srv, admin)
	opts.Transport = interceptTransport{fn: func(r *http.Request) *http.Response {
		if r.URL.Path != "/drive/v3/files/ss-apply/permissions" {
			return nil
		}
		resp := htmlResponse(http.StatusNotFound, nil, `{"error":{"code":404,"message":"File not found: ss-apply.","errors":[{"reason":"notFound"}]}}`)
		resp.Header.Set("Content-Type", "application/json; charset=UTF-8")
		return resp
	}}
	res := audit(t, opts)
	g := findGap(res.Coverage.Gaps, model.ScopeItem, "ss-apply")
	if g == nil || g.Task != "user:sato.k@city.example.jp" || g.Code != model.GapItemPermissions {
		t.Errorf("sheet gap %+v, want one on the form's task user:sato.k@city.example.jp", g)
	}
}
