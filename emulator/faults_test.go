package emulator_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/gwsaudit/gwsaudit/emulator"
	"google.golang.org/api/googleapi"
)

// faultReasons are the (code, reason) pairs a fault may produce.
var faultReasons = map[int]map[string]bool{
	429: {"rateLimitExceeded": true},
	403: {"userRateLimitExceeded": true, "rateLimitExceeded": true},
	500: {"backendError": true}, 502: {"backendError": true}, 503: {"backendError": true}, 504: {"backendError": true},
}

func TestFaultsUseGoogleErrorBodies(t *testing.T) {
	s, base := serve(t, testTenant(t), emulator.Options{FaultRate: 1, Seed: 3})
	svc := driveAs(t, base, "sato@example.jp")
	codes := map[int]int{}
	retryAfter := false
	const n = 80
	for range n {
		_, err := svc.Files.List().Do()
		var ge *googleapi.Error
		if !errors.As(err, &ge) {
			t.Fatalf("want *googleapi.Error, got %v", err)
		}
		if len(ge.Errors) != 1 || !faultReasons[ge.Code][ge.Errors[0].Reason] {
			t.Fatalf("unexpected fault %d %+v", ge.Code, ge.Errors)
		}
		codes[ge.Code]++
		if ge.Code == 429 && ge.Header.Get("Retry-After") == "1" {
			retryAfter = true
		}
	}
	for _, c := range []int{429, 403, 500, 503} {
		if codes[c] == 0 {
			t.Errorf("no %d among %v", c, codes)
		}
	}
	if !retryAfter {
		t.Error("no Retry-After on any 429")
	}
	if got := s.Calls()["drive.files.list"]; got != n {
		t.Errorf("counted %d calls, want %d (faulted calls count too)", got, n)
	}
	s.ResetCalls()
	if len(s.Calls()) != 0 {
		t.Error("ResetCalls left counts")
	}
	// Public pages fail at the same rate.
	resp, err := http.Get(base + "/site/index.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode < 403 {
		t.Errorf("page under FaultRate 1: %d", resp.StatusCode)
	}
}

func TestFaultsConcurrentAndLatency(t *testing.T) {
	s, base := serve(t, testTenant(t), emulator.Options{FaultRate: 0.3, Seed: 9, Latency: 2 * time.Millisecond})
	svc := driveAs(t, base, "sato@example.jp")
	var mu sync.Mutex
	ok, failed := 0, 0
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 15 {
				_, err := svc.Files.List().Q("'me' in owners").Do()
				mu.Lock()
				if err == nil {
					ok++
				} else {
					failed++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if ok == 0 || failed == 0 {
		t.Errorf("ok=%d failed=%d at rate 0.3", ok, failed)
	}
	if s.Calls()["drive.files.list"] != 120 {
		t.Errorf("calls = %v", s.Calls())
	}
	_, slow := serve(t, testTenant(t), emulator.Options{Latency: time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := driveAs(t, slow, "sato@example.jp").Files.List().Context(ctx).Do()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("latency not applied: %v", err)
	}
}
