package cli

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// termSafe makes text read from a store or a tenant safe to print on a
// terminal: control characters (ESC and every other C0 and C1 control,
// DEL, tabs and newlines), bidirectional formatting characters (embeddings,
// overrides, isolates and marks, which can make a name read backwards) and
// invalid UTF-8 become U+FFFD, so that a hostile file name can neither
// drive the terminal nor hide what it is. (report's console writer does
// the same for the summary.)
func termSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || isBidiControl(r) || r == utf8.RuneError {
			return '\uFFFD'
		}
		return r
	}, s)
}

// isBidiControl reports the Unicode bidirectional formatting characters:
// LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM and ALM.
func isBidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' || r == '\u200e' || r == '\u200f' || r == '\u061c'
}
