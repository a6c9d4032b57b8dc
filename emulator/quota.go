package emulator

import (
	"strings"
	"sync"

	"golang.org/x/time/rate"
)

// QuotaLimit is Google's per-minute request quota of one API, per user (the
// impersonated subject) and per project (every caller together). Zero means
// unlimited.
type QuotaLimit struct {
	PerUserPerMinute    int
	PerProjectPerMinute int
}

// quotas enforces Options.Quotas: past a limit a call gets 403
// userRateLimitExceeded (per user) or 429 rateLimitExceeded (per project),
// as Google answers. Buckets refill continuously and hold one second's worth.
type quotas struct {
	limits  map[string]QuotaLimit // API family ("drive", "forms", …) → limits
	mu      sync.Mutex
	project map[string]*rate.Limiter
	user    map[string]*rate.Limiter // family + "\x00" + user
}

func newQuotas(limits map[string]QuotaLimit) *quotas {
	return &quotas{limits: limits, project: map[string]*rate.Limiter{}, user: map[string]*rate.Limiter{}}
}

func bucket(perMinute int) *rate.Limiter {
	perSecond := float64(perMinute) / 60
	return rate.NewLimiter(rate.Limit(perSecond), max(1, int(perSecond)))
}

// take spends one request of method's API for user, or says why it may not.
func (q *quotas) take(method, user string) *apiError {
	if q == nil || len(q.limits) == 0 {
		return nil
	}
	family, _, _ := strings.Cut(method, ".")
	l, ok := q.limits[family]
	if !ok {
		return nil
	}
	q.mu.Lock()
	var proj, usr *rate.Limiter
	if l.PerProjectPerMinute > 0 {
		if proj = q.project[family]; proj == nil {
			proj = bucket(l.PerProjectPerMinute)
			q.project[family] = proj
		}
	}
	if l.PerUserPerMinute > 0 {
		key := family + "\x00" + user
		if usr = q.user[key]; usr == nil {
			usr = bucket(l.PerUserPerMinute)
			q.user[key] = usr
		}
	}
	q.mu.Unlock()
	if usr != nil && !usr.Allow() {
		return &apiError{Code: 403, Reason: "userRateLimitExceeded", Message: "User Rate Limit Exceeded. Rate of requests for user exceed configured project quota."}
	}
	if proj != nil && !proj.Allow() {
		return &apiError{Code: 429, Reason: "rateLimitExceeded", Message: "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute'."}
	}
	return nil
}
