package auditor

import (
	"golang.org/x/time/rate"
)

// API names used for rate limits, retry counters and gaps.
const (
	apiDirectory = "directory"
	apiReports   = "reports"
	apiDrive     = "drive"
	apiForms     = "forms"
	apiPage      = "page"
)

// RateLimits are requests per second per API, for the whole run. The
// defaults stay under Google's per-user quotas (Drive 12,000/min, Forms
// 390/min, Directory 2,400/min) with room for other tools.
type RateLimits struct {
	Directory float64 `mapstructure:"directory"`
	Reports   float64 `mapstructure:"reports"`
	Drive     float64 `mapstructure:"drive"`
	Forms     float64 `mapstructure:"forms"`
	Page      float64 `mapstructure:"page"`
}

// DefaultRateLimits are used for any limit left at zero.
var DefaultRateLimits = RateLimits{Directory: 30, Reports: 10, Drive: 150, Forms: 6, Page: 5}

func (r RateLimits) limiters() map[string]*rate.Limiter {
	pick := func(v, def float64) *rate.Limiter {
		if v <= 0 {
			v = def
		}
		return rate.NewLimiter(rate.Limit(v), max(1, int(v/5)))
	}
	d := DefaultRateLimits
	return map[string]*rate.Limiter{
		apiDirectory: pick(r.Directory, d.Directory),
		apiReports:   pick(r.Reports, d.Reports),
		apiDrive:     pick(r.Drive, d.Drive),
		apiForms:     pick(r.Forms, d.Forms),
		apiPage:      pick(r.Page, d.Page),
	}
}
