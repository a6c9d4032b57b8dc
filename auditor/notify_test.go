package auditor_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/gwsaudit/gwsaudit/auditor"
	"github.com/gwsaudit/gwsaudit/emulator"
)

func notifyTenant() *emulator.Tenant {
	return &emulator.Tenant{CustomerID: "C0n", PrimaryDomain: "example.jp", Users: []emulator.User{
		{Email: "admin@example.jp", Admin: true, OrgUnit: "/情報政策課"},
		{Email: "sato@example.jp", OrgUnit: "/健康福祉部/保健センター"},
		{Email: "top@example.jp"},
	}}
}

// TestOrgUnits reads org units once per user; an unknown user is an
// error naming the user.
func TestOrgUnits(t *testing.T) {
	srv := serve(t, notifyTenant(), emulator.Options{})
	ou, err := auditor.NewOrgUnits(context.Background(), auditor.ExportOptions{Endpoint: srv.BaseURL(), Credentials: auditor.EmulatorCredentials{}}, "admin@example.jp")
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if got, err := ou.Of(context.Background(), "Sato@example.jp"); got != "/健康福祉部/保健センター" || err != nil {
			t.Errorf("sato: %q, %v", got, err)
		}
	}
	if got, err := ou.Of(context.Background(), "top@example.jp"); got != "/" || err != nil {
		t.Errorf("top: %q, %v", got, err)
	}
	if n := srv.Calls()["directory.users.get"]; n != 2 {
		t.Errorf("users.get called %d times, want once per user", n)
	}
	if _, err := ou.Of(context.Background(), "nobody@example.jp"); err == nil || !strings.Contains(err.Error(), "nobody@example.jp") {
		t.Errorf("unknown user: %v", err)
	}
}

// TestMailer sends as the sender; a token without gmail.send comes back
// with what to add to the delegation.
func TestMailer(t *testing.T) {
	srv := serve(t, notifyTenant(), emulator.Options{})
	m, err := auditor.NewMailer(context.Background(), auditor.ExportOptions{Endpoint: srv.BaseURL(), Credentials: auditor.EmulatorCredentials{}, RateLimits: fastGmail}, "Admin@example.jp")
	if err != nil {
		t.Fatal(err)
	}
	id, err := m.Send(context.Background(), []byte("To: sato@example.jp\r\nSubject: x\r\n\r\nbody\r\n"))
	if err != nil || id == "" {
		t.Fatalf("send: %q, %v", id, err)
	}
	if sent := srv.SentMail(); len(sent) != 1 || sent[0].Sender != "admin@example.jp" || sent[0].ID != id {
		t.Errorf("sent %+v", sent)
	}
	if _, err := m.Send(context.Background(), []byte("Subject: nobody\r\n\r\nx")); err == nil {
		t.Error("a message without recipients was sent")
	}
	if _, err := auditor.NewMailer(context.Background(), auditor.ExportOptions{Endpoint: srv.BaseURL(), Credentials: auditor.EmulatorCredentials{}}, ""); err == nil {
		t.Error("a mailer without a sender was built")
	}

	tok, err := srv.MintToken("admin@example.jp", []string{"https://www.googleapis.com/auth/drive.readonly"})
	if err != nil {
		t.Fatal(err)
	}
	m, err = auditor.NewMailer(context.Background(), auditor.ExportOptions{Endpoint: srv.BaseURL(), Credentials: fixedToken(tok), RateLimits: fastGmail}, "admin@example.jp")
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Send(context.Background(), []byte("To: sato@example.jp\r\n\r\nx"))
	var ae *auditor.AccessError
	if !errors.As(err, &ae) || !strings.Contains(ae.Hint, auditor.ScopeGmailSend) {
		t.Errorf("send without the scope: %v", err)
	}
}

var fastGmail = auditor.RateLimits{Gmail: 1e4, Directory: 1e4}

// fixedToken sends one access token whatever is asked (a token minted by
// the emulator with chosen scopes).
type fixedToken string

func (f fixedToken) TokenSource(context.Context, string, []string) (oauth2.TokenSource, error) {
	return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: string(f), TokenType: "Bearer"}), nil
}
func (fixedToken) Describe() string { return "a fixed token" }
func (fixedToken) ClientID() string { return "" }
