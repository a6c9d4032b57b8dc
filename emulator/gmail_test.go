package emulator_test

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"google.golang.org/api/gmail/v1"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"

	"github.com/gwsaudit/gwsaudit/emulator"
)

const gmailSend = "https://www.googleapis.com/auth/gmail.send"

func gmailAs(t *testing.T, base string, hc *http.Client) *gmail.Service {
	t.Helper()
	svc, err := gmail.NewService(context.Background(), option.WithEndpoint(base+"/"), option.WithHTTPClient(hc))
	if err != nil {
		t.Fatalf("gmail client: %v", err)
	}
	return svc
}

func rawMessage(headers string) string {
	return base64.URLEncoding.EncodeToString([]byte(headers + "Subject: test\r\n\r\nbody\r\n"))
}

// TestGmailSend sends through the real Gmail client: the message is kept
// with its sender and recipients (Bcc included) and the answer is Gmail's.
func TestGmailSend(t *testing.T) {
	s, base := serve(t, testTenant(t), emulator.Options{})
	svc := gmailAs(t, base, clientFor("sato@example.jp"))
	got, err := svc.Users.Messages.Send("me", &gmail.Message{
		Raw: rawMessage("From: sato@example.jp\r\nTo: suzuki@example.jp\r\nCc: <kimura@example.jp>\r\nBcc: admin@example.jp\r\n"),
	}).Do()
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if got.Id == "" || !slices.Equal(got.LabelIds, []string{"SENT"}) {
		t.Errorf("answer %+v", got)
	}
	sent := s.SentMail()
	if len(sent) != 1 || sent[0].Sender != "sato@example.jp" || sent[0].ID != got.Id ||
		!slices.Equal(sent[0].Recipients, []string{"suzuki@example.jp", "kimura@example.jp", "admin@example.jp"}) ||
		!strings.Contains(string(sent[0].Raw), "Subject: test") {
		t.Errorf("recorded %+v", sent)
	}
	// The user's own address works as userId too, unpadded base64url as well.
	raw := base64.RawURLEncoding.EncodeToString([]byte("To: suzuki@example.jp\r\n\r\nx"))
	if _, err := svc.Users.Messages.Send("sato@example.jp", &gmail.Message{Raw: raw}).Do(); err != nil {
		t.Errorf("send as own address: %v", err)
	}
}

// TestGmailSendRefusals: another user's mailbox, a token without a send
// scope, no recipients and a raw that is not base64url are refused as
// Gmail refuses them, and nothing is recorded.
func TestGmailSendRefusals(t *testing.T) {
	s, base := serve(t, testTenant(t), emulator.Options{})
	readOnly, err := s.MintToken("sato@example.jp", []string{"https://www.googleapis.com/auth/drive.readonly"})
	if err != nil {
		t.Fatal(err)
	}
	sendTok, err := s.MintToken("sato@example.jp", []string{gmailSend})
	if err != nil {
		t.Fatal(err)
	}
	ok := rawMessage("To: suzuki@example.jp\r\n")
	cases := []struct {
		name   string
		as     string
		userID string
		raw    string
		code   int
		reason string
		msg    string
	}{
		{"another mailbox", sendTok, "suzuki@example.jp", ok, 403, "forbidden", "Delegation denied for sato@example.jp"},
		{"no send scope", readOnly, "me", ok, 403, "insufficientPermissions", "insufficient authentication scopes"},
		{"no recipients", sendTok, "me", rawMessage("From: sato@example.jp\r\n"), 400, "invalidArgument", "Recipient address required"},
		{"not base64url", sendTok, "me", "+++/", 400, "invalidArgument", "ByteString"},
		{"no raw", sendTok, "me", "", 400, "invalidArgument", "raw"},
	}
	for _, c := range cases {
		svc := gmailAs(t, base, clientFor(c.as))
		_, err := svc.Users.Messages.Send(c.userID, &gmail.Message{Raw: c.raw}).Do()
		var gerr *googleapi.Error
		if !errors.As(err, &gerr) || gerr.Code != c.code || !strings.Contains(gerr.Message, c.msg) ||
			len(gerr.Errors) == 0 || gerr.Errors[0].Reason != c.reason {
			t.Errorf("%s: err %v, want %d %s %q", c.name, err, c.code, c.reason, c.msg)
		}
	}
	if n := len(s.SentMail()); n != 0 {
		t.Errorf("%d messages recorded after refusals", n)
	}
	// With the send scope the same call goes through.
	if _, err := gmailAs(t, base, clientFor(sendTok)).Users.Messages.Send("me", &gmail.Message{Raw: ok}).Do(); err != nil {
		t.Errorf("send with gmail.send: %v", err)
	}
}
