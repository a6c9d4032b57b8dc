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

// adaptiveLimiter paces one API. It starts at the configured rate and
// judges the pace on blocks of judgeCalls outcomes, not on any single
// refusal: Google (and the emulator's fault injection) refuses a few calls
// for quota at random, and those are only retried. When at least a third of
// a block was refused for quota, the run's pace is above the quota, and the
// rate drops to the pace that got through — the rate times the share that
// succeeded, down to an eighth at once — so a run configured far above its
// quota settles within a second or two, and refusals that go on bring even
// a slow API to its floor within half a minute. Each block starts afresh,
// so a rare unlucky block costs one drop, never a slide. While calls succeed
// the rate climbs back by a thousandth of the configured rate a call, and
// at least by a tenth a second, so that a slow API left at its floor is
// back within a minute or two. Under quota pressure the run slows down
// instead of failing.
type adaptiveLimiter struct {
	lim       *rate.Limiter
	ceiling   float64 // the configured rate
	floor     float64
	mu        sync.Mutex
	lastDrop  time.Time
	lastRaise time.Time
	now       func() time.Time
	// The current block, from since: calls that went through and calls
	// refused for quota.
	since       time.Time
	ok, refused int
}

// A block of judgeCalls outcomes (or of minBlockCalls, at a pace too slow
// to gather more in blockSpan) is too fast when sustainedShare of them or
// more were refused for quota. With 15% of calls refused at random (the
// emulator's 30% faults), a full block reaches a third about once in 100.
const (
	raiseFactor    = 1.1 // the least a second of successes raises the rate by
	judgeCalls     = 30
	minBlockCalls  = 10
	blockSpan      = 10 * time.Second
	sustainedShare = 1.0 / 3
)

// rateChange is what an outcome did to the rate.
type rateChange int

const (
	rateKept     rateChange = iota
	rateDropped             // quota refusals slowed the API down
	rateRestored            // successes brought it back to the configured rate
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

// throttled reports the current rate when quota refusals hold it clearly
// below the configured one.
func (a *adaptiveLimiter) throttled() (float64, bool) {
	cur := a.Limit()
	return cur, cur < 0.95*a.ceiling
}

// observe adjusts the rate after a call and says how.
func (a *adaptiveLimiter) observe(err error) rateChange {
	quota := isQuotaError(err)
	if err != nil && !quota {
		return rateKept // other failures say nothing about the pace
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	cur := float64(a.lim.Limit())
	if a.ok+a.refused == 0 {
		a.since = now
	}
	if quota {
		a.refused++
	} else {
		a.ok++
	}
	if n := a.ok + a.refused; n >= judgeCalls || n >= minBlockCalls && now.Sub(a.since) >= blockSpan {
		share := float64(a.refused) / float64(n)
		a.ok, a.refused = 0, 0
		if share >= sustainedShare && now.Sub(a.lastDrop) >= time.Second && cur > a.floor {
			a.lastDrop = now
			a.lim.SetLimit(rate.Limit(max(a.floor, cur*(1-share), cur/8)))
			return rateDropped
		}
	}
	if quota || cur >= a.ceiling {
		return rateKept
	}
	next := cur + a.ceiling/1000
	if now.Sub(a.lastRaise) >= time.Second && now.Sub(a.lastDrop) >= time.Second {
		a.lastRaise = now
		next = max(next, cur*raiseFactor)
	}
	next = min(a.ceiling, next)
	a.lim.SetLimit(rate.Limit(next))
	if next >= a.ceiling {
		return rateRestored
	}
	return rateKept
}

// isQuotaError reports whether Google refused for quota: 429, or 403 with a
// rate-limit reason; for a public page, 429.
func isQuotaError(err error) bool {
	if perr := (*pageRefusedError)(nil); errors.As(err, &perr) {
		return perr.status == http.StatusTooManyRequests // a public page's "slow down"
	}
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) || isDailyQuota(err) { // a spent day's quota is no pace to slow to
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
