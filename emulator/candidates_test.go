package emulator

import (
	"net/url"
	"testing"
)

func TestQueryOwnerNarrowsOnlyAndQueries(t *testing.T) {
	c := &call{user: &User{Email: "sato@example.jp"}}
	cases := map[string]string{
		"'me' in owners and trashed = false":                "sato@example.jp",
		"trashed = false and 'Tanaka@example.jp' in owners": "tanaka@example.jp",
		"'me' in owners or 'x' in readers":                  "",
		"not 'me' in owners":                                "",
		"('me' in owners) and trashed = false":              "",
		"trashed = false":                                   "",
	}
	for q, want := range cases {
		c.q = url.Values{"q": {q}}
		got, ok := c.queryOwner()
		if ok != (want != "") || got != want {
			t.Errorf("queryOwner(%q) = %q, %v; want %q", q, got, ok, want)
		}
	}
}
