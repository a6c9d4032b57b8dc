package checks

import (
	"slices"
	"strings"

	"golang.org/x/net/publicsuffix"
	"golang.org/x/text/unicode/norm"
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
// Names are compared without their public suffix, so example.co.jp and
// example.jp share the name "example".
func domainReason(a, b string) string {
	if a == b {
		return ""
	}
	an, _ := splitSuffix(a)
	bn, _ := splitSuffix(b)
	if an == "" || bn == "" {
		return ""
	}
	if an == bn {
		if runeCount(stripSep(an)) >= minLookalikeLen {
			return ReasonTLDSwap
		}
		return ""
	}
	return nameReason(an, bn, true)
}

// splitSuffix splits a domain into its name and its public suffix; a
// trailing "-jp" or "-co" token of the name counts as part of the suffix
// (example-jp.com → "example", "jp.com").
func splitSuffix(d string) (name, suffix string) {
	suffix, _ = publicsuffix.PublicSuffix(d)
	if suffix == d {
		return "", d
	}
	name = strings.TrimSuffix(d, "."+suffix)
	for changed := true; changed; {
		changed = false
		for _, tok := range [...]string{"-jp", "-co"} {
			if len(name) > len(tok) && strings.HasSuffix(name, tok) {
				name, suffix = name[:len(name)-len(tok)], tok[1:]+"."+suffix
				changed = true
			}
		}
	}
	return name, suffix
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
	d := osaDistance(a, b, limit)
	switch {
	case d > limit:
		return ""
	case d == 1 && isAdjacentSwap(a, b):
		return ReasonTransposition
	}
	return ReasonEditDistance
}

// osaDistance is the optimal-string-alignment (restricted Damerau–Levenshtein)
// distance of a and b, or limit+1 when it exceeds limit.
func osaDistance(a, b []rune, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit+1)
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

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
