package auditor_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
)

// A token endpoint that accepts the JWT-bearer exchange and never answers
// is cut off by the per-attempt timeout, as an API call is: the run fails
// with an error naming it instead of hanging until its context ends.
func TestHungTokenEndpointIsBounded(t *testing.T) {
	srv, err := emulator.New(smallTenant(), emulator.Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	var tokenRequests atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/token" {
			tokenRequests.Add(1)
			select { // a token endpoint that does not answer
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	t.Cleanup(func() { close(release) }) // runs first: frees stalled handlers so Close returns
	srv.SetBaseURL(ts.URL)

	key, err := auditor.ParseServiceAccountKey(serviceAccountKey(t, srv, auditor.Scopes))
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(srv, admin)
	opts.Credentials = key
	opts.AttemptTimeout = 100 * time.Millisecond
	opts.Retry.MaxAttempts = 2
	// The guard, far longer than two bounded tries: the run's context
	// does not reach a token request oauth2 makes with its own client,
	// so the run is also watched from outside.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := auditor.Run(ctx, opts)
		done <- err
	}()
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		t.Fatal("the run hangs on a token endpoint that does not answer")
	}
	if err == nil || ctx.Err() != nil || !strings.Contains(err.Error(), "per-attempt timeout") {
		t.Fatalf("run against a hung token endpoint: err %v (guard expired: %v), want a per-attempt timeout before the guard", err, ctx.Err())
	}
	if tokenRequests.Load() == 0 {
		t.Error("the token endpoint was never asked")
	}
}
