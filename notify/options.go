package notify

import (
	"context"
	"net/mail"
	"strings"
	"time"
)

// Options shape the messages.
type Options struct {
	// Lang is the default language of a message ("ja" when empty).
	Lang string
	// Languages override Lang for an owner: keys are an address
	// (sato@example.jp) or a domain (example.com); the address wins.
	Languages map[string]string
	// From is the sender the messages name.
	From mail.Address
	// ReplyTo, when set, is where replies go (a help desk).
	ReplyTo string
	// Contact is whom the message tells owners to ask ("情報政策課 内線
	// 1234"); empty: the language's generic phrase.
	Contact string
	// OrgUnitContacts map a Directory org unit path to the address that
	// gets a copy of the messages of its members; a member of a child
	// unit without its own entry goes to the nearest parent's.
	OrgUnitContacts map[string]string
	// OrgUnitOf returns an owner's org unit path; nil, or an error, means
	// no copy (Build warns). Only called when OrgUnitContacts is set.
	OrgUnitOf func(ctx context.Context, owner string) (string, error)
	// OnlyNew keeps only findings whose status is new.
	OnlyNew bool
	// Only, when set, keeps only these recipients' messages (lower-case
	// addresses): the others are not written, nor their org units read.
	Only []string
	// MaxItems caps the findings listed in one message (default 50); the
	// message says how many more there are.
	MaxItems int
	// Now dates the messages (default time.Now).
	Now func() time.Time
}

const defaultMaxItems = 50

// langFor picks the owner's language: the address's override, its
// domain's, else the default.
func (o *Options) langFor(owner string) string {
	owner = strings.ToLower(owner)
	if l, ok := lookupFold(o.Languages, owner); ok {
		return l
	}
	if _, dom, ok := strings.Cut(owner, "@"); ok {
		if l, ok := lookupFold(o.Languages, dom); ok {
			return l
		}
	}
	if o.Lang == "" {
		return "ja"
	}
	return o.Lang
}

// lookupFold finds key in m ignoring case.
func lookupFold(m map[string]string, key string) (string, bool) {
	for k, v := range m {
		if strings.EqualFold(strings.TrimSpace(k), key) {
			return v, true
		}
	}
	return "", false
}

// contactFor returns the copy address for an org unit: its own entry,
// else the nearest parent's ("/" last).
func (o *Options) contactFor(orgUnit string) string {
	p := "/" + strings.Trim(orgUnit, "/")
	for {
		for k, v := range o.OrgUnitContacts {
			if strings.EqualFold("/"+strings.Trim(k, "/"), p) {
				return v
			}
		}
		if p == "/" {
			return ""
		}
		i := strings.LastIndex(p, "/")
		p = p[:max(i, 1)]
	}
}
