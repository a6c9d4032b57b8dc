package auditor_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

// TestUnrecognisedPagesAreGaps: a page gwsaudit does not recognise as
// Google Forms' (a proxy's block page served with 200 for a closed form's
// summary page, the 2021 "you need permission" page without the Forms
// build label every real page has, a responder page whose [1][2] block is
// in no known layout) is FORM-004 and a gap, never FORM-001 and never
// "summary off".
func TestUnrecognisedPagesAreGaps(t *testing.T) {
	tn := smallTenant()
	owner := "sato.k@city.example.jp"
	form := func(id string, closed, summary bool) emulator.File {
		return emulator.File{ID: id, Name: id, Kind: "form", Owner: owner, Permissions: []emulator.Permission{anyoneAnswers},
			Form: &emulator.Form{PublishedID: "1FAIpQLS" + strings.ReplaceAll(id, "-", ""), NotAccepting: closed,
				SummaryPublished: summary, Questions: []string{"氏名"}}}
	}
	tn.Files = append(tn.Files, form("form-proxied", true, false), form("form-old-denied", true, false),
		form("form-new-layout", false, true), form("form-closed-quiet", true, false))
	srv := serve(t, tn, emulator.Options{})
	opts := testOptions(srv, admin)
	opts.Retry.MaxAttempts = 2
	opts.Transport = interceptTransport{fn: func(r *http.Request) *http.Response {
		p := r.URL.Path
		switch {
		case strings.Contains(p, "formproxied/viewanalytics"):
			return htmlResponse(http.StatusOK, nil, "<html><title>Blocked</title>Access to "+r.URL.String()+" is restricted by policy.</html>")
		case strings.Contains(p, "formolddenied/viewanalytics"):
			return htmlResponse(http.StatusForbidden, nil, `<div class="freebirdFormviewerViewResponseNoPermission">You need permission</div>`)
		case strings.Contains(p, "formnewlayout/viewform"):
			return htmlResponse(http.StatusOK, nil, `<script>var FB_PUBLIC_LOAD_DATA_ = [null,[null,[[1,"氏名"]],["",1,2,0,0]],null,null,null,null,null,null,null,null,null,null,null,null,"e/1FAIpQLSformnewlayout"];</script>`)
		}
		return nil
	}}
	res := audit(t, opts)

	for id, code := range map[string]string{"form-proxied": model.GapFormPageNoSettings, "form-old-denied": model.GapFormPageUnreadable,
		"form-new-layout": model.GapFormPageNoSettings} {
		g := findGap(res.Coverage.Gaps, model.ScopeForm, id)
		if g == nil || g.Code != code || count(res.Findings, "FORM-004", id) != 1 || count(res.Findings, "FORM-001", id) != 0 {
			t.Errorf("%s: want FORM-004 and a %s gap, got gap %+v", id, code, g)
		}
	}
	// The emulator's own summary page (with the Forms build label) still
	// decides "not published".
	if count(res.Findings, "FORM-004", "form-closed-quiet") != 0 || findGap(res.Coverage.Gaps, model.ScopeForm, "form-closed-quiet") != nil {
		t.Errorf("form-closed-quiet: a recognised refusal must verify the form: %+v", res.Coverage.Gaps)
	}
	if res.Coverage.Forms != (model.FormCount{Total: 4, Verified: 1}) {
		t.Errorf("forms coverage %+v, want 1 of 4 verified", res.Coverage.Forms)
	}
}
