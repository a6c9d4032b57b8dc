// Package smtpsink is an in-process SMTP server for tests: it accepts mail
// on loopback (with STARTTLS on a self-signed certificate, and PLAIN
// login when asked) and keeps every message for the test to read.
package smtpsink

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Options configure a sink.
type Options struct {
	// TLS offers STARTTLS with a certificate for 127.0.0.1 that Sink.Roots
	// trusts.
	TLS bool
	// Username and Password, when set, are the one login the sink takes
	// (over TLS only); mail without it is refused.
	Username, Password string
	// LoginOnly offers LOGIN instead of PLAIN (as Microsoft 365 does).
	LoginOnly bool
	// PerSession, when above zero, is how many messages one session (one
	// EHLO) may carry; the next MAIL FROM gets 421 (as servers that limit
	// messages per connection answer).
	PerSession int
}

// Message is one message received.
type Message struct {
	From string
	To   []string
	Data []byte
	TLS  bool // the session was under TLS when DATA came
	User string
}

// Sink is a running SMTP server.
type Sink struct {
	Host  string
	Port  int
	Roots *x509.CertPool // trusts the sink's certificate (TLS)
	// CertPEM is that certificate in PEM, for a CA file.
	CertPEM []byte

	mu    sync.Mutex
	msgs  []Message
	conns map[string]bool // client addresses seen: one per connection
}

// Start serves a sink on a free loopback port until the test ends.
func Start(t testing.TB, opts Options) *Sink {
	t.Helper()
	s := &Sink{conns: map[string]bool{}}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		// go-smtp starts a session at each EHLO (again after STARTTLS):
		// connections are told apart by the client's address.
		s.mu.Lock()
		s.conns[c.Conn().RemoteAddr().String()] = true
		s.mu.Unlock()
		return &session{sink: s, conn: c, opts: opts}, nil
	}))
	srv.Domain = "sink.test"
	srv.ErrorLog = log.New(io.Discard, "", 0) // clients hanging up are no news
	srv.ReadTimeout, srv.WriteTimeout = time.Minute, time.Minute
	srv.MaxMessageBytes = 10 << 20
	if opts.TLS {
		cert, roots, err := selfSigned()
		if err != nil {
			t.Fatalf("smtpsink: certificate: %v", err)
		}
		s.CertPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Certificate[0]})
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		s.Roots = roots
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtpsink: listen: %v", err)
	}
	addr := l.Addr().(*net.TCPAddr)
	s.Host, s.Port = addr.IP.String(), addr.Port
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

// Addr is host:port.
func (s *Sink) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Messages returns the messages received so far.
func (s *Sink) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Connections counts the connections taken so far.
func (s *Sink) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

type session struct {
	sink *Sink
	conn *smtp.Conn
	opts Options
	user string
	msg  Message
	sent int
}

func (ss *session) AuthMechanisms() []string {
	switch {
	case ss.opts.Username == "":
		return nil
	case ss.opts.LoginOnly:
		return []string{sasl.Login}
	}
	return []string{sasl.Plain}
}

func (ss *session) Auth(mech string) (sasl.Server, error) {
	check := func(user, pass string) error {
		if user != ss.opts.Username || pass != ss.opts.Password {
			return errors.New("invalid credentials")
		}
		ss.user = user
		return nil
	}
	if mech == sasl.Login {
		return &loginServer{check: check}, nil
	}
	return sasl.NewPlainServer(func(_, user, pass string) error { return check(user, pass) }), nil
}

// loginServer is the server side of LOGIN: it asks for the user name, then
// the password.
type loginServer struct {
	check func(user, pass string) error
	step  int
	user  string
}

func (l *loginServer) Next(response []byte) ([]byte, bool, error) {
	l.step++
	switch l.step {
	case 1:
		if len(response) > 0 { // an initial response is the user name
			l.user, l.step = string(response), 2
			return []byte("Password:"), false, nil
		}
		return []byte("Username:"), false, nil
	case 2:
		l.user = string(response)
		return []byte("Password:"), false, nil
	}
	return nil, true, l.check(l.user, string(response))
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.opts.Username != "" && ss.user == "" {
		return smtp.ErrAuthRequired
	}
	if ss.opts.PerSession > 0 && ss.sent >= ss.opts.PerSession {
		return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 7, 0}, Message: "Too many messages in this session"}
	}
	ss.msg = Message{From: from}
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.msg.To = append(ss.msg.To, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, tlsOn := ss.conn.TLSConnectionState()
	m := ss.msg
	m.Data, m.TLS, m.User = data, tlsOn, ss.user
	ss.sink.mu.Lock()
	ss.sink.msgs = append(ss.sink.msgs, m)
	ss.sink.mu.Unlock()
	ss.sent++
	return nil
}

func (ss *session) Reset()        { ss.msg = Message{} }
func (ss *session) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned() (tls.Certificate, *x509.CertPool, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "smtpsink"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:     []string{"localhost"},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool, nil
}
