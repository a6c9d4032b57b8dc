package auditor

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gwsaudit/gwsaudit/auditor/formpage"
	"github.com/gwsaudit/gwsaudit/model"
)

// A form that no longer accepts responses sends its responder page
// (viewform) to …/closedform, which carries no FB_PUBLIC_LOAD_DATA_, so the
// summary flag cannot be read there. Its summary page …/viewanalytics stays
// open to anyone when the summary is published — the state INAC神戸's
// applicants found after the deadline. For such forms the summary page is
// fetched anonymously instead (same allowlist, no redirects out) and its
// body is thrown away unread: only whether Google served it matters.
//
// No capture of a real summary page exists (published or not), so the
// answer is read by formpage.ClassifySummary, which trusts only what every
// real Forms page carries: a 403 from the Forms application means "not
// published", a page of the Forms application naming the form means
// "published". A sign-in redirect leaves it unknown (the summary may be
// open to whoever signs in); any other answer (a proxy's or captive
// portal's page, a new layout) is errUnrecognisedSummary, and an
// unrecognised 403 is retried: all end as a gap and FORM-004, never as a
// finding or "not published".

// errUnrecognisedSummary means the summary page answered with something not
// recognisably Google Forms'.
var errUnrecognisedSummary = errors.New("the summary page answered with a page not recognisable as Google Forms' (a proxy or captive-portal page, or a new Google layout)")

// signInFormMarker is the e-mail box of Google's sign-in page, for a
// sign-in page served without a redirect.
var signInFormMarker = []byte(`id="identifierId"`)

// emailCollectionCodes map the Forms API's emailCollectionType to the
// page's [1][10][6] codes (model.PageSettings.EmailCollection).
var emailCollectionCodes = map[string]int{
	"DO_NOT_COLLECT": formpage.EmailNone, "VERIFIED": formpage.EmailVerified, "RESPONDER_INPUT": formpage.EmailResponderInput,
}

// isClosedPage reports whether a responder page was read from …/closedform.
func isClosedPage(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && strings.HasSuffix(u.Path, "/closedform")
}

// summaryURL turns a form's public page URL (…/forms[/u/N]/d/e/ID/viewform
// or …/closedform) into its summary page …/d/e/ID/viewanalytics, and
// returns the published ID too.
func summaryURL(raw string) (summary, publishedID string, ok bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", "", false
	}
	segs := strings.Split(u.Path, "/")
	for i := 0; i+2 < len(segs); i++ {
		if segs[i] == "d" && segs[i+1] == "e" && segs[i+2] != "" {
			s := url.URL{Scheme: u.Scheme, Host: u.Host, Path: strings.Join(segs[:i+3], "/") + "/viewanalytics"}
			return s.String(), segs[i+2], true
		}
	}
	return "", "", false
}

// summaryServed fetches the summary page of the form published as pid
// anonymously: true when Google Forms served it, false when it refused it
// (403); errSignIn when it sent the visitor to sign in, and
// errUnrecognisedSummary for any other page.
func (pf *pageFetcher) summaryServed(ctx context.Context, raw, pid string) (bool, error) {
	body, _, err := pf.fetchPage(ctx, raw, true)
	switch {
	case errors.Is(err, errNoPermission):
		return false, nil
	case err != nil:
		return false, err
	case bytes.Contains(body, signInFormMarker):
		return false, errSignIn
	}
	if formpage.ClassifySummary(http.StatusOK, body, pid) == formpage.SummaryServed {
		return true, nil
	}
	return false, errUnrecognisedSummary
}

// probeClosedSummary reads whether a closed form's summary is published
// from its summary page, derived from page (the URL the responder page was
// read from). It sets form.Page, or form.PageGap and a gap.
func (a *auditor) probeClosedSummary(ctx context.Context, it *model.Item, form *model.Form, page string) {
	const closed = "the form no longer accepts responses, so its public page does not show the summary setting; "
	u, pid, ok := summaryURL(page)
	if !ok {
		u, pid, ok = summaryURL(form.ResponderURI)
	}
	if !ok {
		form.PageGap = closed + "no summary page URL could be derived from " + page
		a.formGap(it, model.GapFormPageNoSettings, form.PageGap, checkSummaryByHand)
		return
	}
	verified := form.EmailCollection == "VERIFIED" // respondents must sign in
	published, err := a.pages.summaryServed(ctx, u, pid)
	switch {
	case errors.Is(err, errSignIn):
		// Behind sign-in the summary may still be open to every account of
		// the organisation, or to anyone signed in to Google: unknown, so a
		// gap and FORM-004, never "not published".
		form.PageGap = closed + "and its summary page asks for sign-in, so whether respondents see the summary is unknown"
		a.formGap(it, model.GapFormSignInRequired, form.PageGap, checkSummaryByHand)
		return
	case errors.Is(err, errUnrecognisedSummary):
		form.PageGap = closed + "and " + errUnrecognisedSummary.Error() + ", so whether respondents see the summary is unknown"
		a.formGap(it, model.GapFormPageNoSettings, form.PageGap, checkSummaryByHand)
		return
	case err != nil:
		form.PageGap = closed + "and its summary page could not be read: " + summarize(err)
		a.formGap(it, model.GapFormPageUnreadable, form.PageGap, "run the audit again; if it persists, "+checkSummaryByHand)
		return
	}
	form.Page = &model.PageSettings{
		SummaryPublished: published,
		SignInRequired:   verified,
		EmailCollection:  emailCollectionCodes[form.EmailCollection],
		Title:            form.Title,
		Questions:        form.Questions,
	}
}
