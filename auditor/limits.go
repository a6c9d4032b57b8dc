package auditor

import "strconv"

// API names used for rate limits, retry counters and gaps.
const (
	apiDirectory = "directory"
	apiReports   = "reports"
	apiDrive     = "drive"
	apiForms     = "forms"
	apiPage      = "page"
	apiSheets    = "sheets" // the Sheets export (Exporter)
	apiGmail     = "gmail"  // owner notices (Mailer)
)

// RateLimits are requests per second per API, for the whole run. The
// defaults stay under Google's per-user quotas (Drive 12,000/min, Forms
// 390/min, Directory 2,400/min, Sheets 60 writes/min, Gmail 250 quota units/s
// of which a send costs 100) with room for other tools.
type RateLimits struct {
	Directory float64 `mapstructure:"directory"`
	Reports   float64 `mapstructure:"reports"`
	Drive     float64 `mapstructure:"drive"`
	Forms     float64 `mapstructure:"forms"`
	Page      float64 `mapstructure:"page"`
	Sheets    float64 `mapstructure:"sheets"`
	Gmail     float64 `mapstructure:"gmail"`
}

// DefaultRateLimits are used for any limit left at zero.
var DefaultRateLimits = RateLimits{Directory: 30, Reports: 10, Drive: 150, Forms: 6, Page: 5, Sheets: 1, Gmail: 1}

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
		apiGmail:     pick(r.Gmail, d.Gmail),
	}
}

// apiTitles name the APIs for people, in logs and the progress line.
var apiTitles = map[string]string{
	apiDirectory: "Directory API", apiReports: "Reports API", apiDrive: "Drive API",
	apiForms: "Forms API", apiPage: "form pages", apiSheets: "Sheets API", apiGmail: "Gmail API",
}

// paced logs a change of an API's pace: a drop after quota refusals (the
// run is slower than configured, and says so), or the return to the
// configured rate.
func (a *auditor) paced(api string, lim *adaptiveLimiter, change rateChange) {
	switch change {
	case rateDropped:
		r := lim.Limit()
		a.log.Warn().Str("api", api).Float64("rate", r).Float64("configured", lim.ceiling).
			Msgf("%s throttled to %s req/s after quota refusals (configured %s/s)", apiTitles[api], FormatRate(r), FormatRate(lim.ceiling))
	case rateRestored:
		a.log.Info().Str("api", api).Float64("rate", lim.ceiling).
			Msgf("%s back at its configured %s req/s", apiTitles[api], FormatRate(lim.ceiling))
	}
}

// Throttle is an API that quota refusals hold below its configured rate.
type Throttle struct {
	API        string  // for people: "Forms API", "form pages"…
	Rate       float64 // requests per second now
	Configured float64
}

// throttles lists the APIs running below their configured rate, in a fixed
// order.
func (a *auditor) throttles() []Throttle {
	var out []Throttle
	for _, api := range []string{apiDirectory, apiReports, apiDrive, apiForms, apiPage} {
		lim := a.limiters[api]
		if lim == nil {
			continue
		}
		if r, ok := lim.throttled(); ok {
			out = append(out, Throttle{API: apiTitles[api], Rate: r, Configured: lim.ceiling})
		}
	}
	return out
}

// FormatRate writes a rate in requests per second for people: whole numbers
// from 10 up, one decimal below ("0.8").
func FormatRate(r float64) string {
	if r >= 10 {
		return strconv.FormatFloat(r, 'f', 0, 64)
	}
	return strconv.FormatFloat(r, 'f', 1, 64)
}
