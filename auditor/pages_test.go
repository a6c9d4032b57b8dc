package auditor

import "testing"

func TestPageAllowlist(t *testing.T) {
	google := newPageFetcher(&auditor{opts: Options{}})
	emu := newPageFetcher(&auditor{opts: Options{Endpoint: "http://127.0.0.1:8089"}})
	cases := []struct {
		pf   *pageFetcher
		url  string
		want string
		ok   bool
	}{
		{google, "https://docs.google.com/forms/d/e/1FAIpQL/viewform", "https://docs.google.com/forms/d/e/1FAIpQL/viewform", true},
		{google, "https://docs.google.com.evil.example/forms/d/e/x/viewform", "", false},
		{google, "http://docs.google.com/forms/d/e/x/viewform", "", false},
		{google, "https://accounts.google.com/ServiceLogin", "", false},
		{google, "https://docs.google.com/forms/../../etc", "", false},
		{google, "https://user@docs.google.com/forms/d/e/x/viewform", "", false},
		{google, "http://127.0.0.1:8089/forms/d/e/x/viewform", "", false},
		{emu, "https://docs.google.com/forms/d/e/X/viewform", "http://127.0.0.1:8089/forms/d/e/X/viewform", true},
		{emu, "http://127.0.0.1:8089/forms/d/e/X/viewform", "http://127.0.0.1:8089/forms/d/e/X/viewform", true},
		{emu, "http://127.0.0.1:8089/site/index.html", "", false},
		{emu, "http://127.0.0.1:9999/forms/d/e/X/viewform", "", false},
	}
	for _, c := range cases {
		got, ok := c.pf.allowed(c.url)
		if ok != c.ok || ok && got != c.want {
			t.Errorf("allowed(%q) = %q, %v; want %q, %v", c.url, got, ok, c.want, c.ok)
		}
	}
}
