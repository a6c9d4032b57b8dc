package checks

import (
	"path"
	"strings"
)

// Audience is a named set of people (staff, pupils…) of the organisation,
// declared in the config: users in one of its org units (a path, or a path
// ending in "/**" for the unit and every unit below it), users and groups
// in one of its domains, and the members (nested ones too) of its groups.
type Audience struct {
	Name     string
	OrgUnits []string
	Domains  []string
	Groups   []string
}

// AudienceRule says that items of the From audience must never be
// reachable by the To audience.
type AudienceRule struct {
	From, To string
	// PersonalDataOnly limits the rule to items with a personal-data
	// signal: a school whose teachers share class materials with pupils
	// on purpose still hears of rosters and guidance records.
	PersonalDataOnly bool
}

// audienceIndex is the prepared form of the Env's audience policy.
type audienceIndex struct {
	byName map[string]*audienceSet
	rules  []AudienceRule
}

// audienceSet is one audience resolved against the directory.
type audienceSet struct {
	a       Audience
	domains map[string]bool // its configured domains (matched exactly)
	groups  map[string]bool // its configured groups
	users   map[string]bool // every user it holds (org unit, domain, group)
	// userDomains are the domains its users (by org unit or group) have:
	// a domain grant there reaches them.
	userDomains map[string]bool
}

func newAudienceIndex(e *Env) *audienceIndex {
	if len(e.AudienceRules) == 0 {
		return nil
	}
	ix := &audienceIndex{byName: map[string]*audienceSet{}, rules: e.AudienceRules}
	for _, a := range e.Audiences {
		s := &audienceSet{a: a, domains: domainSet(a.Domains), groups: lowerSet(a.Groups), users: map[string]bool{}, userDomains: map[string]bool{}}
		for u, ou := range e.UserOrgUnits {
			if inOrgUnit(ou, a.OrgUnits) || s.domains[normDomain(domainOfAddress(u))] {
				s.users[u] = true
			}
		}
		for g := range s.groups {
			for _, u := range e.GroupUsers[g] {
				s.users[u] = true
			}
		}
		for u := range s.users {
			s.userDomains[normDomain(domainOfAddress(u))] = true
		}
		ix.byName[strings.ToLower(a.Name)] = s
	}
	return ix
}

// holdsUser reports whether the audience holds the user address u. An
// audience's domains match exactly: a pupils' subdomain of the staff's
// domain (st.edu.example.jp under edu.example.jp) is not the staff's.
func (s *audienceSet) holdsUser(u string) bool {
	u = strings.ToLower(u)
	return s.users[u] || s.domains[normDomain(domainOfAddress(u))]
}

// inOrgUnit reports whether the org unit path ou matches one of patterns:
// "/a/b" matches only /a/b, "/a/**" matches /a and every unit below it.
func inOrgUnit(ou string, patterns []string) bool {
	if ou == "" {
		return false
	}
	ou = path.Clean("/" + ou)
	for _, p := range patterns {
		if base, ok := strings.CutSuffix(p, "/**"); ok {
			base = path.Clean("/" + base)
			if ou == base || base == "/" || strings.HasPrefix(ou, base+"/") {
				return true
			}
			continue
		}
		if ou == path.Clean("/"+p) {
			return true
		}
	}
	return false
}

func lowerSet(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		if x = strings.ToLower(strings.TrimSpace(x)); x != "" {
			m[x] = true
		}
	}
	return m
}

func domainOfAddress(email string) string {
	_, d, _ := strings.Cut(email, "@")
	return d
}

// protectedMembers returns the first rule's To audience that has users
// among the group's (nested) members who are not also of its From
// audience, with their number; "" when none has, or without rules.
func (ix *audienceIndex) protectedMembers(env *Env, group string) (to string, n int) {
	if ix == nil {
		return "", 0
	}
	group = strings.ToLower(group)
	for _, r := range ix.rules {
		from, toSet := ix.byName[strings.ToLower(r.From)], ix.byName[strings.ToLower(r.To)]
		if from == nil || toSet == nil {
			continue
		}
		for _, u := range env.GroupUsers[group] {
			if toSet.holdsUser(u) && !from.holdsUser(u) {
				n++
			}
		}
		if n > 0 || toSet.groups[group] {
			return toSet.a.Name, n
		}
	}
	return "", 0
}

// domainSharedWith returns the rule's audiences when the group belongs to a
// rule's From audience (it is one of its groups, or all its members are of
// it) and users of the rule's To audience share the group's domain: an
// "all in domain" setting then opens the group to them.
func (ix *audienceIndex) domainSharedWith(env *Env, group string) (from, to string, ok bool) {
	if ix == nil {
		return "", "", false
	}
	group = strings.ToLower(group)
	d := normDomain(domainOfAddress(group))
	for _, r := range ix.rules {
		fromSet, toSet := ix.byName[strings.ToLower(r.From)], ix.byName[strings.ToLower(r.To)]
		if fromSet == nil || toSet == nil {
			continue
		}
		users := env.GroupUsers[group]
		owned := fromSet.groups[group] || len(users) > 0
		for _, u := range users {
			owned = owned && fromSet.holdsUser(u)
		}
		if !owned || !toSet.userDomains[d] {
			continue
		}
		for u := range toSet.users {
			if normDomain(domainOfAddress(u)) == d && !fromSet.holdsUser(u) {
				return fromSet.a.Name, toSet.a.Name, true
			}
		}
	}
	return "", "", false
}
