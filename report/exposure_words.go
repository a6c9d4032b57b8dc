package report

import (
	"strings"
	"time"
)

// ExposureWords is an exposure as its owner reads it in one language: what
// a message to the owner (gwsaudit notify) lists for it.
type ExposureWords struct {
	Title    string   // the check's title, or every reason's label
	Messages []string // each finding's message, once
	Fix      string   // the one remediation that closes it
	Status   string   // 新規, 継続（… から）…; "" without history
}

// WordsFor phrases e in lang, its times in loc; e's findings are expected
// localized in lang already (Document.Localize).
func WordsFor(lang string, e Exposure, loc *time.Location) (ExposureWords, error) {
	c, err := lookup(lang)
	if err != nil {
		return ExposureWords{}, err
	}
	w := ExposureWords{Title: c.exposureTitle(e), Fix: c.exposureFix(e, loc), Status: c.exposureStatus(e, loc)}
	var msgs []string
	for _, f := range e.Findings {
		msgs = append(msgs, f.Message)
	}
	w.Messages = uniqueSentences(msgs)
	return w, nil
}

// uniqueSentences drops from each message the sentences an earlier one
// already said (the personal-data sentence every check of a grant adds),
// and the messages left empty.
func uniqueSentences(msgs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range msgs {
		var b strings.Builder
		for _, s := range splitSentences(m) {
			if k := strings.TrimSpace(s); k != "" && !seen[k] {
				seen[k] = true
				b.WriteString(s)
			}
		}
		if t := strings.TrimSpace(b.String()); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// SentenceSep joins sentences in lang: nothing in Japanese, a space
// otherwise.
func SentenceSep(lang string) string {
	if c, err := lookup(lang); err == nil {
		return c.sentenceSep()
	}
	return " "
}
