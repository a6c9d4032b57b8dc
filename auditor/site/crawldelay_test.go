package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// TestCrawlDelayAboveCapSlowsToCap: a Crawl-delay longer than the cap (a
// day, "inf") means crawl as slowly as the cap allows, never "ignore it".
func TestCrawlDelayAboveCapSlowsToCap(t *testing.T) {
	for _, delay := range []string{"86400", "3600", "1e9", "inf", "1e400", "20"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte("User-agent: *\nCrawl-delay: " + delay + "\nDisallow: /private/\n"))
		}))
		c, err := newCrawler([]string{srv.URL + "/"}, Options{AllowPrivate: true, Rate: 5})
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(srv.URL + "/")
		r := c.robotsFor(context.Background(), u)
		srv.Close()
		if r.CrawlDelay < maxCrawlDelay {
			t.Errorf("Crawl-delay: %s parsed as %v, want at least the cap %v", delay, r.CrawlDelay, maxCrawlDelay)
		}
		if got, want := c.lim.Limit(), rate.Every(maxCrawlDelay); got != want {
			t.Errorf("Crawl-delay: %s: rate %v/s, want %v/s (one request per %v)", delay, got, want, maxCrawlDelay)
		}
	}
	if d := ParseRobots([]byte("User-agent: *\nCrawl-delay: 0.5\n"), "x").CrawlDelay; d != 500*time.Millisecond {
		t.Errorf("Crawl-delay: 0.5 = %v", d)
	}
}
