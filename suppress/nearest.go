package suppress

import "strings"

// Nearest returns the name in known closest to name (case-insensitive edit
// distance with transpositions, "-" read as "_"), or "" when none is close
// enough to be a likely misspelling. It suggests a fix for unknown keys.
func Nearest(name string, known []string) string {
	n := []rune(strings.ReplaceAll(strings.ToLower(name), "-", "_"))
	best, bestD := "", 0
	for _, k := range known {
		d := editDistance(n, []rune(strings.ToLower(k)))
		if best == "" || d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" || bestD > max(2, len(n)/3) {
		return ""
	}
	return best
}

// editDistance is the optimal-string-alignment distance between a and b.
func editDistance(a, b []rune) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
