// Package site crawls an organisation's public web site for links to
// Google Forms, Drive and Docs. It stays on the given hosts, respects
// robots.txt, fetches politely (rate, size and time limits) and refuses
// non-public addresses unless told otherwise (emulator and tests).
package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// Options bound a crawl. Zero values take the defaults in parentheses.
type Options struct {
	MaxPages       int           // pages fetched (200)
	MaxDepth       int           // links followed from a seed (3)
	MaxBytes       int64         // body bytes read per page (2 MiB)
	RequestTimeout time.Duration // per request (15s)
	RunTimeout     time.Duration // whole crawl (10m)
	Rate           float64       // requests per second (1); robots.txt Crawl-delay may slow it
	UserAgent      string        // ("gwsaudit-site-scan")
	// AllowPrivate permits loopback and private addresses (emulator, tests).
	AllowPrivate bool
	// Transport replaces the guarded transport (tests).
	Transport http.RoundTripper
	// Root is the path under each host where the site lives ("/"); the
	// emulator serves sites under "/site/". robots.txt is read at Root.
	Root string
	// Sitemaps are sitemap URLs to read besides those robots.txt names.
	Sitemaps []string
}

// Page is one fetched page and the Google links on it.
type Page struct {
	URL    string       `json:"url"`
	Title  string       `json:"title,omitempty"`
	Depth  int          `json:"depth"`
	Google []GoogleLink `json:"google,omitempty"`
}

// Skipped is a URL not fetched (or not followed) and why.
type Skipped struct {
	URL    string `json:"url"`
	Reason string `json:"reason"`
}

// Result is what a crawl saw.
type Result struct {
	Pages   []Page
	Skipped []Skipped
}

const maxRedirects = 5

type crawler struct {
	opts    Options
	client  *http.Client
	lim     *rate.Limiter
	hosts   map[string]bool // host[:port] in scope
	robots  map[string]*Robots
	seen    map[string]bool
	res     *Result
	fetched int
}

type queued struct {
	url   string
	depth int
}

// Crawl fetches the site from seeds and returns every page with its Google
// links. It fails only on unusable seeds; anything else is in Skipped.
func Crawl(ctx context.Context, seeds []string, opts Options) (*Result, error) {
	c, err := newCrawler(seeds, opts)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.RunTimeout)
	defer cancel()
	var queue []queued
	for _, s := range seeds {
		queue = append(queue, queued{s, 0})
	}
	for _, s := range c.sitemapSeeds(ctx, seeds) {
		queue = append(queue, queued{s, 0})
	}
	for len(queue) > 0 {
		q := queue[0]
		queue = queue[1:]
		if c.seen[q.url] {
			continue
		}
		c.seen[q.url] = true
		if ctx.Err() != nil {
			c.skip(q.url, "run time limit reached")
			continue
		}
		if c.fetched >= c.opts.MaxPages {
			c.skip(q.url, fmt.Sprintf("page limit (%d) reached", c.opts.MaxPages))
			continue
		}
		page, links := c.visit(ctx, q)
		if page == nil {
			continue
		}
		c.res.Pages = append(c.res.Pages, *page)
		for _, l := range links {
			if q.depth < c.opts.MaxDepth && !c.seen[l] {
				queue = append(queue, queued{l, q.depth + 1})
			}
		}
	}
	return c.res, nil
}

func newCrawler(seeds []string, opts Options) (*crawler, error) {
	if len(seeds) == 0 {
		return nil, errors.New("site: no URL to crawl")
	}
	opts = withDefaults(opts)
	c := &crawler{opts: opts, hosts: map[string]bool{}, robots: map[string]*Robots{},
		seen: map[string]bool{}, res: &Result{}}
	for _, s := range seeds {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
			return nil, fmt.Errorf("site: %q is not an http(s) URL", s)
		}
		if !strings.HasPrefix(u.Path, opts.Root) && u.Path+"/" != opts.Root {
			return nil, fmt.Errorf("site: %q is outside the site root %s", s, opts.Root)
		}
		c.hosts[strings.ToLower(u.Host)] = true
	}
	tr := opts.Transport
	if tr == nil {
		tr = Transport(opts.AllowPrivate)
	}
	c.client = &http.Client{Transport: tr, Timeout: opts.RequestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	c.lim = rate.NewLimiter(rate.Limit(opts.Rate), 1)
	return c, nil
}

func withDefaults(o Options) Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.MaxPages, 200)
	def(&o.MaxDepth, 3)
	if o.MaxBytes <= 0 {
		o.MaxBytes = 2 << 20
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 15 * time.Second
	}
	if o.RunTimeout <= 0 {
		o.RunTimeout = 10 * time.Minute
	}
	if o.Rate <= 0 {
		o.Rate = 1
	}
	if o.UserAgent == "" {
		o.UserAgent = "gwsaudit-site-scan"
	}
	if o.Root == "" {
		o.Root = "/"
	}
	if !strings.HasSuffix(o.Root, "/") {
		o.Root += "/"
	}
	return o
}

// inScope reports whether u is a page of the site: a given host, under Root.
// A path with a ".." segment ("/site/..", "/site/%2e%2e/x") is never in
// scope: the server would resolve it outside Root.
func (c *crawler) inScope(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && c.hosts[strings.ToLower(u.Host)] &&
		strings.HasPrefix(u.Path, c.opts.Root) && !slices.Contains(strings.Split(u.Path, "/"), "..")
}

func (c *crawler) skip(u, reason string) {
	c.res.Skipped = append(c.res.Skipped, Skipped{URL: u, Reason: reason})
}

// visit fetches one page, following redirects within the site, and returns
// it with the in-scope links to crawl next.
func (c *crawler) visit(ctx context.Context, q queued) (*Page, []string) {
	target := q.url
	for hop := 0; ; hop++ {
		u, err := url.Parse(target)
		if err != nil || !c.inScope(u) {
			if l, ok := ClassifyGoogle(target); ok && hop > 0 {
				// A site address that redirects to a form publishes it.
				return &Page{URL: q.url, Depth: q.depth, Google: []GoogleLink{l}}, nil
			}
			c.skip(q.url, "outside the site: not fetched ("+redact(target)+")")
			return nil, nil
		}
		if !c.robotsFor(ctx, u).Allowed(robotsPath(u, c.opts.Root)) {
			c.skip(target, "disallowed by robots.txt")
			return nil, nil
		}
		if hop >= maxRedirects {
			c.skip(q.url, "too many redirects")
			return nil, nil
		}
		c.fetched++
		resp, err := c.get(ctx, target)
		if err != nil {
			c.skip(target, err.Error())
			return nil, nil
		}
		if resp.next != "" {
			loc, err := u.Parse(resp.next)
			if err != nil {
				c.skip(target, "bad redirect")
				return nil, nil
			}
			loc.Fragment = ""
			target = loc.String()
			c.seen[target] = true
			continue
		}
		page := &Page{URL: q.url, Depth: q.depth}
		if !resp.html {
			c.skip(target, "not an HTML page")
			return nil, nil
		}
		ex := ExtractLinks(u, resp.body)
		page.Title = ex.Title
		var next []string
		seenG := map[string]bool{}
		for _, l := range ex.Links {
			if g, ok := ClassifyGoogle(l); ok {
				if !seenG[g.URL] {
					seenG[g.URL] = true
					page.Google = append(page.Google, g)
				}
				continue
			}
			if lu, err := url.Parse(l); err == nil && c.inScope(lu) {
				next = append(next, l)
			}
		}
		if resp.truncated {
			c.skip(target, fmt.Sprintf("larger than %d bytes: only the start was read", c.opts.MaxBytes))
		}
		return page, next
	}
}

type fetched struct {
	body      []byte
	next      string // Location of a redirect
	html      bool
	truncated bool
}

// get makes one rate-limited GET with the per-request time limit.
func (c *crawler) get(ctx context.Context, target string) (*fetched, error) {
	if err := c.lim.Wait(ctx); err != nil {
		return nil, fmt.Errorf("not fetched: %w", err)
	}
	rctx, cancel := context.WithTimeout(ctx, c.opts.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, fmt.Errorf("bad URL: %w", err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8")
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch failed: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 && resp.StatusCode < 400 && resp.Header.Get("Location") != "" {
		return &fetched{next: resp.Header.Get("Location")}, nil
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &statusError{resp.StatusCode}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read failed: %w", err)
	}
	f := &fetched{body: body}
	if int64(len(body)) > c.opts.MaxBytes {
		f.body, f.truncated = body[:c.opts.MaxBytes], true
	}
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	if ct == "" {
		ct = strings.ToLower(http.DetectContentType(f.body))
	}
	f.html = strings.Contains(ct, "html")
	return f, nil
}

type statusError struct{ code int }

func (e *statusError) Error() string {
	return fmt.Sprintf("answered %d %s", e.code, http.StatusText(e.code))
}

// redact drops user info and the query from a URL for messages.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "unparseable URL"
	}
	u.User, u.RawQuery = nil, ""
	return u.String()
}
