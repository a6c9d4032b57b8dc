package auditor

import (
	"context"
	"errors"
	"net/http"
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
	// Each success raises it by a thousandth of the ceiling.
	for range 100 {
		a.observe(nil)
	}
	if got := a.Limit(); got < 29.9 || got > 30.1 {
		t.Errorf("after 100 successes: %v, want 30", got)
	}
	// A second later, at least by a tenth.
	clock = clock.Add(time.Second)
	a.observe(nil)
	if got := a.Limit(); got < 32.9 || got > 33.1 {
		t.Errorf("a second of successes: %v, want 33", got)
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

// TestAdaptiveLimiterRecoversAfterOutage: an API refused outright for 20 s
// (another tool spent the per-minute quota) falls to its floor; once calls
// go through again at the limiter's pace, it is back at half its configured
// rate within a few minutes, whatever that rate is (Forms runs at 6/s).
func TestAdaptiveLimiterRecoversAfterOutage(t *testing.T) {
	for _, ceiling := range []float64{5, 6, 30, 150} {
		clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		a := newAdaptiveLimiter(ceiling)
		a.now = func() time.Time { return clock }
		const step = 10 * time.Millisecond
		credit, refusing := 0.0, 2000 // steps of refusals: 20 s
		for i := 0; ; i++ {
			clock = clock.Add(step)
			for credit += a.Limit() * step.Seconds(); credit >= 1; credit-- {
				if i < refusing {
					a.observe(gErr(429, "rateLimitExceeded", nil))
				} else {
					a.observe(nil)
				}
			}
			if i == refusing && a.Limit() > 2*a.floor {
				t.Errorf("ceiling %v: still at %v after 20 s of refusals, floor %v", ceiling, a.Limit(), a.floor)
			}
			if i > refusing && a.Limit() >= ceiling/2 {
				if d := time.Duration(i-refusing) * step; d > 3*time.Minute {
					t.Errorf("ceiling %v: back at half only %s after the refusals stopped", ceiling, d)
				}
				break
			}
			if i > refusing+360000 {
				t.Fatalf("ceiling %v: not back at half an hour after the refusals stopped", ceiling)
			}
		}
	}
}

// TestPageTooManyRequestsIsAQuotaRefusal: a public page answered 429 is
// Google saying "slow down": the page pace adapts and the fetch gets a
// quota refusal's tries, as an API call would.
func TestPageTooManyRequestsIsAQuotaRefusal(t *testing.T) {
	err := refusedPage("https://docs.google.com/forms/d/e/X/viewform",
		&http.Response{Status: "429 Too Many Requests", StatusCode: http.StatusTooManyRequests, Header: http.Header{}})
	if !isQuotaError(err) {
		t.Fatalf("page 429 is not a quota refusal: %v", err)
	}
	if isQuotaError(refusedPage("u", &http.Response{Status: "503", StatusCode: http.StatusServiceUnavailable, Header: http.Header{}})) {
		t.Error("page 503 taken for a quota refusal")
	}
	tries := 0
	p := DefaultRetryPolicy
	p.sleepFunc = func(context.Context, time.Duration) error { return nil }
	_ = p.do(context.Background(), func() error { tries++; return err }, nil)
	if tries != p.QuotaAttempts {
		t.Errorf("page 429 tried %d times, want %d", tries, p.QuotaAttempts)
	}
}
