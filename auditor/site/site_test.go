package site_test

import (
	"context"
	"errors"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/auditor/site"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
)

// siteTenant is a school web site served by the emulator under /site/.
func siteTenant() *emulator.Tenant {
	return &emulator.Tenant{
		PrimaryDomain: "school.example.jp",
		Users:         []emulator.User{{Email: "admin@school.example.jp", Admin: true}},
		Site: map[string]string{
			"/index.html": `<!DOCTYPE html><html><head><title>さくら小学校</title></head><body>
<a href="news/event.html">行事</a>
<a href="/site/contact.html#form">お問い合わせ</a>
<a href="https://docs.google.com/forms/d/e/1FAIpQLSpub/viewform?usp=sf_link">参加申込</a>
<a href="https://forms.gle/AbCd123">短縮</a>
<a href="/site/private/roster.html">名簿</a>
<a href="/site/redirect/moved">移転</a>
<a href="/site/redirect/away">外部</a>
<a href="/site/redirect/apply">申込(転送)</a>
<a href="https://other.example.com/x.html">外部サイト</a>
<a href="mailto:info@school.example.jp">mail</a>
<a href="javascript:alert(1)">js</a>
</body></html>`,
			"/news/event.html": `<html><head><title>行事</title><base href="/site/news/"></head><body>
<a href="../index.html">top</a><a href="deep/one.html">deep</a>
<iframe src="https://docs.google.com/forms/d/e/1FAIpQLSemb/viewform?embedded=true"></iframe>
<a href="https://drive.google.com/file/d/1DriveFileId/view?usp=sharing">資料</a>
<a href="https://docs.google.com/spreadsheets/d/1SheetId/edit#gid=0">名簿</a>`,
			"/news/deep/one.html":  `<a href="two.html">two</a>`,
			"/news/deep/two.html":  `<a href="https://docs.google.com/forms/d/formDeep/edit">deep edit</a>`,
			"/contact.html":        `<p><a href=https://docs.google.com/forms/d/form-admin/edit>admin<p><div><a href="https://docs.google.com/a/school.example.jp/forms/d/form-admin2/edit#responses">x`,
			"/private/roster.html": `<a href="https://docs.google.com/forms/d/formSecret/edit">secret</a>`,
			"/new-place.html":      `<title>Moved here</title><a href="https://drive.google.com/drive/folders/1FolderId">folder</a>`,
			"/from-sitemap.html":   `<title>Only in sitemap</title><a href="https://drive.google.com/open?id=1OpenId">open</a>`,
			"/robots.txt":          "User-agent: *\nDisallow: /private/\nSitemap: /site/sitemap.xml\n",
			"/sitemap.xml": `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>BASE/site/from-sitemap.html</loc></url><url><loc>https://elsewhere.example/x</loc></url></urlset>`,
		},
		SiteRedirects: map[string]string{
			"moved": "/site/new-place.html",
			"away":  "https://evil.example.net/phish",
			"apply": "https://docs.google.com/forms/d/e/1FAIpQLSredir/viewform",
		},
	}
}

func serve(t *testing.T, tn *emulator.Tenant) (*emulator.Server, string) {
	t.Helper()
	srv := emulatortest.Serve(t, tn, emulator.Options{})
	base := srv.BaseURL()
	return srv, base
}

func testOpts() site.Options {
	return site.Options{Rate: 1000, AllowPrivate: true, Root: "/site/"}
}

func crawl(t *testing.T, tn *emulator.Tenant, opts site.Options, seeds ...string) (*site.Result, string) {
	t.Helper()
	srv, base := serve(t, tn)
	// The sitemap needs absolute URLs: rewrite BASE now that the port is known.
	srv.Update(func(tn *emulator.Tenant) {
		tn.Site["/sitemap.xml"] = strings.ReplaceAll(tn.Site["/sitemap.xml"], "BASE", base)
	})
	if len(seeds) == 0 {
		seeds = []string{base + "/site/index.html"}
	}
	for i := range seeds {
		seeds[i] = strings.ReplaceAll(seeds[i], "BASE", base)
	}
	res, err := site.Crawl(context.Background(), seeds, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res, base
}

func pageByPath(res *site.Result, base, path string) *site.Page {
	for i := range res.Pages {
		if res.Pages[i].URL == base+path {
			return &res.Pages[i]
		}
	}
	return nil
}

func googleIDs(p *site.Page) []string {
	var out []string
	for _, l := range p.Google {
		out = append(out, string(l.Kind)+":"+l.ID)
	}
	return out
}

func TestCrawlSite(t *testing.T) {
	res, base := crawl(t, siteTenant(), testOpts())
	var urls []string
	for _, p := range res.Pages {
		urls = append(urls, strings.TrimPrefix(p.URL, base))
	}
	for _, want := range []string{"/site/index.html", "/site/news/event.html", "/site/contact.html", "/site/news/deep/one.html",
		"/site/news/deep/two.html", "/site/redirect/moved", "/site/from-sitemap.html", "/site/redirect/apply"} {
		if !slices.Contains(urls, want) {
			t.Errorf("page %s not crawled; got %v", want, urls)
		}
	}
	if slices.Contains(urls, "/site/private/roster.html") {
		t.Error("robots.txt Disallow: /private/ ignored")
	}
	idx := pageByPath(res, base, "/site/index.html")
	if idx.Title != "さくら小学校" {
		t.Errorf("title %q", idx.Title)
	}
	if got := googleIDs(idx); !slices.Equal(got, []string{"form:1FAIpQLSpub", "form_short:AbCd123"}) {
		t.Errorf("index links %v", got)
	}
	// Relative links with <base>, an iframe-embedded form, Drive and Sheets.
	if got := googleIDs(pageByPath(res, base, "/site/news/event.html")); !slices.Equal(got, []string{"form:1FAIpQLSemb", "drive:1DriveFileId", "docs:1SheetId"}) {
		t.Errorf("event links %v", got)
	}
	// Malformed HTML still yields both edit URLs (one under /a/{domain}/).
	if got := googleIDs(pageByPath(res, base, "/site/contact.html")); !slices.Equal(got, []string{"form_edit:form-admin", "form_edit:form-admin2"}) {
		t.Errorf("contact links %v", got)
	}
	// An allowed redirect is followed and the page recorded under the linked URL.
	if got := googleIDs(pageByPath(res, base, "/site/redirect/moved")); !slices.Equal(got, []string{"drive:1FolderId"}) {
		t.Errorf("redirected page links %v", got)
	}
	// A site address that redirects to a form publishes that form.
	if got := googleIDs(pageByPath(res, base, "/site/redirect/apply")); !slices.Equal(got, []string{"form:1FAIpQLSredir"}) {
		t.Errorf("redirect to form %v", got)
	}
	if got := googleIDs(pageByPath(res, base, "/site/from-sitemap.html")); !slices.Equal(got, []string{"drive:1OpenId"}) {
		t.Errorf("sitemap page links %v", got)
	}
	reasons := map[string]string{}
	for _, s := range res.Skipped {
		reasons[strings.TrimPrefix(s.URL, base)] = s.Reason
	}
	if r := reasons["/site/redirect/away"]; !strings.Contains(r, "outside the site") || !strings.Contains(r, "evil.example.net") {
		t.Errorf("refused redirect: %q (%v)", r, reasons)
	}
	if r := reasons["/site/private/roster.html"]; !strings.Contains(r, "robots.txt") {
		t.Errorf("robots skip: %q", r)
	}
	for u := range reasons {
		if strings.Contains(u, "other.example.com") || strings.Contains(u, "elsewhere.example") {
			t.Errorf("off-site URL %s was considered for fetching", u)
		}
	}
}

func TestCrawlLimits(t *testing.T) {
	opts := testOpts()
	opts.MaxDepth = 1
	res, base := crawl(t, siteTenant(), opts)
	if pageByPath(res, base, "/site/news/deep/one.html") != nil {
		t.Error("max depth 1 crawled depth 2")
	}
	opts = testOpts()
	opts.MaxPages = 2
	res, _ = crawl(t, siteTenant(), opts)
	if len(res.Pages) > 2 {
		t.Errorf("max pages 2 fetched %d pages", len(res.Pages))
	}
	if !slices.ContainsFunc(res.Skipped, func(s site.Skipped) bool { return strings.Contains(s.Reason, "page limit") }) {
		t.Error("page limit not reported")
	}
	opts = testOpts()
	opts.MaxBytes = 200
	res, base = crawl(t, siteTenant(), opts)
	if got := googleIDs(pageByPath(res, base, "/site/index.html")); len(got) != 0 {
		t.Errorf("body cap ignored: %v", got)
	}
	if !slices.ContainsFunc(res.Skipped, func(s site.Skipped) bool { return strings.Contains(s.Reason, "larger than 200 bytes") }) {
		t.Error("truncation not reported")
	}
}

func TestCrawlRobotsDisallowAllAndAgent(t *testing.T) {
	tn := siteTenant()
	tn.Site["/robots.txt"] = "User-agent: gwsaudit\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
	res, _ := crawl(t, tn, testOpts())
	if len(res.Pages) != 0 {
		t.Errorf("robots.txt for our agent disallows everything, got %d pages", len(res.Pages))
	}
	tn = siteTenant()
	delete(tn.Site, "/robots.txt")
	res, base := crawl(t, tn, testOpts())
	if pageByPath(res, base, "/site/private/roster.html") == nil {
		t.Error("no robots.txt must allow everything")
	}
}

func TestCrawlRefusesBadSeeds(t *testing.T) {
	for _, s := range []string{"ftp://x/site/", "/site/index.html", "http://user:pw@h/site/"} {
		if _, err := site.Crawl(context.Background(), []string{s}, testOpts()); err == nil {
			t.Errorf("seed %q accepted", s)
		}
	}
	if _, err := site.Crawl(context.Background(), []string{"http://127.0.0.1:1/other/"}, testOpts()); err == nil {
		t.Error("seed outside the root accepted")
	}
}

func TestGuardRefusesLoopback(t *testing.T) {
	_, base := serve(t, siteTenant())
	opts := testOpts()
	opts.AllowPrivate = false
	res, err := site.Crawl(context.Background(), []string{base + "/site/index.html"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 0 {
		t.Fatalf("fetched %d pages from loopback without AllowPrivate", len(res.Pages))
	}
	if len(res.Skipped) == 0 || !strings.Contains(res.Skipped[0].Reason, "non-public") {
		t.Errorf("skipped %v", res.Skipped)
	}
	tr := site.Transport(false)
	_, err = tr.DialContext(context.Background(), "tcp", strings.TrimPrefix(base, "http://"))
	if !errors.Is(err, site.ErrForbiddenAddress) {
		t.Errorf("dial loopback: %v", err)
	}
	for _, a := range []string{"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "::1", "fe80::1", "fc00::1", "100.64.0.1", "0.0.0.0", "::ffff:127.0.0.1", "224.0.0.1"} {
		if site.PublicAddr(netip.MustParseAddr(a)) {
			t.Errorf("%s counted as public", a)
		}
	}
	for _, a := range []string{"8.8.8.8", "142.250.196.110", "2404:6800:4004:80c::200e"} {
		if !site.PublicAddr(netip.MustParseAddr(a)) {
			t.Errorf("%s counted as non-public", a)
		}
	}
}
