package checks

import (
	"slices"
	"strings"

	"golang.org/x/net/publicsuffix"
	"golang.org/x/text/unicode/norm"

	"github.com/gwsaudit/gwsaudit/internal/editdist"
)

// Lookalike reasons, as SHARE-006 evidence names them.
const (
	ReasonEditDistance  = "edit_distance" // a character inserted, deleted or replaced
	ReasonTransposition = "transposition" // two neighbouring characters swapped
	ReasonDroppedDot    = "dropped_dot"   // a dot or hyphen left out or swapped (tanaka.taro → tanakataro)
	ReasonTLDSwap       = "tld_swap"      // same name under another suffix (example.jp → example.co.jp)
	ReasonConfusable    = "confusable"    // characters that look alike (rn/m, 0/o, 1/l …)
)

// Lookalike is the intended address or domain an outside one nearly matches.
type Lookalike struct {
	Target string `json:"target"`
	Reason string `json:"reason"`
}

// FindLookalike reports whether candidate (an address or a bare domain) is a
// near miss of one of users (intended addresses) or domains (intended
// domains: internal and partner). A candidate at one of domains, or a
// subdomain of one, is intended itself and never a lookalike; so is a
// candidate listed in users. The local part of an address is compared only
// with users whose domain equals or looks like the candidate's.
func FindLookalike(candidate string, users, domains []string) (Lookalike, bool) {
	return newLookalikeIndex(users, domains).find(candidate)
}

// lookalikeIndex holds the intended targets, sorted so answers are stable.
type lookalikeIndex struct {
	users       map[string]bool
	locals      map[string][]string // user domain → local parts
	localSet    map[string]map[string]bool
	userDomains []string
	domains     []string
	domainSet   map[string]bool
}

func newLookalikeIndex(users, domains []string) *lookalikeIndex {
	ix := &lookalikeIndex{users: map[string]bool{}, locals: map[string][]string{},
		localSet: map[string]map[string]bool{}, domainSet: map[string]bool{}}
	for _, u := range users {
		u = foldText(strings.TrimSpace(u))
		local, dom, ok := splitAddr(u)
		if !ok || local == "" || ix.users[u] {
			continue
		}
		ix.users[u] = true
		if ix.localSet[dom] == nil {
			ix.localSet[dom] = map[string]bool{}
			ix.userDomains = append(ix.userDomains, dom)
		}
		ix.localSet[dom][local] = true
		ix.locals[dom] = append(ix.locals[dom], local)
	}
	for _, d := range domains {
		if d = normDomain(norm.NFKC.String(d)); d != "" && !ix.domainSet[d] {
			ix.domainSet[d] = true
			ix.domains = append(ix.domains, d)
		}
	}
	slices.Sort(ix.userDomains)
	slices.Sort(ix.domains)
	for _, ls := range ix.locals {
		slices.Sort(ls)
	}
	return ix
}

func (ix *lookalikeIndex) find(candidate string) (Lookalike, bool) {
	c := normDomain(foldText(candidate))
	local, dom, isAddr := splitAddr(c)
	if !isAddr {
		dom = c
	}
	if dom == "" || within(dom, ix.domainSet) || (isAddr && ix.users[c]) {
		return Lookalike{}, false
	}
	best, bestRank := Lookalike{}, 4
	consider := func(l Lookalike, rank int) {
		if rank < bestRank {
			best, bestRank = l, rank
		}
	}
	if isAddr && local != "" {
		for _, ud := range ix.userDomains {
			same := ud == dom
			dr := ""
			if !same {
				if dr = domainReason(dom, ud); dr == "" {
					continue
				}
				if ix.localSet[ud][local] {
					consider(Lookalike{local + "@" + ud, dr}, 0)
					continue
				}
			}
			if bestRank <= 1 {
				continue
			}
			for _, l := range ix.locals[ud] {
				if r := nameReason(local, l, false); r != "" {
					if same {
						consider(Lookalike{l + "@" + ud, r}, 1)
					} else {
						consider(Lookalike{l + "@" + ud, dr}, 2)
					}
					break
				}
			}
		}
	}
	if bestRank > 3 {
		for _, d := range slices.Concat(ix.domains, ix.userDomains) {
			if r := domainReason(dom, d); r != "" {
				consider(Lookalike{d, r}, 3)
				break
			}
		}
	}
	return best, bestRank < 4
}

// splitAddr splits "local@domain" at the last "@".
func splitAddr(s string) (local, domain string, ok bool) {
	i := strings.LastIndexByte(s, '@')
	if i < 0 {
		return "", "", false
	}
	return s[:i], normDomain(s[i+1:]), true
}

// domainReason says why domain a looks like domain b ("" when it does not).
// Names are compared without their generic suffix (see splitSuffix), so
// example.co.jp and example.jp share the name "example", while
// pref.kanagawa.jp and pref.shizuoka.jp keep their place names.
//
// Japanese government domains (<type>.<place>.lg.jp and the geographic
// pref.<prefecture>.jp, city.<city>.jp, city.<ward>.<prefecture>.jp) name
// a place: two government domains whose names differ only in one label that
// is a place name on both sides belong to two organisations (半田市
// city.handa.lg.jp and 三田市 city.sanda.lg.jp), and one government's name
// under jp and under lg.jp is the same organisation. A near miss that is no
// place (city.fukuok.lg.jp), a confusable (clty.kobe.lg.jp) and any
// domain outside those namespaces (city-kobe.lg.jp.com, sanda-lg.jp) are
// still lookalikes.
func domainReason(a, b string) string {
	if a == b {
		return ""
	}
	an, as := splitSuffix(a)
	bn, bs := splitSuffix(b)
	if an == "" || bn == "" {
		return ""
	}
	gov := func() bool { return isGovDomain(a) && isGovDomain(b) }
	if an == bn {
		switch {
		case runeCount(stripSep(an)) < minLookalikeLen:
			return ""
		case as == bs:
			// Only separators differ: city.kobe-lg.jp for city.kobe.lg.jp.
			return ReasonDroppedDot
		case (as == "jp" && bs == "lg.jp" || as == "lg.jp" && bs == "jp") && gov():
			return ""
		}
		return ReasonTLDSwap
	}
	r := nameReason(an, bn, true)
	if r != "" && gov() {
		if la, lb, ok := oneLabelDiff(an, bn); ok && isJPPlace(la) && isJPPlace(lb) {
			return ""
		}
	}
	return r
}

// splitSuffix splits a domain into its name and its generic suffix: the
// top-level domain and, before it, the generic second levels people swap
// (co.jp ne.jp or.jp go.jp lg.jp ac.jp ed.jp gr.jp ad.jp, co.uk, com.au …).
// In a government's domain a geographic public suffix such as kanagawa.jp or
// chuo.tokyo.jp stays in the name: the place is what tells two governments
// apart. Anywhere else it is a suffix (sakura-hospital.tokyo.jp → name
// "sakura-hospital", suffix "tokyo.jp"). A "jp" or "co"
// token, and a Japanese second level written before a "jp" token, count as
// suffix too whether joined by a dot or a hyphen (example-jp.com → "example",
// "jp.com"; city-kobe.lg.jp.com → "city-kobe", "lg.jp.com"). A domain that
// is itself a public suffix has no name.
func splitSuffix(d string) (name, suffix string) {
	ps, icann := publicsuffix.PublicSuffix(d)
	if ps == d {
		return "", d
	}
	if icann && geographicJP(ps) && !isGovDomain(d) {
		// A 都道府県型JP name (example.tokyo.jp) is open to anyone with a
		// Japanese address: outside government namespaces its place is
		// just another suffix to swap.
		return strings.TrimSuffix(d, "."+ps), ps
	}
	tld := strings.LastIndexByte(d, '.')
	if tld <= 0 {
		return "", d
	}
	cut, next := tld, d[tld+1:] // the name ends at cut; next is the suffix's first token
	for {
		j := strings.LastIndexAny(d[:cut], ".-")
		if j <= 0 || !genericToken(d[j+1:cut], d[j], next, cut == tld) {
			break
		}
		cut, next = j, d[j+1:cut]
	}
	return d[:cut], strings.ReplaceAll(d[cut+1:tld+1], "-", ".") + d[tld+1:]
}

// geographicJP reports whether ps is a geographic public suffix of jp
// (tokyo.jp, chuo.tokyo.jp), not an organisation type (co.jp, lg.jp).
func geographicJP(ps string) bool {
	sl, ok := strings.CutSuffix(ps, ".jp")
	if !ok {
		return false
	}
	if k := strings.LastIndexByte(sl, '.'); k >= 0 {
		sl = sl[k+1:]
	}
	return !jpSecondLevels[sl]
}

// jpSecondLevels are the generic (organisation-type) second levels of jp.
var jpSecondLevels = map[string]bool{"co": true, "ne": true, "or": true, "go": true, "lg": true,
	"ac": true, "ed": true, "gr": true, "ad": true}

// genericToken reports whether tok, joined by sep to the suffix found so
// far (next is its first token; onlyTLD when it is just the top level),
// is part of a generic suffix.
func genericToken(tok string, sep byte, next string, onlyTLD bool) bool {
	switch {
	case tok == "jp" || tok == "co":
		return true
	case next == "jp":
		return jpSecondLevels[tok]
	case sep != '.' || !onlyTLD || len(next) != 2:
		return false
	}
	// Another country's generic second level (co.uk, com.au, ac.kr …).
	switch tok {
	case "com", "net", "org", "edu", "gov", "ac", "or", "ne", "go":
		ps, icann := publicsuffix.PublicSuffix("x." + tok + "." + next)
		return icann && ps == tok+"."+next
	}
	return false
}

// govLabels start the names of Japanese geographic government domains.
var govLabels = map[string]bool{"pref": true, "metro": true, "city": true, "town": true, "vill": true}

// isGovDomain reports whether d lies in a namespace only Japanese local
// governments may register: lg.jp, or a geographic public suffix
// (kanagawa.jp, sendai.jp, chuo.tokyo.jp) under a pref/metro/city/town/vill
// label, as pref.kanagawa.jp or city.chuo.tokyo.jp.
func isGovDomain(d string) bool {
	if strings.HasSuffix(d, ".lg.jp") {
		return true
	}
	ps, icann := publicsuffix.PublicSuffix(d)
	if !icann || !strings.HasSuffix(ps, ".jp") || d == ps {
		return false
	}
	sl := strings.TrimSuffix(ps, ".jp")
	if k := strings.LastIndexByte(sl, '.'); k >= 0 {
		sl = sl[k+1:]
	}
	if jpSecondLevels[sl] {
		return false
	}
	rest := strings.Split(strings.TrimSuffix(d, "."+ps), ".")
	return govLabels[rest[len(rest)-1]]
}

// oneLabelDiff returns the one dot-separated label in which a and b differ.
func oneLabelDiff(a, b string) (la, lb string, ok bool) {
	sa, sb := strings.Split(a, "."), strings.Split(b, ".")
	if len(sa) != len(sb) {
		return "", "", false
	}
	for i := range sa {
		if sa[i] != sb[i] {
			if ok {
				return "", "", false
			}
			la, lb, ok = sa[i], sb[i], true
		}
	}
	return la, lb, ok
}

// jpPrefectures are the 47 prefecture labels of geographic jp names.
var jpPrefectures = [...]string{"hokkaido", "aomori", "iwate", "miyagi", "akita", "yamagata", "fukushima",
	"ibaraki", "tochigi", "gunma", "saitama", "chiba", "tokyo", "kanagawa", "niigata", "toyama", "ishikawa",
	"fukui", "yamanashi", "nagano", "gifu", "shizuoka", "aichi", "mie", "shiga", "kyoto", "osaka", "hyogo",
	"nara", "wakayama", "tottori", "shimane", "okayama", "hiroshima", "yamaguchi", "tokushima", "kagawa",
	"ehime", "kochi", "fukuoka", "saga", "nagasaki", "kumamoto", "oita", "miyazaki", "kagoshima", "okinawa"}

// isJPPlace reports whether label is the name of a Japanese prefecture,
// designated city or municipality. The public suffix list carries the
// JPRS geographic names (<prefecture>.jp, <city>.jp, <municipality>.<prefecture>.jp),
// so it serves as the gazetteer.
func isJPPlace(label string) bool {
	if label == "" || jpSecondLevels[label] || strings.ContainsAny(label, ".-") {
		return false
	}
	if ps, icann := publicsuffix.PublicSuffix("x." + label + ".jp"); icann && ps != "jp" {
		return true
	}
	for _, pref := range jpPrefectures {
		want := label + "." + pref + ".jp"
		if ps, icann := publicsuffix.PublicSuffix("x." + want); icann && strings.HasSuffix(ps, want) {
			return true
		}
	}
	return false
}

// Length floors: distance matches need names of at least minDistanceLen
// characters (one edit in "abc" means nothing), other reasons minLookalikeLen;
// names of longDistanceLen or more may differ by two edits.
const (
	minLookalikeLen = 4
	minDistanceLen  = 5
	longDistanceLen = 12
)

// nameReason says why name a looks like name b ("" when it does not). With
// labelwise (domain names) the edit-distance test applies to the one
// dot-separated label that differs, so city.ota and city.oita stay apart.
func nameReason(a, b string, labelwise bool) string {
	if a == b {
		return ""
	}
	if sa := stripSep(a); sa == stripSep(b) {
		if runeCount(sa) >= minLookalikeLen {
			return ReasonDroppedDot
		}
		return ""
	}
	if sk := skeleton(a); sk == skeleton(b) {
		if runeCount(stripSep(sk)) >= minLookalikeLen {
			return ReasonConfusable
		}
		return ""
	}
	if labelwise {
		la, lb := strings.Split(a, "."), strings.Split(b, ".")
		if len(la) != len(lb) {
			return ""
		}
		diff := -1
		for i := range la {
			if la[i] != lb[i] {
				if diff >= 0 {
					return ""
				}
				diff = i
			}
		}
		a, b = la[diff], lb[diff]
	}
	return distanceReason([]rune(a), []rune(b))
}

func distanceReason(a, b []rune) string {
	n := min(len(a), len(b))
	if n < minDistanceLen {
		return ""
	}
	limit := 1
	if n >= longDistanceLen {
		limit = 2
	}
	d := editdist.OSA(a, b, limit)
	switch {
	case d > limit:
		return ""
	case d == 1 && isAdjacentSwap(a, b):
		return ReasonTransposition
	}
	return ReasonEditDistance
}

func isAdjacentSwap(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i+1 < len(a); i++ {
		if a[i] != b[i] {
			return a[i] == b[i+1] && a[i+1] == b[i] && slices.Equal(a[i+2:], b[i+2:])
		}
	}
	return false
}

// skeleton maps characters that look alike in a mail client's font to one
// representative: 0→o, 1/i/|→l, Cyrillic look-alikes → Latin, rn→m, vv→w, cl→d.
func skeleton(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '0', 'о':
			r = 'o'
		case '1', 'i', '|', 'ı', 'і':
			r = 'l'
		case 'а':
			r = 'a'
		case 'е':
			r = 'e'
		case 'р':
			r = 'p'
		case 'с':
			r = 'c'
		case 'х':
			r = 'x'
		case 'у':
			r = 'y'
		}
		b.WriteRune(r)
	}
	t := strings.ReplaceAll(b.String(), "rn", "m")
	t = strings.ReplaceAll(t, "vv", "w")
	return strings.ReplaceAll(t, "cl", "d")
}

// stripSep drops the separators people leave out or swap: dots, hyphens, underscores.
func stripSep(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || r == '_' {
			return -1
		}
		return r
	}, s)
}

func runeCount(s string) int { return len([]rune(s)) }
