package site

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestExtractLinks(t *testing.T) {
	base, _ := url.Parse("https://www.city.example.jp/kurashi/index.html")
	body := []byte(`<html><head><title> 市役所
 トップ </title></head><body>
<a href="a.html">rel</a><a href="/abs.html#frag">abs</a><a href="//cdn.example.jp/x">proto-rel</a>
<a href="a.html">dup</a><A HREF="UPPER.html">upper</A><area href="map.html">
<iframe src="https://docs.google.com/forms/d/e/P/viewform?embedded=true"></iframe>
<meta http-equiv="Refresh" content="0; URL='/next.html'">
<a href="javascript:void(0)">js</a><a href="mailto:a@b">m</a><a href="  ">blank</a><a>none</a>
<a href="http://u:p@evil/">creds</a><a href="https://[::1">bad</a>`)
	got := ExtractLinks(base, body)
	want := []string{
		"https://www.city.example.jp/kurashi/a.html", "https://www.city.example.jp/abs.html", "https://cdn.example.jp/x",
		"https://www.city.example.jp/kurashi/UPPER.html", "https://www.city.example.jp/kurashi/map.html",
		"https://docs.google.com/forms/d/e/P/viewform?embedded=true", "https://www.city.example.jp/next.html",
	}
	if !slices.Equal(got.Links, want) {
		t.Errorf("links\n got %q\nwant %q", got.Links, want)
	}
	if got.Title != "市役所 トップ" {
		t.Errorf("title %q", got.Title)
	}
}

func TestClassifyGoogle(t *testing.T) {
	cases := map[string]string{
		"https://docs.google.com/forms/d/e/1FAIpQLSx/viewform?usp=sf_link": "form:1FAIpQLSx:pub",
		"https://docs.google.com/forms/d/e/1FAIpQLSx/viewanalytics":        "form:1FAIpQLSx:pub",
		"https://docs.google.com/forms/d/abc123/viewform":                  "form:abc123",
		"https://docs.google.com/forms/d/abc123/edit":                      "form_edit:abc123",
		"https://docs.google.com/forms/d/abc123/edit#responses":            "form_edit:abc123",
		"https://docs.google.com/forms/u/1/d/abc123/edit":                  "form_edit:abc123",
		"https://docs.google.com/a/city.example.jp/forms/d/abc123/edit":    "form_edit:abc123",
		"https://docs.google.com/forms/d/abc123/":                          "form_edit:abc123",
		"https://forms.gle/Xy12":                                           "form_short:Xy12",
		"https://drive.google.com/file/d/F1/view":                          "drive:F1",
		"https://drive.google.com/open?id=F2":                              "drive:F2",
		"https://drive.google.com/uc?export=download&id=F3":                "drive:F3",
		"https://drive.google.com/drive/u/0/folders/D1":                    "drive:D1",
		"https://drive.google.com/drive/folders/D2?usp=sharing":            "drive:D2",
		"https://docs.google.com/spreadsheets/d/S1/edit#gid=0":             "docs:S1",
		"https://docs.google.com/document/d/e/2PACX-pub/pub":               "docs:2PACX-pub:pub",
		"https://docs.google.com/presentation/d/P1/edit":                   "docs:P1",
		"https://docs.google.com/forms/":                                   "",
		"https://docs.google.com/forms/d/e/":                               "",
		"https://docs.google.com.evil.example/forms/d/x/edit":              "",
		"https://evil.example/docs.google.com/forms/d/x/edit":              "",
		"https://forms.gle/a/b":                                            "",
		"https://forms.gle/%2e%2e":                                         "",
		"ftp://docs.google.com/forms/d/x/edit":                             "",
		"https://user@docs.google.com/forms/d/x/edit":                      "",
		"https://drive.google.com/open":                                    "",
	}
	for in, want := range cases {
		l, ok := ClassifyGoogle(in)
		got := ""
		if ok {
			got = string(l.Kind) + ":" + l.ID
			if l.Published {
				got += ":pub"
			}
		}
		if got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
	l, _ := ClassifyGoogle("https://docs.google.com/a/x.jp/forms/u/0/d/abc/edit#responses")
	if l.Canonical != "https://docs.google.com/forms/d/abc/edit" || l.FileID() != "abc" {
		t.Errorf("canonical %+v", l)
	}
}

func TestRobots(t *testing.T) {
	r := ParseRobots([]byte(`# comment
User-agent: Googlebot
Disallow: /

User-agent: *
User-agent: other
Disallow: /private/
Allow: /private/public*.html$
Disallow: /*.pdf$
Disallow: /search?
Crawl-delay: 2
Disallow:

Sitemap: https://www.example.jp/sitemap.xml
`), "gwsaudit-site-scan")
	cases := map[string]bool{
		"/": true, "/index.html": true, "/private/": false, "/private/roster.html": false,
		"/private/public-notice.html": true, "/private/public-notice.html?x": false,
		"/files/a.pdf": false, "/files/a.pdf?dl=1": true, "/search?q=x": false, "/search": true,
	}
	for p, want := range cases {
		if got := r.Allowed(p); got != want {
			t.Errorf("Allowed(%q) = %v, want %v", p, got, want)
		}
	}
	if r.CrawlDelay != 2*time.Second || !slices.Equal(r.Sitemaps, []string{"https://www.example.jp/sitemap.xml"}) {
		t.Errorf("delay %v sitemaps %v", r.CrawlDelay, r.Sitemaps)
	}
	mine := ParseRobots([]byte("User-agent: gwsaudit\nDisallow: /x\n\nUser-agent: *\nDisallow: /\n"), "gwsaudit-site-scan")
	if !mine.Allowed("/y") || mine.Allowed("/x1") {
		t.Error("the group naming our agent must win over *")
	}
	if !AllowAll.Allowed("/a") || DisallowAll.Allowed("/a") {
		t.Error("AllowAll/DisallowAll")
	}
}

func TestSitemap(t *testing.T) {
	sm, err := ParseSitemap(strings.NewReader(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc> https://a.jp/1 </loc><lastmod>2026-01-01</lastmod></url><url><loc>https://a.jp/2</loc></url><loc>https://a.jp/stray</loc></urlset>`))
	if err != nil || !slices.Equal(sm.URLs, []string{"https://a.jp/1", "https://a.jp/2"}) {
		t.Fatalf("urlset %v %v", sm, err)
	}
	sm, err = ParseSitemap(strings.NewReader(`<sitemapindex><sitemap><loc>https://a.jp/s1.xml</loc></sitemap></sitemapindex>`))
	if err != nil || !slices.Equal(sm.Sitemaps, []string{"https://a.jp/s1.xml"}) {
		t.Fatalf("index %v %v", sm, err)
	}
	for _, bad := range []string{"", "not xml", "<html><body>x</body></html>"} {
		if _, err := ParseSitemap(strings.NewReader(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	// Entities are not expanded (no XXE): an undefined entity is not an error
	// in non-strict mode and yields no file contents.
	sm, _ = ParseSitemap(strings.NewReader(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><urlset><url><loc>&e;</loc></url></urlset>`))
	if sm != nil && slices.ContainsFunc(sm.URLs, func(s string) bool { return strings.Contains(s, "root:") }) {
		t.Error("external entity expanded")
	}
}

func FuzzExtractLinks(f *testing.F) {
	f.Add([]byte(`<a href="x.html">x</a><base href="/b/"><iframe src="https://docs.google.com/forms/d/e/P/viewform">`))
	f.Add([]byte(`<title>t<a href=//evil/>`))
	f.Add([]byte(`<meta http-equiv=refresh content="0;url=javascript:x">`))
	base, _ := url.Parse("https://www.example.jp/dir/page.html")
	f.Fuzz(func(t *testing.T, body []byte) {
		ex := ExtractLinks(base, body)
		if len(ex.Links) > maxLinksPerPage {
			t.Fatalf("%d links", len(ex.Links))
		}
		for _, l := range ex.Links {
			u, err := url.Parse(l)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" || u.User != nil {
				t.Fatalf("bad link %q", l)
			}
			ClassifyGoogle(l)
		}
		if utf8.ValidString(string(body)) && !utf8.ValidString(ex.Title) {
			t.Fatalf("title not UTF-8: %q", ex.Title)
		}
	})
}

func FuzzRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /a*b$\nAllow: /a\n"), "/ab")
	f.Add([]byte("user-agent:gwsaudit\ndisallow:/**$"), "/")
	f.Fuzz(func(t *testing.T, body []byte, path string) {
		r := ParseRobots(body, "gwsaudit-site-scan")
		r.Allowed(path)
		if r.CrawlDelay < 0 || r.CrawlDelay > time.Hour {
			t.Fatalf("crawl delay %v", r.CrawlDelay)
		}
	})
}

func FuzzSitemap(f *testing.F) {
	f.Add([]byte(`<urlset><url><loc>https://a/1</loc></url></urlset>`))
	f.Add([]byte(`<sitemapindex><sitemap><loc>x</loc></sitemap></sitemapindex>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		sm, err := ParseSitemap(strings.NewReader(string(body)))
		if err == nil && len(sm.URLs)+len(sm.Sitemaps) > maxSitemapURLs {
			t.Fatal("limit exceeded")
		}
	})
}
