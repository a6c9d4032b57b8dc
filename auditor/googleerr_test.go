package auditor

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"google.golang.org/api/googleapi"
)

// parsed is the error google.golang.org/api makes of an answer.
func parsed(t *testing.T, code int, body string) error {
	t.Helper()
	err := googleapi.CheckResponse(&http.Response{StatusCode: code, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))})
	if err == nil {
		t.Fatalf("CheckResponse accepted %d", code)
	}
	return err
}

// Google's daily-limit refusals in their real shapes are not retried;
// per-minute rate limits still are.
func TestDailyQuotaShapes(t *testing.T) {
	cases := []struct {
		name  string
		code  int
		body  string
		daily bool
	}{
		{"dailyLimitExceeded", 403, `{"error":{"errors":[{"domain":"usageLimits","reason":"dailyLimitExceeded","message":"Daily Limit Exceeded. The quota will be reset at midnight Pacific Time (PT)."}],"code":403,"message":"Daily Limit Exceeded. The quota will be reset at midnight Pacific Time (PT)."}}`, true},
		{"quotaExceeded", 403, `{"error":{"errors":[{"domain":"global","reason":"quotaExceeded","message":"Quota exceeded for quota metric 'Queries' and limit 'Queries per day'"}],"code":403,"message":"Quota exceeded for quota metric 'Queries' and limit 'Queries per day'"}}`, true},
		{"rateLimitExceeded per day", 429, `{"error":{"code":429,"message":"Quota exceeded for quota metric 'Requests' and limit 'Requests per day per user' of service 'forms.googleapis.com' for consumer 'project_number:1'.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com","metadata":{"service":"forms.googleapis.com","quota_limit":"ReadRequestsPerDayPerUser"}}]}}`, true},
		{"userRateLimitExceeded", 403, `{"error":{"errors":[{"domain":"usageLimits","reason":"userRateLimitExceeded","message":"User Rate Limit Exceeded"}],"code":403,"message":"User Rate Limit Exceeded"}}`, false},
		{"per minute", 429, `{"error":{"code":429,"message":"Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'forms.googleapis.com'.","status":"RESOURCE_EXHAUSTED"}}`, false},
	}
	for _, c := range cases {
		err := parsed(t, c.code, c.body)
		if got := isDailyQuota(err); got != c.daily {
			t.Errorf("%s: daily %v, want %v", c.name, got, c.daily)
		}
		if got := retryable(err); got == c.daily {
			t.Errorf("%s: retryable %v, want %v", c.name, got, !c.daily)
		}
		if c.daily && isQuotaError(err) {
			t.Errorf("%s: a daily quota slows the adaptive rate, which cannot help", c.name)
		}
	}
}

// A disabled API answered in the google.rpc.Status format (no errors[])
// is recognised from its ErrorInfo, with the service to enable.
func TestServiceDisabledFromErrorInfo(t *testing.T) {
	err := parsed(t, 403, `{"error":{"code":403,"message":"Google Sheets API has not been used in project 123 before or it is disabled.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED","domain":"googleapis.com","metadata":{"service":"sheets.googleapis.com","consumer":"projects/123"}}]}}`)
	if svc := disabledService(err); svc != "sheets.googleapis.com" {
		t.Errorf("disabled service %q, want sheets.googleapis.com", svc)
	}
	if retryable(err) {
		t.Error("a disabled API is retried")
	}
	if h := accessHint(err, "a@example.jp", nil); !strings.Contains(h, "enable sheets.googleapis.com") {
		t.Errorf("hint %q does not say to enable the Sheets API", h)
	}
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) || !strings.Contains(summarize(err), "SERVICE_DISABLED") {
		t.Errorf("summary %q lacks the ErrorInfo reason", summarize(err))
	}
}
