package notify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"os"
	"strconv"
	"strings"
	"time"
)

// SMTP sends messages through a mail server. STARTTLS is required unless
// ImplicitTLS (port 465) or AllowPlaintext is set; credentials (PLAIN, else
// LOGIN) are only ever sent over TLS.
type SMTP struct {
	Host string
	Port int // default 587 (465 with ImplicitTLS)
	// ImplicitTLS connects with TLS from the start (SMTPS, port 465).
	ImplicitTLS bool
	// AllowPlaintext sends without TLS when the server offers no STARTTLS
	// (a relay on the same host); never with a username.
	AllowPlaintext bool
	Username       string
	Password       string // never logged, never in errors
	// RootCAs verify the server's certificate; nil: the system's.
	RootCAs *x509.CertPool
	// Envelope is the envelope sender (MAIL FROM).
	Envelope string
	// Timeout bounds one message's whole exchange (default 1 minute).
	Timeout time.Duration
	// Helo is the name given in EHLO (default: this host's name when it
	// is fully qualified, else "localhost"); servers that check it refuse
	// a bare host name.
	Helo string
}

// Describe implements Sender.
func (s *SMTP) Describe() string { return "SMTP " + s.addr() }

func (s *SMTP) addr() string {
	port := s.Port
	if port == 0 {
		port = 587
		if s.ImplicitTLS {
			port = 465
		}
	}
	return net.JoinHostPort(s.Host, strconv.Itoa(port))
}

// Send implements Sender: one connection per message.
func (s *SMTP) Send(ctx context.Context, n *Notice, msg []byte) (err error) {
	if s.Username != "" && s.AllowPlaintext && !s.ImplicitTLS {
		// PLAIN over a plaintext connection would expose the password.
		return errors.New("smtp: a username needs TLS: drop allow_plaintext or the username")
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	conn, err := s.dial(ctx)
	if err != nil {
		return fmt.Errorf("smtp: connect to %s: %w", s.addr(), err)
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp: %s: %w", s.addr(), err)
	}
	defer c.Close()
	if err := s.secure(c); err != nil {
		return err
	}
	if s.Username != "" {
		ok, offered := c.Extension("AUTH")
		if !ok {
			return fmt.Errorf("smtp: %s offers no AUTH, but a username is configured", s.addr())
		}
		auth, err := smtpAuth(offered, s.Username, s.Password, s.Host)
		if err != nil {
			return fmt.Errorf("smtp: %s: %w", s.addr(), err)
		}
		if err := c.Auth(auth); err != nil {
			return fmt.Errorf("smtp: %s refused the login of %s (check notify.smtp.username and the password's environment variable or file): %w", s.addr(), s.Username, err)
		}
	}
	if err := c.Mail(s.Envelope); err != nil {
		return fmt.Errorf("smtp: %s refused the sender %s: %w", s.addr(), s.Envelope, err)
	}
	for _, rcpt := range n.Recipients() {
		if err := c.Rcpt(rcpt); err != nil {
			return fmt.Errorf("smtp: %s refused the recipient %s: %w", s.addr(), rcpt, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp: %s: %w", s.addr(), err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("smtp: %s: send the message: %w", s.addr(), err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp: %s did not accept the message: %w", s.addr(), err)
	}
	if err := c.Quit(); err != nil {
		return fmt.Errorf("smtp: %s: %w", s.addr(), err)
	}
	return nil
}

// dial connects, with TLS from the start for ImplicitTLS.
func (s *SMTP) dial(ctx context.Context) (net.Conn, error) {
	if s.ImplicitTLS {
		d := tls.Dialer{Config: s.tlsConfig()}
		return d.DialContext(ctx, "tcp", s.addr())
	}
	var d net.Dialer
	return d.DialContext(ctx, "tcp", s.addr())
}

// secure upgrades the connection with STARTTLS, or refuses to go on
// without TLS unless AllowPlaintext.
func (s *SMTP) secure(c *smtp.Client) error {
	if s.ImplicitTLS {
		return nil
	}
	if err := c.Hello(s.helo()); err != nil {
		return fmt.Errorf("smtp: %s: %w", s.addr(), err)
	}
	if ok, _ := c.Extension("STARTTLS"); !ok {
		if s.AllowPlaintext {
			return nil
		}
		return fmt.Errorf("smtp: %s does not offer STARTTLS, which is required (set notify.smtp.implicit_tls for port 465, or allow_plaintext for a relay on this host)", s.addr())
	}
	if err := c.StartTLS(s.tlsConfig()); err != nil {
		return fmt.Errorf("smtp: STARTTLS with %s: %w", s.addr(), err)
	}
	return nil
}

func (s *SMTP) helo() string {
	if s.Helo != "" {
		return s.Helo
	}
	if h, err := os.Hostname(); err == nil && strings.Contains(h, ".") && !strings.ContainsAny(h, " \r\n") {
		return h
	}
	return "localhost"
}

func (s *SMTP) tlsConfig() *tls.Config {
	return &tls.Config{ServerName: s.Host, RootCAs: s.RootCAs, MinVersion: tls.VersionTLS12}
}
