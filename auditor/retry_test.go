package auditor

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
	"google.golang.org/api/googleapi"
)

func gErr(code int, reason string, header http.Header) error {
	return &googleapi.Error{Code: code, Errors: []googleapi.ErrorItem{{Reason: reason}}, Header: header}
}

func TestRetryable(t *testing.T) {
	cases := []struct {
		err  error
		want bool
	}{
		{gErr(429, "rateLimitExceeded", nil), true},
		{gErr(403, "userRateLimitExceeded", nil), true},
		{gErr(403, "rateLimitExceeded", nil), true},
		{gErr(500, "backendError", nil), true},
		{gErr(503, "", nil), true},
		{gErr(403, "insufficientPermissions", nil), false},
		{gErr(404, "notFound", nil), false},
		{gErr(400, "invalid", nil), false},
		{gErr(401, "authError", nil), false},
		{&oauth2.RetrieveError{Response: &http.Response{StatusCode: 401}, ErrorCode: "unauthorized_client"}, false},
		{&oauth2.RetrieveError{Response: &http.Response{StatusCode: 503}}, true},
		{context.Canceled, false},
		{errors.New("plain"), false},
	}
	for _, c := range cases {
		if got := retryable(c.err); got != c.want {
			t.Errorf("retryable(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

func TestRetryHonoursRetryAfterAndGivesUp(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 50 * time.Millisecond}
	// Retry-After wins over the policy's MaxDelay, up to maxRetryAfter. The
	// waits are recorded, not slept: the context ends at the first retry.
	for _, c := range []struct {
		header string
		want   time.Duration
	}{{"1", time.Second}, {"3600", maxRetryAfter}, {"0", -1}} {
		ctx, cancel := context.WithCancel(context.Background())
		var waits []time.Duration
		err := p.do(ctx, func() error {
			return gErr(429, "rateLimitExceeded", http.Header{"Retry-After": []string{c.header}})
		}, func(_ int, _ error, w time.Duration) { waits = append(waits, w); cancel() })
		cancel()
		if err == nil || len(waits) != 1 {
			t.Fatalf("Retry-After %s: err %v, waits %v", c.header, err, waits)
		}
		if c.want >= 0 && waits[0] != c.want || c.want < 0 && (waits[0] < 0 || waits[0] > p.MaxDelay) {
			t.Errorf("Retry-After %s: wait %v, want %v", c.header, waits[0], c.want)
		}
	}

	calls := 0
	err := p.do(context.Background(), func() error {
		calls++
		return gErr(429, "rateLimitExceeded", nil)
	}, nil)
	if calls != 3 || err == nil {
		t.Fatalf("calls=%d err=%v, want 3 calls and the last error", calls, err)
	}

	calls = 0
	err = p.do(context.Background(), func() error {
		calls++
		if calls < 2 {
			return gErr(503, "", nil)
		}
		return nil
	}, nil)
	if err != nil || calls != 2 {
		t.Errorf("transient error not retried: calls=%d err=%v", calls, err)
	}

	calls = 0
	_ = p.do(context.Background(), func() error { calls++; return gErr(404, "notFound", nil) }, nil)
	if calls != 1 {
		t.Errorf("permanent error retried %d times", calls)
	}
}

func TestBackoffIsCappedAndGrows(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 10, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	for attempt := 0; attempt <= 200; attempt++ {
		if d := p.backoff(attempt); d < 0 || d > p.MaxDelay {
			t.Fatalf("backoff(%d) = %v outside [0, %v]", attempt, d, p.MaxDelay)
		}
	}
	// Full jitter: uniform below the cap, so short waits happen too (the
	// chance that 200 draws all land in the top half is 2⁻²⁰⁰).
	short := false
	for range 200 {
		d := p.backoff(1)
		if d >= p.BaseDelay {
			t.Fatalf("backoff(1) = %v, want below %v", d, p.BaseDelay)
		}
		short = short || d < p.BaseDelay/2
	}
	if !short {
		t.Error("backoff never below half its cap: not full jitter")
	}
	// Degenerate policies wait 0 instead of panicking.
	for _, q := range []RetryPolicy{{}, {BaseDelay: time.Second}, {MaxDelay: time.Second}, {BaseDelay: -1, MaxDelay: -1}} {
		if d := q.backoff(1); d != 0 {
			t.Errorf("%+v: backoff %v, want 0", q, d)
		}
	}
}

// TestQuotaRefusalsGetMoreAttempts: a call Google keeps refusing for quota
// is tried QuotaAttempts times (the run is slowing down to fit), one that
// keeps failing otherwise only MaxAttempts times.
func TestQuotaRefusalsGetMoreAttempts(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 3, QuotaAttempts: 6}
	for _, c := range []struct {
		err  error
		want int
	}{
		{gErr(429, "rateLimitExceeded", nil), 6},
		{gErr(403, "userRateLimitExceeded", nil), 6},
		{gErr(503, "backendError", nil), 3},
	} {
		calls := 0
		if err := p.do(context.Background(), func() error { calls++; return c.err }, nil); err == nil || calls != c.want {
			t.Errorf("%v: %d calls (err %v), want %d", c.err, calls, err, c.want)
		}
	}
	// Quota refusals past MaxAttempts are retried until the call goes through.
	calls := 0
	err := p.do(context.Background(), func() error {
		calls++
		if calls <= 4 {
			return gErr(429, "rateLimitExceeded", nil)
		}
		return nil
	}, nil)
	if err != nil || calls != 5 {
		t.Errorf("quota refusals then success: %d calls, err %v", calls, err)
	}
	// Zero QuotaAttempts means MaxAttempts.
	calls = 0
	_ = RetryPolicy{MaxAttempts: 2}.do(context.Background(), func() error { calls++; return gErr(429, "rateLimitExceeded", nil) }, nil)
	if calls != 2 {
		t.Errorf("QuotaAttempts 0: %d calls, want 2", calls)
	}
}

// TestRetryWaitsAreBounded: a server that keeps answering 429 with a long
// Retry-After cannot hold one call past MaxWait; the error says so and
// still wraps Google's.
func TestRetryWaitsAreBounded(t *testing.T) {
	var slept []time.Duration
	p := RetryPolicy{MaxAttempts: 3, QuotaAttempts: 16, MaxWait: 90 * time.Second,
		sleepFunc: func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }}
	calls := 0
	err := p.do(context.Background(), func() error {
		calls++
		return gErr(429, "rateLimitExceeded", http.Header{"Retry-After": []string{"60"}})
	}, nil)
	var gerr *googleapi.Error
	if err == nil || !errors.As(err, &gerr) || !strings.Contains(err.Error(), "gave up after waiting") {
		t.Fatalf("err %v, want the bound's error wrapping Google's", err)
	}
	if len(slept) != 1 || slept[0] != time.Minute || calls != 2 {
		t.Errorf("slept %v over %d calls: want one 60s wait, then the 90s bound stops the second", slept, calls)
	}
}

// TestQuotaBackoffGrowsHalfAsFast: the adaptive rate already slows a run
// refused for quota, so a refused call's own backoff doubles every second
// try, where a failing call's doubles every try.
func TestQuotaBackoffGrowsHalfAsFast(t *testing.T) {
	const base = time.Millisecond
	for _, c := range []struct {
		err  error
		step func(attempt int) int
	}{
		{gErr(429, "rateLimitExceeded", nil), func(n int) int { return (n + 1) / 2 }},
		{gErr(503, "backendError", nil), func(n int) int { return n }},
	} {
		var waits []time.Duration
		p := RetryPolicy{MaxAttempts: 12, QuotaAttempts: 12, BaseDelay: base, MaxDelay: time.Hour,
			sleepFunc: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }}
		_ = p.do(context.Background(), func() error { return c.err }, nil)
		if len(waits) != 11 {
			t.Fatalf("%v: %d waits, want 11", c.err, len(waits))
		}
		for i, w := range waits {
			if limit := base << (c.step(i+1) - 1); w >= limit {
				t.Errorf("%v: wait %d is %v, want under %v", c.err, i+1, w, limit)
			}
		}
	}
}
