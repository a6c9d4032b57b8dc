package auditor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/oauth2"
	"google.golang.org/api/drive/v3"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"

	"github.com/gwsaudit/gwsaudit/remediate"
)

// ScopeDriveWrite is the one write scope gwsaudit asks for, only in fix
// apply and fix undo, in a token of its own: audits never request it.
const ScopeDriveWrite = "https://www.googleapis.com/auth/drive"

// scopeDomainsRead lets fix apply check the tenant's primary domain; the
// audit's delegation already includes it.
const scopeDomainsRead = "https://www.googleapis.com/auth/admin.directory.domain.readonly"

// FixScopes are the scopes fix apply and undo ask for.
var FixScopes = []string{ScopeDriveWrite, scopeDomainsRead}

// FixOptions configure a Fixer: the audit's settings that shape requests.
type FixOptions struct {
	Admin          string // super admin: the tenant check and shared drives' members
	Endpoint       string // emulator base URL; "" for Google
	Credentials    Credentials
	Transport      http.RoundTripper
	Retry          RetryPolicy
	AttemptTimeout time.Duration
	RateLimits     RateLimits
	Log            zerolog.Logger
}

// Fixer changes Drive permissions for fix apply and undo, as the owner of
// each item (or a manager of its shared drive), through the walk's rate
// limits, retries and per-attempt timeouts. It implements remediate.Drive.
type Fixer struct {
	a *auditor

	mu      sync.Mutex
	clients map[string]*drive.Service // by actor
}

var _ remediate.Drive = (*Fixer)(nil)

// NewFixer builds a Fixer.
func NewFixer(opts FixOptions) (*Fixer, error) {
	if opts.Admin == "" {
		return nil, errors.New("no admin account: pass --admin (a super admin address of the tenant)")
	}
	a, err := newAuditor(Options{Admin: opts.Admin, Endpoint: opts.Endpoint, Credentials: opts.Credentials, Transport: opts.Transport,
		Retry: opts.Retry, AttemptTimeout: opts.AttemptTimeout, RateLimits: opts.RateLimits, Log: opts.Log})
	if err != nil {
		return nil, err
	}
	return &Fixer{a: a, clients: map[string]*drive.Service{}}, nil
}

// Calls counts the requests sent, by method, retries included.
func (f *Fixer) Calls() map[string]int64 {
	return f.a.callCounts()
}

// driveAs returns a Drive client acting as subject with the write scope.
func (f *Fixer) driveAs(ctx context.Context, subject string) (*drive.Service, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if svc := f.clients[subject]; svc != nil {
		return svc, nil
	}
	hc, err := f.a.scopedClient(ctx, subject, []string{ScopeDriveWrite})
	if err != nil {
		return nil, fmt.Errorf("credentials for %s: %w", subject, err)
	}
	svc, err := drive.NewService(ctx, append(f.a.endpoint("/drive/v3/"), option.WithHTTPClient(hc))...)
	if err != nil {
		return nil, fmt.Errorf("drive client for %s: %w", subject, err)
	}
	f.clients[subject] = svc
	return svc, nil
}

// call runs one Drive request like the walk's, explaining a refusal.
func (f *Fixer) call(ctx context.Context, method, subject string, fn func() error) error {
	err := f.a.call(ctx, apiDrive, method, fn)
	if err != nil && ctx.Err() == nil {
		return f.explain(err, method, subject)
	}
	return err
}

// explain is the audit's explain, except that a missing scope names the
// fix's scopes, which the audit's delegation lacks.
func (f *Fixer) explain(err error, what, subject string) error {
	if !lacksScope(err) {
		return explain(err, what, subject, f.a.opts.Credentials)
	}
	clientID := f.a.opts.Credentials.ClientID()
	if clientID == "" {
		clientID = "<the service account's client ID>"
	}
	return &AccessError{What: what, Subject: subject, Err: fmt.Errorf("%w: %w", remediate.ErrNotDelegated, err),
		Hint: fmt.Sprintf("fix apply and undo need a write scope the audit never asks for: in %s, add client ID %s with these scopes (comma-separated):\n    %s\n(preferably a service account kept for fixes, not the nightly audit's)",
			delegationPage, clientID, strings.Join(FixScopes, ","))}
}

// lacksScope reports a token refused for an undelegated scope, or a call
// refused for a scope the token lacks.
func lacksScope(err error) bool {
	if tr := (*tokenRefusal)(nil); errors.As(err, &tr) {
		return tr.Code == "unauthorized_client"
	}
	var rerr *oauth2.RetrieveError
	if errors.As(err, &rerr) {
		code, _ := tokenErrorOf(rerr)
		return code == "unauthorized_client"
	}
	var gerr *googleapi.Error
	return errors.As(err, &gerr) && gerr.Code == http.StatusForbidden &&
		(len(gerr.Errors) > 0 && gerr.Errors[0].Reason == "insufficientPermissions" || strings.Contains(gerr.Message, "insufficient authentication scopes"))
}
