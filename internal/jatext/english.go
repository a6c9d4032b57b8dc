// Package jatext finds English left in Japanese text: runs of two or more
// English words that are not names, addresses, URLs or identifiers. Tests
// of every Japanese output use it (report, console, history, diff, probe).
package jatext

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// Allowed are the product, API and command names Japanese text keeps in
// their own spelling, as Google's Japanese screens do.
var Allowed = []string{
	"Google Workspace", "Google Cloud", "Drive SDK API", "Forms API", "Apps Script",
	"gwsaudit checks", "Admin SDK", "IAM Service Account Credentials API",
}

var (
	// mask are what is never a run of English words: URLs, e-mail
	// addresses, host and file names (a dot inside), check IDs,
	// fingerprints and other long hex or digit tokens, ISO times.
	mask = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\b(?:https?|file)://[^\s"'<>）」、]+`),
		regexp.MustCompile(`[\w.+'-]+@[\w-]+(?:\.[\w-]+)+`),
		regexp.MustCompile(`\b[\w-]+(?:\.[\w-]+)+\b`),
		regexp.MustCompile(`\b(?:SHARE|FORM|GROUP)-\d{3}\b`),
		regexp.MustCompile(`\b[0-9a-fA-F]{12,}\b`),
		regexp.MustCompile(`\b\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?\b`),
	}
	// wordRun is two or more words of ASCII letters separated by spaces
	// or tabs only (a Japanese character, a digit or punctuation between
	// them ends the run).
	wordRun = regexp.MustCompile(`[A-Za-z][A-Za-z'’]*(?:[ \t]+[A-Za-z][A-Za-z'’]*)+`)
)

// placeholder replaces what is masked: not a letter, so the words on
// either side never join into one run.
const placeholder = "■"

// EnglishRuns returns the runs of two or more English words in text once
// names (the tenant's item, user and group names, paths, IDs: whatever the
// report quotes), Allowed and the patterns of mask are taken out.
func EnglishRuns(text string, names []string) []string {
	ns := slices.Clone(names)
	ns = append(ns, Allowed...)
	// Longest first, so a name is masked whole before a part of it.
	slices.SortFunc(ns, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	for _, n := range ns {
		if len(strings.TrimSpace(n)) >= 2 {
			text = strings.ReplaceAll(text, n, placeholder)
		}
	}
	for _, re := range mask {
		text = re.ReplaceAllString(text, placeholder)
	}
	return wordRun.FindAllString(text, -1)
}
