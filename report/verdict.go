package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Modes of runs made without admin rights.
const (
	ModeProbe    = "probe"
	ModeScanSite = "scan-site"
)

// Verdict is what an anonymous probe learnt about one URL, for the plain
// one-line verdict on the console. Outcome is one of the auditor's probe
// outcomes: summary_published, summary_off, sign_in_wall, unreadable,
// edit_sign_in, edit_open, not_form.
type Verdict struct {
	URL     string
	Outcome string
	Title   string
	// Read is true when the form's settings were read; SignIn, Email (1
	// none, 2 verified, 3 typed by respondents, 0 unknown), SummaryOn and
	// PersonalData are meaningful only then.
	Read         bool
	SignIn       bool
	SummaryOn    bool
	Email        int
	PersonalData []string
	Reason       string
	// Pages are the site pages that link the URL (scan-site).
	Pages []string
}

// LinkLine is a link to a Drive item or Docs file found on a site, tied to
// the tenant when an audit was given.
type LinkLine struct {
	URL    string
	Pages  []string
	Tied   bool // an audit was given
	Name   string
	Owner  string
	Checks []string // that audit's findings on the item, "SHARE-002 high"
}

// verdictText is the probe and scan-site wording of one language; it
// lives beside the language's catalog (i18n_en.go, i18n_ja.go).
type verdictText struct {
	outcomes                           map[string]string
	signIn, noSignIn, summaryOn        string
	email                              map[int]string
	personal, linkedFrom, reason       string // each takes one %s; reason "" leaves the (English) reason out
	paren                              string // the details after the verdict (one %s)
	link, item, owner, checks, notTied string // link takes the URL; item, owner, checks one %s
	linksHeading, title                string // take the count; the form's title
	sep                                string
}

var verdictCatalogs = map[string]*verdictText{}

func verdictsFor(lang string) (*verdictText, error) {
	c, err := lookup(lang)
	if err != nil {
		return nil, err
	}
	v, ok := verdictCatalogs[c.lang]
	if !ok {
		return nil, fmt.Errorf("report: no probe wording for %q", lang)
	}
	return v, nil
}

// VerdictLine renders one verdict as a single line in lang.
func VerdictLine(lang string, v Verdict) (string, error) {
	t, err := verdictsFor(lang)
	if err != nil {
		return "", err
	}
	head, ok := t.outcomes[v.Outcome]
	if !ok {
		head = v.Outcome
	}
	var details []string
	if v.Read {
		if v.Outcome != "summary_published" && v.Outcome != "summary_off" && v.SummaryOn {
			details = append(details, t.summaryOn)
		}
		if v.SignIn {
			details = append(details, t.signIn)
		} else {
			details = append(details, t.noSignIn)
		}
		if e, ok := t.email[v.Email]; ok {
			details = append(details, e)
		}
		if len(v.PersonalData) > 0 {
			details = append(details, fmt.Sprintf(t.personal, strings.Join(v.PersonalData, catalogs[langOf(lang)].listSep)))
		}
	}
	if v.Reason != "" && !v.Read && t.reason != "" {
		details = append(details, fmt.Sprintf(t.reason, v.Reason))
	}
	if len(v.Pages) > 0 {
		details = append(details, fmt.Sprintf(t.linkedFrom, strings.Join(v.Pages, " ")))
	}
	line := TermSafe(v.URL)
	if v.Title != "" {
		line += " " + fmt.Sprintf(t.title, TermSafe(v.Title))
	}
	line += " — " + head
	if len(details) > 0 {
		line += fmt.Sprintf(t.paren, TermSafe(strings.Join(details, t.sep)))
	}
	return line, nil
}

// WriteVerdicts writes one line per verdict.
func WriteVerdicts(w io.Writer, lang string, vs []Verdict) error {
	bw := bufio.NewWriter(w)
	for _, v := range vs {
		line, err := VerdictLine(lang, v)
		if err != nil {
			return err
		}
		fmt.Fprintln(bw, line)
	}
	return bw.Flush()
}

// WriteLinks lists links to Drive items and Docs files found on a site.
func WriteLinks(w io.Writer, lang string, ls []LinkLine) error {
	if len(ls) == 0 {
		return nil
	}
	t, err := verdictsFor(lang)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, t.linksHeading+"\n", len(ls))
	for _, l := range ls {
		parts := []string{fmt.Sprintf(t.link, TermSafe(l.URL))}
		switch {
		case l.Name != "" || l.Owner != "":
			if l.Name != "" {
				parts = append(parts, fmt.Sprintf(t.item, TermSafe(l.Name)))
			}
			if l.Owner != "" {
				parts = append(parts, fmt.Sprintf(t.owner, TermSafe(l.Owner)))
			}
			if len(l.Checks) > 0 {
				parts = append(parts, fmt.Sprintf(t.checks, strings.Join(l.Checks, ", ")))
			}
		case l.Tied:
			parts = append(parts, t.notTied)
		}
		if len(l.Pages) > 0 {
			parts = append(parts, fmt.Sprintf(t.linkedFrom, TermSafe(strings.Join(l.Pages, " "))))
		}
		fmt.Fprintln(bw, "  "+strings.Join(parts, t.sep))
	}
	return bw.Flush()
}

// langOf is the catalog key of a language code ("ja-JP" → "ja").
func langOf(lang string) string {
	c, err := lookup(lang)
	if err != nil {
		return "en"
	}
	return c.lang
}
