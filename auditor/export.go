package auditor

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/oauth2"
	"google.golang.org/api/drive/v3"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"
	"google.golang.org/api/sheets/v4"
)

// ExportOptions configure an Exporter: the audit's settings that shape how
// requests reach Google.
type ExportOptions struct {
	Endpoint    string // emulator base URL; "" for Google
	Credentials Credentials
	Transport   http.RoundTripper // nil: http.DefaultTransport
	Retry       RetryPolicy       // zero: DefaultRetryPolicy
	// AttemptTimeout bounds each try, as Options.AttemptTimeout does.
	AttemptTimeout time.Duration
	RateLimits     RateLimits // Sheets paces Sheets calls, Drive the shares
	Log            zerolog.Logger
}

// Exporter writes a report to Google (the Sheets export) as one user.
// Its requests get what every audit call gets: the API's adaptive rate
// limit, the retry policy, the per-attempt timeout (token requests
// included) and, on a refusal a person can fix, a hint.
type Exporter struct {
	Sheets *sheets.Service
	Drive  *drive.Service

	a       *auditor
	subject string
	scopes  []string
}

// NewExporter builds Sheets and Drive clients acting as subject with scopes.
func NewExporter(ctx context.Context, opts ExportOptions, subject string, scopes []string) (*Exporter, error) {
	if opts.Credentials == nil {
		return nil, errors.New("no credentials for the export")
	}
	// SelfOnly: an export needs no admin.
	a, err := newAuditor(Options{Admin: subject, SelfOnly: true, Endpoint: opts.Endpoint, Credentials: opts.Credentials, Transport: opts.Transport,
		Retry: opts.Retry, AttemptTimeout: opts.AttemptTimeout, RateLimits: opts.RateLimits, Log: opts.Log})
	if err != nil {
		return nil, err
	}
	hc, err := a.scopedClient(ctx, subject, scopes)
	if err != nil {
		return nil, fmt.Errorf("credentials for the export as %s: %w", subject, err)
	}
	base := option.WithHTTPClient(hc)
	sh, err := sheets.NewService(ctx, append(a.endpoint("/"), base)...)
	if err != nil {
		return nil, fmt.Errorf("build the Sheets API client: %w", err)
	}
	dr, err := drive.NewService(ctx, append(a.endpoint("/drive/v3/"), base)...)
	if err != nil {
		return nil, fmt.Errorf("build the Drive API client: %w", err)
	}
	// An OAuth client acts as whoever signed in: no subject to name.
	return &Exporter{Sheets: sh, Drive: dr, a: a, subject: cmp.Or(subject, "the signed-in account"), scopes: scopes}, nil
}

// Call runs fn, one request named by method ("sheets.spreadsheets.create",
// "drive.permissions.create"), under its API's rate limit and the retry
// policy. A refusal a person can fix comes back with what to do.
func (e *Exporter) Call(ctx context.Context, method string, fn func() error) error {
	api := apiSheets
	if strings.HasPrefix(method, "drive.") {
		api = apiDrive
	}
	err := e.a.call(ctx, api, method, fn)
	if err == nil || ctx.Err() != nil {
		return err
	}
	if hint := e.hint(err); hint != "" {
		return &AccessError{What: method, Subject: e.subject, Hint: hint, Err: err}
	}
	return err
}

// Calls counts the requests sent, by method, retries included.
func (e *Exporter) Calls() map[string]int64 {
	return e.a.callCounts()
}

// hint says what to change after a refusal of an export request.
func (e *Exporter) hint(err error) string {
	creds := e.a.opts.Credentials
	scopes := strings.Join(e.scopes, ",")
	_, app := creds.(*OAuthApp)
	lacksScope := "in " + delegationPage + ", add these scopes to the client ID " + cmp.Or(creds.ClientID(), "of the service account") +
		" (comma-separated):\n    " + scopes
	if app {
		lacksScope = "sign in again and allow gwsaudit to create spreadsheets: remove the token cache (" + tokenCacheHint() + ") and rerun"
	}
	var rerr *oauth2.RetrieveError
	if errors.As(err, &rerr) {
		if code, _ := tokenErrorOf(rerr); code == "unauthorized_client" {
			return "domain-wide delegation lacks the export's scopes: " + lacksScope
		}
		return accessHint(err, e.subject, creds)
	}
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) {
		return ""
	}
	switch svc := disabledService(err); {
	case hasReason(err, http.StatusForbidden, "insufficientPermissions") || gerr.Code == http.StatusForbidden && strings.Contains(gerr.Message, "insufficient authentication scopes"):
		return "the token lacks the export's scopes: " + lacksScope
	case svc == "?":
		return "enable the Google Sheets API and the Drive API for the credentials' Cloud project (APIs & Services → Library)"
	case svc != "":
		return fmt.Sprintf("enable %s for the credentials' Cloud project (Google Cloud console → APIs & Services → Library), wait a few minutes, then export again", svc)
	case gerr.Code == http.StatusUnauthorized:
		return accessHint(err, e.subject, creds)
	}
	return ""
}

// tokenCacheHint names the OAuth token cache for messages.
func tokenCacheHint() string {
	if p, err := DefaultTokenCache(); err == nil {
		return p
	}
	return "gwsaudit/token.json in your config directory"
}
