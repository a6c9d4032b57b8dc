package auditor

import (
	"errors"
	"testing"
	"time"
)

func TestAdaptiveLimiterBacksOffAndRecovers(t *testing.T) {
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := newAdaptiveLimiter(100)
	a.now = func() time.Time { return clock }

	a.observe(gErr(429, "rateLimitExceeded", nil))
	if got := a.Limit(); got != 50 {
		t.Fatalf("after a 429: %v, want 50", got)
	}
	// Many workers hearing the same burst halve it once.
	a.observe(gErr(403, "userRateLimitExceeded", nil))
	if got := a.Limit(); got != 50 {
		t.Errorf("second drop within a second: %v, want 50", got)
	}
	clock = clock.Add(time.Second)
	a.observe(gErr(403, "userRateLimitExceeded", nil))
	if got := a.Limit(); got != 25 {
		t.Errorf("after a second 403 rate limit: %v, want 25", got)
	}
	// Other errors leave the rate alone.
	a.observe(gErr(500, "backendError", nil))
	a.observe(errors.New("boom"))
	if got := a.Limit(); got != 25 {
		t.Errorf("non-quota errors changed the rate: %v", got)
	}
	for range 1000 {
		a.observe(nil)
	}
	if got := a.Limit(); got != 100 {
		t.Errorf("after successes: %v, want back at the ceiling 100", got)
	}
	for range 100 {
		clock = clock.Add(time.Second)
		a.observe(gErr(429, "rateLimitExceeded", nil))
	}
	if got := a.Limit(); got < a.floor || got > a.floor*2 {
		t.Errorf("rate %v fell past the floor %v", got, a.floor)
	}
}
