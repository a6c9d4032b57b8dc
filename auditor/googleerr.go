package auditor

import (
	"errors"
	"net/http"
	"strings"
	"sync"

	"google.golang.org/api/googleapi"

	"github.com/gwsaudit/gwsaudit/internal/usererr"
	"github.com/gwsaudit/gwsaudit/model"
)

// DriveSDKSetting is the Admin console setting that, when off for a user's
// organisational unit, makes Drive refuse API access as that user
// (SCuBA GWS.DRIVEDOCS.4.1 recommends turning it off).
const DriveSDKSetting = string(usererr.DriveSDKSetting)

// dailyQuotaAction is the action of a gap left by a used-up daily quota.
const dailyQuotaAction = "run the audit again after Google's daily quota resets (midnight Pacific Time), or raise the quota in Google Cloud console → APIs & Services → the API → Quotas"

// refineGap gives g the code and action of a refusal that has a remedy of
// its own (the Drive SDK switched off, a daily quota used up), and keeps g
// as it is otherwise.
func refineGap(g model.Gap, err error) model.Gap {
	switch {
	case isDriveSDKDisabled(err):
		g.Code = model.GapDriveSDKDisabled
		g.Action = "turn on " + DriveSDKSetting + " for the user's organisational unit (at least while the audit runs), then run the audit again"
	case isDailyQuota(err):
		g.Code, g.Action = model.GapDailyQuota, dailyQuotaAction
	}
	return g
}

// googleReasons returns the reasons Google gave for err: those of the
// older errors[] list and, for APIs answering in the google.rpc.Status
// format (Forms, Sheets), those of its ErrorInfo details.
func googleReasons(gerr *googleapi.Error) []string {
	var out []string
	for _, e := range gerr.Errors {
		if e.Reason != "" {
			out = append(out, e.Reason)
		}
	}
	for _, d := range gerr.Details {
		if r, _ := errorInfo(d); r != "" {
			out = append(out, r)
		}
	}
	return out
}

// errorInfo reads a google.rpc.ErrorInfo detail: its reason and the
// service it names ("forms.googleapis.com"), if any.
func errorInfo(detail any) (reason, service string) {
	m, ok := detail.(map[string]any)
	if !ok {
		return "", ""
	}
	if t, _ := m["@type"].(string); !strings.HasSuffix(t, "google.rpc.ErrorInfo") {
		return "", ""
	}
	reason, _ = m["reason"].(string)
	if md, ok := m["metadata"].(map[string]any); ok {
		service, _ = md["service"].(string)
	}
	return reason, service
}

// hasReason reports whether err is a Google API error with status code
// (0: any) and one of reasons.
func hasReason(err error, code int, reasons ...string) bool {
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) || code != 0 && gerr.Code != code {
		return false
	}
	for _, r := range googleReasons(gerr) {
		for _, want := range reasons {
			if r == want {
				return true
			}
		}
	}
	return false
}

// isDailyQuota reports a daily quota used up: dailyLimitExceeded or
// quotaExceeded, or a rate-limit reason whose message names a per-day
// limit ("Quota exceeded for quota metric 'Queries' and limit 'Queries per
// day'"). Retrying within the run cannot help: the quota resets at
// midnight Pacific Time.
func isDailyQuota(err error) bool {
	if hasReason(err, 0, "dailyLimitExceeded", "dailyLimitExceededUnreg", "quotaExceeded") {
		return true
	}
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) || gerr.Code != http.StatusForbidden && gerr.Code != http.StatusTooManyRequests {
		return false
	}
	msg := strings.ToLower(gerr.Message)
	return strings.Contains(msg, "per day") || strings.Contains(msg, "daily limit")
}

// isDriveSDKDisabled reports Drive's refusal when the Admin console setting
// "Allow users to access Google Drive with the Drive SDK API" is off for
// the user's organisational unit: 403 domainPolicy.
func isDriveSDKDisabled(err error) bool {
	return hasReason(err, http.StatusForbidden, "domainPolicy")
}

// disabledService returns the API that is not enabled in the Cloud
// project (403 accessNotConfigured or SERVICE_DISABLED): its service name
// when Google gave one, else "?"; "" when err is not that refusal.
func disabledService(err error) string {
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) || gerr.Code != http.StatusForbidden {
		return ""
	}
	for _, d := range gerr.Details {
		if r, svc := errorInfo(d); r == "SERVICE_DISABLED" && svc != "" {
			return svc
		}
	}
	if hasReason(err, http.StatusForbidden, "accessNotConfigured", "SERVICE_DISABLED") {
		return "?"
	}
	return ""
}

// spentQuotas remembers the APIs whose daily quota for the whole project
// is used up, so that the rest of the run fails their calls at once
// instead of asking Google again for every user.
type spentQuotas struct {
	mu sync.Mutex
	m  map[string]error
}

// get returns the refusal remembered for api, or nil.
func (q *spentQuotas) get(api string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.m[api]
}

// note remembers err for api when it is a project-wide daily quota (one
// "per user" leaves the other users their own quota).
func (q *spentQuotas) note(api string, err error) {
	var gerr *googleapi.Error
	if err == nil || !isDailyQuota(err) || !errors.As(err, &gerr) || strings.Contains(strings.ToLower(gerr.Message), "per user") {
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.m == nil {
		q.m = map[string]error{}
	}
	q.m[api] = err
}
