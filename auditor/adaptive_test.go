package auditor

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"testing"
	"time"
)

func TestAdaptiveLimiterBacksOffAndRecovers(t *testing.T) {
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := newAdaptiveLimiter(100)
	a.now = func() time.Time { return clock }

	// One refusal is retried, not a pace: the rate stays.
	if a.observe(gErr(429, "rateLimitExceeded", nil)); a.Limit() != 100 {
		t.Fatalf("after one 429: %v, want 100", a.Limit())
	}
	// Of a block of 30 calls 20 got through and 10 were refused: the pace
	// is a third above the quota, and the rate goes to the pace that got
	// through.
	for range 20 {
		a.observe(nil)
	}
	for range 8 {
		a.observe(gErr(403, "userRateLimitExceeded", nil))
	}
	if a.Limit() != 100 {
		t.Fatalf("dropped before 30 outcomes: %v", a.Limit())
	}
	if ch := a.observe(gErr(403, "userRateLimitExceeded", nil)); ch != rateDropped {
		t.Fatalf("a third of the calls refused: %v, rate %v", ch, a.Limit())
	}
	if got := a.Limit(); got < 66 || got > 67 {
		t.Errorf("after a third refused: %v, want 66.7", got)
	}
	// Refusals of calls already in flight within the second do not drop it again.
	for range 30 {
		a.observe(gErr(429, "rateLimitExceeded", nil))
	}
	if got := a.Limit(); got < 66 || got > 67 {
		t.Errorf("dropped again within a second: %v", got)
	}
	// Other errors leave the rate alone.
	a.observe(gErr(500, "backendError", nil))
	a.observe(errors.New("boom"))
	if got := a.Limit(); got < 66 || got > 67 {
		t.Errorf("non-quota errors changed the rate: %v", got)
	}
	// A second later, still all refused: an eighth at most per judgement.
	clock = clock.Add(time.Second)
	for range 30 {
		a.observe(gErr(429, "rateLimitExceeded", nil))
	}
	if got := a.Limit(); got < 8.3 || got > 8.4 {
		t.Errorf("all refused: %v, want 66.7/8", got)
	}
	// Each success raises it by a thousandth of the ceiling…
	for range 100 {
		a.observe(nil)
	}
	if got := a.Limit(); got < 18.3 || got > 18.4 {
		t.Errorf("after 100 successes: %v, want 18.3", got)
	}
	// …and a second later by a tenth at least.
	clock = clock.Add(time.Second)
	a.observe(nil)
	if got := a.Limit(); got < 20.1 || got > 20.3 {
		t.Errorf("a second of successes: %v, want 20.2", got)
	}
	var last rateChange
	for range 1000 {
		if ch := a.observe(nil); ch != rateKept {
			last = ch
		}
	}
	if got := a.Limit(); got != 100 || last != rateRestored {
		t.Errorf("after successes: %v (%v), want back at the ceiling 100", got, last)
	}
	for range 100 {
		clock = clock.Add(time.Second)
		a.observe(gErr(429, "rateLimitExceeded", nil))
	}
	if got := a.Limit(); got < a.floor || got > a.floor*2 {
		t.Errorf("rate %v fell past the floor %v", got, a.floor)
	}
}

// simulateLimiter runs calls at the limiter's own pace for d on a fake
// clock, refusing each for quota when refuse says so, and returns the
// lowest rate seen once the first minute is over.
func simulateLimiter(a *adaptiveLimiter, clock *time.Time, d time.Duration, refuse func(i int) error) (lowest float64) {
	const step = 10 * time.Millisecond
	lowest = a.Limit()
	credit, calls := 0.0, 0
	for elapsed := time.Duration(0); elapsed < d; elapsed += step {
		*clock = clock.Add(step)
		for credit += a.Limit() * step.Seconds(); credit >= 1; credit-- {
			a.observe(refuse(calls))
			calls++
		}
		lowest = min(lowest, a.Limit())
	}
	return lowest
}

// TestAdaptiveLimiterRidesOutRandomRefusals: a tenant where 30% of the
// calls fail at random — half of them 429 or 403 rate limits, as the
// emulator's --fault-rate 0.3 serves — is not the run's pace hitting the
// quota: the Forms rate stays near its configured 6/s for ten minutes
// (an old controller sank to its 0.1/s floor). Refusals that go on, on
// the other hand, bring it down to the floor within seconds.
func TestAdaptiveLimiterRidesOutRandomRefusals(t *testing.T) {
	for seed := range uint64(20) {
		clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		a := newAdaptiveLimiter(6)
		a.now = func() time.Time { return clock }
		rng := rand.New(rand.NewPCG(seed, 1))
		faults := []error{gErr(429, "rateLimitExceeded", nil), gErr(403, "userRateLimitExceeded", nil),
			gErr(500, "backendError", nil), gErr(503, "backendError", nil)}
		lowest := simulateLimiter(a, &clock, 10*time.Minute, func(int) error {
			if rng.Float64() < 0.3 {
				return faults[rng.IntN(len(faults))]
			}
			return nil
		})
		if lowest < 3 {
			t.Errorf("seed %d: 30%% random faults drove the rate down to %v (configured 6)", seed, lowest)
		}
		// Now the quota is really spent: every call is refused.
		simulateLimiter(a, &clock, time.Minute, func(int) error { return gErr(429, "rateLimitExceeded", nil) })
		if got := a.Limit(); got > 2.01*a.floor {
			t.Errorf("seed %d: a minute of refusals left the rate at %v, floor %v", seed, got, a.floor)
		}
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

// TestAdaptiveLimiterRecoversAfterOutage: an API refused outright for half
// a minute (another tool spent the per-minute quota) falls to its floor; once calls
// go through again at the limiter's pace, it is back at half its configured
// rate within a few minutes, whatever that rate is (Forms runs at 6/s).
func TestAdaptiveLimiterRecoversAfterOutage(t *testing.T) {
	for _, ceiling := range []float64{5, 6, 30, 150} {
		clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		a := newAdaptiveLimiter(ceiling)
		a.now = func() time.Time { return clock }
		const step = 10 * time.Millisecond
		credit, refusing := 0.0, 3000 // steps of refusals: half a minute
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
				t.Errorf("ceiling %v: still at %v after half a minute of refusals, floor %v", ceiling, a.Limit(), a.floor)
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
