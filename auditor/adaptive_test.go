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
	// A second later 20 calls had got through when refusals came again:
	// far above the quota, the rate goes to that pace, not to half (26).
	for range 20 {
		a.observe(nil)
	}
	clock = clock.Add(time.Second)
	for range 10 { // a third of the calls: the pace, not a stray refusal
		a.observe(gErr(403, "userRateLimitExceeded", nil))
	}
	if got := a.Limit(); got < 19.9 || got > 20.1 {
		t.Errorf("after refusals, 20 calls a second through: %v, want 20", got)
	}
	// Other errors leave the rate alone.
	a.observe(gErr(500, "backendError", nil))
	a.observe(errors.New("boom"))
	if got := a.Limit(); got < 19.9 || got > 20.1 {
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

// TestAdaptiveLimiterIgnoresScatteredRefusals: a few refusals among many
// successes (a backend's random 429, not the run's pace) are retried but
// leave the rate alone.
func TestAdaptiveLimiterIgnoresScatteredRefusals(t *testing.T) {
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := newAdaptiveLimiter(100)
	a.now = func() time.Time { return clock }
	for range 200 {
		clock = clock.Add(10 * time.Millisecond)
		a.observe(nil)
		if clock.Nanosecond()%(200*int(time.Millisecond)) == 0 {
			a.observe(gErr(429, "rateLimitExceeded", nil)) // one in twenty
		}
	}
	if got := a.Limit(); got != 100 {
		t.Errorf("scattered refusals changed the rate to %v", got)
	}
}
