package notify

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gwsaudit/gwsaudit/internal/smtpsink"
)

// TestSMTPStartTLS delivers the fixture's messages to a sink that offers
// STARTTLS on a self-signed certificate and wants a login: every message
// arrives under TLS, to the owner and the copy, and decodes to the notice.
func TestSMTPStartTLS(t *testing.T) {
	sink := smtpsink.Start(t, smtpsink.Options{TLS: true, Username: "notifier", Password: "s3cret-pw"})
	in := load(t, "run.json")
	b := build(t, in, Options{
		OrgUnitContacts: map[string]string{"/": "soumu@city.sakura.example.jp"},
		OrgUnitOf:       func(context.Context, string) (string, error) { return "/総務部", nil },
	})
	s := &SMTP{Host: sink.Host, Port: sink.Port, RootCAs: sink.Roots, Username: "notifier", Password: "s3cret-pw", Envelope: testFrom.Address}
	for _, r := range Deliver(context.Background(), b, s, testFrom, "") {
		if r.Err != nil {
			t.Fatalf("send to %s: %v", r.Owner, r.Err)
		}
	}
	got := sink.Messages()
	if len(got) != len(b.Notices) {
		t.Fatalf("sink got %d messages, want %d", len(got), len(b.Notices))
	}
	for i, m := range got {
		n := b.Notices[i]
		if !m.TLS || m.User != "notifier" || m.From != testFrom.Address {
			t.Errorf("message %d: TLS %v, user %q, from %q", i, m.TLS, m.User, m.From)
		}
		if !slices.Equal(m.To, []string{n.Owner, "soumu@city.sakura.example.jp"}) {
			t.Errorf("message %d: recipients %v", i, m.To)
		}
		d := decode(t, m.Data)
		to, err := d.header.AddressList("To")
		if d.body != n.Body || d.subject != n.Subject || err != nil || len(to) != 1 || to[0].Address != n.Owner || to[0].Name != n.Name {
			t.Errorf("message %d to %s does not decode to its notice", i, n.Owner)
		}
	}
}

// TestSMTPRefusals: no STARTTLS offered, an untrusted certificate and a
// wrong password all fail without sending, and no error shows the password.
func TestSMTPRefusals(t *testing.T) {
	in := load(t, "run.json")
	b := build(t, in, Options{})
	plain := smtpsink.Start(t, smtpsink.Options{})
	tlsSink := smtpsink.Start(t, smtpsink.Options{TLS: true, Username: "notifier", Password: "right-pw"})
	cases := []struct {
		name string
		s    *SMTP
		sink *smtpsink.Sink
		want string
	}{
		{"no STARTTLS", &SMTP{Host: plain.Host, Port: plain.Port, Envelope: testFrom.Address}, plain, "STARTTLS"},
		{"untrusted certificate", &SMTP{Host: tlsSink.Host, Port: tlsSink.Port, Envelope: testFrom.Address, Username: "notifier", Password: "right-pw"}, tlsSink, "certificate"},
		{"wrong password", &SMTP{Host: tlsSink.Host, Port: tlsSink.Port, RootCAs: tlsSink.Roots, Envelope: testFrom.Address, Username: "notifier", Password: "wrong-pw-123"}, tlsSink, "refused the login"},
		{"login over plaintext", &SMTP{Host: plain.Host, Port: plain.Port, AllowPlaintext: true, Envelope: testFrom.Address, Username: "u", Password: "wrong-pw-123"}, plain, "needs TLS"},
	}
	for _, c := range cases {
		err := c.s.Send(context.Background(), b.Notices[0], []byte("Subject: x\r\n\r\nx\r\n"))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want one mentioning %q", c.name, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "pw-123") {
			t.Errorf("%s: the error shows the password: %v", c.name, err)
		}
		if n := len(c.sink.Messages()); n != 0 {
			t.Errorf("%s: %d messages delivered", c.name, n)
		}
	}
	// A relay on this host without TLS, allowed explicitly and without login.
	s := &SMTP{Host: plain.Host, Port: plain.Port, AllowPlaintext: true, Envelope: testFrom.Address}
	if err := s.Send(context.Background(), b.Notices[0], []byte("Subject: x\r\n\r\nx\r\n")); err != nil || len(plain.Messages()) != 1 {
		t.Errorf("plaintext relay: err %v, %d messages", err, len(plain.Messages()))
	}
}

// TestDirSender writes one .eml per owner, readable only by its owner.
func TestDirSender(t *testing.T) {
	in := load(t, "run.json")
	b := build(t, in, Options{})
	dir := filepath.Join(t.TempDir(), "out")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"gone@example.jp.eml": "stale", "notes.txt": "keep"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range Deliver(context.Background(), b, &DirSender{Dir: dir}, testFrom, "") {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	for _, n := range b.Notices {
		path := filepath.Join(dir, n.Owner+".eml")
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", path, fi.Mode().Perm())
		}
		data, _ := os.ReadFile(path)
		if d := decode(t, data); d.body != n.Body {
			t.Errorf("%s does not hold the notice", path)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "gone@example.jp.eml")); !os.IsNotExist(err) {
		t.Errorf("the stale message of an earlier run is still there (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Errorf("a file that is not a message was removed: %v", err)
	}
	if got := emlName("a/../b@x.jp"); strings.ContainsRune(got, '/') {
		t.Errorf("emlName kept a slash: %q", got)
	}
}

// TestSMTPLogin: a server that offers LOGIN but not PLAIN (Microsoft 365)
// gets the login through LOGIN, over TLS; a wrong password is refused.
func TestSMTPLogin(t *testing.T) {
	sink := smtpsink.Start(t, smtpsink.Options{TLS: true, Username: "notifier@city.example.jp", Password: "login-pw", LoginOnly: true})
	in := load(t, "run.json")
	b := build(t, in, Options{})
	s := &SMTP{Host: sink.Host, Port: sink.Port, RootCAs: sink.Roots, Username: "notifier@city.example.jp", Password: "login-pw", Envelope: testFrom.Address}
	if err := s.Send(context.Background(), b.Notices[0], []byte("To: x@example.jp\r\n\r\nx\r\n")); err != nil {
		t.Fatalf("LOGIN: %v", err)
	}
	if m := sink.Messages(); len(m) != 1 || m[0].User != "notifier@city.example.jp" || !m[0].TLS {
		t.Errorf("messages %+v", m)
	}
	s.Close()
	s.Password = "wrong-login-pw"
	if err := s.Send(context.Background(), b.Notices[0], []byte("To: x@example.jp\r\n\r\nx\r\n")); err == nil || strings.Contains(err.Error(), "wrong-login-pw") {
		t.Errorf("wrong LOGIN password: %v", err)
	}
	if _, err := smtpAuth("CRAM-MD5 XOAUTH2", "u", "p", "h"); err == nil || !strings.Contains(err.Error(), "XOAUTH2") {
		t.Errorf("no usable mechanism: %v", err)
	}
}

// TestSMTPOneConnection: the batch shares one connection; a server that
// takes only two messages a connection answers the third MAIL FROM with
// 421, and that message goes on a fresh connection, once.
func TestSMTPOneConnection(t *testing.T) {
	sink := smtpsink.Start(t, smtpsink.Options{TLS: true, Username: "notifier", Password: "pw", PerSession: 2})
	in := load(t, "run.json")
	b := build(t, in, Options{})
	s := &SMTP{Host: sink.Host, Port: sink.Port, RootCAs: sink.Roots, Username: "notifier", Password: "pw", Envelope: testFrom.Address}
	if len(b.Notices) != 4 {
		t.Fatalf("%d notices: the test wants four", len(b.Notices))
	}
	for _, r := range Deliver(context.Background(), b, s, testFrom, "") {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Owner, r.Err)
		}
	}
	if got := len(sink.Messages()); got != 4 {
		t.Errorf("%d messages delivered, want 4 (each once)", got)
	}
	if got := sink.Connections(); got != 2 {
		t.Errorf("%d connections, want 2 (two messages each)", got)
	}
}
