package emulator

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Options tune how the emulator misbehaves. The zero value is a fast,
// reliable server.
type Options struct {
	// FaultRate is the probability (0..1) that a request fails with a
	// rate-limit or transient error.
	FaultRate float64
	// Latency is slept before each answer (the request context is honoured).
	Latency time.Duration
	// Seed seeds faults and short pages; the same seed gives the same run
	// for sequential clients.
	Seed int64
	// ShortPages makes list pages shorter than asked, sometimes empty with a
	// nextPageToken, as Drive does.
	ShortPages bool
	// TokenLifetime is the lifetime of issued access tokens (default 1h).
	TokenLifetime time.Duration
	// Quotas are per-minute request quotas by API family ("drive", "forms",
	// "directory", "reports"), per user and per project, as Google meters
	// them; calls past them get Google's rate-limit errors.
	Quotas map[string]QuotaLimit
	// Now is the server's clock for the Reports API's retention (default
	// time.Now); a test that audits with a fixed clock passes the same one.
	Now func() time.Time
	// DailyQuotaUsedUp are API families ("drive", "reports", ...) whose
	// daily quota the project has used up: every call gets 403
	// quotaExceeded naming a per-day limit, until the next day.
	DailyQuotaUsedUp []string
}

// Server is the emulator: an http.Handler serving one tenant.
type Server struct {
	opts   Options
	quotas *quotas
	mux    *http.ServeMux
	secret []byte // signs page tokens

	mu      sync.RWMutex // guards the tenant state below
	ix      *index
	changes []change
	nextSeq int64
	writes  []Write // permission changes applied (Writes)

	baseMu sync.RWMutex
	base   string

	rngMu sync.Mutex
	rng   *mrand.Rand

	callMu sync.Mutex
	calls  map[string]int64

	authMu   sync.Mutex
	accounts map[string]*account
	tokens   map[string]*accessToken

	srv *http.Server
}

// New builds a server for t, validating it and filling in defaults as
// Parse does (so a tenant built in code works too). The server owns t.
func New(t *Tenant, opts Options) (*Server, error) {
	if t == nil {
		return nil, errors.New("emulator: nil tenant")
	}
	if err := t.normalize(); err != nil {
		return nil, fmt.Errorf("emulator: tenant: %w", err)
	}
	if opts.FaultRate < 0 || opts.FaultRate > 1 {
		return nil, fmt.Errorf("emulator: fault rate %v outside 0..1", opts.FaultRate)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.TokenLifetime <= 0 {
		opts.TokenLifetime = time.Hour
	}
	s := &Server{
		opts: opts, quotas: newQuotas(opts.Quotas), ix: newIndex(t), nextSeq: 1,
		secret: make([]byte, 32),
		rng:    mrand.New(mrand.NewPCG(uint64(opts.Seed), 0x9e3779b97f4a7c15)),
		calls:  map[string]int64{}, accounts: map[string]*account{}, tokens: map[string]*accessToken{},
	}
	if _, err := rand.Read(s.secret); err != nil {
		return nil, fmt.Errorf("emulator: page token secret: %w", err)
	}
	for _, sa := range t.ServiceAccounts {
		if err := s.RegisterServiceAccount(sa); err != nil {
			return nil, err
		}
	}
	s.routes()
	return s, nil
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern == "" {
		writeError(w, &apiError{Code: 404, Reason: "notFound", Message: "Not Found: " + r.URL.Path})
		return
	}
	s.mux.ServeHTTP(w, r)
}

// Start listens on addr (e.g. "127.0.0.1:0") and serves in the background.
// It returns the base URL to give the auditor.
func (s *Server) Start(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("emulator: listen: %w", err)
	}
	base := "http://" + ln.Addr().String()
	s.SetBaseURL(base)
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	return base, nil
}

// Close stops a server started with Start.
func (s *Server) Close() error {
	if s.srv == nil {
		return nil
	}
	// Shutdown waits for requests in flight, but treats a connection opened
	// and not yet used as busy for seconds: after a short grace everything
	// still open is closed, requests in flight included (a stopped emulator
	// answers nothing more), rather than hold up every test that stops one.
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	if err := s.srv.Shutdown(ctx); err != nil {
		if !errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("emulator: shutdown: %w", err)
		}
		if err := s.srv.Close(); err != nil {
			return fmt.Errorf("emulator: close: %w", err)
		}
	}
	return nil
}

// SetBaseURL tells the server its own address (responderUri, token
// audience) when it is served by something else, such as httptest.
func (s *Server) SetBaseURL(u string) {
	s.baseMu.Lock()
	s.base = strings.TrimRight(u, "/")
	s.baseMu.Unlock()
}

// BaseURL is the server's base URL ("" until Start or SetBaseURL).
func (s *Server) BaseURL() string {
	s.baseMu.RLock()
	defer s.baseMu.RUnlock()
	return s.base
}

// TokenURL is the OAuth token endpoint to put in a service-account key.
func (s *Server) TokenURL() string { return s.BaseURL() + "/token" }

// Calls counts requests by API method ("drive.files.list", "page.viewform"…).
func (s *Server) Calls() map[string]int64 {
	s.callMu.Lock()
	defer s.callMu.Unlock()
	out := make(map[string]int64, len(s.calls))
	for k, v := range s.calls {
		out[k] = v
	}
	return out
}

// ResetCalls zeroes the call counters.
func (s *Server) ResetCalls() {
	s.callMu.Lock()
	s.calls = map[string]int64{}
	s.callMu.Unlock()
}

func (s *Server) count(method string) {
	s.callMu.Lock()
	s.calls[method]++
	s.callMu.Unlock()
}

// Update lets a test change the tenant; the change is re-indexed and every
// changed Drive item is recorded for changes.list. fn must leave the tenant
// valid; Update panics if it does not, since that is a bug in the test.
func (s *Server) Update(fn func(t *Tenant)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	before := snapshotFiles(s.ix.t)
	fn(s.ix.t)
	if err := s.ix.t.normalize(); err != nil {
		panic(fmt.Sprintf("emulator: Update left an invalid tenant: %v", err))
	}
	s.ix = newIndex(s.ix.t)
	s.recordChanges(before)
}

// UpdateWithoutChanges is Update for a change Google may not report through
// Drive's changes.list: the tenant changes, no change is recorded. Tests use
// it for a form's settings (whether Google records their change as a change
// of the form's Drive file is not documented), so that an incremental audit
// is tested without relying on it.
func (s *Server) UpdateWithoutChanges(fn func(t *Tenant)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(s.ix.t)
	if err := s.ix.t.normalize(); err != nil {
		panic(fmt.Sprintf("emulator: UpdateWithoutChanges left an invalid tenant: %v", err))
	}
	s.ix = newIndex(s.ix.t)
}

// intN draws 0..n-1 from the seeded RNG.
func (s *Server) intN(n int) int {
	s.rngMu.Lock()
	defer s.rngMu.Unlock()
	return s.rng.IntN(n)
}
