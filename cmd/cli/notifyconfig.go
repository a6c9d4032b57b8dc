package cli

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/gwsaudit/gwsaudit/internal/smallfile"
	"github.com/gwsaudit/gwsaudit/notify"
)

// notifySettings are the config file's `notify` table: owner notices and
// the admin's webhook. Secrets are never here: the SMTP password and the
// webhook URL come from an environment variable or a file.
type notifySettings struct {
	// Lang is the default language of owner messages (default ja).
	Lang string `mapstructure:"lang"`
	// From is the sender the messages name: "情報政策課 <security@…>".
	From    string `mapstructure:"from"`
	ReplyTo string `mapstructure:"reply_to"`
	// Contact is whom owners are told to ask ("情報政策課（内線 1234）").
	Contact string `mapstructure:"contact"`
	// Languages override Lang per address or domain (a list, since viper
	// splits map keys at dots).
	Languages []notifyLanguage `mapstructure:"languages"`
	// OrgUnitContacts get a copy of their members' messages.
	OrgUnitContacts []orgUnitContact `mapstructure:"org_unit_contacts"`
	MaxItems        int              `mapstructure:"max_items"`
	SMTP            smtpSettings     `mapstructure:"smtp"`
	Gmail           gmailSettings    `mapstructure:"gmail"`
	// WebhookFile holds the admin's chat webhook URL (audit
	// --notify-webhook-file); GWSAUDIT_NOTIFY_WEBHOOK is the other source.
	WebhookFile string `mapstructure:"webhook_file"`
}

type notifyLanguage struct {
	Match string `mapstructure:"match"` // an address or a domain
	Lang  string `mapstructure:"lang"`
}

type orgUnitContact struct {
	OrgUnit string `mapstructure:"org_unit"` // "/健康福祉部"
	Contact string `mapstructure:"contact"`  // an address
}

type smtpSettings struct {
	Host           string        `mapstructure:"host"`
	Port           int           `mapstructure:"port"`
	ImplicitTLS    bool          `mapstructure:"implicit_tls"`
	AllowPlaintext bool          `mapstructure:"allow_plaintext"`
	Username       string        `mapstructure:"username"`
	PasswordEnv    string        `mapstructure:"password_env"`
	PasswordFile   string        `mapstructure:"password_file"`
	CAFile         string        `mapstructure:"ca_file"`
	Timeout        time.Duration `mapstructure:"timeout"`
	// PerMinute caps the messages sent a minute (0: no cap).
	PerMinute int `mapstructure:"per_minute"`
}

type gmailSettings struct {
	Sender string `mapstructure:"sender"` // the tenant user messages are sent as
}

// defaultSMTPPasswordEnv is read when password_env is not set.
const defaultSMTPPasswordEnv = "GWSAUDIT_SMTP_PASSWORD"

// maxSecretFile bounds a password or webhook file.
const maxSecretFile = 64 << 10

// options turns the settings into notify.Options (without OrgUnitOf).
func (n *notifySettings) options(langFlag string) (notify.Options, error) {
	o := notify.Options{Lang: n.Lang, Contact: n.Contact, MaxItems: n.MaxItems}
	if langFlag != "" {
		o.Lang = langFlag
	}
	if o.Lang == "" {
		o.Lang = "ja"
	}
	if n.From == "" && n.Gmail.Sender == "" {
		return o, errors.New("config: notify.from is not set: the sender messages name, such as \"情報政策課 <security@city.example.jp>\"")
	}
	if n.From != "" {
		from, err := mail.ParseAddress(n.From)
		if err != nil {
			return o, fmt.Errorf("config: notify.from %q: %w", n.From, err)
		}
		o.From = *from
	} else {
		o.From = mail.Address{Address: n.Gmail.Sender}
	}
	if n.ReplyTo != "" {
		a, err := bareAddress(n.ReplyTo, "notify.reply_to")
		if err != nil {
			return o, err
		}
		o.ReplyTo = a
	}
	for _, l := range n.Languages {
		if l.Match == "" || l.Lang == "" {
			return o, errors.New("config: each notify.languages entry needs match (an address or domain) and lang")
		}
		if o.Languages == nil {
			o.Languages = map[string]string{}
		}
		o.Languages[strings.ToLower(strings.TrimSpace(l.Match))] = l.Lang
	}
	for _, c := range n.OrgUnitContacts {
		if !strings.HasPrefix(c.OrgUnit, "/") {
			return o, fmt.Errorf("config: notify.org_unit_contacts: org_unit %q must be a path starting with / (as the Admin console shows it)", c.OrgUnit)
		}
		a, err := bareAddress(c.Contact, "notify.org_unit_contacts contact of "+c.OrgUnit)
		if err != nil {
			return o, err
		}
		if o.OrgUnitContacts == nil {
			o.OrgUnitContacts = map[string]string{}
		}
		o.OrgUnitContacts[c.OrgUnit] = a
	}
	return o, nil
}

// bareAddress accepts a plain address only.
func bareAddress(s, what string) (string, error) {
	a, err := mail.ParseAddress(strings.TrimSpace(s))
	if err != nil || a.Name != "" {
		return "", fmt.Errorf("config: %s %q is not a plain e-mail address", what, s)
	}
	return strings.ToLower(a.Address), nil
}

// smtpSender builds the SMTP sender; the password comes from the
// environment variable password_env names (default
// GWSAUDIT_SMTP_PASSWORD) or from password_file.
func (n *notifySettings) smtpSender(envelope string) (*notify.SMTP, error) {
	c := n.SMTP
	if c.Host == "" {
		return nil, errors.New("config: notify.smtp.host is not set (the mail server for --via smtp)")
	}
	s := &notify.SMTP{Host: c.Host, Port: c.Port, ImplicitTLS: c.ImplicitTLS, AllowPlaintext: c.AllowPlaintext,
		Username: c.Username, Envelope: envelope, Timeout: c.Timeout}
	switch {
	case c.PerMinute < 0:
		return nil, fmt.Errorf("config: notify.smtp.per_minute is %d: give a positive number of messages a minute, or leave it out for no cap", c.PerMinute)
	case c.PerMinute > 0:
		s.Pace = rate.NewLimiter(rate.Every(time.Minute/time.Duration(c.PerMinute)), 1)
	}
	if c.Username != "" {
		pw, err := c.password()
		if err != nil {
			return nil, err
		}
		s.Password = pw
	}
	if c.CAFile != "" {
		pem, err := smallfile.Read(c.CAFile, "CA certificate file", 1<<20, "a PEM file of the CA that signed the mail server's certificate")
		if err != nil {
			return nil, fmt.Errorf("config: notify.smtp.ca_file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("config: notify.smtp.ca_file %s holds no PEM certificate", c.CAFile)
		}
		s.RootCAs = pool
	}
	return s, nil
}

// password reads the SMTP password from a file or the environment; errors
// name where it was looked for, never what was found.
func (c *smtpSettings) password() (string, error) {
	if c.PasswordFile != "" {
		data, err := smallfile.Read(c.PasswordFile, "SMTP password file", maxSecretFile, "a file holding only the password")
		if err != nil {
			return "", fmt.Errorf("config: notify.smtp.password_file: %w", err)
		}
		pw := strings.TrimRight(string(data), "\r\n")
		if pw == "" {
			return "", fmt.Errorf("config: notify.smtp.password_file %s is empty", c.PasswordFile)
		}
		return pw, nil
	}
	env := c.PasswordEnv
	if env == "" {
		env = defaultSMTPPasswordEnv
	}
	pw := os.Getenv(env)
	if pw == "" {
		return "", fmt.Errorf("notify.smtp.username is set but no password: set the environment variable %s, or notify.smtp.password_file (never put the password in the config file)", env)
	}
	return pw, nil
}
