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

// adaptiveLimiter paces one API: it starts at the configured rate and,
// when Google says the quota is exhausted (at most once a second, however
// many workers hear it), drops to half, or to the pace that actually got
// through lately when that is lower (down to an eighth), so a run
// configured far above its quota settles within a second or two instead of
// collecting refusals. Refusals scattered among many successes (under
// 15% of the calls) are retried but do not slow the run: they are not
// the run's pace hitting the quota. While calls succeed the rate climbs
// back by a thousandth of the configured rate a call, and at least by a
// tenth a second, so that a slow API left at its floor is back within a
// minute or two. Under quota pressure the run slows down instead of failing.
type adaptiveLimiter struct {
	lim       *rate.Limiter
	ceiling   float64 // the configured rate
	floor     float64
	mu        sync.Mutex
	lastDrop  time.Time
	lastRaise time.Time
	now       func() time.Time
	// The current window, from since: calls that went through and calls
	// refused for quota.
	since       time.Time
	ok, refused int
}

// Window bounds: a window is judged on at least minWindowCalls calls and
// restarts after windowSpan; refusals under scatteredShare of its calls
// leave the rate alone.
const (
	raiseFactor    = 1.1 // the least a second of successes raises the rate by
	minWindowCalls = 20
	windowSpan     = 5 * time.Second
	scatteredShare = 0.15
)

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
	quota := isQuotaError(err)
	if err != nil && !quota {
		return // other failures say nothing about the pace
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	if a.since.IsZero() || now.Sub(a.since) > windowSpan {
		a.since, a.ok, a.refused = now, 0, 0
	}
	cur := float64(a.lim.Limit())
	if !quota {
		a.ok++
		if cur < a.ceiling {
			next := cur + a.ceiling/1000
			if now.Sub(a.lastRaise) >= time.Second && now.Sub(a.lastDrop) >= time.Second {
				a.lastRaise = now
				next = max(next, cur*raiseFactor)
			}
			a.lim.SetLimit(rate.Limit(min(a.ceiling, next)))
		}
		return
	}
	a.refused++
	total := a.ok + a.refused
	if now.Sub(a.lastDrop) < time.Second || total >= minWindowCalls && float64(a.refused) < scatteredShare*float64(total) {
		return
	}
	next := cur / 2
	if el := now.Sub(a.since).Seconds(); el >= 0.5 && total >= minWindowCalls {
		// Far above the quota, halving takes seconds of refusals to get
		// there: go straight to the pace that got through.
		next = min(next, max(float64(a.ok)/el, next/4))
	}
	a.lastDrop, a.since, a.ok, a.refused = now, now, 0, 0
	a.lim.SetLimit(rate.Limit(max(a.floor, next)))
}

// isQuotaError reports whether Google refused for quota: 429, or 403 with a
// rate-limit reason; for a public page, 429.
func isQuotaError(err error) bool {
	if perr := (*pageRefusedError)(nil); errors.As(err, &perr) {
		return perr.status == http.StatusTooManyRequests // a public page's "slow down"
	}
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
