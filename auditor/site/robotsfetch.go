package site

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// maxCrawlDelay caps how far robots.txt may slow the crawl.
const maxCrawlDelay = 10 * time.Second

// robotsFor returns the policy for u's host, fetching robots.txt at the
// site root once. No file (4xx) allows everything; a server or network
// error disallows everything (RFC 9309 §2.3.1).
func (c *crawler) robotsFor(ctx context.Context, u *url.URL) *Robots {
	host := strings.ToLower(u.Host)
	if r, ok := c.robots[host]; ok {
		return r
	}
	r := c.fetchRobots(ctx, u.Scheme+"://"+u.Host+c.opts.Root+"robots.txt")
	c.robots[host] = r
	if r.CrawlDelay > 0 {
		d := min(r.CrawlDelay, maxCrawlDelay)
		if every := rate.Every(d); every < c.lim.Limit() {
			c.lim.SetLimit(every)
		}
	}
	return r
}

func (c *crawler) fetchRobots(ctx context.Context, target string) *Robots {
	for range maxRedirects {
		resp, err := c.get(ctx, target)
		var se *statusError
		switch {
		case errors.As(err, &se) && se.code >= 400 && se.code < 500:
			return AllowAll
		case err != nil:
			c.skip(target, "robots.txt unreachable, so the site is not crawled: "+err.Error())
			return DisallowAll
		}
		base, _ := url.Parse(target)
		if resp.next == "" {
			r := ParseRobots(resp.body, c.opts.UserAgent)
			for i, s := range r.Sitemaps {
				if u, err := base.Parse(s); err == nil {
					r.Sitemaps[i] = u.String()
				}
			}
			return r
		}
		loc, err := base.Parse(resp.next)
		if err != nil || !c.inScope(loc) {
			return AllowAll // a robots.txt redirected off-site is treated as absent
		}
		target = loc.String()
	}
	return AllowAll
}

// sitemapSeeds reads the configured sitemaps and those robots.txt names,
// following sitemap indexes, and returns the in-scope page URLs.
func (c *crawler) sitemapSeeds(ctx context.Context, seeds []string) []string {
	todo := append([]string(nil), c.opts.Sitemaps...)
	for _, s := range seeds {
		if u, err := url.Parse(s); err == nil {
			todo = append(todo, c.robotsFor(ctx, u).Sitemaps...)
		}
	}
	var out []string
	read := 0
	for len(todo) > 0 && read < 20 {
		sm := todo[0]
		todo = todo[1:]
		u, err := url.Parse(sm)
		if err != nil || !c.inScope(u) {
			c.skip(sm, "sitemap outside the site: not read")
			continue
		}
		if c.seen[sm] {
			continue
		}
		c.seen[sm] = true
		if !c.robotsFor(ctx, u).Allowed(robotsPath(u, c.opts.Root)) {
			c.skip(sm, "disallowed by robots.txt")
			continue
		}
		read++
		resp, err := c.get(ctx, sm)
		if err != nil || resp.next != "" {
			c.skip(sm, "sitemap not read")
			continue
		}
		parsed, err := ParseSitemap(strings.NewReader(string(resp.body)))
		if err != nil {
			c.skip(sm, err.Error())
			continue
		}
		todo = append(todo, parsed.Sitemaps...)
		for _, p := range parsed.URLs {
			if pu, err := url.Parse(p); err == nil && c.inScope(pu) {
				out = append(out, p)
			}
		}
	}
	return out
}

// robotsPath is u's path and query as robots.txt sees them: relative to
// the site root.
func robotsPath(u *url.URL, root string) string {
	p := "/" + strings.TrimPrefix(u.EscapedPath(), root)
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}
