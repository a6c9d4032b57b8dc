package notify

import (
	"errors"
	"net/smtp"
	"slices"
	"strings"
)

// smtpAuth picks PLAIN, else LOGIN (Microsoft 365 and other servers that
// offer no PLAIN), from the mechanisms the server lists after EHLO. Both
// refuse to run over a connection without TLS.
func smtpAuth(offered, user, pass, host string) (smtp.Auth, error) {
	mechs := strings.Fields(strings.ToUpper(offered))
	switch {
	case slices.Contains(mechs, "PLAIN"):
		return smtp.PlainAuth("", user, pass, host), nil
	case slices.Contains(mechs, "LOGIN"):
		return &loginAuth{user: user, pass: pass, host: host}, nil
	}
	return nil, errors.New("the server offers neither PLAIN nor LOGIN (it offers " + strings.Join(mechs, " ") + ")")
}

// loginAuth is the LOGIN mechanism: the user name and the password, each
// asked for by the server.
type loginAuth struct{ user, pass, host string }

// Start implements smtp.Auth.
func (a *loginAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	if !server.TLS {
		return "", nil, errors.New("unencrypted connection")
	}
	if server.Name != a.host {
		return "", nil, errors.New("wrong host name")
	}
	return "LOGIN", nil, nil
}

// Next implements smtp.Auth. A challenge it does not know is refused
// without being quoted.
func (a *loginAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	switch strings.ToLower(strings.TrimSpace(string(fromServer))) {
	case "username:", "user name", "username":
		return []byte(a.user), nil
	case "password:", "password":
		return []byte(a.pass), nil
	}
	return nil, errors.New("unexpected LOGIN challenge from the server")
}
