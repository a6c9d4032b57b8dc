package formpage

import (
	"bytes"
	"net/http"
)

// formsAppMarker is the build label every real capture of a page served by
// the Google Forms application carries in _docs_flag_initialData (2021 to
// 2026, every layout). A sign-in page, Google's "unusual traffic" page or a
// proxy's block page lacks it.
var formsAppMarker = []byte(`"buildLabel":"apps-forms.freebird_`)

// SummaryAnswer is what an anonymous answer from a form's summary page
// (…/d/e/{publishedId}/viewanalytics) says about the summary setting.
type SummaryAnswer int

const (
	// SummaryUnrecognised: not recognisably Google Forms' answer; whether
	// the summary is published is unknown (a coverage gap and FORM-004,
	// never a finding and never "not published").
	SummaryUnrecognised SummaryAnswer = iota
	// SummaryServed: the Forms application served this form's summary page
	// to an anonymous visitor: the summary is published.
	SummaryServed
	// SummaryRefused: the Forms application answered 403: not published.
	SummaryRefused
)

// minPublishedID is the shortest published ID looked for in a page; real
// ones are 56 characters ("1FAIpQL…").
const minPublishedID = 8

// ClassifySummary reads a summary page answer. No capture of a real summary
// page exists, so it decides only on what every real Forms page carries:
// the Forms application's build label and, for a served page, the form's
// published ID. Anything else is SummaryUnrecognised.
func ClassifySummary(status int, body []byte, publishedID string) SummaryAnswer {
	if len(body) > MaxPageSize || !bytes.Contains(body, formsAppMarker) {
		return SummaryUnrecognised
	}
	for _, m := range signInMarkers {
		if bytes.Contains(body, m) {
			return SummaryUnrecognised
		}
	}
	switch status {
	case http.StatusOK:
		if len(publishedID) >= minPublishedID && bytes.Contains(body, []byte(publishedID)) {
			return SummaryServed
		}
	case http.StatusForbidden:
		return SummaryRefused
	}
	return SummaryUnrecognised
}
