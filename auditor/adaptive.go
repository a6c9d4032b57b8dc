package auditor

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
	"google.golang.org/api/googleapi"
)

// adaptiveLimiter paces one API: it starts at the configured rate, halves it
// when Google says the quota is exhausted (at most once a second, however
// many workers hear it) and creeps back up while calls succeed — additive
// increase, multiplicative decrease. Under quota pressure the run slows
// down instead of failing.
type adaptiveLimiter struct {
	lim      *rate.Limiter
	ceiling  float64 // the configured rate
	floor    float64
	mu       sync.Mutex
	lastDrop time.Time
	now      func() time.Time
}

func newAdaptiveLimiter(perSecond float64) *adaptiveLimiter {
	return &adaptiveLimiter{
		lim:     rate.NewLimiter(rate.Limit(perSecond), max(1, int(perSecond/5))),
		ceiling: perSecond,
		floor:   max(perSecond/64, 0.1),
		now:     time.Now,
	}
}

// Wait blocks until a call may go.
func (a *adaptiveLimiter) Wait(ctx context.Context) error { return a.lim.Wait(ctx) }

// Limit is the current rate.
func (a *adaptiveLimiter) Limit() float64 { return float64(a.lim.Limit()) }

// observe adjusts the rate after a call.
func (a *adaptiveLimiter) observe(err error) {
	switch {
	case err == nil:
		a.mu.Lock()
		if cur := float64(a.lim.Limit()); cur < a.ceiling {
			a.lim.SetLimit(rate.Limit(min(a.ceiling, cur+a.ceiling/200)))
		}
		a.mu.Unlock()
	case isQuotaError(err):
		a.mu.Lock()
		if now := a.now(); now.Sub(a.lastDrop) >= time.Second {
			a.lastDrop = now
			a.lim.SetLimit(rate.Limit(max(a.floor, float64(a.lim.Limit())/2)))
		}
		a.mu.Unlock()
	}
}

// isQuotaError reports whether Google refused for quota: 429, or 403 with a
// rate-limit reason.
func isQuotaError(err error) bool {
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) {
		return false
	}
	if gerr.Code == http.StatusTooManyRequests {
		return true
	}
	if gerr.Code == http.StatusForbidden {
		for _, e := range gerr.Errors {
			if e.Reason == "rateLimitExceeded" || e.Reason == "userRateLimitExceeded" {
				return true
			}
		}
	}
	return false
}
