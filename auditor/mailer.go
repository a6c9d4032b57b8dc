package auditor

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"golang.org/x/oauth2"
	"google.golang.org/api/gmail/v1"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"
)

// ScopeGmailSend lets gwsaudit notify send owner notices as the configured
// sender (Gmail users.messages.send). It is asked for in a token of its
// own, only by notify --via gmail, never by an audit.
const ScopeGmailSend = "https://www.googleapis.com/auth/gmail.send"

// Mailer sends messages through the Gmail API as one user of the tenant,
// under the audit's rate limit, retry policy and per-attempt timeout.
type Mailer struct {
	svc    *gmail.Service
	a      *auditor
	sender string
}

// NewMailer builds a Gmail client acting as sender with ScopeGmailSend
// only.
func NewMailer(ctx context.Context, opts ExportOptions, sender string) (*Mailer, error) {
	sender = strings.ToLower(strings.TrimSpace(sender))
	if sender == "" {
		return nil, errors.New("no sender for the Gmail API: set notify.gmail.sender (a user of the tenant) in the config")
	}
	if opts.Credentials == nil {
		return nil, errors.New("no credentials for the Gmail API")
	}
	a, err := newAuditor(Options{Admin: sender, SelfOnly: true, Endpoint: opts.Endpoint, Credentials: opts.Credentials, Transport: opts.Transport,
		Retry: opts.Retry, AttemptTimeout: opts.AttemptTimeout, RateLimits: opts.RateLimits, Log: opts.Log})
	if err != nil {
		return nil, err
	}
	hc, err := a.scopedClient(ctx, sender, []string{ScopeGmailSend})
	if err != nil {
		return nil, fmt.Errorf("credentials for the Gmail API as %s: %w", sender, err)
	}
	svc, err := gmail.NewService(ctx, append(a.endpoint("/"), option.WithHTTPClient(hc))...)
	if err != nil {
		return nil, fmt.Errorf("build the Gmail API client: %w", err)
	}
	return &Mailer{svc: svc, a: a, sender: sender}, nil
}

// Sender is the address messages are sent as.
func (m *Mailer) Sender() string { return m.sender }

// Send sends one RFC 2822 message (users.messages.send, userId "me").
// A retried send after a 5xx may deliver the message twice: Gmail's send
// is not idempotent, and a lost answer cannot be told from a failure.
func (m *Mailer) Send(ctx context.Context, raw []byte) (string, error) {
	var id string
	err := m.a.call(ctx, apiGmail, "gmail.users.messages.send", func() error {
		msg, err := m.svc.Users.Messages.Send("me", &gmail.Message{Raw: base64.URLEncoding.EncodeToString(raw)}).Context(ctx).Do()
		if err == nil {
			id = msg.Id
		}
		return err
	})
	if err == nil || ctx.Err() != nil {
		return id, err
	}
	if hint := m.hint(err); hint != "" {
		return "", &AccessError{What: "send mail through the Gmail API", Subject: m.sender, Hint: hint, Err: err}
	}
	return "", err
}

// hint says what to change after a refused send.
func (m *Mailer) hint(err error) string {
	creds := m.a.opts.Credentials
	grant := fmt.Sprintf("in %s, add the scope %s to the client ID %s (keep the audit's scopes)", delegationPage, ScopeGmailSend, clientIDOrPlaceholder(creds))
	var rerr *oauth2.RetrieveError
	if errors.As(err, &rerr) {
		if code, _ := tokenErrorOf(rerr); code == "unauthorized_client" {
			return "domain-wide delegation lacks the Gmail send scope: " + grant
		}
		return accessHint(err, m.sender, creds)
	}
	var gerr *googleapi.Error
	if !errors.As(err, &gerr) {
		return ""
	}
	switch svc := disabledService(err); {
	case hasReason(err, http.StatusForbidden, "insufficientPermissions") || gerr.Code == http.StatusForbidden && strings.Contains(gerr.Message, "insufficient authentication scopes"):
		return "the token lacks the Gmail send scope: " + grant
	case svc != "":
		return "enable the Gmail API for the credentials' Cloud project (Google Cloud console → APIs & Services → Library), wait a few minutes, then run notify again"
	case gerr.Code == http.StatusForbidden && strings.Contains(gerr.Message, "Delegation denied"):
		return "the sender must be a user of the tenant with a Gmail mailbox: check notify.gmail.sender"
	case gerr.Code == http.StatusBadRequest && strings.Contains(gerr.Message, "Mail service not enabled"):
		return fmt.Sprintf("%s has no Gmail: turn Gmail on for the sender's organisational unit, or choose another sender", m.sender)
	case gerr.Code == http.StatusUnauthorized:
		return accessHint(err, m.sender, creds)
	}
	return ""
}

// clientIDOrPlaceholder names the client ID for hints.
func clientIDOrPlaceholder(creds Credentials) string {
	if creds != nil && creds.ClientID() != "" {
		return creds.ClientID()
	}
	return "of the service account"
}
