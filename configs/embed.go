// Package configs holds gwsaudit's built-in lists (personal-data keywords,
// free-mail domains) and the example configuration files.
package configs

import (
	"bufio"
	"embed"
	"io"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

//go:embed keywords-ja.txt keywords-en.txt freemail-domains.txt
var lists embed.FS

// DefaultPersonalDataKeywords returns the built-in Japanese and English
// personal-data keywords, normalised as ParseList does.
func DefaultPersonalDataKeywords() []string {
	return slices.Concat(mustList("keywords-ja.txt"), mustList("keywords-en.txt"))
}

// DefaultFreeMailDomains returns the built-in consumer mail domains.
func DefaultFreeMailDomains() []string { return mustList("freemail-domains.txt") }

func mustList(name string) []string {
	f, err := lists.Open(name)
	if err != nil {
		panic("configs: embedded list missing: " + name)
	}
	defer f.Close()
	out, err := ParseList(f)
	if err != nil {
		panic("configs: embedded list " + name + ": " + err.Error())
	}
	return out
}

// ParseList reads a one-entry-a-line list: each line is NFKC-normalised,
// trimmed and ASCII-lower-cased; blank lines, lines starting with "#" and
// repeated entries are skipped. Order is kept.
func ParseList(r io.Reader) ([]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	var out []string
	seen := map[string]bool{}
	for sc.Scan() {
		s := strings.TrimSpace(norm.NFKC.String(sc.Text()))
		if s == "" || s[0] == '#' {
			continue
		}
		s = lowerASCII(s)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out, sc.Err()
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
