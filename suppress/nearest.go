package suppress

import (
	"strings"

	"github.com/gwsaudit/gwsaudit/internal/editdist"
)

// Nearest returns the name in known closest to name (case-insensitive edit
// distance with transpositions, "-" read as "_"), or "" when none is close
// enough to be a likely misspelling. It suggests a fix for unknown keys.
func Nearest(name string, known []string) string {
	n := []rune(strings.ReplaceAll(strings.ToLower(name), "-", "_"))
	best, bestD := "", 0
	for _, k := range known {
		d := editdist.OSA(n, []rune(strings.ToLower(k)), len(n)+len(k))
		if best == "" || d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" || bestD > max(2, len(n)/3) {
		return ""
	}
	return best
}
