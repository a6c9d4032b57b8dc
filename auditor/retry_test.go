package auditor

import (
	"context"
	"errors"
	"net/http"
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
	calls := 0
	var waits []time.Duration
	err := p.do(context.Background(), func() error {
		calls++
		return gErr(429, "rateLimitExceeded", http.Header{"Retry-After": []string{"1"}})
	}, func(_ int, _ error, w time.Duration) { waits = append(waits, w) })
	if calls != 3 || err == nil {
		t.Fatalf("calls=%d err=%v, want 3 calls and the last error", calls, err)
	}
	for _, w := range waits {
		// Retry-After: 1s is honoured up to the policy's cap.
		if w != p.MaxDelay {
			t.Errorf("wait %v, want the Retry-After capped at %v", w, p.MaxDelay)
		}
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
	for attempt := 1; attempt <= 40; attempt++ {
		d := p.backoff(attempt)
		if d < 0 || d > p.MaxDelay*3/2 {
			t.Fatalf("backoff(%d) = %v out of range", attempt, d)
		}
	}
	if p.backoff(1) >= p.MaxDelay {
		t.Errorf("first backoff %v should be well under the cap", p.backoff(1))
	}
}
