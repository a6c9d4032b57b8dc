package auditor

// API names used for rate limits, retry counters and gaps.
const (
	apiDirectory = "directory"
	apiReports   = "reports"
	apiDrive     = "drive"
	apiForms     = "forms"
	apiPage      = "page"
	apiSheets    = "sheets" // the Sheets export (Exporter)
)

// RateLimits are requests per second per API, for the whole run. The
// defaults stay under Google's per-user quotas (Drive 12,000/min, Forms
// 390/min, Directory 2,400/min, Sheets 60 writes/min) with room for other
// tools.
type RateLimits struct {
	Directory float64 `mapstructure:"directory"`
	Reports   float64 `mapstructure:"reports"`
	Drive     float64 `mapstructure:"drive"`
	Forms     float64 `mapstructure:"forms"`
	Page      float64 `mapstructure:"page"`
	Sheets    float64 `mapstructure:"sheets"`
}

// DefaultRateLimits are used for any limit left at zero.
var DefaultRateLimits = RateLimits{Directory: 30, Reports: 10, Drive: 150, Forms: 6, Page: 5, Sheets: 1}

func (r RateLimits) limiters() map[string]*adaptiveLimiter {
	pick := func(v, def float64) *adaptiveLimiter {
		if v <= 0 {
			v = def
		}
		return newAdaptiveLimiter(v)
	}
	d := DefaultRateLimits
	return map[string]*adaptiveLimiter{
		apiDirectory: pick(r.Directory, d.Directory),
		apiReports:   pick(r.Reports, d.Reports),
		apiDrive:     pick(r.Drive, d.Drive),
		apiForms:     pick(r.Forms, d.Forms),
		apiPage:      pick(r.Page, d.Page),
		apiSheets:    pick(r.Sheets, d.Sheets),
	}
}
