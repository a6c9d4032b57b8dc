package notify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"

	"github.com/gwsaudit/gwsaudit/report"
)

// Message renders n as an RFC 5322 message from `from`: UTF-8 text in
// quoted-printable, the subject as RFC 2047 encoded words, addresses
// formatted by net/mail, CRLF line ends. It marks itself auto-generated
// (RFC 3834) so that auto-responders stay quiet.
func Message(n *Notice, from mail.Address, replyTo string) ([]byte, error) {
	if from.Address == "" {
		return nil, fmt.Errorf("no sender address (notify.from in the config)")
	}
	to := mail.Address{Name: n.Name, Address: n.Owner}
	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", from.String())
	header("To", to.String())
	if len(n.Cc) > 0 {
		cc := make([]string, len(n.Cc))
		for i, a := range n.Cc {
			cc[i] = (&mail.Address{Address: a}).String()
		}
		header("Cc", strings.Join(cc, ", "))
	}
	if replyTo != "" {
		header("Reply-To", (&mail.Address{Address: replyTo}).String())
	}
	header("Subject", mime.BEncoding.Encode("UTF-8", n.Subject))
	header("Date", n.Date.Format(time.RFC1123Z))
	header("Message-ID", n.MessageID)
	header("MIME-Version", "1.0")
	header("Content-Type", mime.FormatMediaType("text/plain", map[string]string{"charset": "UTF-8"}))
	header("Content-Transfer-Encoding", "quoted-printable")
	header("Content-Language", n.Lang)
	header("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b) // writes line ends as CRLF
	if _, err := qp.Write([]byte(lines.Replace(n.Body))); err != nil {
		return nil, fmt.Errorf("encode the message to %s: %w", n.Owner, err)
	}
	if err := qp.Close(); err != nil {
		return nil, fmt.Errorf("encode the message to %s: %w", n.Owner, err)
	}
	return b.Bytes(), nil
}

// lines turns CRLF and lone CR into LF before encoding.
var lines = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// Recipients are the envelope recipients of n: the owner and the copies.
func (n *Notice) Recipients() []string {
	return append([]string{n.Owner}, n.Cc...)
}

// messageID is unique per run, owner and time of writing, under the
// sender's domain.
func messageID(run report.Run, n *Notice, from string) string {
	_, dom, ok := strings.Cut(from, "@")
	if !ok || dom == "" {
		dom = "gwsaudit.invalid"
	}
	sum := sha256.Sum256([]byte(run.ID + "\x00" + run.Tenant.PrimaryDomain + "\x00" + n.Owner + "\x00" + n.Date.UTC().Format(time.RFC3339)))
	return "<gwsaudit." + hex.EncodeToString(sum[:12]) + "@" + dom + ">"
}
