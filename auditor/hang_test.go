package auditor_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

// With the emulator's latency fault every answer comes after the
// per-attempt timeout: each call is tried MaxAttempts times and the run
// fails fast instead of hanging.
func TestHungAPIIsRetriedThenFails(t *testing.T) {
	srv := serve(t, smallTenant(), emulator.Options{Latency: 10 * time.Second})
	opts := testOptions(srv, admin)
	opts.AttemptTimeout = 50 * time.Millisecond
	opts.Retry.MaxAttempts = 3
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	_, err := auditor.Run(ctx, opts)
	if err == nil || ctx.Err() != nil || !strings.Contains(err.Error(), "per-attempt timeout") {
		t.Fatalf("run against a hung API: err %v after %v, want a per-attempt timeout well before the test's deadline", err, time.Since(start))
	}
	calls := srv.Calls()
	if n := calls["directory.domains.list"] + calls["directory.users.list"]; n != 3 {
		t.Errorf("the hung call was tried %d times, want 3: %v", n, calls)
	}
}

// One call that hangs (its connection never answers) becomes a gap after
// its retries; the rest of the run completes.
func TestHungCallBecomesAGap(t *testing.T) {
	tn := smallTenant()
	owner := "sato.k@city.example.jp"
	tn.Files = append(tn.Files,
		emulator.File{ID: "form-slow", Name: "申込", Kind: "form", Owner: owner,
			Permissions: []emulator.Permission{anyoneAnswers}, Form: &emulator.Form{SummaryPublished: true}},
		emulator.File{ID: "f-open", Name: "案内.pdf", Kind: "pdf", Owner: owner,
			Permissions: []emulator.Permission{{Type: "anyone", Role: "reader"}}},
	)
	srv := serve(t, tn, emulator.Options{Latency: time.Millisecond})
	opts := testOptions(srv, admin)
	opts.AttemptTimeout = 100 * time.Millisecond
	opts.Retry.MaxAttempts = 2
	var hung atomic.Int32
	opts.Transport = interceptTransport{fn: func(r *http.Request) *http.Response {
		if r.URL.Path != "/v1/forms/form-slow" {
			return nil
		}
		hung.Add(1)
		select { // a connection that does not answer (for longer than the test cares to wait)
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
		return nil
	}}
	res := audit(t, opts)
	if n := hung.Load(); n != 2 {
		t.Errorf("the hung call was tried %d times, want 2", n)
	}
	if g := findGap(res.Coverage.Gaps, model.ScopeForm, "form-slow"); g == nil || !strings.Contains(g.Reason, "per-attempt timeout") {
		t.Errorf("hung Forms call: want a form gap naming the timeout, got %+v", g)
	}
	if count(res.Findings, "SHARE-002", "f-open") != 1 {
		t.Errorf("the rest of the run is missing: %+v", res.Findings)
	}
}
