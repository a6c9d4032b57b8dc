package auditor

import (
	"errors"
	"net/http"
	"testing"
	"time"
)

// A refused page's Retry-After is read as an API error's is (seconds or an
// HTTP date) and capped at maxRetryAfter.
func TestRefusedPageRetryAfter(t *testing.T) {
	cases := []struct {
		header string
		want   time.Duration
	}{
		{"", 0},
		{"1", time.Second},
		{"120", 2 * time.Minute},
		{"86400", maxRetryAfter},
		{"soon", 0},
		{time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat), 0},
	}
	for _, c := range cases {
		h := http.Header{}
		if c.header != "" {
			h.Set("Retry-After", c.header)
		}
		err := refusedPage("https://docs.google.com/forms/d/e/X/viewform", &http.Response{Status: "429 Too Many Requests", StatusCode: 429, Header: h})
		var refused *pageRefusedError
		if !errors.As(err, &refused) || !errors.Is(err, errRetryablePage) || !retryable(err) {
			t.Fatalf("Retry-After %q: %v is not a retryable page refusal", c.header, err)
		}
		if refused.retryAfter != c.want {
			t.Errorf("Retry-After %q: wait %v, want %v", c.header, refused.retryAfter, c.want)
		}
	}
	h := http.Header{"Retry-After": {time.Now().Add(5 * time.Minute).UTC().Format(http.TimeFormat)}}
	err := refusedPage("https://docs.google.com/forms/d/e/X/viewform", &http.Response{Status: "503 Service Unavailable", StatusCode: 503, Header: h})
	var refused *pageRefusedError
	if !errors.As(err, &refused) || refused.retryAfter < 4*time.Minute || refused.retryAfter > 5*time.Minute {
		t.Errorf("Retry-After five minutes from now (HTTP date): %v", err)
	}
}
