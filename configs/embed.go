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
// personal-data keywords, normalised as ParseKeywords does.
func DefaultPersonalDataKeywords() []string {
	return slices.Concat(mustKeywords("keywords-ja.txt"), mustKeywords("keywords-en.txt"))
}

// DefaultFreeMailDomains returns the built-in consumer mail domains.
func DefaultFreeMailDomains() []string { return mustList("freemail-domains.txt") }

func mustList(name string) []string { return mustParse(name, ParseList) }

func mustKeywords(name string) []string { return mustParse(name, ParseKeywords) }

func mustParse(name string, parse func(io.Reader) ([]string, error)) []string {
	f, err := lists.Open(name)
	if err != nil {
		panic("configs: embedded list missing: " + name)
	}
	defer f.Close()
	out, err := parse(f)
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

// WeakPrefix marks a weak personal-data keyword in a keyword file: a line
// "weak: 一覧" is a word that counts only next to a strong one (see
// checks.Env.PersonalData); a plain line is a strong keyword.
const WeakPrefix = "weak:"

// ParseKeywords reads a personal-data keyword file as ParseList does and
// writes each weak entry as WeakPrefix followed by the word, without space
// ("weak:一覧"); a "weak:" line without a word is skipped. A word listed
// both plain and weak keeps both entries, in order: the last one decides.
func ParseKeywords(r io.Reader) ([]string, error) {
	list, err := ParseList(r)
	out := list[:0]
	seen := map[string]bool{}
	for _, s := range list {
		if w, ok := strings.CutPrefix(s, WeakPrefix); ok {
			if w = strings.TrimSpace(w); w == "" {
				continue
			}
			s = WeakPrefix + w
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out, err
}
