package auditor

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/emulator/emulatortest"
)

// A tenant of 60 forms served with 30% of the calls failing — half of them
// 429 or 403 rate limits — is not a spent quota: the run ends with its
// Forms and form-page paces near what was configured, not sunk towards the
// floor, and finds every form. (Counted, not timed: the rates are the
// limiters' own.)
func TestRandomFaultsDoNotThrottleForms(t *testing.T) {
	tn, want := emulator.Synthetic(emulator.SyntheticSpec{Users: 300, ItemsPerUser: 1})
	srv := emulatortest.Serve(t, tn, emulator.Options{FaultRate: 0.3, Seed: 42})
	opts := checkpointTestOptions(srv.BaseURL())
	opts.Concurrency = 8
	opts.RateLimits.Forms, opts.RateLimits.Page = 20, 20
	a, err := newAuditor(opts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for _, f := range res.Findings {
		if f.CheckID == "FORM-001" {
			got++
		}
	}
	if got != want["FORM-001"] {
		t.Errorf("FORM-001 findings: %d, want %d", got, want["FORM-001"])
	}
	calls := res.Calls["forms.forms.get"] + res.Calls["page.get"]
	for _, api := range []string{apiForms, apiPage} {
		if r := a.limiters[api].Limit(); r < 10 {
			t.Errorf("%s rate after %d form calls with 30%% faults: %v/s, configured 20/s", api, calls, r)
		}
	}
}

// A Forms quota really spent (5 calls a second for the project, the run
// configured for 50) slows the Forms pace down, and the log says so.
func TestSpentQuotaThrottlesForms(t *testing.T) {
	tn, want := emulator.Synthetic(emulator.SyntheticSpec{Users: 150, ItemsPerUser: 1})
	srv := emulatortest.Serve(t, tn, emulator.Options{Quotas: map[string]emulator.QuotaLimit{"forms": {PerProjectPerMinute: 300}}})
	var logs bytes.Buffer
	opts := checkpointTestOptions(srv.BaseURL())
	opts.Concurrency = 8
	opts.RateLimits.Forms = 50
	opts.Retry = RetryPolicy{MaxAttempts: 10, QuotaAttempts: 30, BaseDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond}
	opts.Log = zerolog.New(zerolog.SyncWriter(&logs))
	a, err := newAuditor(opts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Coverage.Forms.Verified; got != want["FORM-001"] {
		t.Errorf("forms read: %d, want %d", got, want["FORM-001"])
	}
	if r := a.limiters[apiForms].Limit(); r > 25 {
		t.Errorf("Forms rate after %d quota refusals: %v/s, still near the configured 50/s", srv.Calls()["forms.forms.get.quota"], r)
	}
	if !strings.Contains(logs.String(), "Forms API throttled to") {
		t.Errorf("no throttling in the log:\n%s", logs.String())
	}
}
