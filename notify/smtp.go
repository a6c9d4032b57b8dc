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

	"golang.org/x/time/rate"
)

// SMTP sends messages through a mail server, one connection for all of
// them; call Close when done. Not safe for concurrent use. STARTTLS is required unless
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
	// Pace, when set, is waited on before each message (servers such as
	// Microsoft 365 take 30 messages a minute).
	Pace *rate.Limiter

	sess *smtpSession // the connection messages share
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

// Send implements Sender. Messages share one connection (RSET between
// them); when a reused connection fails before the server took the sender
// — it closed an idle connection, or allows only so many messages per
// connection — the message is sent again on a fresh one. A failure later
// in the exchange is not retried: the message may have been taken.
func (s *SMTP) Send(ctx context.Context, n *Notice, msg []byte) error {
	if s.Username != "" && s.AllowPlaintext && !s.ImplicitTLS {
		// PLAIN over a plaintext connection would expose the password.
		return errors.New("smtp: a username needs TLS: drop allow_plaintext or the username")
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	if s.Pace != nil {
		if err := s.Pace.Wait(ctx); err != nil {
			return fmt.Errorf("smtp: %w", err)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	reused := s.sess != nil
	if !reused {
		if err := s.open(ctx); err != nil {
			return err
		}
	}
	early, err := s.transact(ctx, n, msg)
	if err == nil {
		return nil
	}
	s.drop()
	if !reused || !early || ctx.Err() != nil {
		return err
	}
	if err := s.open(ctx); err != nil {
		return err
	}
	if _, err = s.transact(ctx, n, msg); err != nil {
		s.drop()
	}
	return err
}

// Close ends the shared connection (QUIT).
func (s *SMTP) Close() error {
	if s.sess == nil {
		return nil
	}
	err := s.sess.c.Quit()
	s.drop()
	if err != nil {
		return fmt.Errorf("smtp: %s: %w", s.addr(), err)
	}
	return nil
}

// smtpSession is an open, secured and logged-in connection.
type smtpSession struct {
	conn net.Conn
	c    *smtp.Client
}

// open connects, secures the connection and logs in.
func (s *SMTP) open(ctx context.Context) error {
	conn, err := s.dial(ctx)
	if err != nil {
		return fmt.Errorf("smtp: connect to %s: %w", s.addr(), err)
	}
	s.deadline(ctx, conn)
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp: %s: %w", s.addr(), err)
	}
	s.sess = &smtpSession{conn: conn, c: c}
	if err := s.secure(c); err != nil {
		s.drop()
		return err
	}
	if err := s.login(c); err != nil {
		s.drop()
		return err
	}
	return nil
}

// deadline bounds the exchange by ctx.
func (s *SMTP) deadline(ctx context.Context, conn net.Conn) {
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
}

// drop closes the connection without a word.
func (s *SMTP) drop() {
	if s.sess != nil {
		s.sess.c.Close()
		s.sess = nil
	}
}

// login authenticates when a username is configured.
func (s *SMTP) login(c *smtp.Client) error {
	if s.Username == "" {
		return nil
	}
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
	return nil
}

// transact sends one message on the open session; early is true when it
// failed before the server took the sender (RSET or MAIL FROM).
func (s *SMTP) transact(ctx context.Context, n *Notice, msg []byte) (early bool, err error) {
	c := s.sess.c
	s.deadline(ctx, s.sess.conn)
	conn := s.sess.conn
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	if err := c.Reset(); err != nil {
		return true, fmt.Errorf("smtp: %s: %w", s.addr(), err)
	}
	if err := c.Mail(s.Envelope); err != nil {
		return true, fmt.Errorf("smtp: %s refused the sender %s: %w", s.addr(), s.Envelope, err)
	}
	for _, rcpt := range n.Recipients() {
		if err := c.Rcpt(rcpt); err != nil {
			return false, fmt.Errorf("smtp: %s refused the recipient %s: %w", s.addr(), rcpt, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return false, fmt.Errorf("smtp: %s: %w", s.addr(), err)
	}
	if _, err := w.Write(msg); err != nil {
		return false, fmt.Errorf("smtp: %s: send the message: %w", s.addr(), err)
	}
	if err := w.Close(); err != nil {
		return false, fmt.Errorf("smtp: %s did not accept the message: %w", s.addr(), err)
	}
	return false, nil
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
