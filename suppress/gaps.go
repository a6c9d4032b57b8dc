package suppress

import (
	"errors"
	"strings"
	"time"

	"github.com/gwsaudit/gwsaudit/model"
)

func (r *GapRule) validate() error {
	r.Code = strings.ToLower(strings.TrimSpace(r.Code))
	r.Scope = strings.ToLower(strings.TrimSpace(r.Scope))
	r.ID = strings.TrimSpace(r.ID)
	r.Reason = strings.TrimSpace(r.Reason)
	if r.Code == "" && r.Scope == "" && r.ID == "" {
		return errors.New("give at least one of code, scope, id")
	}
	var err error
	r.expires, err = acceptance(r.Reason, r.Expires, r.Code, r.Scope, r.ID)
	return err
}

// matches reports whether the rule's matchers all match g.
func (r *GapRule) matches(g model.Gap) bool {
	return (r.Code == "" || glob(r.Code, strings.ToLower(g.Code))) &&
		(r.Scope == "" || glob(r.Scope, strings.ToLower(g.Scope))) &&
		(r.ID == "" || glob(r.ID, g.ID))
}

// ExpiredGap is a coverage gap that only an expired entry accepted.
type ExpiredGap struct {
	Scope, ID, Code, Expires, Reason string
}

// ApplyGaps marks each gap an unexpired gap rule matches as accepted, with
// the rule's reason and last day. A gap only expired rules match stays as
// it is and is returned, so the caller can warn. Expiry is judged as for
// findings (Apply).
func (l *List) ApplyGaps(gaps []model.Gap, now time.Time) []ExpiredGap {
	if l == nil {
		return nil
	}
	loc := l.Location
	if loc == nil {
		loc = time.Local
	}
	var expired []ExpiredGap
	for i := range gaps {
		g := &gaps[i]
		var active, old *GapRule
		for j := range l.GapRules {
			r := &l.GapRules[j]
			if !r.matches(*g) {
				continue
			}
			if holds(r.expires, now, loc) {
				active = r
				break
			}
			if old == nil || r.expires.After(old.expires) {
				old = r
			}
		}
		switch {
		case active != nil:
			g.AcceptedReason, g.AcceptedUntil = active.Reason, active.expires.Format(dateLayout)
		case old != nil:
			expired = append(expired, ExpiredGap{Scope: g.Scope, ID: g.ID, Code: g.Code, Expires: old.expires.Format(dateLayout), Reason: old.Reason})
		}
	}
	return expired
}
