package emulator

import (
	"net/http"
	"time"
)

// delay sleeps Options.Latency; false when the client went away meanwhile.
func (s *Server) delay(r *http.Request) bool {
	if s.opts.Latency <= 0 {
		return true
	}
	t := time.NewTimer(s.opts.Latency)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// faultKinds are the failures Google serves under load.
var faultKinds = []apiError{
	{Code: 429, Reason: "rateLimitExceeded", Message: "Rate Limit Exceeded"},
	{Code: 429, Reason: "rateLimitExceeded", Message: "Rate Limit Exceeded", RetryAfter: "1"},
	{Code: 403, Reason: "userRateLimitExceeded", Message: "User Rate Limit Exceeded"},
	{Code: 403, Reason: "rateLimitExceeded", Message: "Rate Limit Exceeded"},
	{Code: 500, Reason: "backendError", Message: "Backend Error"},
	{Code: 502, Reason: "backendError", Message: "Bad Gateway"},
	{Code: 503, Reason: "backendError", Message: "The service is currently unavailable."},
	{Code: 504, Reason: "backendError", Message: "Deadline exceeded."},
}

// SetFaultRate changes Options.FaultRate from now on (0..1), so that a
// test can inject faults into one step of a longer story.
func (s *Server) SetFaultRate(r float64) {
	s.rngMu.Lock()
	defer s.rngMu.Unlock()
	s.opts.FaultRate = min(max(r, 0), 1)
}

// fault draws whether this request fails, and how.
func (s *Server) fault() *apiError {
	s.rngMu.Lock()
	defer s.rngMu.Unlock()
	if s.opts.FaultRate <= 0 {
		return nil
	}
	if s.rng.Float64() >= s.opts.FaultRate {
		return nil
	}
	e := faultKinds[s.rng.IntN(len(faultKinds))]
	return &e
}
