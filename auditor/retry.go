package auditor

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"golang.org/x/oauth2"
	"google.golang.org/api/googleapi"
)

// RetryPolicy bounds how a failed call is retried: capped exponential
// backoff with full jitter, a random delay below min(base·2ⁿ, max), as
// Google recommends; a Retry-After from the server wins (up to 10 minutes).
type RetryPolicy struct {
	MaxAttempts int           // total tries, first one included
	BaseDelay   time.Duration // delay before the second try
	MaxDelay    time.Duration // cap of any single backoff delay (not of Retry-After)
	// QuotaAttempts is the total tries when Google keeps refusing for quota
	// (429, 403 rate limit): the run is slowing down to fit the quota, so
	// such a call is given longer than one that fails. 0 means MaxAttempts.
	QuotaAttempts int
	// MaxWait bounds the waits of one call summed over its retries, so
	// that a server that keeps asking for more time cannot hold a run for
	// hours. 0 means no bound beyond the attempts.
	MaxWait time.Duration

	sleepFunc func(context.Context, time.Duration) error // nil: a real timer
}

// DefaultRetryPolicy rides out rate limiting and short outages: a failing
// call is tried 8 times (about half a minute of backoff), a call refused
// for quota 16 times (a minute or two), while the adaptive rate settles;
// no call waits more than ten minutes in all.
var DefaultRetryPolicy = RetryPolicy{MaxAttempts: 8, QuotaAttempts: 16, BaseDelay: 250 * time.Millisecond, MaxDelay: 32 * time.Second,
	MaxWait: 10 * time.Minute}

// retryable reports whether err is worth another try: 429, 403 with a rate
// limit reason, 5xx, a network error, or a try that timed out. A daily
// quota used up, a refused token (permanentTokenError) and an API switched
// off are not: they do not heal within a run.
func retryable(err error) bool {
	if errors.Is(err, context.Canceled) || isDailyQuota(err) || permanentTokenError(err) {
		return false
	}
	if errors.Is(err, errAttemptTimeout) {
		return true
	}
	var rerr *oauth2.RetrieveError
	if errors.As(err, &rerr) {
		return rerr.Response != nil && rerr.Response.StatusCode >= 500
	}
	var gerr *googleapi.Error
	if errors.As(err, &gerr) {
		switch {
		case gerr.Code == http.StatusTooManyRequests, gerr.Code >= 500:
			return true
		case gerr.Code == http.StatusForbidden:
			for _, e := range gerr.Errors {
				switch e.Reason {
				case "rateLimitExceeded", "userRateLimitExceeded", "sharingRateLimitExceeded":
					return true
				}
			}
		}
		return false
	}
	// A refused connection or an unknown host will not heal in seconds: the
	// address is wrong. Other network errors (resets, timeouts) may.
	var dnsErr *net.DNSError
	if errors.Is(err, syscall.ECONNREFUSED) || errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	var nerr net.Error
	if errors.As(err, &nerr) {
		return true
	}
	return errors.Is(err, errRetryablePage)
}

// errRetryablePage marks a public-page fetch that failed in a way worth retrying.
var errRetryablePage = errors.New("transient page error")

// retryAfter returns the server's Retry-After delay, if it sent one (to an
// API call, or to a public-page fetch it refused).
func retryAfter(err error) (time.Duration, bool) {
	if perr := (*pageRefusedError)(nil); errors.As(err, &perr) {
		return perr.retryAfter, perr.retryAfter > 0
	}
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) || gerr.Header == nil {
		return 0, false
	}
	v := gerr.Header.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t), true
	}
	return 0, false
}

// maxRetryAfter caps a server's Retry-After: Google may ask for more than
// the policy's MaxDelay, and is obeyed, but an absurd value must not stall
// a run for hours.
const maxRetryAfter = 10 * time.Minute

// backoff is the delay before try number attempt+1 (attempt counts from 1):
// full jitter, uniform in [0, min(BaseDelay·2^(attempt-1), MaxDelay)).
func (p RetryPolicy) backoff(attempt int) time.Duration {
	if p.BaseDelay <= 0 || p.MaxDelay <= 0 {
		return 0
	}
	n := max(attempt-1, 0)
	d := p.MaxDelay
	if n < 63 && p.BaseDelay <= p.MaxDelay>>n {
		d = p.BaseDelay << n
	}
	return time.Duration(rand.Int64N(int64(d)))
}

// do runs call until it succeeds, fails for good, or ctx ends. onRetry is
// told of every retried failure (for logs and counters); it may be nil.
func (p RetryPolicy) do(ctx context.Context, call func() error, onRetry func(attempt int, err error, wait time.Duration)) error {
	attempts := max(p.MaxAttempts, 1)
	quotaAttempts := max(p.QuotaAttempts, attempts)
	var err error
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		if err = call(); err == nil || !retryable(err) {
			return err
		}
		if attempt >= attempts && (!isQuotaError(err) || attempt >= quotaAttempts) {
			return err
		}
		step := attempt
		if isQuotaError(err) {
			// The adaptive rate already slows every call down: a refused
			// call's own backoff grows half as fast, so that a call unlucky
			// enough to be refused again and again does not idle for half a
			// minute at the end of a run.
			step = (attempt + 1) / 2
		}
		wait := p.backoff(step)
		if ra, ok := retryAfter(err); ok {
			// The server knows best, within reason.
			wait = min(max(ra, wait), maxRetryAfter)
		}
		if waited += wait; p.MaxWait > 0 && waited > p.MaxWait {
			return fmt.Errorf("gave up after waiting %s in all for retries: %w", (waited - wait).Round(time.Second), err)
		}
		if onRetry != nil {
			onRetry(attempt, err, wait)
		}
		if serr := p.sleep(ctx, wait); serr != nil {
			return errors.Join(err, serr)
		}
	}
}

// sleep waits d or until ctx ends (then it returns ctx's error); tests
// replace it through sleepFunc to run without waiting.
func (p RetryPolicy) sleep(ctx context.Context, d time.Duration) error {
	if p.sleepFunc != nil {
		return p.sleepFunc(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
