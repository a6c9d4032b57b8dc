package auditor

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// A server that sends its headers and then stalls mid-body: the read is
// cut at the attempt's deadline and the error is worth another try.
func TestAttemptTimeoutCoversTheBody(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"items": [`)
		w.(http.Flusher).Flush()
		select { // stall (for longer than the test cares to wait)
		case <-r.Context().Done():
		case <-release:
		case <-time.After(3 * time.Second):
		}
	}))
	defer srv.Close()
	defer close(release)

	client := &http.Client{Transport: withAttemptTimeout(http.DefaultTransport, 50*time.Millisecond)}
	start := time.Now()
	resp, err := client.Get(srv.URL)
	if err != nil {
		t.Fatalf("headers: %v", err)
	}
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !errors.Is(err, errAttemptTimeout) || !retryable(err) {
		t.Errorf("stalled body: err %v, want a retryable attempt timeout", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("stalled body took %v", d)
	}

	// The caller's own cancellation is not a timed-out try.
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if errors.Is(err, errAttemptTimeout) || retryable(err) {
		t.Errorf("cancelled by the caller: err %v should be final", err)
	}
	if withAttemptTimeout(http.DefaultTransport, -1) != http.DefaultTransport {
		t.Error("a negative timeout should leave the transport alone")
	}
}
