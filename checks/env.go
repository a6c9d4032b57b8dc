package checks

import (
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"

	"github.com/gwsaudit/gwsaudit/configs"
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
	// questions (case-insensitive substring match, NFKC-normalised; a
	// keyword starting with a Latin letter or digit must also start a word).
	// A keyword is strong unless written with the configs.WeakPrefix prefix
	// ("weak:一覧"): a strong keyword alone is a personal-data signal, a weak
	// one counts only next to a strong one. When a word is listed more than
	// once, the last listing decides whether it is weak.
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
// order, each once; nil unless at least one strong keyword is found. Weak
// keywords are listed only next to a strong one. Matching is substring on
// NFKC-normalised, lower-cased text; a keyword starting with a Latin letter
// or digit must start a word ("grades" is not in "upgrades"). The longest
// keyword wins: an occurrence lying inside an occurrence of a longer keyword
// does not count, so "申込" is not listed for 「申込者一覧」, and a weak
// "児童館" keeps 「児童館だより」 from counting as the strong "児童".
func (e *Env) PersonalData(texts ...string) []string {
	kws := e.index().keywords
	if len(kws) == 0 {
		return nil
	}
	found := make([]bool, len(kws))
	var hits []hit
	for _, t := range texts {
		if t == "" {
			continue
		}
		t = foldText(t)
		hits = hits[:0]
		for ki, k := range kws {
			hits = appendHits(hits, t, ki, k.word, found)
		}
		for _, h := range hits {
			if !found[h.k] && !covered(h, hits, kws) {
				found[h.k] = true
			}
		}
	}
	var out []string
	strong := false
	for ki, k := range kws {
		if found[ki] {
			out = append(out, k.word)
			strong = strong || !k.weak
		}
	}
	if !strong {
		return nil
	}
	return out
}

// hit is one occurrence of keyword k at t[start:end].
type hit struct{ k, start, end int }

// maxHits bounds the occurrences of one keyword read in one text; a keyword
// occurring more often is found without looking further.
const maxHits = 8

// appendHits appends the occurrences of keyword ki (word w) in t; a w
// starting with an ASCII letter or digit must not follow one.
func appendHits(hits []hit, t string, ki int, w string, found []bool) []hit {
	n := 0
	for off := 0; off < len(t); {
		i := strings.Index(t[off:], w)
		if i < 0 {
			break
		}
		i += off
		off = i + 1
		if isWordByte(w[0]) && i > 0 && isWordByte(t[i-1]) {
			continue
		}
		if n++; n > maxHits {
			found[ki] = true
			break
		}
		hits = append(hits, hit{ki, i, i + len(w)})
	}
	return hits
}

// covered reports whether h lies inside an occurrence of a longer keyword.
func covered(h hit, hits []hit, kws []keyword) bool {
	n := len(kws[h.k].word)
	for _, o := range hits {
		if o.start <= h.start && h.end <= o.end && len(kws[o.k].word) > n {
			return true
		}
	}
	return false
}

func isWordByte(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// keyword is a prepared personal-data keyword.
type keyword struct {
	word string
	weak bool
}

// ParseKeyword splits a configured keyword into its folded word and whether
// it is weak; word is "" for a blank entry.
func ParseKeyword(s string) (word string, weak bool) {
	s = foldText(strings.TrimSpace(s))
	if rest, ok := strings.CutPrefix(s, configs.WeakPrefix); ok {
		s, weak = rest, true
	}
	return strings.TrimSpace(s), weak
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
	keywords                    []keyword
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
	at := map[string]int{}
	for _, s := range e.PersonalDataKeywords {
		w, weak := ParseKeyword(s)
		if w == "" {
			continue
		}
		if i, ok := at[w]; ok {
			ix.keywords[i].weak = weak // the last listing decides
			continue
		}
		at[w] = len(ix.keywords)
		ix.keywords = append(ix.keywords, keyword{w, weak})
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
