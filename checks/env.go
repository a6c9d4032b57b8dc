package checks

import (
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"

	"github.com/gwsaudit/gwsaudit/model"
)

// Env is what the checks know about the tenant and the organisation's policy.
// The auditor builds it from the Directory and the config before any item is
// checked; checks only read it.
type Env struct {
	// InternalDomains are the tenant's own domains (Directory domains.list
	// plus any configured), lower-case.
	InternalDomains []string
	// PartnerDomains are outside domains the organisation works with on
	// purpose: not "outside" for SHARE-005, but still checked for lookalikes.
	PartnerDomains []string
	// FreeMailDomains are consumer mail providers (gmail.com, yahoo.co.jp…).
	FreeMailDomains []string
	// InternalUsers are the tenant's user addresses, lower-case.
	InternalUsers []string
	// PersonalDataKeywords are matched against item names and form
	// questions (case-insensitive substring match, NFKC-normalised).
	PersonalDataKeywords []string
	// Revocations are folder access removals read from the audit log.
	Revocations []model.Revocation
	// Audiences and AudienceRules are the audience policy (SHARE-009):
	// items of a rule's From audience must not reach its To audience.
	Audiences     []Audience
	AudienceRules []AudienceRule
	// UserOrgUnits maps every user address (lower-case) to its org unit
	// path; GroupUsers maps a group's address to every user reached
	// through it, nested groups included. The auditor fills both from the
	// Directory.
	UserOrgUnits map[string]string
	GroupUsers   map[string][]string

	idx *envIndex // built by Prepare
}

// Prepare builds the lookup sets behind the Env's methods from its current
// fields. Call it once after filling the Env and before sharing it between
// goroutines (NewEngine does); call it again after changing a field. Without
// it every method still answers correctly, only slower.
func (e *Env) Prepare() { e.idx = newEnvIndex(e) }

func (e *Env) index() *envIndex {
	if e.idx != nil {
		return e.idx
	}
	return newEnvIndex(e)
}

// IsInternal reports whether domain is one of the tenant's domains or a
// subdomain of one.
func (e *Env) IsInternal(domain string) bool { return within(normDomain(domain), e.index().internal) }

// IsPartner reports whether domain is an allowed partner domain or a
// subdomain of one.
func (e *Env) IsPartner(domain string) bool { return within(normDomain(domain), e.index().partner) }

// IsFreeMail reports whether domain is a consumer mail domain (exact match).
func (e *Env) IsFreeMail(domain string) bool {
	d := normDomain(domain)
	return d != "" && e.index().freeMail[d]
}

// IsOutside reports whether p reaches a user, group or domain whose domain
// is neither internal nor a partner. Anyone grants and grants without a
// domain are not "outside".
func (e *Env) IsOutside(p model.Permission) bool {
	switch p.Type {
	case model.TypeUser, model.TypeGroup, model.TypeDomain:
	default:
		return false
	}
	d := normDomain(p.PrincipalDomain())
	if d == "" {
		return false
	}
	ix := e.index()
	return !within(d, ix.internal) && !within(d, ix.partner)
}

// PersonalData returns the personal-data keywords found in texts, in keyword
// order, each once. Matching is substring on NFKC-normalised, lower-cased text.
func (e *Env) PersonalData(texts ...string) []string {
	kws := e.index().keywords
	if len(kws) == 0 {
		return nil
	}
	folded := make([]string, 0, len(texts))
	for _, t := range texts {
		if t != "" {
			folded = append(folded, foldText(t))
		}
	}
	var out []string
	for _, k := range kws {
		for _, t := range folded {
			if strings.Contains(t, k) {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// Lookalike reports whether p reaches an outside address or domain that is a
// near miss of an internal user or an internal or partner domain.
func (e *Env) Lookalike(p model.Permission) (Lookalike, bool) {
	if !e.IsOutside(p) {
		return Lookalike{}, false
	}
	c := p.Email
	if p.Type == model.TypeDomain || c == "" {
		c = p.PrincipalDomain()
	}
	ix := e.index()
	if v, ok := ix.lookCache.Load(c); ok {
		r := v.(lookResult)
		return r.l, r.ok
	}
	l, ok := ix.look.find(c)
	ix.lookCache.Store(c, lookResult{l, ok})
	return l, ok
}

type lookResult struct {
	l  Lookalike
	ok bool
}

// revoked reports whether p's principal was removed from some folder.
func (e *Env) revoked(p model.Permission) bool {
	return len(e.revocationsOf(p)) > 0
}

// revocationsOf returns the revocations naming p's principal.
func (e *Env) revocationsOf(p model.Permission) []model.Revocation {
	return e.index().revoked[principalKey(p.Type, p.Email, p.Domain)]
}

// envIndex is the prepared form of an Env; read-only once built.
type envIndex struct {
	internal, partner, freeMail map[string]bool
	keywords                    []string
	look                        *lookalikeIndex
	lookCache                   sync.Map // candidate → lookResult
	revoked                     map[string][]model.Revocation
	audiences                   *audienceIndex // nil without audience rules
}

func newEnvIndex(e *Env) *envIndex {
	ix := &envIndex{
		internal: domainSet(e.InternalDomains),
		partner:  domainSet(e.PartnerDomains),
		freeMail: domainSet(e.FreeMailDomains),
		revoked:  map[string][]model.Revocation{},
	}
	seen := map[string]bool{}
	for _, k := range e.PersonalDataKeywords {
		if k = foldText(strings.TrimSpace(k)); k != "" && !seen[k] {
			seen[k] = true
			ix.keywords = append(ix.keywords, k)
		}
	}
	ix.look = newLookalikeIndex(e.InternalUsers, slices.Concat(e.InternalDomains, e.PartnerDomains))
	for _, r := range e.Revocations {
		k := principalKey(r.Type, r.Email, r.Domain)
		ix.revoked[k] = append(ix.revoked[k], r)
	}
	ix.audiences = newAudienceIndex(e)
	return ix
}

func domainSet(ds []string) map[string]bool {
	m := make(map[string]bool, len(ds))
	for _, d := range ds {
		if d = normDomain(d); d != "" {
			m[d] = true
		}
	}
	return m
}

// within reports whether d or one of its parent domains is in set.
func within(d string, set map[string]bool) bool {
	for d != "" {
		if set[d] {
			return true
		}
		i := strings.IndexByte(d, '.')
		if i < 0 {
			return false
		}
		d = d[i+1:]
	}
	return false
}

func normDomain(d string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d)), ".")
}

func foldText(s string) string { return strings.ToLower(norm.NFKC.String(s)) }

// principalKey identifies a grant's principal regardless of role.
func principalKey(typ, email, domain string) string {
	switch typ {
	case model.TypeAnyone:
		return model.TypeAnyone
	case model.TypeDomain:
		return model.TypeDomain + ":" + normDomain(domain)
	}
	return typ + ":" + strings.ToLower(strings.TrimSpace(email))
}
