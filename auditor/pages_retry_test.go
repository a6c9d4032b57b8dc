package auditor_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
	"github.com/gwsaudit/gwsaudit/model"
)

// A public page answered 429 or 503 with Retry-After (as the emulator's
// fault injection and Google do) is fetched again no sooner than the
// server asked, as API calls are, even though the retry policy's own
// backoff is a millisecond or two.
func TestPageRetryHonoursRetryAfter(t *testing.T) {
	tn := smallTenant()
	owner := "sato.k@city.example.jp"
	tn.Files = append(tn.Files,
		emulator.File{ID: "form-busy", Name: "申込", Kind: "form", Owner: owner,
			Permissions: []emulator.Permission{anyoneAnswers},
			Form:        &emulator.Form{PublishedID: "1FAIpQLbusyOpen", SummaryPublished: true, Questions: []string{"氏名"}}},
		emulator.File{ID: "form-busy-closed", Name: "締切済 申込", Kind: "form", Owner: owner,
			Permissions: []emulator.Permission{anyoneAnswers},
			Form:        &emulator.Form{PublishedID: "1FAIpQLbusyClosed", NotAccepting: true, SummaryPublished: true, Questions: []string{"氏名"}}},
	)
	srv := serve(t, tn, emulator.Options{})
	opts := testOptions(srv, admin)

	// The first request for each of these pages is refused with a
	// Retry-After of one second; later ones go to the emulator.
	refusals := map[string]int{
		"/forms/d/e/1FAIpQLbusyOpen/viewform":        http.StatusTooManyRequests,
		"/forms/d/e/1FAIpQLbusyClosed/viewanalytics": http.StatusServiceUnavailable,
	}
	var mu sync.Mutex
	tries := map[string][]time.Time{}
	opts.Transport = interceptTransport{fn: func(r *http.Request) *http.Response {
		code, ok := refusals[r.URL.Path]
		if !ok {
			return nil
		}
		mu.Lock()
		defer mu.Unlock()
		tries[r.URL.Path] = append(tries[r.URL.Path], time.Now())
		if len(tries[r.URL.Path]) > 1 {
			return nil
		}
		return htmlResponse(code, http.Header{"Retry-After": {"1"}}, "<html><body>Error "+http.StatusText(code)+"</body></html>")
	}}
	res := audit(t, opts)

	mu.Lock()
	defer mu.Unlock()
	for path := range refusals {
		ts := tries[path]
		if len(ts) != 2 {
			t.Errorf("%s fetched %d times, want 2 (refused once, then served)", path, len(ts))
			continue
		}
		if gap := ts[1].Sub(ts[0]); gap < time.Second {
			t.Errorf("%s fetched again %v after an answer with Retry-After: 1, want at least 1s", path, gap)
		}
	}
	for _, id := range []string{"form-busy", "form-busy-closed"} {
		if count(res.Findings, "FORM-001", id) != 1 {
			t.Errorf("%s: no FORM-001 after the page was served on its second try", id)
		}
		if g := findGap(res.Coverage.Gaps, model.ScopeForm, id); g != nil {
			t.Errorf("%s: gap %+v", id, g)
		}
	}
}

// Retry-After on a public page is obeyed within the same cap as for API
// calls: a server asking for a day does not stall the run for a day, and
// the run's context still ends the wait.
func TestPageRetryAfterEndsWithTheRun(t *testing.T) {
	opts := busyFormOptions(t)
	opts.Transport = interceptTransport{fn: func(r *http.Request) *http.Response {
		if !strings.HasSuffix(r.URL.Path, "/viewform") {
			return nil
		}
		return htmlResponse(http.StatusTooManyRequests, http.Header{"Retry-After": {"86400"}}, "<html><body>Too Many Requests</body></html>")
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = auditor.Run(ctx, opts)
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("the run did not end with its context while a page asked to be retried in a day")
	}
}

// Retry-After waits on a public page count against the retry policy's
// MaxWait, as an API call's do: a page that keeps asking for more time
// ends as a gap once the next wait would pass it, not after every try.
func TestPageRetryAfterWithinMaxWait(t *testing.T) {
	opts := busyFormOptions(t)
	opts.Retry.MaxWait = 1500 * time.Millisecond
	var tries atomic.Int32
	opts.Transport = interceptTransport{fn: func(r *http.Request) *http.Response {
		if !strings.HasSuffix(r.URL.Path, "/1FAIpQLbusyOpen/viewform") {
			return nil
		}
		tries.Add(1)
		return htmlResponse(http.StatusTooManyRequests, http.Header{"Retry-After": {"1"}}, "<html><body>Too Many Requests</body></html>")
	}}
	res := audit(t, opts)
	// Refused, a wait of 1s, refused again: one more second would pass 1.5s.
	if n := tries.Load(); n != 2 {
		t.Errorf("the page was tried %d times, want 2 (MaxWait 1.5s, Retry-After 1s)", n)
	}
	if g := findGap(res.Coverage.Gaps, model.ScopeForm, "form-busy"); g == nil || !strings.Contains(g.Reason, "gave up after waiting") {
		t.Errorf("want a form gap saying the retries gave up, got %+v", g)
	}
}

// busyFormOptions audits a small tenant with one open form whose summary is
// published (its page, 1FAIpQLbusyOpen, is the one tests refuse).
func busyFormOptions(t *testing.T) auditor.Options {
	tn := smallTenant()
	tn.Files = append(tn.Files,
		emulator.File{ID: "form-busy", Name: "申込", Kind: "form", Owner: "sato.k@city.example.jp",
			Permissions: []emulator.Permission{anyoneAnswers},
			Form:        &emulator.Form{PublishedID: "1FAIpQLbusyOpen", SummaryPublished: true}})
	return testOptions(serve(t, tn, emulator.Options{}), admin)
}
