package notify

import (
	"fmt"
	"slices"
	"strings"
)

// texts are the words around the report catalog's per-check text in an
// owner's message, one set per language (text_ja.go, text_en.go).
type texts struct {
	lang string
	// subject takes the number of items (one %d).
	subject string
	// greeting takes the owner's address (one %s).
	greeting string
	// intro takes the tenant, the audit date, whose items (yours or
	// yoursShared) and the count (%s, %s, %s, %d); introNoDate the same
	// without the date, for a plan.
	intro, introNoDate string
	yours, yoursShared string
	dateFormat         string
	// item heads one finding: number, severity, title (%d, %s, %s).
	item                                string
	target, link, state, fix, firstSeen string
	newMark                             string // after the severity of a new finding
	// asManager says why a shared drive's items are in the message; drive
	// labels the drive's name.
	asManager, drive string
	// planned replaces the steps of a finding a fix plan will close.
	planned string
	// more takes the number of findings not listed (one %d).
	more string
	// ask takes whom to ask (one %s); askDefault is used without a contact.
	ask, askDefault string
	// copyNote says who got a copy (one %s).
	copyNote string
	footer   string
	// webhook texts: header (tenant, new, resolved: %s %d %d), the
	// severity counts line lead, the top list head, a "more" line (%d).
	hookHead, hookNew, hookResolved, hookTop, hookMore string
	// The admin's summary of a notify run: one line per owner (owner,
	// count, language, copy note), the total sent or written (done, all,
	// and for files the directory), the findings without an owner (count).
	sumOwner, sumCopy, sumSent, sumWritten, sumUnowned string
	langNames                                          map[string]string
	colon                                              string
	// hookItem lists one new finding: severity, check ID, title, item ID.
	hookItem string
}

var textsByLang = map[string]*texts{}

// Languages lists the languages a message can be written in.
func Languages() []string {
	out := make([]string, 0, len(textsByLang))
	for l := range textsByLang {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// textsFor returns the texts of lang ("ja", "ja-JP", "en_US"…).
func textsFor(lang string) (*texts, error) {
	l := strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(l, "-_"); i > 0 {
		l = l[:i]
	}
	if t, ok := textsByLang[l]; ok {
		return t, nil
	}
	return nil, fmt.Errorf("unsupported language %q (supported: %s)", lang, strings.Join(Languages(), ", "))
}
