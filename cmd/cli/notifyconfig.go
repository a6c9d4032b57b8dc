package cli

import (
	"crypto/x509"
	"net/mail"
	"os"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/gwsaudit/gwsaudit/internal/smallfile"
	"github.com/gwsaudit/gwsaudit/internal/usererr"
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
		return o, usererr.New(usererr.NotifyFromUnset)
	}
	if n.From != "" {
		from, err := mail.ParseAddress(n.From)
		if err != nil {
			return o, usererr.Wrap(err, usererr.NotifyFromBad, n.From)
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
			return o, usererr.New(usererr.NotifyLanguageEntry)
		}
		if o.Languages == nil {
			o.Languages = map[string]string{}
		}
		o.Languages[strings.ToLower(strings.TrimSpace(l.Match))] = l.Lang
	}
	for _, c := range n.OrgUnitContacts {
		if !strings.HasPrefix(c.OrgUnit, "/") {
			return o, usererr.New(usererr.NotifyOUPath, c.OrgUnit)
		}
		a, err := bareAddress(c.Contact, usererr.New(usererr.OUContactOf, c.OrgUnit))
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

// bareAddress accepts a plain address only; what names the setting (a
// config key, or a usererr phrase).
func bareAddress(s string, what any) (string, error) {
	a, err := mail.ParseAddress(strings.TrimSpace(s))
	if err != nil || a.Name != "" {
		return "", usererr.New(usererr.BadAddress, what, s)
	}
	return strings.ToLower(a.Address), nil
}

// smtpSender builds the SMTP sender; the password comes from the
// environment variable password_env names (default
// GWSAUDIT_SMTP_PASSWORD) or from password_file.
func (n *notifySettings) smtpSender(envelope string) (*notify.SMTP, error) {
	c := n.SMTP
	if c.Host == "" {
		return nil, usererr.New(usererr.SMTPHostUnset)
	}
	s := &notify.SMTP{Host: c.Host, Port: c.Port, ImplicitTLS: c.ImplicitTLS, AllowPlaintext: c.AllowPlaintext,
		Username: c.Username, Envelope: envelope, Timeout: c.Timeout}
	switch {
	case c.PerMinute < 0:
		return nil, usererr.New(usererr.SMTPPerMinute, c.PerMinute)
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
		pem, err := smallfile.Read(c.CAFile, usererr.WhatCAFile, 1<<20, usererr.HintCAFile)
		if err != nil {
			return nil, usererr.Wrap(err, usererr.CAFileRead)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, usererr.New(usererr.CAFileNoPEM, c.CAFile)
		}
		s.RootCAs = pool
	}
	return s, nil
}

// password reads the SMTP password from a file or the environment; errors
// name where it was looked for, never what was found.
func (c *smtpSettings) password() (string, error) {
	if c.PasswordFile != "" {
		data, err := smallfile.Read(c.PasswordFile, usererr.WhatPasswordFile, maxSecretFile, usererr.HintPasswordFile)
		if err != nil {
			return "", usererr.Wrap(err, usererr.PasswordFileRead)
		}
		pw := strings.TrimRight(string(data), "\r\n")
		if pw == "" {
			return "", usererr.New(usererr.PasswordFileEmpty, c.PasswordFile)
		}
		return pw, nil
	}
	env := c.PasswordEnv
	if env == "" {
		env = defaultSMTPPasswordEnv
	}
	pw := os.Getenv(env)
	if pw == "" {
		return "", usererr.New(usererr.SMTPNoPassword, env)
	}
	return pw, nil
}
