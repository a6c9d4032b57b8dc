package site

import (
	"net/url"
	"testing"
)

// TestInScopeRefusesDotDot: a ".." segment, plain or percent-encoded, at the
// end or in the middle, takes a path out of the site root.
func TestInScopeRefusesDotDot(t *testing.T) {
	c := &crawler{hosts: map[string]bool{"www.city.example.jp": true}, opts: Options{Root: "/site/"}}
	for raw, want := range map[string]bool{
		"https://www.city.example.jp/site/a/b.html":    true,
		"https://www.city.example.jp/site/..":          false,
		"https://www.city.example.jp/site/../admin":    false,
		"https://www.city.example.jp/site/%2e%2e/x":    false,
		"https://www.city.example.jp/site/a..b/c.html": true,
		"https://www.city.example.jp/other/":           false,
		"https://evil.example.com/site/":               false,
		"ftp://www.city.example.jp/site/":              false,
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.inScope(u); got != want {
			t.Errorf("inScope(%s) = %v, want %v", raw, got, want)
		}
	}
}
